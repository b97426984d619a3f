/** Covers the screen while the connection is down; the network service reconnects by itself. */
import type { ConnectionState } from '../core/MatchFeed.js';
import { h } from './dom.js';
import { t } from '../i18n/index.js';

export class ReconnectOverlay {
  readonly el: HTMLElement;
  private readonly text = h('div', {});

  constructor(onGiveUp: () => void) {
    this.el = h('div', { class: 'overlay', testid: 'reconnect-overlay', style: 'display:none' }, this.text,
      h('button', { type: 'button', onclick: onGiveUp }, t('reconnect.back')));
  }

  update(state: ConnectionState): void {
    this.el.style.display = state === 'reconnecting' || state === 'lost' ? '' : 'none';
    this.text.textContent = t(state === 'reconnecting' ? 'reconnect.trying' : 'reconnect.failed');
  }
}
