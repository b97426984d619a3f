/**
 * A student's way into a class: `/?join=CODE&key=KEY` (their personal link or QR code) or, where
 * the teacher admits guests, `/?join=CODE` (the projector's QR code) and a name.
 */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import { h, mount, setText } from '../ui/dom.js';
import { drawBackdrop } from '../ui/Backdrop.js';
import { t } from '../i18n/index.js';
import { linkKey } from '../classroom/links.js';

const NAME_KEY = 'bc.name';

export class ClassJoinScene extends Phaser.Scene {
  constructor() {
    super(SCENES.classJoin);
  }

  create(): void {
    const net = this.registry.get(REG.net) as NetworkService;
    const cleanup: (() => void)[] = [drawBackdrop(this)];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => cleanup.forEach((f) => f()));
    const params = new URLSearchParams(window.location.search);
    const key = (params.get('key') ?? '').trim();
    const code = h('input', { testid: 'class-code', maxlength: 12, value: (params.get('join') ?? '').toUpperCase(), dir: 'ltr', style: 'text-transform:uppercase;width:8em' });
    const name = h('input', { testid: 'class-name', maxlength: 40, value: localStorage.getItem(NAME_KEY) ?? '', placeholder: t('title.namePlaceholder') });
    const status = h('div', { class: 'status', testid: 'class-status' });
    // Came by the room code (title page, projector QR): a student can still paste their personal link here.
    const pasted = h('input', { testid: 'class-link-input', dir: 'ltr', autocomplete: 'off', placeholder: t('student.pastePlaceholder'), style: 'width:100%' });
    const keyOf = () => key || linkKey(pasted.value);
    const join = async () => {
      if (!code.value.trim()) return setText(status, t('title.enterCode'));
      // With a personal link the label names the seat; a guest needs a name.
      if (!keyOf() && !name.value.trim()) return setText(status, t('title.enterName'));
      setText(status, t('title.joining'));
      try {
        await net.joinSession(code.value, name.value, keyOf());
        localStorage.setItem(NAME_KEY, name.value.trim());
        this.scene.start(SCENES.lobby);
      } catch (e) {
        const message = (e as Error).message;
        setText(status, /admits only its students|label alone/.test(message) ? t('student.needLink') : t('title.joinFailed', { message }));
        status.className = 'status err';
      }
    };
    const card = h('div', { class: 'card', style: 'width:min(460px,96vw)', testid: 'class-join' },
      h('h2', {}, t('student.join')),
      h('div', { class: 'row' }, h('label', {}, t('student.code')), code),
      key ? h('div', { class: 'row', testid: 'class-key' }, h('label', {}, t('student.label')), h('span', { class: 'good' }, `✓ ${t('student.pick')}`))
        : h('div', { class: 'row' }, h('label', {}, t('student.label')), pasted),
      h('div', { class: 'row' }, h('label', {}, t('title.yourName')), name),
      h('div', { class: 'row' }, h('button', { class: 'primary', testid: 'class-join-button', onclick: () => void join() }, t('student.joinButton'))),
      status);
    cleanup.push(mount(card));
  }
}

