/**
 * The connection status while the server is out of reach. Fixed to the viewport (a scrolled phone
 * page once put it at y = −629), it says how long the outage has lasted; the network service keeps
 * trying by itself, so the only button is for leaving on purpose.
 */
import type { ConnectionState } from '../core/MatchFeed.js';
import { h } from './dom.js';
import { t } from '../i18n/index.js';

export class ReconnectOverlay {
  readonly el: HTMLElement;
  private readonly text = h('div', { testid: 'reconnect-status' });
  private readonly elapsed = h('div', { class: 'muted', testid: 'reconnect-elapsed' });
  private timer: ReturnType<typeof setInterval> | null = null;
  private state: ConnectionState = 'offline';

  /** `since`: when the outage began (ms since epoch; 0 = unknown). */
  constructor(onGiveUp: () => void, private readonly since: () => number = () => 0) {
    this.el = h('div', { class: 'conn-status', testid: 'reconnect-overlay', role: 'status', 'aria-live': 'polite', style: 'display:none' },
      h('div', { class: 'conn-box' }, this.text, this.elapsed, h('button', { type: 'button', onclick: onGiveUp }, t('reconnect.back'))));
  }

  update(state: ConnectionState): void {
    this.state = state;
    const shown = state === 'reconnecting' || state === 'lost';
    this.el.style.display = shown ? '' : 'none';
    this.el.dataset.state = state;
    this.render();
    if (shown && !this.timer) this.timer = setInterval(() => this.render(), 1000);
    if (!shown) this.stop();
  }

  /** Stops the clock (the scene is going away). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private render(): void {
    this.text.textContent = t(this.state === 'reconnecting' ? 'reconnect.trying' : 'reconnect.failed');
    const since = this.since();
    const seconds = since > 0 ? Math.max(0, Math.round((Date.now() - since) / 1000)) : 0;
    this.elapsed.textContent = this.state === 'reconnecting' && seconds > 0 ? t('reconnect.elapsed', { seconds }) : '';
  }
}
