/**
 * Composite moves several archetypes share: growing a mining fleet, getting AI-tier MW, setting
 * curtailment. Each appends actions to `out` and spends from the decision's Budget.
 */
import type { Action } from '../rules/actions.js';
import type { ColoOffer, PlayerView } from '../rules/view.js';
import type { Site } from '../rules/types.js';
import {
  affordableListings, asicBreakevenUsdPerMwh, asicPaybackDays, bestAsic, bestGpu, Budget, cheapestRegion, installStored,
  MIN_USEFUL_DAYS, modelOf, mySites, orderForSite, regionOf, lotsOf, siteOf,
} from './helpers.js';

export interface MiningPlan {
  /** Only buy ASICs that pay back within this many days at today's hashprice. */
  maxPaybackDays: number;
  /** Share of the budget one day's ASIC orders may use. */
  hardwareShare: number;
  /** Whether to add MW (buy a listing or build) once owned MW is full. */
  expand: boolean;
  /** Smallest and largest greenfield build (MW). */
  buildMw: [number, number];
}

/** Installs stored ASICs, fills free mining MW with the best ASIC, and adds MW when full. */
export function growMining(view: PlayerView, budget: Budget, plan: MiningPlan, out: Action[]): void {
  installStored(view, budget, out);
  const sites = mySites(view).filter((s) => s.status === 'active');
  let hadFreeMw = false;
  for (const site of sites) {
    const model = bestAsic(view, site.regionId);
    if (!model || budget.freeMw(site) < 0.05) continue;
    hadFreeMw = true;
    if (asicPaybackDays(view, model, site.regionId) > plan.maxPaybackDays) continue;
    orderForSite(view, budget, site, model, budget.cashUsd * plan.hardwareShare, out);
  }
  if (!plan.expand || hadFreeMw || mySites(view).some((s) => s.status === 'building')) return;
  const region = cheapestRegion(view, 'mining');
  const model = region ? bestAsic(view, region.id) : undefined;
  if (!region || !model || asicPaybackDays(view, model, region.id) > plan.maxPaybackDays) return;
  addMiningMw(view, budget, plan.buildMw, out);
}

/** Buys the cheapest affordable mining listing, else builds greenfield in the cheapest region. */
export function addMiningMw(view: PlayerView, budget: Budget, buildMw: [number, number], out: Action[]): boolean {
  // Keep about half for machines: a site without ASICs earns nothing.
  const listing = affordableListings(view, budget, 'mining').find((s) => s.listPriceUsd <= budget.cashUsd * 0.5);
  if (listing && budget.spend(listing.listPriceUsd)) {
    out.push({ type: 'buySite', siteId: listing.id });
    return true;
  }
  const region = cheapestRegion(view, 'mining');
  if (!region || view.capex.miningUsdPerMw <= 0) return false;
  const mw = Math.floor(Math.min(buildMw[1], (budget.cashUsd * 0.5) / view.capex.miningUsdPerMw));
  if (mw < buildMw[0] || view.day + view.capex.miningBuildDays + region.gridQueueDays > view.endDay) return false;
  if (!budget.spend(mw * view.capex.miningUsdPerMw)) return false;
  out.push({ type: 'buildSite', regionId: region.id, tier: 'mining', mw });
  return true;
}

/**
 * Switches owned mining sites to index power with a curtailment threshold at the fleet's
 * break-even price, so machines stop (and earn demand-response credits) when power costs more
 * than they mine. Re-set only when the threshold moved more than `tolerance`.
 */
export function setCurtailment(view: PlayerView, margin: number, tolerance: number, out: Action[]): void {
  for (const site of mySites(view)) {
    if (site.tier !== 'mining' || site.status !== 'active' || (site.contract === 'ppa' && site.ppaUntilDay > view.day)) continue;
    const asicLots = lotsOf(view, 'asic').filter((l) => l.siteId === site.id && l.status === 'installed');
    const model = asicLots.map((l) => modelOf(view, l.modelId)).find((m) => m !== undefined) ?? bestAsic(view, site.regionId);
    if (!model) continue;
    const threshold = Math.round(Math.max(0, Math.min(10_000, asicBreakevenUsdPerMwh(view, model, site.regionId) * margin)));
    const moved = site.contract !== 'index' || Math.abs(threshold - site.curtailAboveUsdPerMwh) > tolerance * Math.max(1, site.curtailAboveUsdPerMwh);
    if (moved && threshold > 0) out.push({ type: 'setPowerContract', siteId: site.id, contract: 'index', curtailAboveUsdPerMwh: threshold });
  }
}

/** Cost of retrofitting a site to ai tier. */
export function retrofitCostUsd(view: PlayerView, site: Site): number {
  return view.capex.retrofitUsdPerMw * (site.energisedMw + site.buildingMw);
}

/** Cost of the GPUs that fill one MW of ai-tier space in a region (whole dollars). */
export function gpuUsdPerMw(view: PlayerView, regionId: string): number {
  const model = bestGpu(view);
  if (!model) return Infinity;
  const perUnitMw = (model.powerKw / 1000) * (regionOf(view, regionId)?.pue ?? 1);
  return perUnitMw > 0 ? ((view.world.gpuPriceUsd[model.id] ?? model.basePriceUsd) * 1.02) / perUnitMw : Infinity;
}

/** The cheapest colocation provider with space that would be ready in time (the first listed at a tie), in one pass. */
function cheapestColo(view: PlayerView): ColoOffer | undefined {
  let best: ColoOffer | undefined;
  for (const p of view.colocation) {
    if (!(p.availableMw >= 0.5 && view.day + p.readyDays < view.endDay - MIN_USEFUL_DAYS)) continue;
    if (!best || p.usdPerKwMonth < best.usdPerKwMonth) best = p;
  }
  return best;
}

/**
 * Rents colocation space sized to what `share` of the budget can fill with GPUs (whole half-MW,
 * at most what the provider has), from the cheapest provider with room. Rent is billed daily, so
 * the budget keeps its cash for the GPUs.
 */
export function rentColo(view: PlayerView, budget: Budget, share: number, out: Action[], maxMw = 40): boolean {
  const provider = cheapestColo(view);
  if (!provider) return false;
  const perMw = gpuUsdPerMw(view, provider.regionId);
  const mw = Math.floor(Math.min(maxMw, provider.availableMw, (budget.cashUsd * share) / perMw) * 2) / 2;
  if (!(mw >= 0.5)) return false;
  out.push({ type: 'rentColocation', providerId: provider.id, mw });
  return true;
}

/**
 * Gets ai-tier MW the fastest way the budget allows: colocation space (ready in days, no capex),
 * an ai listing, a retrofit of an owned mining site, or a small greenfield ai build that
 * energises before the match ends.
 */
export function acquireAiMw(view: PlayerView, budget: Budget, out: Action[]): boolean {
  const owned = mySites(view);
  if (owned.some((s) => s.tier === 'ai' && (s.status === 'building' || s.status === 'retrofitting'))) return false;
  if (rentColo(view, budget, 0.85, out)) return true;
  const listing = affordableListings(view, budget, 'ai').find((s) => s.listPriceUsd <= budget.cashUsd * 0.7);
  if (listing && budget.spend(listing.listPriceUsd)) {
    out.push({ type: 'buySite', siteId: listing.id });
    return true;
  }
  const remainingDays = view.endDay - view.day;
  const retrofittable = owned
    .filter((s) => s.tier === 'mining' && s.status === 'active' && s.hostedMw === 0 && view.capex.retrofitDays < remainingDays - 30)
    .sort((a, b) => retrofitCostUsd(view, a) - retrofitCostUsd(view, b))[0];
  if (retrofittable && retrofitCostUsd(view, retrofittable) <= budget.cashUsd * 0.7 && budget.spend(retrofitCostUsd(view, retrofittable))) {
    out.push({ type: 'retrofitSite', siteId: retrofittable.id });
    return true;
  }
  const region = cheapestRegion(view, 'ai');
  if (!region || view.capex.aiUsdPerMw <= 0) return false;
  if (view.day + view.capex.aiBuildDays + region.gridQueueDays > view.endDay - 30) return false;
  const mw = Math.floor(Math.min(40, (budget.cashUsd * 0.5) / view.capex.aiUsdPerMw));
  if (mw < 1 || !budget.spend(mw * view.capex.aiUsdPerMw)) return false;
  out.push({ type: 'buildSite', regionId: region.id, tier: 'ai', mw });
  return true;
}

/** Fills free ai-tier MW with the best GPU per dollar, up to `share` of the budget today. */
export function fillGpus(view: PlayerView, budget: Budget, share: number, out: Action[], minCount = 16): number {
  const model = bestGpu(view);
  if (!model) return 0;
  let ordered = 0;
  for (const site of mySites(view)) {
    if (site.tier !== 'ai' || site.status !== 'active' || !regionOf(view, site.regionId)) continue;
    ordered += orderForSite(view, budget, site, model, budget.cashUsd * share, out, minCount);
  }
  return ordered;
}

/** Free ai-tier MW the player owns (after today's orders in `budget`). */
export function freeAiMw(view: PlayerView, budget: Budget): number {
  return mySites(view).filter((s) => s.tier === 'ai').reduce((sum, s) => sum + budget.freeMw(s), 0);
}

/**
 * Keeps GPUs in space: rents colocation for GPUs sitting in storage (a rental that ended, a hall
 * too small) and, shortly before a rental ends, for the GPUs it holds. Sized by the GPUs, not by
 * new purchases; the rent is paid by the day, so a month of it is all the budget must cover.
 */
export function houseGpus(view: PlayerView, budget: Budget, out: Action[]): boolean {
  const me = view.me;
  if (!me) return false;
  const provider = cheapestColo(view);
  if (!provider) return false;
  // One rental at a time: space already on its way will take what waits.
  if (mySites(view).some((s) => s.coloProviderId && s.status === 'building')) return false;
  let kw = 0;
  for (const lot of me.lots) {
    const model = modelOf(view, lot.modelId);
    if (model?.kind !== 'gpu') continue;
    const site = lot.siteId ? siteOf(view, lot.siteId) : undefined;
    const expiring = site?.coloProviderId && site.coloEndDay <= view.day + provider.readyDays + 2;
    if (lot.status === 'stored' || expiring) kw += model.powerKw * lot.count * (regionOf(view, provider.regionId)?.pue ?? 1);
  }
  const mw = Math.min(provider.availableMw, Math.ceil((kw / 1000) * 2) / 2);
  if (mw < 0.5 || !budget.spend(mw * 1000 * provider.usdPerKwMonth)) return false;
  out.push({ type: 'rentColocation', providerId: provider.id, mw });
  return true;
}
