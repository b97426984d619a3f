/** The news ticker along the bottom: the latest headlines from the view's news, newest first. */
import type { PlayerView } from '../../../shared/rules/view.js';
import { h, setChildren } from './dom.js';
import { t } from '../i18n/index.js';

export class NewsTicker {
  readonly el: HTMLElement;
  private readonly track = h('div', { class: 'track', testid: 'news' });
  private lastKey: string | null = null;

  constructor() {
    // The clip box stops scrolling headlines at the strip's start, where the language switch sits.
    this.el = h('div', { class: 'ticker' }, h('div', { class: 'clip' }, this.track));
  }

  update(view: PlayerView): void {
    const items = [...view.news].reverse().slice(0, 12);
    const key = items.map((n) => `${n.day}${n.headline}`).join('|');
    if (key === this.lastKey) return;
    this.lastKey = key;
    setChildren(this.track, ...(items.length ? items : [{ day: view.day, date: view.date, kind: 'info', headline: t('news.open') }]).map((n) =>
      h('span', { class: 'item' }, h('b', {}, n.date), h('span', { dir: 'auto' }, n.headline))));
    // Restart the scroll so the newest headline is seen first.
    this.track.style.animation = 'none';
    void this.track.offsetWidth;
    this.track.style.animation = '';
  }
}
