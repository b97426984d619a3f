/**
 * Previews before the click: what an action would cost, draw and earn, priced by the figures the
 * engine ships in the view (`me.quotes`, from the reducers' own price functions). Pure functions of
 * a PlayerView, so the client, the online bot and the headless bot preview alike.
 *
 * Revenue and power are today's rates (hashprice, spot GPU rent, the region's power price): an
 * expectation for tomorrow, not a promise for the machine's life.
 */
import type { PlayerView } from './view.js';
import type { Tier } from './types.js';
import { loanRatePct, minCollateralSats } from '../economy/finance.js';
import { energiseAfterDays } from '../economy/power.js';
import { marketCapUsd, navUsd, operatingUsd, type NavParts } from '../economy/valuation.js';
import { btcToSats, satsToBtc, satsValueCents, usdToCents } from '../economy/money.js';
import { hashpriceAtDifficulty } from '../economy/bitcoin.js';

const HOURS_PER_DAY = 24;

export interface RunQuote {
  /** MW at the meter (wall power × the region's PUE). */
  mw: number;
  revenueUsdPerDay: number;
  powerUsdPerDay: number;
  netUsdPerDay: number;
  /** Days of today's net margin that repay the cost; null when the margin is not positive. */
  paybackDays: number | null;
}

export interface OrderQuote extends RunQuote {
  unitUsd: number;
  costUsd: number;
  /** NAV counts hardware at resale: ordering converts cash into a smaller asset. */
  navChangeUsd: number;
  /** Units that fill one MW at the meter in the region used for the quote. */
  unitsPerMw: number;
  cashAfterUsd: number;
  affordable: boolean;
}

export interface SiteQuote {
  priceUsd: number;
  mw: number;
  usdPerMw: number;
  /** What NAV counts the site at, and so how NAV moves when you pay `priceUsd` for it. */
  navValueUsd: number;
  navChangeUsd: number;
  /** Units of the newest released ASIC and GPU that fill its energised MW (tier permitting). */
  fill: { modelId: string; units: number }[];
  /** Power bill per day with the site full, at today's regional price. */
  powerUsdPerDayFull: number;
  affordable: boolean;
}

export interface BuildQuote {
  capexUsd: number;
  energiseDays: number;
  navValueUsd: number;
  navChangeUsd: number;
  affordable: boolean;
}

export interface LoanQuote {
  ratePctYear: number;
  interestUsdPerDay: number;
  maxUsd: number;
  /** BTC a backed loan of this size needs at least (margin-call LTV). */
  minCollateralBtc: number;
}

export interface ScoreParts {
  navUsd: number;
  /** The operating business (running machines at earning power, sites in use, contracts in delivery): what the multiple applies to. */
  businessUsd: number;
  /** The same business as NAV counts it (machines at resale). */
  bookUsd: number;
  multiple: number;
  marketCapUsd: number;
  /** Market cap ÷ NAV: the premium the crowd pays on the whole company, after cash, BTC and escrow count at par. */
  effectiveMultiple: number;
}

/**
 * Today's hashprice; before the first day is mined (day 0 reports 0) the hashprice the difficulty
 * implies, which is what the engine's miners count on when they decide to switch on.
 */
export function expectedHashpriceUsdPerPhDay(view: PlayerView): number {
  const w = view.world;
  return w.hashpriceUsdPerPhDay > 0 ? w.hashpriceUsdPerPhDay : hashpriceAtDifficulty(w.difficultyEhs, w.subsidyBtc, w.feesBtcPerBlock, w.btcUsd);
}

function regionOf(view: PlayerView, regionId: string | undefined) {
  return view.regions.find((r) => r.id === regionId);
}

/** Cheapest region power today: where a quote with no site in mind would run. */
function defaultRegionId(view: PlayerView): string | undefined {
  const mineFirst = view.sites.find((s) => s.ownerId !== null && s.ownerId === view.playerId);
  if (mineFirst) return mineFirst.regionId;
  return [...view.regions].sort((a, b) => a.powerUsdPerMwh - b.powerUsdPerMwh)[0]?.id;
}

/** What `count` units of `modelId` would earn and cost per day running at `siteId` (or the usual region). */
export function quoteRun(view: PlayerView, modelId: string, count: number, siteId?: string): RunQuote | null {
  const m = view.catalogue.find((x) => x.id === modelId);
  if (!m) return null;
  const site = siteId ? view.sites.find((s) => s.id === siteId) : undefined;
  const region = regionOf(view, site?.regionId ?? defaultRegionId(view));
  const pue = region?.pue ?? 1;
  const mw = (count * m.powerKw * pue) / 1000;
  const priceUsdPerMwh = site?.contract === 'ppa' && site.ppaUsdPerMwh > 0 ? site.ppaUsdPerMwh : region?.powerUsdPerMwh ?? 0;
  const revenueUsdPerDay = m.kind === 'asic'
    ? ((count * m.hashrateThs) / 1000) * expectedHashpriceUsdPerPhDay(view)
    : count * m.h100Equivalent * view.world.gpuRentUsdPerHour * HOURS_PER_DAY;
  const powerUsdPerDay = mw * HOURS_PER_DAY * priceUsdPerMwh;
  const netUsdPerDay = revenueUsdPerDay - powerUsdPerDay;
  return { mw, revenueUsdPerDay, powerUsdPerDay, netUsdPerDay, paybackDays: null };
}

export function quoteOrder(view: PlayerView, modelId: string, count: number, siteId?: string): OrderQuote | null {
  const q = view.me?.quotes;
  const run = quoteRun(view, modelId, count, siteId);
  const unitUsd = q?.unitPriceUsd[modelId];
  if (!q || !run || unitUsd === undefined || !(count > 0)) return null;
  const costUsd = unitUsd * count;
  const perUnitMw = run.mw / count;
  const cash = view.me?.cashUsd ?? 0;
  return {
    ...run,
    paybackDays: run.netUsdPerDay > 0 ? costUsd / run.netUsdPerDay : null,
    unitUsd,
    costUsd,
    navChangeUsd: ((q.resaleUnitPriceUsd[modelId] ?? 0) - unitUsd) * count,
    unitsPerMw: perUnitMw > 0 ? 1 / perUnitMw : 0,
    cashAfterUsd: cash - costUsd,
    // The ledger moves whole cents: the reducer refuses when the rounded total exceeds the balance.
    affordable: usdToCents(costUsd) <= usdToCents(cash),
  };
}

/** Newest released model of a kind (the one a player would most likely fill a site with). */
function newest(view: PlayerView, kind: 'asic' | 'gpu') {
  return [...view.catalogue].filter((m) => m.kind === kind).sort((a, b) => (a.releaseDate < b.releaseDate ? 1 : a.releaseDate > b.releaseDate ? -1 : 0))[0];
}

export function quoteSite(view: PlayerView, siteId: string): SiteQuote | null {
  const q = view.me?.quotes;
  const site = view.sites.find((s) => s.id === siteId);
  if (!q || !site) return null;
  const region = regionOf(view, site.regionId);
  const pue = region?.pue ?? 1;
  const navValueUsd = Math.round((site.energisedMw + site.buildingMw) * (q.regionSiteUsdPerMw[site.regionId]?.[site.tier] ?? q.siteMarketUsdPerMw[site.tier]));
  const kinds: ('asic' | 'gpu')[] = site.tier === 'ai' ? ['gpu', 'asic'] : ['asic'];
  const fill = kinds.map((k) => newest(view, k)).filter((m) => m !== undefined).map((m) => ({ modelId: m.id, units: Math.floor((site.energisedMw * 1000) / (m.powerKw * pue)) }));
  return {
    priceUsd: site.listPriceUsd,
    mw: site.energisedMw,
    usdPerMw: site.energisedMw > 0 ? site.listPriceUsd / site.energisedMw : 0,
    navValueUsd,
    navChangeUsd: navValueUsd - site.listPriceUsd,
    fill,
    powerUsdPerDayFull: site.energisedMw * HOURS_PER_DAY * (region?.powerUsdPerMwh ?? 0),
    affordable: usdToCents(site.listPriceUsd) <= usdToCents(view.me?.cashUsd ?? 0),
  };
}

/** Greenfield or expansion: capex and the day the MW would energise (`energiseQuote` in the engine). */
export function quoteBuild(view: PlayerView, regionId: string, tier: Tier, mw: number): BuildQuote | null {
  const q = view.me?.quotes;
  const region = regionOf(view, regionId);
  if (!q || !region || !(mw > 0)) return null;
  const capexUsd = q.capexUsdPerMw[tier] * mw;
  const queueDays = region.gridQueueDays + (region.gridQueueDaysPer100Mw * mw) / 100;
  const buildDays = tier === 'ai' ? view.capex.aiBuildDays : view.capex.miningBuildDays;
  const navValueUsd = Math.round(mw * (q.regionSiteUsdPerMw[regionId]?.[tier] ?? q.siteMarketUsdPerMw[tier]));
  return {
    capexUsd,
    energiseDays: energiseAfterDays(buildDays, queueDays),
    navValueUsd,
    navChangeUsd: navValueUsd - capexUsd,
    affordable: usdToCents(capexUsd) <= usdToCents(view.me?.cashUsd ?? 0),
  };
}

/** The rate `takeLoan` would set for this amount and collateral today (same inputs as the reducer). */
export function quoteLoan(view: PlayerView, amountUsd: number, collateralBtc = 0): LoanQuote | null {
  const q = view.me?.quotes;
  if (!q || !(amountUsd > 0)) return null;
  const amountCents = usdToCents(amountUsd);
  const debtCents = usdToCents(view.me?.debtUsd ?? 0);
  const nav = navUsd(q.navParts);
  const collateralSats = btcToSats(Math.max(0, collateralBtc));
  const ratePctYear = loanRatePct({
    baseRatePct: view.world.interestRatePct,
    leverage: (debtCents + amountCents) / Math.max(1, usdToCents(nav)),
    sectorHype: q.sectorHype,
    collateralCoverage: satsValueCents(collateralSats, view.world.btcUsd) / amountCents,
  });
  return {
    ratePctYear,
    interestUsdPerDay: (amountUsd * ratePctYear) / 100 / 365,
    maxUsd: collateralSats > 0 ? q.securedRoomUsd : q.borrowRoomUsd,
    minCollateralBtc: satsToBtc(minCollateralSats(amountCents, view.world.btcUsd, q.marginCallLtv)),
  };
}

/** How the market cap is built: NAV at par, plus the multiple's premium on the operating business. */
export function scoreParts(view: PlayerView): ScoreParts | null {
  const me = view.me;
  const q = me?.quotes;
  if (!me || !q) return null;
  const nav = navUsd(q.navParts);
  const cap = marketCapUsd(q.navParts, me.multiple);
  const p = q.navParts;
  const bookUsd = Math.max(0, p.operatingHardwareUsd + p.operatingSitesUsd + p.contractsPvUsd);
  return { navUsd: nav, businessUsd: Math.max(0, operatingUsd(q.navParts)), bookUsd, multiple: me.multiple, marketCapUsd: cap, effectiveMultiple: nav > 0 ? cap / nav : 0 };
}

/** NAV part by part in dollars, in the order a balance sheet lists them. */
export function navBreakdown(parts: NavParts): { key: 'cash' | 'btc' | 'reserved' | 'leases' | 'hardware' | 'sites' | 'contracts' | 'debt'; usd: number }[] {
  return [
    { key: 'cash', usd: parts.cashUsd },
    { key: 'btc', usd: parts.btc * parts.btcUsd },
    { key: 'reserved', usd: parts.reservedUsd },
    { key: 'leases', usd: parts.heldLeasesUsd },
    { key: 'hardware', usd: parts.hardwareUsd },
    { key: 'sites', usd: parts.sitesUsd },
    { key: 'contracts', usd: parts.contractsPvUsd },
    { key: 'debt', usd: -parts.debtUsd },
  ];
}

/** The NAV part that moved most between two days, for "why my score moved". */
export function biggestNavMove(before: NavParts, after: NavParts): { key: string; usd: number; totalUsd: number } {
  const a = navBreakdown(before);
  const b = navBreakdown(after);
  let best = { key: 'cash', usd: 0 };
  for (let i = 0; i < b.length; i += 1) {
    const d = (b[i]?.usd ?? 0) - (a[i]?.usd ?? 0);
    if (Math.abs(d) > Math.abs(best.usd)) best = { key: b[i]?.key ?? 'cash', usd: d };
  }
  return { ...best, totalUsd: navUsd(after) - navUsd(before) };
}
