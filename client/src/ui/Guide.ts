/**
 * The guided first match: a card that walks a newcomer through one mining decision (buy a site,
 * order ASICs) and one AI decision (a bid for H100 capacity on the lease market) with the real
 * forms, waits for each to be accepted (read from the view, not from clicks), then lets go.
 * The host's clock stays paused until the newcomer resumes it.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import { h, setChildren } from './dom.js';
import { t } from '../i18n/index.js';
import type { MessageKey } from '../i18n/en.js';

export const GUIDE_KEY = 'bc.guide';

interface Step {
  id: string;
  text: MessageKey;
  /** A selector to highlight (what to click next). */
  target?: string;
  /** The step is done when this holds for the view (an accepted action shows up in the view). */
  done?: (v: PlayerView, paused: boolean) => boolean;
}

const STEPS: Step[] = [
  { id: 'welcome', text: 'guide.welcome', target: '[data-testid=goal-line]' },
  { id: 'numbers', text: 'guide.numbers', target: '[data-testid=topbar]' },
  { id: 'site', text: 'guide.site', target: '[data-testid=form-buySite]', done: (v) => v.sites.some((s) => s.ownerId === v.playerId) },
  { id: 'asics', text: 'guide.asics', target: '[data-testid=form-orderHardware]', done: (v) => (v.me?.lots ?? []).some((l) => v.catalogue.find((m) => m.id === l.modelId)?.kind === 'asic') },
  { id: 'ai', text: 'guide.ai', target: '[data-testid=form-placeLeaseOrder]', done: (v) => (v.me?.leaseOrders ?? []).some((o) => o.side === 'bid') || (v.me?.leasesIn.length ?? 0) > 0 },
  { id: 'resume', text: 'guide.resume', target: '[data-testid=host-pause]', done: (_v, paused) => !paused },
  { id: 'free', text: 'guide.free', target: '[data-testid=tab-activity]' },
];

export function guideWanted(): boolean {
  try {
    return sessionStorage.getItem(GUIDE_KEY) === '1';
  } catch {
    return false;
  }
}

export class Guide {
  readonly el: HTMLElement;
  private i = 0;
  private highlighted: Element | null = null;
  private lastView: PlayerView | null = null;
  private paused = true;

  /** `show(tab)` opens the action tab a step needs (the card says which, the panel follows). */
  /** Called once the card is gone (the page below it moves up on a phone). */
  onClose: () => void = () => undefined;

  constructor(root: HTMLElement, private readonly openTab: (tab: string) => void) {
    this.el = h('div', { class: 'guide', testid: 'guide', role: 'dialog' });
    root.append(this.el);
    this.render();
  }

  update(view: PlayerView, paused: boolean): void {
    this.lastView = view;
    this.paused = paused;
    const step = STEPS[this.i];
    if (step?.done?.(view, paused)) this.next();
    else this.render();
  }

  private next(): void {
    this.i += 1;
    if (this.i >= STEPS.length) return this.finish();
    const tab = ({ site: 'sites', asics: 'hardware', ai: 'market', free: 'activity' } as Record<string, string>)[STEPS[this.i]?.id ?? ''];
    if (tab) this.openTab(tab);
    // A step may already be done (the player went ahead): check it against the last view.
    if (this.lastView) this.update(this.lastView, this.paused);
    else this.render();
  }

  finish(): void {
    try {
      sessionStorage.removeItem(GUIDE_KEY);
    } catch {
      // Storage may be off: the guide simply ends.
    }
    this.highlight(null);
    this.el.remove();
    this.onClose();
  }

  private highlight(sel: string | undefined | null): void {
    this.highlighted?.classList.remove('guide-target');
    this.highlighted = sel ? document.querySelector(sel) : null;
    this.highlighted?.classList.add('guide-target');
  }

  private render(): void {
    const step = STEPS[this.i];
    if (!step) return;
    this.highlight(step.target);
    const last = this.i === STEPS.length - 1;
    setChildren(this.el,
      h('div', { class: 'muted' }, t('guide.step', { n: this.i + 1, total: STEPS.length })),
      h('div', { testid: `guide-${step.id}` }, t(step.text)),
      h('div', { class: 'row' },
        !step.done ? h('button', { type: 'button', class: 'primary', testid: 'guide-next', onclick: () => (last ? this.finish() : this.next()) }, t(last ? 'guide.done' : 'guide.next')) : h('span', { class: 'muted' }, t('guide.waiting')),
        h('button', { type: 'button', class: 'small', testid: 'guide-skip', onclick: () => this.finish() }, t('guide.skip'))));
  }
}
