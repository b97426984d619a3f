/**
 * random: a noisy trader. Most days it does nothing; otherwise it draws one or two actions at
 * random from what its view allows (affordable sites and machines, its own lots and loans, open
 * tenders and offers), sized so the engine accepts them. The baseline every archetype should beat.
 */
import type { Action } from '../../rules/actions.js';
import type { PlayerView } from '../../rules/view.js';
import type { BotContext, Strategy } from '../types.js';
import {
  affordableListings, Budget, installStored, issuableUsd, LEASE_BLOCK_DAYS, mySites, offerSites, openOffers, orderForSite, releasedModels, round2,
  uncommittedH100,
  inLeaseBand,
} from '../helpers.js';

type Move = (view: PlayerView, budget: Budget, ctx: BotContext, out: Action[]) => void;

const MOVES: readonly Move[] = [
  (view, budget, ctx, out) => {
    const listings = affordableListings(view, budget, ctx.rng.chance(0.7) ? 'mining' : 'ai');
    if (listings.length && budget.cashUsd > 0) {
      const site = ctx.rng.pick(listings);
      if (budget.spend(site.listPriceUsd)) out.push({ type: 'buySite', siteId: site.id });
    }
  },
  (view, budget, ctx, out) => {
    const region = view.regions.length ? ctx.rng.pick(view.regions) : undefined;
    const tier = ctx.rng.chance(0.8) ? 'mining' : 'ai';
    const perMw = tier === 'mining' ? view.capex.miningUsdPerMw : view.capex.aiUsdPerMw;
    const mw = Math.floor(Math.min(ctx.rng.int(2, 30), (budget.cashUsd * 0.3) / Math.max(1, perMw)));
    if (region && mw >= 1 && budget.spend(mw * perMw)) out.push({ type: 'buildSite', regionId: region.id, tier, mw });
  },
  (view, budget, ctx, out) => {
    const sites = mySites(view).filter((s) => s.status === 'active' && budget.freeMw(s) > 0.1);
    if (!sites.length) return;
    const site = ctx.rng.pick(sites);
    const models = releasedModels(view, site.tier === 'ai' && ctx.rng.chance(0.7) ? 'gpu' : 'asic');
    if (models.length) orderForSite(view, budget, site, ctx.rng.pick(models), budget.cashUsd * ctx.rng.next() * 0.5, out);
  },
  (view, budget, _ctx, out) => installStored(view, budget, out),
  (view, _budget, ctx, out) => {
    const lots = (view.me?.lots ?? []).filter((l) => l.status !== 'ordered' && l.count > 0);
    if (lots.length && ctx.rng.chance(0.3)) {
      const lot = ctx.rng.pick(lots);
      out.push({ type: 'sellHardware', lotId: lot.id, count: Math.max(1, Math.floor(lot.count * ctx.rng.next())) });
    }
  },
  (view, _budget, ctx, out) => {
    out.push({ type: 'setTreasuryPolicy', sellMinedPct: ctx.rng.pick([0, 25, 50, 75, 100]) });
    const site = mySites(view).find((s) => s.status === 'active' && !(s.contract === 'ppa' && s.ppaUntilDay > view.day));
    if (site && ctx.rng.chance(0.5)) {
      out.push(ctx.rng.chance(0.5)
        ? { type: 'setPowerContract', siteId: site.id, contract: 'ppa' }
        : { type: 'setPowerContract', siteId: site.id, contract: 'index', curtailAboveUsdPerMwh: ctx.rng.int(40, 300) });
    }
  },
  (view, budget, ctx, out) => {
    const me = view.me;
    if (!me || view.world.btcUsd <= 0) return;
    if (ctx.rng.chance(0.5) && me.btc >= 0.01) {
      out.push({ type: 'tradeBtc', side: 'sell', amountBtc: Math.floor(me.btc * ctx.rng.next() * 1e6) / 1e6 || 0.01 });
    } else {
      const usd = budget.cashUsd * 0.05 * ctx.rng.next();
      const btc = Math.floor((usd / view.world.btcUsd) * 1e6) / 1e6;
      if (btc > 0 && budget.spend(btc * view.world.btcUsd * 1.01)) out.push({ type: 'tradeBtc', side: 'buy', amountBtc: btc });
    }
  },
  (view, budget, ctx, out) => {
    const spot = view.world.gpuRentUsdPerHour;
    if (spot <= 0) return;
    const price = inLeaseBand(view, spot * (0.6 + 0.8 * ctx.rng.next()));
    const free = uncommittedH100(view);
    if (free > 0 && ctx.rng.chance(0.5)) {
      out.push({ type: 'placeLeaseOrder', side: 'ask', quantity: ctx.rng.int(1, free), priceUsdPerGpuHour: price });
    } else {
      const qty = Math.min(100, Math.floor((budget.cashUsd * 0.02) / (price * 24 * LEASE_BLOCK_DAYS)));
      if (qty > 0 && budget.spend(qty * price * 24 * LEASE_BLOCK_DAYS)) out.push({ type: 'placeLeaseOrder', side: 'bid', quantity: qty, priceUsdPerGpuHour: price });
    }
  },
  (view, _budget, ctx, out) => {
    const mine = view.me?.leaseOrders.filter((o) => o.remaining > 0) ?? [];
    if (mine.length) out.push({ type: 'cancelLeaseOrder', orderId: ctx.rng.pick(mine).id });
  },
  (view, _budget, ctx, out) => {
    const free = uncommittedH100(view);
    const open = view.tenders.filter((t) => t.myBidUsdPerGpuHour === null && t.closesDay >= view.day && t.startDay >= view.day && t.gpus <= free);
    if (open.length) {
      const t = ctx.rng.pick(open);
      out.push({ type: 'bidTender', tenderId: t.id, priceUsdPerGpuHour: round2(Math.max(0.01, t.reservePriceUsdPerGpuHour * (0.7 + 0.3 * ctx.rng.next()))) });
    }
  },
  (view, _budget, ctx, out) => {
    const mine = view.offers.filter((o) => o.myBid !== null && o.closesDay > view.day);
    if (mine.length > 0 && ctx.rng.chance(0.3)) {
      out.push({ type: 'declineOffer', offerId: ctx.rng.pick(mine).id });
      return;
    }
    const offers = openOffers(view).filter((o) => offerSites(view, o).length > 0);
    if (!offers.length) return;
    const offer = ctx.rng.pick(offers);
    const site = ctx.rng.pick(offerSites(view, offer));
    const cut = 0.8 + 0.2 * ctx.rng.next();
    out.push(offer.kind === 'hosting'
      ? { type: 'acceptOffer', offerId: offer.id, siteId: site.id, priceUsdPerKwMonth: round2(offer.priceUsdPerKwMonth * cut) }
      : { type: 'acceptOffer', offerId: offer.id, siteId: site.id, priceUsdPerMw: Math.round(offer.buyoutUsdPerMw * cut) });
  },
  (view, budget, ctx, out) => {
    // Colocation: a little AI-ready space, sized so a month's rent is easily covered.
    const providers = view.colocation.filter((p) => p.availableMw >= 0.5 && view.day + p.readyDays < view.endDay);
    if (!providers.length) return;
    const p = ctx.rng.pick(providers);
    const mw = Math.min(p.availableMw, 0.5 * ctx.rng.int(1, 4));
    if (mw * 1000 * p.usdPerKwMonth * 2 < budget.cashUsd) out.push({ type: 'rentColocation', providerId: p.id, mw });
  },
  (view, _budget, ctx, out) => {
    const me = view.me;
    if (!me || me.contestPick || view.contest.resolveDay <= view.day) return;
    const stake = Math.floor(Math.min(view.contest.maxStakeUsd, me.cashUsd * 0.05) * ctx.rng.next());
    out.push({ type: 'contestPick', narrative: ctx.rng.chance(0.5) ? 'crypto' : 'ai', stakeUsd: stake });
  },
  (_view, _budget, ctx, out) => {
    out.push({ type: 'announceNarrative', narrative: ctx.rng.pick(['crypto', 'ai', 'none'] as const) });
  },
  (view, budget, ctx, out) => {
    const me = view.me;
    if (!me) return;
    const loan = me.loans[0];
    if (loan && ctx.rng.chance(0.5)) {
      const amount = Math.floor(Math.min(loan.principalUsdCents / 100, budget.cashUsd * 0.5));
      if (amount > 0 && budget.spend(amount)) out.push({ type: 'repayLoan', loanId: loan.id, amountUsd: amount });
    } else if (me.debtUsd < me.navUsd * 0.2) {
      const amount = Math.floor(me.navUsd * 0.1 * ctx.rng.next());
      if (amount >= 100_000) out.push({ type: 'takeLoan', amountUsd: amount, termDays: ctx.rng.int(90, 720) });
    }
  },
  (view, budget, ctx, out) => {
    const me = view.me;
    if (!me || me.marketCapUsd <= 0) return;
    if (ctx.rng.chance(0.5)) {
      const amountUsd = Math.floor(Math.min(me.marketCapUsd * 0.1 * ctx.rng.next(), issuableUsd(view)));
      if (amountUsd >= 1) out.push({ type: 'raiseEquity', amountUsd });
    } else {
      const amount = Math.floor(budget.cashUsd * 0.05 * ctx.rng.next());
      if (amount >= 1 && budget.spend(amount)) out.push({ type: 'buyback', amountUsd: amount });
    }
  },
];

export const random: Strategy = {
  name: 'random',
  description: 'Does something random but affordable on about one day in five.',
  decide(view, ctx) {
    if (!view.me || view.phase !== 'running' || !ctx.rng.chance(0.2)) return [];
    const out: Action[] = [];
    const budget = new Budget(view, 1_000_000);
    const moves = ctx.rng.int(1, 2);
    for (let i = 0; i < moves; i++) ctx.rng.pick(MOVES)(view, budget, ctx, out);
    return out;
  },
};
