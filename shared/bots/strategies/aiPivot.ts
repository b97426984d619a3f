/**
 * ai-pivot: the 2024 miner-turned-neocloud. Gets ai-tier MW (colocation space first, as the
 * neoclouds did; an ai listing, a retrofit of a mining site — gladly with a tenant paying part of
 * it — or a greenfield build), fills it with the best
 * GPUs per dollar, bids NPC lab tenders above its power cost, offers idle GPUs on the lease book,
 * sells mined BTC, and funds the pivot with equity while the crowd pays for an AI story.
 */
import type { Action } from '../../rules/actions.js';
import type { PlayerView } from '../../rules/view.js';
import type { Strategy } from '../types.js';
import {
  announce, bidTenders, borrow, Budget, contestPick, every, gpuPowerUsdPerHour, inLeaseBand, installStored, mySites, offerSites,
  openOffers, powerReserveUsd, raiseEquity, round2, tideTreasury, treasuryPolicy, trend, uncommittedH100,
} from '../helpers.js';
import { acquireAiMw, fillGpus, freeAiMw, houseGpus, rentColo } from '../plays.js';

/** Hosting offers that fund at least this share of a retrofit are the Core Scientific path. */
const MIN_FUNDED_PCT = 50;
/** Bids undercut the tenant's most by this share: offers are sealed-bid, lowest rent wins. */
const OFFER_UNDERCUT = 0.04;

/** Bids the hosting offers a mining site of ours can take with a tenant funding most of the retrofit. */
function bidOffers(view: PlayerView, budget: Budget, out: Action[]): void {
  for (const offer of openOffers(view)) {
    if (offer.kind !== 'hosting' || offer.retrofitFundedPct < MIN_FUNDED_PCT) continue;
    // Only mining halls: a tenant in our ai MW would evict our own GPUs.
    const site = offerSites(view, offer).find((s) => s.tier === 'mining');
    if (!site) continue;
    const ownShareUsd = view.capex.retrofitUsdPerMw * offer.mw * (1 - offer.retrofitFundedPct / 100);
    if (!budget.spend(ownShareUsd)) continue;
    out.push({ type: 'acceptOffer', offerId: offer.id, siteId: site.id, priceUsdPerKwMonth: round2(offer.priceUsdPerKwMonth * (1 - OFFER_UNDERCUT)) });
  }
}

/**
 * When its ai MW is full (or GPUs wait in storage), adds MW: more colocation space when its
 * largest hall is rented, else an expansion of its largest owned ai site.
 */
function growAiSite(view: PlayerView, budget: Budget, day: number, out: Action[]): void {
  const active = mySites(view).filter((s) => s.tier === 'ai' && s.status === 'active');
  if (active.length === 0 || active.some((s) => budget.freeMw(s) > 0.5) || mySites(view).some((s) => s.tier === 'ai' && s.status === 'building')) return;
  const owned = active.filter((s) => !s.coloProviderId).sort((a, b) => b.energisedMw - a.energisedMw)[0];
  if (!owned) {
    rentColo(view, budget, 0.85, out);
    return;
  }
  if (owned.buildingMw > 0) return;
  const region = view.regions.find((r) => r.id === owned.regionId);
  if (!region || day + view.capex.aiBuildDays + region.gridQueueDays > view.endDay - 30) {
    rentColo(view, budget, 0.85, out);
    return;
  }
  const mw = Math.floor(Math.min(20, (budget.cashUsd * 0.5) / view.capex.aiUsdPerMw));
  if (mw >= 1 && budget.spend(mw * view.capex.aiUsdPerMw)) out.push({ type: 'expandSite', siteId: owned.id, mw });
}

export const aiPivot: Strategy = {
  name: 'ai-pivot',
  description: 'Retrofits or builds ai-tier MW, buys GPUs, bids lab tenders, raises equity on AI hype.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    if (tideTreasury(view, ctx, powerReserveUsd(view, 30), out)) return out;
    treasuryPolicy(view, 100, out);
    announce(view, 'ai', out);
    const reserve = powerReserveUsd(view, 30);
    const budget = new Budget(view, reserve);
    bidOffers(view, budget, out);
    installStored(view, budget, out);
    houseGpus(view, budget, out);
    let shortOfCash = false;
    if (!mySites(view).some((s) => s.tier === 'ai') && every(ctx, 'acquire', 5)) shortOfCash = !acquireAiMw(view, budget, out);
    const ordered = fillGpus(view, budget, 0.9, out);
    growAiSite(view, budget, ctx.day, out);
    if (ordered === 0 && freeAiMw(view, budget) > 1) shortOfCash = true;
    if (shortOfCash) {
      // The crowd funds AI stories: sell it stock while it pays at least book value, else borrow.
      if (me.multiple >= 0.9 && every(ctx, 'equity', 60) && raiseEquity(view, Math.min(me.marketCapUsd * 0.25, 200_000_000), out)) {
        // funded by the crowd
      } else if (me.debtUsd < me.navUsd * 0.2 && every(ctx, 'loan', 90)) {
        borrow(view, me.navUsd * 0.2, 720, out);
      }
    }
    const region = mySites(view).find((s) => s.tier === 'ai')?.regionId ?? view.regions[0]?.id ?? '';
    const floor = Math.max(0.5, gpuPowerUsdPerHour(view, region));
    bidTenders(view, floor, 0.05, out);
    // Idle GPUs earn spot anyway; lock in 30 days on the lease book when rent is sliding (a little
    // under spot), else ask a premium.
    const idle = uncommittedH100(view);
    const spot = view.world.gpuRentUsdPerHour;
    const rentTrend = trend(ctx, 'rentEma', spot);
    if (idle >= 8 && spot > floor && !me.leaseOrders.some((o) => o.side === 'ask' && o.remaining > 0) && every(ctx, 'ask', 10)) {
      const price = Math.max(floor * 1.05, spot * (rentTrend < -0.02 ? 0.97 : 1.05));
      out.push({ type: 'placeLeaseOrder', side: 'ask', quantity: Math.floor(idle / 2), priceUsdPerGpuHour: inLeaseBand(view, price) });
    }
    contestPick(view, 'ai', Math.min(1_000_000, me.cashUsd * 0.02), out);
    return out;
  },
};
