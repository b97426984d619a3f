/**
 * power-landlord: energised MW is the scarce asset. Buys cheap mining MW, mines while it waits,
 * leases MW to hyperscale tenants when their rent beats mining, and sells a whole site when a
 * buyer pays a premium over the market.
 */
import type { Action } from '../../rules/actions.js';
import type { PlayerView, PublicOffer } from '../../rules/view.js';
import type { Strategy } from '../types.js';
import {
  announce, asicRevenueUsdPerDay, bestAsic, Budget, contestPick, every, marketUsdPerMw, mySites, offerSites, openOffers,
  powerReserveUsd, round2, siteFreeMw, tideTreasury, treasuryPolicy, unitMw,
} from '../helpers.js';
import { addMiningMw, growMining } from '../plays.js';

/** A buyer must pay this multiple of the market's $/MW for the landlord to sell. */
const BUYOUT_PREMIUM = 1.2;

/** Gross mining revenue of one MW-year with today's best ASIC at today's hashprice. */
function miningUsdPerMwYear(view: PlayerView, regionId: string): number {
  const model = bestAsic(view, regionId);
  if (!model) return 0;
  return (asicRevenueUsdPerDay(view, model) / unitMw(view, model, regionId)) * 365;
}

/** Sealed bids undercut the buyer's or tenant's most by this share (lowest price wins). */
const OFFER_UNDERCUT = 0.05;

/**
 * Bids on offers its sites can take: a buy-out when the buyer's price beats the market's $/MW by
 * the premium, hosting when the rent beats mining the same MW. Asks the higher of its own floor
 * and a small undercut of the offer's most, so a rival has to give something up to win.
 */
function bidOffer(view: PlayerView, offer: PublicOffer, budget: Budget, out: Action[]): void {
  const sites = offerSites(view, offer);
  if (offer.kind === 'buyout') {
    const site = sites.sort((a, b) => a.energisedMw - b.energisedMw)[0];
    if (!site) return;
    const floorUsdPerMw = marketUsdPerMw(view, site.tier) * BUYOUT_PREMIUM;
    const ask = Math.max(floorUsdPerMw, offer.buyoutUsdPerMw * (1 - OFFER_UNDERCUT));
    if (ask <= offer.buyoutUsdPerMw) out.push({ type: 'acceptOffer', offerId: offer.id, siteId: site.id, priceUsdPerMw: Math.round(ask) });
    return;
  }
  for (const site of sites) {
    const floorUsdPerKwMonth = (miningUsdPerMwYear(view, site.regionId) * 0.9) / 12_000;
    const ask = round2(Math.max(floorUsdPerKwMonth, offer.priceUsdPerKwMonth * (1 - OFFER_UNDERCUT)));
    if (ask > offer.priceUsdPerKwMonth) continue;
    const ownShareUsd = site.tier === 'mining' ? view.capex.retrofitUsdPerMw * offer.mw * (1 - offer.retrofitFundedPct / 100) : 0;
    if (ownShareUsd > 0 && !budget.spend(ownShareUsd)) continue;
    budget.takeMw(site, offer.mw);
    out.push({ type: 'acceptOffer', offerId: offer.id, siteId: site.id, priceUsdPerKwMonth: ask });
    return;
  }
}

export const powerLandlord: Strategy = {
  name: 'power-landlord',
  description: 'Collects energised MW, mines while it waits, hosts AI tenants and sells sites at a premium.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    if (tideTreasury(view, ctx, powerReserveUsd(view, 30), out)) return out;
    treasuryPolicy(view, 100, out);
    // Its story is whatever its MW earn most from: tenants (AI) or its own miners (crypto).
    announce(view, me.revenueAiUsdPerDay > me.revenueMiningUsdPerDay ? 'ai' : 'crypto', out);
    const reserve = powerReserveUsd(view, 45, 2_000_000);
    const budget = new Budget(view, reserve);
    for (const offer of openOffers(view)) bidOffer(view, offer, budget, out);
    // Land first, machines second: half the budget goes to MW while listings last.
    if (every(ctx, 'land', 10) && !mySites(view).some((s) => s.status === 'building')) addMiningMw(view, budget, [10, 80], out);
    // Empty MW is dead capital: the crowd pays only for MW in use.
    growMining(view, budget, { maxPaybackDays: 400, hardwareShare: 0.9, expand: false, buildMw: [10, 80] }, out);
    // Machines a tenant displaced and no site can take: sell them rather than pay storage.
    const miningRoom = mySites(view).some((s) => s.tier === 'mining' && siteFreeMw(view, s) > 1);
    for (const lot of me.lots) {
      if (lot.status === 'stored' && !miningRoom && lot.arrivesDay + 30 < view.day) out.push({ type: 'sellHardware', lotId: lot.id });
    }
    contestPick(view, 'ai', Math.min(500_000, me.cashUsd * 0.01), out);
    return out;
  },
};
