/**
 * The left column: your company (cash, BTC, debt, NAV, market cap, revenue mix), your sites,
 * hardware, lease orders and holdings, contracts, loans, the market's hosting and buy-out offers,
 * the colocation providers, and the table of rivals. Row buttons (cancel, bid, withdraw) send at
 * once and show the server's answer in place; clicking a row opens its form for a custom bid.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { Action } from '../../../shared/rules/actions.js';
import type { Sender } from './ActionForm.js';
import { h, setChildren } from './dom.js';
import { playerColor, seatLetter } from './palette.js';
import { btc, compact, days, mw, usd } from '../util/format.js';
import { siteLoads } from '../core/derive.js';
import { t } from '../i18n/index.js';

export class CompanyPanel {
  readonly el: HTMLElement;
  private readonly body = h('div', { testid: 'company' });
  private readonly status = h('div', { class: 'status', testid: 'status-company' });
  onSelect: (formId: string, values: Record<string, string>) => void = () => undefined;

  constructor(private readonly sender: Sender, private readonly enabled: boolean) {
    this.el = h('div', { class: 'side left', testid: 'company-panel' }, this.body, this.status);
    this.body.addEventListener('click', (e) => {
      const btn = (e.target as HTMLElement).closest('button[data-action]') as HTMLButtonElement | null;
      if (btn) void this.act(JSON.parse(btn.dataset.action ?? '{}') as Action);
      const sel = (e.target as HTMLElement).closest('[data-form]') as HTMLElement | null;
      if (sel && !btn) this.onSelect(sel.dataset.form ?? '', JSON.parse(sel.dataset.values ?? '{}') as Record<string, string>);
    });
  }

  private async act(action: Action): Promise<void> {
    if (!this.enabled) return;
    this.status.textContent = t('game.sending');
    this.status.className = 'status';
    const r = await this.sender(action);
    this.status.textContent = r.ok ? t('game.actionAccepted', { type: action.type }) : `${r.message} (${r.code})`;
    this.status.className = `status ${r.ok ? 'ok' : 'err'}`;
  }

  update(view: PlayerView): void {
    const me = view.me;
    const btnAct = (label: string, action: Action, cls = 'small') =>
      this.enabled ? h('button', { type: 'button', class: cls, 'data-action': JSON.stringify(action), testid: `act-${action.type}` }, label) : null;
    if (!me) {
      setChildren(this.body, h('h2', {}, t('game.spectating')), this.rivals(view));
      return;
    }
    const loads = siteLoads(view);
    const mine = view.sites.filter((s) => s.ownerId === view.playerId);
    const mix = me.revenueMiningUsdPerDay + me.revenueAiUsdPerDay;
    const miningShare = mix > 0 ? me.revenueMiningUsdPerDay / mix : 0;
    const models = new Map(view.catalogue.map((m) => [m.id, m.name]));
    setChildren(
      this.body,
      h('h2', {}, h('span', { class: 'swatch', style: `background:${playerColor(me.colorIndex)}` }), `${seatLetter(me.colorIndex)} · ${me.name}`, me.bankrupt ? h('span', { class: 'pill banned' }, t('game.restructured')) : null),
      h('div', { class: 'grid2 section' },
        h('span', {}, t('game.cash')), h('span', { class: 'v', testid: 'cash' }, usd(me.cashUsd)),
        h('span', {}, t('game.btc')), h('span', { class: 'v', testid: 'btc' }, btc(me.btc)),
        h('span', {}, t('game.debt')), h('span', { class: 'v' }, usd(me.debtUsd)),
        h('span', {}, t('game.nav')), h('span', { class: 'v', testid: 'nav' }, usd(me.navUsd)),
        h('span', {}, t('game.mcap')), h('span', { class: 'v', testid: 'mcap' }, usd(me.marketCapUsd)),
        h('span', {}, t('game.multiple')), h('span', { class: 'v' }, `${me.multiple.toFixed(2)}×`),
        h('span', {}, t('game.narrative')), h('span', { class: 'v' }, me.narrative),
        h('span', {}, t('game.sellMined')), h('span', { class: 'v' }, `${me.sellMinedPct}%`),
      ),
      h('div', { class: 'section' },
        h('h3', {}, t('game.revenue', { usd: usd(mix) })),
        h('div', { style: 'display:flex;height:0.8em;border-radius:4px;overflow:hidden;background:#0b1120', title: t('game.miningVsAi') },
          h('div', { style: `width:${(miningShare * 100).toFixed(1)}%;background:#E69F00` }),
          h('div', { style: `width:${mix > 0 ? ((1 - miningShare) * 100).toFixed(1) : 0}%;background:#009E73` })),
        h('div', { class: 'muted' }, t('game.revenueSplit', { mining: usd(me.revenueMiningUsdPerDay), ai: usd(me.revenueAiUsdPerDay) }))),
      list(t('game.sites'), mine.map((s) => {
        const load = loads.get(s.id);
        return h('div', { class: 'item', 'data-form': 'installHardware', 'data-values': JSON.stringify({ siteId: s.id }), testid: `my-site-${s.id}` },
          h('span', {}, `${s.id} ${s.name} · ${s.tier}${s.coloProviderId ? ` · ${t('game.coloRented', { usd: s.coloUsdPerKwMonth.toFixed(0), day: s.coloEndDay })}` : ''}`, h('br'), h('span', { class: 'muted' }, `${mw(load?.usedMw ?? 0)} / ${mw(s.energisedMw)}${s.buildingMw > 0 ? ` +${compact(s.buildingMw)} d${s.buildEtaDay}` : ''} · ${load?.asics ?? 0} ASIC · ${load?.gpus ?? 0} GPU`)),
          h('span', {}, s.status !== 'active' ? h('span', { class: `pill ${s.status}` }, s.status) : null, s.curtailedToday ? h('span', { class: 'pill curtailed' }, t('game.curtailed')) : null,
            view.regions.find((r) => r.id === s.regionId && r.miningBanUntilDay > view.day) && s.tier === 'mining' ? h('span', { class: 'pill banned' }, t('game.banned')) : null));
      })),
      list(t('game.hardware'), me.lots.map((l) => h('div', { class: 'item', 'data-form': 'installHardware', 'data-values': JSON.stringify({ lotId: l.id }), testid: `lot-${l.id}` },
        h('span', {}, `${l.count}× ${models.get(l.modelId) ?? l.modelId}`, h('br'), h('span', { class: 'muted' }, l.status === 'ordered' ? t('game.arrives', { day: l.arrivesDay, in: days(l.arrivesDay - view.day) }) : `${l.status}${l.siteId ? ` @${l.siteId}` : ''}`)),
        h('span', { class: 'muted' }, l.id)))),
      list(t('game.leaseOrders'), me.leaseOrders.filter((o) => o.remaining > 0).map((o) => h('div', { class: 'item', testid: `my-order-${o.id}` },
        h('span', {}, `${o.side.toUpperCase()} ${o.remaining}/${o.quantity} @ $${o.priceUsdPerGpuHour.toFixed(2)}`),
        btnAct(t('game.cancel'), { type: 'cancelLeaseOrder', orderId: o.id })))),
      list(t('game.leases'), [...me.leasesIn.map((l) => ({ l, dir: 'in' })), ...me.leasesOut.map((l) => ({ l, dir: 'out' }))].map(({ l, dir }) =>
        h('div', { class: 'item' }, h('span', {}, `${t(dir === 'in' ? 'game.leasedIn' : 'game.leasedOut')} ${l.gpus} GPUs @ $${l.priceUsdPerGpuHour.toFixed(2)}`), h('span', { class: 'muted' }, `to d${l.endDay}`)))),
      list(t('game.contracts'), me.contracts.map((c) => h('div', { class: 'item' },
        h('span', {}, `${c.kind} · ${c.counterparty}`, h('br'), h('span', { class: 'muted' }, c.kind === 'tender' ? `${c.gpus} GPUs @ $${c.priceUsdPerGpuHour.toFixed(2)}/h` : `${compact(c.mw)} MW @ $${c.priceUsdPerKwMonth.toFixed(0)}/kW-mo`)),
        h('span', { class: 'muted' }, `to d${c.endDay}${c.penaltiesUsd > 0 ? ` · pen ${usd(c.penaltiesUsd)}` : ''}`)))),
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
        h('span', {}, `${p.name} · ${view.regions.find((r) => r.id === p.regionId)?.name ?? p.regionId}`, h('br'),
          h('span', { class: 'muted' }, t('game.coloTerms', { usd: p.usdPerKwMonth.toFixed(0), free: compact(p.availableMw), cap: compact(p.capacityMw), term: p.termDays, ready: p.readyDays })))))),
      this.rivals(view),
    );
  }

  private rivals(view: PlayerView): HTMLElement {
    const ranked = [...view.players].sort((a, b) => b.scoreMarketUsd - a.scoreMarketUsd);
    return h('div', { class: 'section' }, h('h3', {}, t('game.companies')),
      h('table', { testid: 'players-table' },
        h('tr', {}, h('th', {}, t('game.co')), h('th', { class: 'num', title: t('rank.stakeHelp') }, t('rank.stake')), h('th', { class: 'num' }, t('game.mcapShort')), h('th', { class: 'num' }, t('game.nav')), h('th', { class: 'num' }, '×')),
        ...ranked.map((p) => h('tr', { style: p.id === view.playerId ? 'background:#22304d' : '' },
          h('td', {}, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} ${p.name}${p.strategy ? t('rank.bot') : ''}`),
          h('td', { class: 'num' }, usd(p.scoreMarketUsd)), h('td', { class: 'num' }, usd(p.marketCapUsd)), h('td', { class: 'num' }, usd(p.navUsd)), h('td', { class: 'num' }, p.multiple.toFixed(2))))));
  }
}

function list(title: string, items: HTMLElement[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h('div', { class: 'section' }, h('h3', {}, `${title} (${items.length})`), h('div', { class: 'list' }, ...items));
}
