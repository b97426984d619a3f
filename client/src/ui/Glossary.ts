/**
 * The glossary behind every number: an element marked `data-gloss=<id>` shows, on hover, focus or
 * tap, what the figure is, its unit and (from `data-why`, set by the widget each day) why it moved.
 * One tooltip element serves the whole page.
 */
import { h } from './dom.js';
import { localDigits, t, tMaybe } from '../i18n/index.js';

export const GLOSS_IDS = [
  'date', 'day', 'btc', 'halving', 'contest', 'gw', 'compute', 'hype', 'status',
  'cash', 'btcHeld', 'debt', 'nav', 'mcap', 'multiple', 'narrative', 'sellMined', 'revenue', 'score',
  'hashprice', 'gpuRent', 'power',
] as const;
export type GlossId = (typeof GLOSS_IDS)[number];

/** Attributes that make an element a glossary entry (keyboard-focusable, so it works without a mouse). */
export function gloss(id: GlossId, why = ''): Record<string, string> {
  return { 'data-gloss': id, 'data-why': why, tabindex: '0' };
}

/** Sets the "why it moved today" line of a glossary element. */
export function setWhy(el: Element | null | undefined, why: string): void {
  if (el && el.getAttribute('data-why') !== why) el.setAttribute('data-why', why);
}

/** Today's change against the previous day's value, as a "why it moved" line. */
export function movedLine(prev: number | undefined, now: number, fmt: (v: number) => string, pct = true): string {
  if (prev === undefined || !Number.isFinite(prev)) return '';
  const d = now - prev;
  if (Math.abs(d) < 1e-9) return t('gloss.unchanged');
  const rel = pct && Math.abs(prev) > 1e-9 ? ` (${d >= 0 ? '+' : '−'}${Math.abs((100 * d) / Math.abs(prev)).toFixed(1)}%)` : '';
  return t('gloss.moved', { from: fmt(prev), to: fmt(now), change: `${d >= 0 ? '+' : '−'}${fmt(Math.abs(d))}${rel}` });
}

/** Remembers yesterday's figures, so each widget can say how far a number moved today. */
export class DayMemory {
  private day = -1;
  private today = new Map<string, number>();
  private yesterday = new Map<string, number>();

  /** Records `value` for `key` on `day` and returns the value it had on the previous day seen. */
  track(day: number, key: string, value: number): number | undefined {
    if (day !== this.day) {
      if (this.day >= 0) this.yesterday = this.today;
      this.today = new Map();
      this.day = day;
    }
    this.today.set(key, value);
    return this.yesterday.get(key);
  }
}

export class GlossaryTip {
  readonly el = h('div', { class: 'glosstip', role: 'tooltip', testid: 'gloss-tip', style: 'display:none' });
  private target: HTMLElement | null = null;
  private readonly offs: (() => void)[] = [];

  constructor(root: HTMLElement) {
    root.append(this.el);
    const find = (e: Event) => (e.target as HTMLElement | null)?.closest?.('[data-gloss]') as HTMLElement | null;
    const on = <K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void) => {
      document.addEventListener(type, fn, true);
      this.offs.push(() => document.removeEventListener(type, fn, true));
    };
    on('pointerover', (e) => { const el = find(e); if (el) this.show(el); });
    on('pointerout', (e) => { const el = find(e); if (el && el === this.target && !el.contains(e.relatedTarget as Node | null)) this.hide(); });
    on('focusin', (e) => { const el = find(e); if (el) this.show(el); });
    on('focusout', () => this.hide());
    // Touch screens: a tap on a number shows its entry, a tap elsewhere closes it.
    on('pointerdown', (e) => { if (e.pointerType !== 'mouse') { const el = find(e); if (el) this.show(el); else this.hide(); } });
  }

  private show(el: HTMLElement): void {
    const id = el.dataset.gloss ?? '';
    const what = tMaybe(`gloss.${id}`);
    if (!what) return;
    this.target = el;
    const why = el.dataset.why ?? '';
    this.el.replaceChildren(
      h('div', {}, localDigits(what)),
      h('div', { class: 'muted' }, localDigits(`${t('gloss.unit')}: ${tMaybe(`unit.${id}`) ?? '—'}`)),
      why ? h('div', { class: 'why' }, localDigits(why)) : '',
    );
    this.el.dataset.for = id;
    this.el.style.display = '';
    const r = el.getBoundingClientRect();
    const w = this.el.offsetWidth;
    const ht = this.el.offsetHeight;
    const left = Math.min(Math.max(4, r.left), window.innerWidth - w - 4);
    const below = r.bottom + 6;
    const top = below + ht > window.innerHeight - 4 ? Math.max(4, r.top - ht - 6) : below;
    this.el.style.left = `${left}px`;
    this.el.style.top = `${top}px`;
  }

  private hide(): void {
    this.target = null;
    this.el.style.display = 'none';
  }

  destroy(): void {
    for (const off of this.offs) off();
    this.el.remove();
  }
}
