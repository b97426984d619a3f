/** Session chat (when the teacher switched it on): the latest lines and, for students, a text box. */
import type { NetworkService } from '../net/NetworkService.js';
import type { ChatLine } from '../net/protocol.js';
import { h, setChildren, setText } from '../ui/dom.js';
import { t } from '../i18n/index.js';

const SHOWN = 8;

export class ChatBox {
  readonly el: HTMLElement;
  private readonly lines = h('div', { class: 'chatlines', testid: 'chat-lines' });
  private readonly status = h('div', { class: 'status', testid: 'chat-status' });
  private readonly off: () => void;

  private readonly form: HTMLElement;

  /** `canSend` is asked on every render: a student's `welcome` (which makes them a player) may arrive after the first state. */
  constructor(private readonly net: NetworkService, private readonly canSend: () => boolean) {
    const input = h('input', { testid: 'chat-input', maxlength: 280, dir: 'auto', placeholder: t('chat.placeholder'), style: 'flex:1;min-width:0' });
    this.form = h('form', { class: 'row', onsubmit: (e: Event) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      void net.command('chat', { text }).then((r) => {
        if (r.ok) input.value = '';
        setText(this.status, r.ok ? '' : r.message);
        this.status.className = `status ${r.ok ? '' : 'err'}`;
      });
    } }, input, h('button', { type: 'submit', class: 'small', testid: 'chat-send' }, t('chat.send')));
    this.el = h('div', { class: 'chatbox', testid: 'chat' }, h('h3', {}, t('chat.title')), this.lines, this.form, this.status);
    const offs = [net.bus.on('chat', () => this.render()), net.bus.on('view', () => this.render()), net.bus.on('room', () => this.render())];
    this.off = () => offs.forEach((f) => f());
    this.render();
  }

  private render(): void {
    this.form.style.display = this.canSend() ? '' : 'none';
    const recent: ChatLine[] = this.net.chat.slice(-SHOWN);
    setChildren(this.lines, ...recent.map((l) => h('div', { class: 'chatline' }, h('b', { dir: 'auto' }, l.name), ' ', h('span', { dir: 'auto' }, l.text))));
  }

  destroy(): void {
    this.off();
    this.el.remove();
  }
}
