/**
 * Chat and emotes in every match (classroom sessions keep their own box on the class card): the
 * latest lines, a text box and a row of emotes. Lines are plain text nodes (never HTML); the server
 * applies the classroom chat's schema and the room's rate limit, and the host may mute it.
 */
import type { NetworkService } from '../net/NetworkService.js';
import { h, setChildren, setText } from './dom.js';
import { t } from '../i18n/index.js';

const SHOWN = 30;
/** Glyphs every system font here has (DejaVu): no colour-emoji font is needed. */
export const EMOTES = Object.freeze(['★ nice', '☺ gg', '☹ ouch', '↑ moon', '↓ dump', '⚡ hodl']);

export class MatchChat {
  readonly el: HTMLElement;
  private readonly lines = h('div', { class: 'chatlines', testid: 'match-chat-lines' });
  private readonly status = h('div', { class: 'status', testid: 'match-chat-status' });
  private readonly off: () => void;
  /** Called for every line that arrives (the tab counts them as unread). */
  onLine: () => void = () => undefined;

  constructor(private readonly net: NetworkService) {
    const input = h('input', { testid: 'match-chat-input', maxlength: 280, dir: 'auto', placeholder: t('mchat.placeholder'), 'aria-label': t('mchat.placeholder'), style: 'flex:1;min-width:0' });
    const send = (text: string) => net.command('chat', { text }).then((r) => {
      if (r.ok && text === input.value.trim()) input.value = '';
      setText(this.status, r.ok ? '' : r.message);
      this.status.className = `status ${r.ok ? '' : 'err'}`;
    });
    const form = h('form', { class: 'row', onsubmit: (e: Event) => {
      e.preventDefault();
      const text = input.value.trim();
      if (text) void send(text);
    } }, input, h('button', { type: 'submit', class: 'small', testid: 'match-chat-send' }, t('chat.send')));
    const emotes = h('div', { class: 'row emotes' }, ...EMOTES.map((e, i) => h('button', { type: 'button', class: 'small', testid: `emote-${i}`, onclick: () => void send(e) }, e)));
    this.el = h('div', { class: 'chatbox', testid: 'match-chat' }, h('h3', {}, t('mchat.title')), this.lines, net.canAct ? form : null, net.canAct ? emotes : null, this.status);
    const offs = [net.bus.on('chat', () => { this.render(); this.onLine(); })];
    this.off = () => offs.forEach((f) => f());
    this.render();
  }

  private render(): void {
    setChildren(this.lines, ...this.net.chat.slice(-SHOWN).map((l) =>
      h('div', { class: `chatline${EMOTES.includes(l.text) ? ' emote' : ''}` }, h('b', { dir: 'auto' }, l.name), ' ', h('span', { dir: 'auto' }, l.text))));
    this.lines.scrollTop = this.lines.scrollHeight;
  }

  destroy(): void {
    this.off();
    this.el.remove();
  }
}
