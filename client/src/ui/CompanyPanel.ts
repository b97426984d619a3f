/**
 * The left column: your company (cash, BTC, debt, NAV, market cap, revenue mix), your sites,
 * hardware, lease orders and holdings, contracts, loans, the market's hosting and buy-out offers,
 * the colocation providers, and the table of rivals. Row buttons (cancel, bid, withdraw) send at
 * once and show the server's answer in place; clicking a row opens its form for a custom bid.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { Action } from '../../../shared/rules/actions.js';
import { showStatus, type Sender } from './ActionForm.js';
import { h, setChildren } from './dom.js';
import { playerColor, seatLetter } from './palette.js';
import { btc, compact, dayLabel, days, mw, usd } from '../util/format.js';
import { siteLoads } from '../core/derive.js';
import { lang, regionName, t, tWord } from '../i18n/index.js';
import type { MessageKey } from '../i18n/en.js';
import { DayMemory, gloss, movedLine, type GlossId } from './Glossary.js';
import { biggestNavMove, navBreakdown, scoreParts } from '../../../shared/rules/quotes.js';
import type { NavParts } from '../../../shared/economy/valuation.js';

export class CompanyPanel {
  readonly el: HTMLElement;
  private readonly body = h('div', { testid: 'company' });
  private readonly status = h('div', { class: 'status', testid: 'status-company' });
  onSelect: (formId: string, values: Record<string, string>) => void = () => undefined;
  private readonly memory = new DayMemory();
  private partsDay = -1;
  private partsToday: NavParts | null = null;
  private prevParts: NavParts | null = null;

  constructor(private readonly sender: Sender, private readonly enabled: boolean) {
    this.el = h('div', { class: 'side left', testid: 'company-panel' }, this.body, this.status);
    this.body.addEventListener('click', (e) => {
      const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
      if (btn) void this.act(JSON.parse(btn.dataset.action ?? '{}') as Action);
      const sel = (e.target as HTMLElement).closest<HTMLElement>('[data-form]');
      if (sel && !btn) this.onSelect(sel.dataset.form ?? '', JSON.parse(sel.dataset.values ?? '{}') as Record<string, string>);
    });
  }

  private async act(action: Action): Promise<void> {
    if (!this.enabled) return;
    showStatus(this.status, t('game.sending'), '');
    const r = await this.sender(action);
    showStatus(this.status, r.ok ? t('game.actionAccepted', { type: action.type }) : `${r.message} (${r.code})`, r.ok ? 'ok' : 'err');
  }

  update(view: PlayerView): void {
    const me = view.me;
    const btnAct = (label: string, action: Action, cls = 'small') =>
      this.enabled ? h('button', { type: 'button', class: cls, 'data-action': JSON.stringify(action), testid: `act-${action.type}` }, label) : null;
    if (!me) {
      setChildren(this.body, h('h2', {}, t('game.spectating')), this.goal(view), this.rivals(view));
      return;
    }
    const loads = siteLoads(view);
    const mine = view.sites.filter((s) => s.ownerId === view.playerId);
    const mix = me.revenueMiningUsdPerDay + me.revenueAiUsdPerDay;
    const miningShare = mix > 0 ? me.revenueMiningUsdPerDay / mix : 0;
    const models = new Map(view.catalogue.map((m) => [m.id, m.name]));
    const day = view.day;
    const m = this.memory;
    const why = (key: string, value: number, fmt: (v: number) => string = usd) => movedLine(m.track(day, key, value), value, fmt);
    const row = (id: GlossId, label: string, value: string, whyLine: string, testid?: string) => [
      h('span', gloss(id, whyLine), label), h('span', { class: 'v', testid }, value)];
    const parts = me.quotes?.navParts;
    const score = scoreParts(view);
    if (parts && this.partsDay !== day) {
      this.prevParts = this.partsToday;
      this.partsToday = parts;
      this.partsDay = day;
    }
    const moved = parts && this.prevParts ? biggestNavMove(this.prevParts, parts) : null;
    setChildren(
      this.body,
      h('h2', {}, h('span', { class: 'swatch', style: `background:${playerColor(me.colorIndex)}` }), `${seatLetter(me.colorIndex)} · ${me.name}`, me.bankrupt ? h('span', { class: 'pill banned' }, t('game.restructured')) : null),
      this.goal(view),
      h('div', { class: 'grid2 section' },
        ...row('cash', t('game.cash'), usd(me.cashUsd), why('cash', me.cashUsd), 'cash'),
        ...row('btcHeld', t('game.btc'), btc(me.btc), why('btc', me.btc, btc)),
        ...row('debt', t('game.debt'), usd(me.debtUsd), why('debt', me.debtUsd)),
        ...row('nav', t('game.nav'), usd(me.navUsd), why('nav', me.navUsd), 'nav'),
        ...row('mcap', t('game.mcap'), usd(me.marketCapUsd), why('mcap', me.marketCapUsd), 'mcap'),
        ...row('score', t('rank.stake'), `${usd(me.scoreMarketUsd)} · ${usd(me.scoreNavUsd)}`, t('game.stakeLine', { shares: compact(me.sharesOutstanding), issuable: compact(me.issuableShares), day: me.issuanceWindowEndsDay }), 'score'),
        ...row('multiple', t('game.multiple'), `${me.multiple.toFixed(2)}×`, why('multiple', me.multiple, (v) => `${v.toFixed(2)}×`)),
        ...row('narrative', t('game.narrative'), tWord(me.narrative), ''),
        ...row('sellMined', t('game.sellMined'), `${me.sellMinedPct}%`, ''),
      ),
      // The league table before the breakdown and holdings, so it stays in sight as holdings grow.
      this.rivals(view),
      score && parts ? h('div', { class: 'section navparts', testid: 'nav-breakdown' },
        h('h3', {}, t('nav.title')),
        h('div', { class: 'grid4' }, ...navBreakdown(parts).flatMap((p) => [h('span', { class: 'muted' }, t(`nav.${p.key}`)), h('span', { class: 'v' }, usd(p.usd))])),
        h('div', { class: 'muted', testid: 'mcap-formula' }, t('nav.mcapLine', { cash: usd(parts.cashUsd), business: usd(score.businessUsd), book: usd(score.bookUsd), multiple: score.multiple.toFixed(2), mcap: usd(score.marketCapUsd), eff: score.effectiveMultiple.toFixed(2) })),
        moved && Math.abs(moved.totalUsd) >= 1 ? h('div', { class: moved.totalUsd >= 0 ? 'good' : 'bad', testid: 'nav-why' }, t('nav.why', { total: `${moved.totalUsd >= 0 ? '+' : '−'}${usd(Math.abs(moved.totalUsd))}`, part: t(`nav.${moved.key}` as MessageKey), usd: `${moved.usd >= 0 ? '+' : '−'}${usd(Math.abs(moved.usd))}` })) : null) : null,
      h('div', { class: 'section' },
        h('h3', gloss('revenue'), t('game.revenue', { usd: usd(mix) })),
        h('div', { style: 'display:flex;height:0.8em;border-radius:4px;overflow:hidden;background:#0b1120', title: t('game.miningVsAi') },
          h('div', { style: `width:${(miningShare * 100).toFixed(1)}%;background:#E69F00` }),
          h('div', { style: `width:${mix > 0 ? ((1 - miningShare) * 100).toFixed(1) : 0}%;background:#009E73` })),
        h('div', { class: 'muted' }, t('game.revenueSplit', { mining: usd(me.revenueMiningUsdPerDay), ai: usd(me.revenueAiUsdPerDay) }))),
      list(t('game.sites'), mine.map((s) => {
        const load = loads.get(s.id);
        return h('div', { class: 'item', 'data-form': 'installHardware', 'data-values': JSON.stringify({ siteId: s.id }), testid: `my-site-${s.id}` },
          h('span', {}, `${s.id} ${s.name} · ${tWord(s.tier)}${s.coloProviderId ? ` · ${t('game.coloRented', { usd: s.coloUsdPerKwMonth.toFixed(0), day: s.coloEndDay })}` : ''}`, h('br'), h('span', { class: 'muted' }, `${mw(load?.usedMw ?? 0)} / ${mw(s.energisedMw)}${s.buildingMw > 0 ? ` +${compact(s.buildingMw)} ${dayLabel(s.buildEtaDay)}` : ''} · ${load?.asics ?? 0} ASIC · ${load?.gpus ?? 0} GPU`)),
          h('span', {}, s.status !== 'active' ? h('span', { class: `pill ${s.status}` }, tWord(s.status)) : null, s.curtailedToday ? h('span', { class: 'pill curtailed' }, t('game.curtailed')) : null,
            view.regions.find((r) => r.id === s.regionId && r.miningBanUntilDay > view.day) && s.tier === 'mining' ? h('span', { class: 'pill banned' }, t('game.banned')) : null));
      })),
      list(t('game.hardware'), me.lots.map((l) => h('div', { class: 'item', 'data-form': 'installHardware', 'data-values': JSON.stringify({ lotId: l.id }), testid: `lot-${l.id}` },
        h('span', {}, `${l.count}× ${models.get(l.modelId) ?? l.modelId}`, h('br'), h('span', { class: 'muted' }, l.status === 'ordered' ? t('game.arrives', { day: l.arrivesDay, in: days(l.arrivesDay - view.day) }) : `${tWord(l.status)}${l.siteId ? ` @${l.siteId}` : ''}`)),
        h('span', { class: 'muted' }, l.id)))),
      list(t('game.leaseOrders'), me.leaseOrders.filter((o) => o.remaining > 0).map((o) => h('div', { class: 'item', testid: `my-order-${o.id}` },
        h('span', {}, `${lang() === 'en' ? o.side.toUpperCase() : tWord(o.side)} ${o.remaining}/${o.quantity} @ $${o.priceUsdPerGpuHour.toFixed(2)}`),
        btnAct(t('game.cancel'), { type: 'cancelLeaseOrder', orderId: o.id })))),
      list(t('game.leases'), [...me.leasesIn.map((l) => ({ l, dir: 'in' })), ...me.leasesOut.map((l) => ({ l, dir: 'out' }))].map(({ l, dir }) =>
        h('div', { class: 'item' }, h('span', {}, `${t(dir === 'in' ? 'game.leasedIn' : 'game.leasedOut')} ${l.gpus} GPUs @ $${l.priceUsdPerGpuHour.toFixed(2)}`), h('span', { class: 'muted' }, t('game.toDay', { n: l.endDay }))))),
      list(t('game.contracts'), me.contracts.map((c) => h('div', { class: 'item' },
        h('span', {}, `${tWord(c.kind)} · ${c.counterparty}`, h('br'), h('span', { class: 'muted' }, c.kind === 'tender' ? `${c.gpus} GPUs @ $${c.priceUsdPerGpuHour.toFixed(2)}/h` : `${compact(c.mw)} MW @ $${c.priceUsdPerKwMonth.toFixed(0)}/kW-mo`)),
        h('span', { class: 'muted' }, `${t('game.toDay', { n: c.endDay })}${c.penaltiesUsd > 0 ? t('game.penaltyShort', { usd: usd(c.penaltiesUsd) }) : ''}`)))),
      list(t('game.loans'), me.loans.map((l) => h('div', { class: 'item', 'data-form': 'repayLoan', 'data-values': JSON.stringify({ loanId: l.id }) },
        h('span', {}, `${usd(l.principalUsdCents / 100)} @ ${l.ratePctYear.toFixed(1)}%`, h('br'), h('span', { class: l.marginCallDueDay > 0 ? 'bad' : 'muted' }, l.marginCallDueDay > 0 ? t('game.marginCall', { day: l.marginCallDueDay }) : t('game.due', { day: l.dueDay }))),
        h('span', { class: 'muted' }, l.id)))),
      list(t('game.offers'), view.offers.map((o) => h('div', { class: 'item', testid: `offer-${o.id}`, 'data-form': 'acceptOffer', 'data-values': JSON.stringify({ offerId: o.id }) },
        h('span', {}, `${t(o.kind === 'hosting' ? 'game.hosting' : 'game.buyout')} · ${o.tenant}`, h('br'),
          h('span', { class: 'muted' }, `${o.kind === 'hosting'
            ? t('game.offerHosting', { mw: compact(o.mw), usd: o.priceUsdPerKwMonth.toFixed(2), years: o.years, funded: o.retrofitFundedPct })
            : t('game.offerBuyout', { mw: compact(o.mw), usd: usd(o.buyoutUsdPerMw) })} · ${t('game.offerBids', { n: o.bidCount, day: o.closesDay })}`),
          o.myBid ? h('br') : null,
          o.myBid ? h('span', { class: 'ok' }, t('game.offerMyBid', { site: o.myBid.siteId, price: o.kind === 'hosting' ? `$${o.myBid.priceUsdPerKwMonth.toFixed(2)}/kW-mo` : `${usd(o.myBid.priceUsdPerMw)}/MW` })) : null),
        h('span', {}, o.myBid
          ? btnAct(t('game.withdraw'), { type: 'declineOffer', offerId: o.id })
          : btnAct(t('game.bid'), { type: 'acceptOffer', offerId: o.id }, 'small primary'))))),
      list(t('game.colocation'), view.colocation.map((p) => h('div', { class: 'item', testid: `colo-${p.id}`, 'data-form': 'rentColocation', 'data-values': JSON.stringify({ providerId: p.id }) },
        h('span', {}, `${p.name} · ${regionName(p.regionId, view.regions.find((r) => r.id === p.regionId)?.name ?? p.regionId)}`, h('br'),
          h('span', { class: 'muted' }, t('game.coloTerms', { usd: p.usdPerKwMonth.toFixed(0), free: compact(p.availableMw), cap: compact(p.capacityMw), term: p.termDays, ready: p.readyDays })))))),
    );
  }

  /** The goal in one line, and where the player stands on both rankings right now. */
  private goal(view: PlayerView): HTMLElement {
    const n = view.players.length;
    // Ranked by the headline score: the founders' stake at market and at NAV.
    const rank = (key: 'scoreMarketUsd' | 'scoreNavUsd') => 1 + view.players.filter((p) => p[key] > (view.me?.[key] ?? 0)).length;
    return h('div', { class: 'goal', testid: 'goal-line' },
      h('div', {}, t(view.me ? 'goal.line' : 'goal.spectator', { end: view.endDay })),
      view.me ? h('b', gloss('score'), t('goal.rank', { mcapRank: ordinal(rank('scoreMarketUsd')), navRank: ordinal(rank('scoreNavUsd')), n })) : null);
  }

  /** Class sessions: the company list starts folded on a phone (30 rows would push the lesson off screen). */
  private foldOnPhones = false;

  get foldRivalsOnPhones(): boolean {
    return this.foldOnPhones;
  }

  /** Also folds a list already on screen (drawn before the session's settings arrived), unless the reader chose. */
  set foldRivalsOnPhones(on: boolean) {
    this.foldOnPhones = on;
    const box = this.body.querySelector<HTMLDetailsElement>('[data-testid=players-details]');
    if (!box || this.rivalsOpen !== null) return;
    const open = !(on && window.matchMedia('(max-width: 700px)').matches);
    box.dataset.drawn = String(open);
    box.open = open;
  }
  /** The reader's own choice, once they opened or closed the list. */
  private rivalsOpen: boolean | null = null;

  private rivals(view: PlayerView): HTMLElement {
    const ranked = [...view.players].sort((a, b) => b.scoreMarketUsd - a.scoreMarketUsd);
    const open = this.rivalsOpen ?? !(this.foldRivalsOnPhones && window.matchMedia('(max-width: 700px)').matches);
    const box = h('details', { class: 'section rivals', testid: 'players-details', ...(open ? { open: true } : {}) },
      h('summary', {}, h('h3', { style: 'display:inline' }, `${t('game.companies')} (${ranked.length})`)));
    // A details element created open fires a toggle too: only a change from what was drawn is the reader's choice.
    box.dataset.drawn = String(open);
    box.addEventListener('toggle', () => { if (String(box.open) !== box.dataset.drawn) this.rivalsOpen = box.open; });
    box.append(
      h('table', { testid: 'players-table' },
        h('tr', {}, h('th', {}, t('game.co')), h('th', { class: 'num', ...gloss('score') }, t('rank.stake')), h('th', { class: 'num', ...gloss('nav') }, t('game.nav')), h('th', { class: 'num', ...gloss('multiple') }, '×')),
        ...ranked.map((p) => h('tr', { style: p.id === view.playerId ? 'background:#22304d' : '' },
          h('td', {}, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} ${p.name}${p.strategy ? t('rank.bot') : ''}`),
          // The founders' stake at market leads; the market cap behind it is one hover away.
          h('td', { class: 'num', title: `${t('game.mcapShort')} ${usd(p.marketCapUsd)}` }, usd(p.scoreMarketUsd)), h('td', { class: 'num' }, usd(p.navUsd)), h('td', { class: 'num' }, p.multiple.toFixed(2))))));
    return box;
  }
}

function list(title: string, items: HTMLElement[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h('div', { class: 'section' }, h('h3', {}, `${title} (${items.length})`), h('div', { class: 'list' }, ...items));
}

/** 1st, 2nd, 3rd… in English; the number alone elsewhere. */
export function ordinal(n: number): string {
  if (t('lang.name') !== 'English') return String(n);
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}
