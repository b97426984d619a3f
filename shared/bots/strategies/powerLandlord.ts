/**
 * power-landlord: energised MW is the scarce asset. Buys cheap mining MW, mines while it waits,
 * leases MW to hyperscale tenants when their rent beats mining, and sells a whole site when a
 * buyer pays a premium over the market.
 */
import type { Action } from '../../rules/actions.js';
import type { Offer } from '../../rules/types.js';
import type { PlayerView } from '../../rules/view.js';
import type { Strategy } from '../types.js';
import {
  announce, asicRevenueUsdPerDay, bestAsic, Budget, contestPick, every, marketUsdPerMw, mySites, powerReserveUsd,
  siteFreeMw, treasuryPolicy, unitMw,
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

function judgeOffer(view: PlayerView, offer: Offer, budget: Budget, out: Action[]): void {
  const site = view.sites.find((s) => s.id === offer.siteId);
  if (!site || site.ownerId !== view.playerId || offer.expiresDay < view.day) return;
  if (offer.kind === 'buyout') {
    const fair = marketUsdPerMw(view, site.tier) * (site.energisedMw + site.buildingMw);
    out.push({ type: offer.buyoutPriceUsd >= fair * BUYOUT_PREMIUM ? 'acceptOffer' : 'declineOffer', offerId: offer.id });
    return;
  }
  const rentUsdPerMwYear = offer.priceUsdPerKwMonth * 1000 * 12;
  const ownShareUsd = site.tier === 'mining' ? view.capex.retrofitUsdPerMw * offer.mw * (1 - offer.retrofitFundedPct / 100) : 0;
  const paysBetter = rentUsdPerMwYear >= miningUsdPerMwYear(view, site.regionId) * 0.9;
  if (!paysBetter || offer.mw > site.energisedMw || (ownShareUsd > 0 && !budget.spend(ownShareUsd))) {
    out.push({ type: 'declineOffer', offerId: offer.id });
    return;
  }
  // Make room: the tenant takes MW our own machines are using.
  const short = offer.mw - siteFreeMw(view, site);
  if (short > 0) {
    for (const lot of view.me?.lots ?? []) {
      if (lot.siteId === site.id && lot.status === 'installed') out.push({ type: 'uninstallHardware', lotId: lot.id });
    }
  }
  budget.takeMw(site, offer.mw);
  out.push({ type: 'acceptOffer', offerId: offer.id });
}

export const powerLandlord: Strategy = {
  name: 'power-landlord',
  description: 'Collects energised MW, mines while it waits, hosts AI tenants and sells sites at a premium.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    treasuryPolicy(view, 100, out);
    announce(view, 'ai', out);
    const reserve = powerReserveUsd(view, 45, 2_000_000);
    const budget = new Budget(view, reserve);
    for (const offer of me.offers) judgeOffer(view, offer, budget, out);
    // Land first, machines second: half the budget goes to MW while listings last.
    if (every(ctx, 'land', 10) && !mySites(view).some((s) => s.status === 'building')) addMiningMw(view, budget, [10, 80], out);
    growMining(view, budget, { maxPaybackDays: 400, hardwareShare: 0.5, expand: false, buildMw: [10, 80] }, out);
    // Machines a tenant displaced and no site can take: sell them rather than pay storage.
    const miningRoom = mySites(view).some((s) => s.tier === 'mining' && siteFreeMw(view, s) > 1);
    for (const lot of me.lots) {
      if (lot.status === 'stored' && !miningRoom && lot.arrivesDay + 30 < view.day) out.push({ type: 'sellHardware', lotId: lot.id });
    }
    contestPick(view, 'ai', Math.min(500_000, me.cashUsd * 0.01), out);
    return out;
  },
};
