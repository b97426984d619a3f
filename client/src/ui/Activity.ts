/**
 * My activity: an inbox of what happened to me (arrivals, energised sites, tender awards and
 * losses, offers, margin calls, contest results, fills, loans falling due) and the list of my open
 * orders and bids with their status. Fed by the match's events and views, so a replay has one too.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { GameEvent } from '../../../shared/rules/types.js';
import { h, setChildren } from './dom.js';
import { btc as fmtBtc, compact, dayLabel, usd } from '../util/format.js';
import { t, tWord } from '../i18n/index.js';

export interface InboxEntry {
  day: number;
  text: string;
  tone: 'good' | 'bad' | '';
}

const MAX_ENTRIES = 200;
const LOAN_DUE_WARN_DAYS = 7;

export class Activity {
  readonly el: HTMLElement;
  readonly entries: InboxEntry[] = [];
  private readonly inbox = h('div', { class: 'list inbox', testid: 'inbox' });
  private readonly open = h('div', { class: 'list', testid: 'open-orders' });
  /** Tenders I bid on while they were open (the view drops a tender once it is awarded). */
  private readonly myBids = new Map<string, { priceUsdPerGpuHour: number; gpus: number; days: number; lab: string }>();
  private readonly warnedLoans = new Set<string>();
  private readonly penalties = new Map<string, number>();
  private view: PlayerView | null = null;
  private seen = 0;
  /** Called with the unread count whenever it changes (the tab shows it). */
  onUnread: (n: number) => void = () => undefined;

  constructor() {
    this.el = h('div', { class: 'activity' },
      h('h3', {}, t('act.open')), this.open,
      h('h3', { style: 'margin-top:0.6em' }, t('act.inbox')), this.inbox);
    this.render();
  }

  private extra = 0;

  /** Something outside the inbox (a chat line) arrived: count it as unread until the tab is seen. */
  bump(): void {
    this.extra += 1;
    this.onUnread(this.entries.length - this.seen + this.extra);
  }

  /** The player has looked at the tab: everything so far is read. */
  markRead(): void {
    this.seen = this.entries.length;
    this.extra = 0;
    this.onUnread(0);
  }

  private add(day: number, text: string, tone: InboxEntry['tone'] = ''): void {
    this.entries.push({ day, text, tone });
    if (this.entries.length > MAX_ENTRIES) {
      this.entries.shift();
      this.seen = Math.max(0, this.seen - 1);
    }
  }

  onEvents(events: readonly GameEvent[], view: PlayerView | null): void {
    const me = view?.playerId;
    if (!view || !me) return;
    const before = this.entries.length;
    const models = new Map(view.catalogue.map((m) => [m.id, m.name]));
    for (const e of events) {
      switch (e.type) {
        case 'hardwareArrived': {
          if (e.playerId !== me) break;
          const lot = view.me?.lots.find((l) => l.id === e.lotId);
          const what = lot ? `${compact(lot.count)} × ${models.get(lot.modelId) ?? lot.modelId}` : e.lotId;
          // The event arrives before the view catches up: a lot still "ordered" here may be installed already.
          const site = lot?.siteId ?? null;
          this.add(e.day, site ? t('act.arrivedAt', { what, lot: e.lotId, site }) : t('act.arrived', { what, lot: e.lotId }), 'good');
          break;
        }
        case 'siteEnergised':
          if (e.playerId === me) this.add(e.day, t('act.energised', { site: e.siteId }), 'good');
          break;
        case 'tenderAwarded': {
          const bid = this.myBids.get(e.tenderId);
          if (!bid) break;
          this.myBids.delete(e.tenderId);
          if (e.playerId === me) this.add(e.day, t('act.tenderWon', { tender: e.tenderId, lab: bid.lab, price: e.priceUsdPerGpuHour.toFixed(2), gpus: bid.gpus, days: bid.days }), 'good');
          else this.add(e.day, e.playerId ? t('act.tenderLost', { tender: e.tenderId, mine: bid.priceUsdPerGpuHour.toFixed(2), price: e.priceUsdPerGpuHour.toFixed(2) }) : t('act.tenderVoid', { tender: e.tenderId }), 'bad');
          break;
        }
        case 'offer':
          // Offers go to the whole market now: every company may bid.
          this.add(e.day, t(e.kind === 'hosting' ? 'act.offerHosting' : 'act.offerBuyout', { offer: e.offerId }), '');
          break;
        case 'marginCall':
          if (e.playerId === me) this.add(e.day, t('act.marginCall', { loan: e.loanId }), 'bad');
          break;
        case 'bankrupt':
          if (e.playerId === me) this.add(e.day, t('act.bankrupt'), 'bad');
          break;
        case 'leaseTrade':
          if (e.buyerId === me || e.sellerId === me) this.add(e.day, t(e.buyerId === me ? 'act.leaseBought' : 'act.leaseSold', { qty: e.quantity, price: e.priceUsdPerGpuHour.toFixed(2) }), 'good');
          break;
        case 'contestResolved': {
          const payout = e.result.payouts[me];
          this.add(e.day, payout === undefined
            ? t('act.contestNoPick', { round: e.result.round, winner: tWord(e.result.winner) })
            : t(payout > 0 ? 'act.contestWon' : 'act.contestLost', { round: e.result.round, winner: tWord(e.result.winner), usd: usd(payout / 100) }), payout === undefined ? '' : payout > 0 ? 'good' : 'bad');
          break;
        }
        case 'mined':
          break;
        case 'halving':
          this.add(e.day, t('act.halving', { subsidy: fmtBtc(e.subsidyBtc) }), '');
          break;
        // Shown elsewhere (banners, the news ticker, panels) or too frequent for the log.
        case 'actionApplied':
        case 'contestPayout':
        case 'leaseIncome':
        case 'leaseOrderCancelled':
        case 'marketEvent':
        case 'matchEnded':
        case 'news':
        case 'offerAwarded':
        case 'retarget':
        case 'tenderPosted':
          break;
      }
    }
    if (this.entries.length !== before) {
      this.onUnread(this.entries.length - this.seen + this.extra);
      this.render();
    }
  }

  update(view: PlayerView): void {
    this.view = view;
    for (const tender of view.tenders) {
      if (tender.myBidUsdPerGpuHour !== null) this.myBids.set(tender.id, { priceUsdPerGpuHour: tender.myBidUsdPerGpuHour, gpus: tender.gpus, days: tender.days, lab: tender.lab });
    }
    const before = this.entries.length;
    // Penalties have no event of their own: a contract's running total that grows is a shortfall today.
    for (const c of view.me?.contracts ?? []) {
      const was = this.penalties.get(c.id);
      if (was !== undefined && c.penaltiesUsd > was) this.add(view.day, t('act.penalty', { contract: c.id, counterparty: c.counterparty, usd: usd(c.penaltiesUsd - was) }), 'bad');
      this.penalties.set(c.id, c.penaltiesUsd);
    }
    for (const loan of view.me?.loans ?? []) {
      if (loan.dueDay - view.day <= LOAN_DUE_WARN_DAYS && !this.warnedLoans.has(loan.id)) {
        this.warnedLoans.add(loan.id);
        this.add(view.day, t('act.loanDue', { loan: loan.id, day: loan.dueDay, usd: usd(loan.principalUsdCents / 100) }), 'bad');
      }
    }
    if (this.entries.length !== before) this.onUnread(this.entries.length - this.seen + this.extra);
    this.render();
  }

  private render(): void {
    const v = this.view;
    const rows: HTMLElement[] = [];
    const item = (text: string, status: string, testid: string) => h('div', { class: 'item', testid }, h('span', {}, text), h('span', { class: 'muted' }, status));
    if (v?.me) {
      for (const o of v.me.leaseOrders) {
        const status = o.remaining === 0 ? t('st.filled') : o.remaining < o.quantity ? t('st.partly', { done: o.quantity - o.remaining, qty: o.quantity }) : t('st.open');
        rows.push(item(`${o.id} · ${t(o.side === 'bid' ? 'st.bid' : 'st.ask')} ${o.quantity} @ $${o.priceUsdPerGpuHour.toFixed(2)}`, status, `open-${o.id}`));
      }
      for (const tender of v.tenders) {
        if (tender.myBidUsdPerGpuHour !== null) rows.push(item(`${tender.id} · ${tender.lab} · ${tender.gpus} GPUs × ${tender.days}d`, t('st.sealed', { price: tender.myBidUsdPerGpuHour.toFixed(2), day: tender.closesDay }), `open-${tender.id}`));
      }
      const models = new Map(v.catalogue.map((m) => [m.id, m.name]));
      for (const lot of v.me.lots) {
        if (lot.status === 'ordered') rows.push(item(`${lot.id} · ${compact(lot.count)} × ${models.get(lot.modelId) ?? lot.modelId}`, t('st.arrives', { day: lot.arrivesDay }), `open-${lot.id}`));
      }
      for (const s of v.sites) {
        if (s.ownerId === v.playerId && s.buildingMw > 0) rows.push(item(`${s.id} · +${compact(s.buildingMw)} MW`, t('st.energises', { day: s.buildEtaDay }), `open-${s.id}`));
      }
      for (const o of v.offers) {
        if (o.myBid) rows.push(item(`${o.id} · ${o.kind} · ${o.tenant}`, t('st.offerBid', { day: o.closesDay }), `open-${o.id}`));
      }
      if (v.me.contestPick) rows.push(item(t('st.pick', { round: v.contest.round, narrative: v.me.contestPick.narrative, usd: usd(v.me.contestPick.stakeUsd) }), t('st.resolves', { day: v.contest.resolveDay }), 'open-contest'));
    }
    setChildren(this.open, ...(rows.length ? rows : [h('div', { class: 'item muted' }, t('act.noneOpen'))]));
    setChildren(this.inbox, ...(this.entries.length
      ? [...this.entries].reverse().slice(0, 60).map((e, i) => h('div', { class: `item ${e.tone}`, testid: i === 0 ? 'inbox-latest' : undefined }, h('span', {}, e.text), h('span', { class: 'muted' }, dayLabel(e.day))))
      : [h('div', { class: 'item muted' }, t('act.empty'))]));
  }
}
