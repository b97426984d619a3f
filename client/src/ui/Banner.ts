/**
 * Big banners for the moments that change the game: halvings, pumps, crashes, bans, contest
 * results, the end. Triggered by events; de-duplicated so a replayed day does not repeat them.
 */
import type { GameEvent } from '../../../shared/rules/types.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import { h } from './dom.js';
import { format, lang, newsLine, t } from '../i18n/index.js';
import type { MessageKey } from '../i18n/en.js';

interface BannerSpec {
  kind: string;
  title: string;
  detail: string;
  color: string;
}

const KIND_STYLE: Record<string, { title: MessageKey; color: string }> = {
  halving: { title: 'banner.halving', color: '#E69F00' },
  pump: { title: 'banner.pump', color: '#009E73' },
  crash: { title: 'banner.crash', color: '#D55E00' },
  miningBan: { title: 'banner.miningBan', color: '#D55E00' },
  etfApproval: { title: 'banner.etfApproval', color: '#009E73' },
  aiBreakthrough: { title: 'banner.aiBreakthrough', color: '#0072B2' },
  openModelRelease: { title: 'banner.openModelRelease', color: '#CC79A7' },
  gpuGlut: { title: 'banner.gpuGlut', color: '#CC79A7' },
  heatwave: { title: 'banner.heatwave', color: '#D55E00' },
};

export function bannerFor(e: GameEvent, view: PlayerView | null): BannerSpec | null {
  switch (e.type) {
    case 'halving':
      return { kind: 'halving', title: t('banner.halving'), detail: t('banner.halvingDetail', { height: e.heightBlocks.toLocaleString(lang() === 'ar' ? 'ar-u-nu-latn' : 'en-US'), subsidy: e.subsidyBtc }), color: '#E69F00' };
    case 'marketEvent': {
      const style = KIND_STYLE[e.kind];
      return style ? { kind: e.kind, title: t(style.title), detail: newsLine(e.kind, e.headline), color: style.color } : null;
    }
    case 'contestResolved':
      return { kind: 'contest', title: t('banner.contest', { winner: lang() === 'en' ? e.result.winner.toUpperCase() : t(e.result.winner === 'ai' ? 'opt.ai' : 'opt.crypto') }), detail: t('banner.contestDetail', { round: e.result.round }), color: '#56B4E9' };
    case 'contestPayout':
      // Sent to the staker only: the public event carries no payouts.
      return view && e.playerId === view.playerId
        ? { kind: 'contest', title: t('banner.contestDetail', { round: e.round }).trim(), detail: t('banner.payout', { usd: format('{v:usd}', { v: Math.round(e.payoutUsdCents / 100) }) }).replace(/^ · /, ''), color: '#56B4E9' }
        : null;
    case 'bankrupt':
      return view && e.playerId === view.playerId ? { kind: 'bankrupt', title: t('banner.bankrupt'), detail: t('banner.bankruptDetail'), color: '#D55E00' } : null;
    case 'matchEnded':
      return { kind: 'ended', title: t('banner.ended'), detail: t('banner.endedDetail'), color: '#F0E442' };
    // A company's own business goes to the activity log, not a full-width banner.
    case 'actionApplied':
    case 'hardwareArrived':
    case 'leaseIncome':
    case 'leaseOrderCancelled':
    case 'leaseTrade':
    case 'marginCall':
    case 'mined':
    case 'news':
    case 'offer':
    case 'offerAwarded':
    case 'retarget':
    case 'siteEnergised':
    case 'tenderAwarded':
    case 'tenderPosted':
      return null;
  }
}

export class Banner {
  private el: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly seen = new Set<string>();
  private readonly seenNews = new Set<string>();
  /** Every banner shown, for tests and the debug hook. */
  readonly shown: string[] = [];

  constructor(private readonly host: HTMLElement) {}

  onEvents(events: readonly GameEvent[], view: PlayerView | null): void {
    for (const e of events) {
      const spec = bannerFor(e, view);
      if (spec) this.show(spec, `${e.type}:${e.day}:${spec.kind}`);
    }
  }

  /** Servers that do not forward events still put halvings and shocks in the news. */
  onNews(view: PlayerView): void {
    for (const n of view.news) {
      const key = `${n.day}:${n.kind}:${n.headline}`;
      if (this.seenNews.has(key)) continue;
      this.seenNews.add(key);
      if (n.day < view.day - 2) continue;
      const style = KIND_STYLE[n.kind];
      if (style) this.show({ kind: n.kind, title: t(style.title), detail: newsLine(n.kind, n.headline), color: style.color }, `news:${n.day}:${n.kind}`);
    }
  }

  private queue: BannerSpec[] = [];

  private show(spec: BannerSpec, key: string): void {
    const dayKind = key.replace(/^[^:]+:/, '');
    if (this.seen.has(dayKind)) return;
    this.seen.add(dayKind);
    this.shown.push(spec.kind);
    // Queued rather than replaced, so a halving is not wiped by the fee spike of the same day.
    if (this.queue.length < 4) this.queue.push(spec);
    if (!this.el) this.next();
  }

  private next(): void {
    const spec = this.queue.shift();
    this.el?.remove();
    this.el = null;
    if (!spec) return;
    this.el = h('div', { class: 'banner', testid: `banner-${spec.kind}`, style: `background:${spec.color};color:#0b1120` }, spec.title, h('small', { dir: 'auto' }, spec.detail));
    this.host.append(this.el);
    this.timer = setTimeout(() => this.next(), this.queue.length ? 3000 : 4000);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.el?.remove();
  }
}
