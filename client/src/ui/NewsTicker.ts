/** The news ticker along the bottom: the latest headlines from the view's news, newest first. */
import type { PlayerView } from '../../../shared/rules/view.js';
import { h, setChildren } from './dom.js';
import { lang, newsLine, t } from '../i18n/index.js';

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
    const shown = items.length
      ? items.map((n) => {
        const line = newsLine(n.kind, n.headline);
        // A line no catalog translates is a teacher's own words: shown as typed.
        return newsItem(n.kind, n.date, line, lang() !== 'en' && line === n.headline);
      })
      : [newsItem('info', view.date, t('news.open'), false)];
    setChildren(this.track, ...shown);
    // Restart the scroll so the newest headline is seen first.
    this.track.style.animation = 'none';
    void this.track.offsetWidth;
    this.track.style.animation = '';
  }
}

/** A headline in the active language, isolated (`<bdi>`); one no catalog translates is marked as the teacher's own words. */
export function newsText(kind: string, headline: string): HTMLElement {
  const line = newsLine(kind, headline);
  return h('bdi', { dir: 'auto', 'data-user-text': lang() !== 'en' && line === headline }, line);
}

/** One headline: its date, and the line isolated (`<bdi>`) so a Latin headline keeps its punctuation in Arabic. */
export function newsItem(kind: string, date: string, line: string, userText: boolean): HTMLElement {
  return h('span', { class: 'item', 'data-kind': kind }, h('b', {}, date), h('bdi', { dir: 'auto', 'data-user-text': userText }, line));
}
