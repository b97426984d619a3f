/**
 * Reading a PlayerView the way a careful player would: what things cost today, which MW are free,
 * what a machine earns. Strategies share these so their actions pass the engine's checks (funds,
 * free MW, tier, release dates) and rejections stay rare.
 */
import type { Action } from '../rules/actions.js';
import type { HardwareModelSpec } from '../economy/scenarios/types.js';
import type { PlayerView, PublicOffer } from '../rules/view.js';
import type { HardwareLot, Site } from '../rules/types.js';
import type { BotContext } from './types.js';
import { EQUITY_DISCOUNT_PCT } from '../economy/finance.js';
import { leasePriceBand } from '../economy/leaseMakers.js';

export type Me = NonNullable<PlayerView['me']>;
export type ViewRegion = PlayerView['regions'][number];

/** Hardware must run at least this many days before the match ends to be worth ordering. */
export const MIN_USEFUL_DAYS = 20;

/** Lease block length (DESIGN §3.4: 1 H100 × 30 days): the engine's constant, also `view.book.blockDays`. */
export { LEASE_BLOCK_DAYS } from '../economy/leaseBook.js';

// Every view of a day shares its region and model lists: one index of each serves every seat's
// lookups (the first entry of each id, as a search would find it).
const idIndexes = new WeakMap<readonly { id: string }[], Map<string, unknown>>();

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  let index = idIndexes.get(list) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const x of list) if (!index.has(x.id)) index.set(x.id, x);
    idIndexes.set(list, index);
  }
  return index;
}

export function regionOf(view: PlayerView, regionId: string): ViewRegion | undefined {
  return byId(view.regions).get(regionId);
}

export function modelOf(view: PlayerView, modelId: string): HardwareModelSpec | undefined {
  return byId(view.catalogue).get(modelId);
}

/** New-unit price today (whole dollars): the engine's own figure from the view (released models only). */
export function unitPriceUsd(view: PlayerView, model: HardwareModelSpec): number {
  return view.world.unitPriceUsd[model.id] ?? Infinity;
}

/** MW one unit draws at the meter in a region (IT kW × PUE). */
export function unitMw(view: PlayerView, model: HardwareModelSpec, regionId: string): number {
  return (model.powerKw / 1000) * (regionOf(view, regionId)?.pue ?? 1);
}

// A strategy asks for its own sites and for sites by id many times a decision. Every view of a day
// shares its site list, so one pass over it serves every seat (a filter per view grew with seats ×
// sites).
interface SiteIndex {
  byOwner: Map<string, readonly Site[]>;
  byId: Map<string, Site>;
}
const siteIndexes = new WeakMap<readonly Site[], SiteIndex>();
const NO_SITES: readonly Site[] = Object.freeze([]);

function siteIndex(view: PlayerView): SiteIndex {
  let index = siteIndexes.get(view.sites);
  if (!index) {
    const byOwner = new Map<string, Site[]>();
    const byId = new Map<string, Site>();
    for (const s of view.sites) {
      byId.set(s.id, s);
      if (!s.ownerId) continue;
      const list = byOwner.get(s.ownerId);
      if (list) list.push(s);
      else byOwner.set(s.ownerId, [s]);
    }
    for (const list of byOwner.values()) Object.freeze(list);
    siteIndexes.set(view.sites, (index = { byOwner, byId }));
  }
  return index;
}

export function mySites(view: PlayerView): readonly Site[] {
  return siteIndex(view).byOwner.get(view.playerId) ?? NO_SITES;
}

/** The site with this id in the view. */
export function siteOf(view: PlayerView, siteId: string): Site | undefined {
  return siteIndex(view).byId.get(siteId);
}

/** MW reserved at a site by installed lots and by orders addressed to it. */
export function siteCommittedMw(view: PlayerView, site: Site): number {
  const me = view.me;
  if (!me) return 0;
  let mw = site.hostedMw;
  for (const lot of me.lots) {
    if (lot.siteId !== site.id || lot.status === 'stored') continue;
    const model = modelOf(view, lot.modelId);
    if (model) mw += unitMw(view, model, site.regionId) * lot.count;
  }
  return mw;
}

/** Energised MW nobody has claimed, on an active site. */
export function siteFreeMw(view: PlayerView, site: Site): number {
  if (site.status !== 'active') return 0;
  return Math.max(0, site.energisedMw - siteCommittedMw(view, site));
}

export function releasedModels(view: PlayerView, kind: 'asic' | 'gpu'): HardwareModelSpec[] {
  return view.catalogue.filter((m) => m.kind === kind);
}

/** Power cost per day (whole dollars) of one unit at a region's price today. */
export function unitPowerUsdPerDay(view: PlayerView, model: HardwareModelSpec, regionId: string): number {
  const region = regionOf(view, regionId);
  return unitMw(view, model, regionId) * 24 * (region?.powerUsdPerMwh ?? 50);
}

/**
 * Today's hashprice ($/PH/day). Before the first day has been mined the engine reports 0; then it is
 * estimated the way the engine defines it: 144 blocks × (subsidy + fees) × BTC price ÷ network PH/s.
 */
export function hashpriceUsdPerPhDay(view: PlayerView): number {
  const w = view.world;
  if (w.hashpriceUsdPerPhDay > 0) return w.hashpriceUsdPerPhDay;
  const networkPhs = w.networkHashrateEhs * 1000;
  return networkPhs > 0 ? (144 * (w.subsidyBtc + w.feesBtcPerBlock) * w.btcUsd) / networkPhs : 0;
}

/** Gross mining revenue per day of one ASIC at today's hashprice. */
export function asicRevenueUsdPerDay(view: PlayerView, model: HardwareModelSpec): number {
  return (model.hashrateThs / 1000) * hashpriceUsdPerPhDay(view);
}

/** Mining margin per day of one ASIC in a region (revenue − power). */
export function asicMarginUsdPerDay(view: PlayerView, model: HardwareModelSpec, regionId: string): number {
  return asicRevenueUsdPerDay(view, model) - unitPowerUsdPerDay(view, model, regionId);
}

/** The power price ($/MWh) above which an ASIC loses money: the natural curtailment threshold. */
export function asicBreakevenUsdPerMwh(view: PlayerView, model: HardwareModelSpec, regionId: string): number {
  const mwh = unitMw(view, model, regionId) * 24;
  return mwh > 0 ? asicRevenueUsdPerDay(view, model) / mwh : 0;
}

/** Best ASIC to buy today: the most margin per dollar (efficiency wins when hashprice is thin). */
export function bestAsic(view: PlayerView, regionId: string): HardwareModelSpec | undefined {
  let best: HardwareModelSpec | undefined;
  let bestScore = -Infinity;
  for (const m of releasedModels(view, 'asic')) {
    const price = unitPriceUsd(view, m);
    if (price <= 0) continue;
    const score = asicMarginUsdPerDay(view, m, regionId) / price + m.hashrateThs * 1e-9;
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** Best GPU to buy today: the most H100-equivalents per dollar. */
export function bestGpu(view: PlayerView): HardwareModelSpec | undefined {
  let best: HardwareModelSpec | undefined;
  let bestScore = -Infinity;
  for (const m of releasedModels(view, 'gpu')) {
    const price = unitPriceUsd(view, m);
    if (price <= 0 || m.h100Equivalent <= 0) continue;
    const score = m.h100Equivalent / price;
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** Days to earn back one ASIC's price at today's margin (Infinity when it loses money). */
export function asicPaybackDays(view: PlayerView, model: HardwareModelSpec, regionId: string): number {
  const margin = asicMarginUsdPerDay(view, model, regionId);
  return margin > 0 ? unitPriceUsd(view, model) / margin : Infinity;
}

/**
 * Cash and MW left while one decision is being assembled: the engine applies today's actions in
 * order, so a strategy must not spend the same dollar or megawatt twice.
 */
export class Budget {
  cashUsd: number;
  private readonly usedMw = new Map<string, number>();

  constructor(
    private readonly view: PlayerView,
    reserveUsd: number,
  ) {
    this.cashUsd = Math.max(0, (view.me?.cashUsd ?? 0) - reserveUsd);
  }

  spend(usd: number): boolean {
    if (!(usd > 0) || usd > this.cashUsd) return false;
    this.cashUsd -= usd;
    return true;
  }

  freeMw(site: Site): number {
    return Math.max(0, siteFreeMw(this.view, site) - (this.usedMw.get(site.id) ?? 0));
  }

  takeMw(site: Site, mw: number): void {
    this.usedMw.set(site.id, (this.usedMw.get(site.id) ?? 0) + mw);
  }
}

/** A reserve that keeps the lights on: `days` of every owned site's full power bill, plus a floor. */
export function powerReserveUsd(view: PlayerView, days: number, floorUsd = 1_000_000): number {
  let usdPerDay = 0;
  for (const s of mySites(view)) usdPerDay += s.energisedMw * 24 * (regionOf(view, s.regionId)?.powerUsdPerMwh ?? 50);
  return floorUsd + usdPerDay * days;
}

/** Installs every stored lot (or as much of it as fits) into owned sites of the right tier. */
export function installStored(view: PlayerView, budget: Budget, out: Action[]): void {
  const me = view.me;
  if (!me) return;
  for (const lot of me.lots) {
    if (lot.status !== 'stored' || lot.count <= 0) continue;
    const model = modelOf(view, lot.modelId);
    if (!model) continue;
    const site = mySites(view)
      .filter((s) => s.status === 'active' && (model.kind === 'asic' || s.tier === 'ai'))
      .sort((a, b) => budget.freeMw(b) - budget.freeMw(a))[0];
    if (!site) continue;
    const perUnit = unitMw(view, model, site.regionId);
    const fit = Math.min(lot.count, Math.floor(budget.freeMw(site) / perUnit));
    if (fit <= 0) continue;
    budget.takeMw(site, fit * perUnit);
    out.push(fit === lot.count ? { type: 'installHardware', lotId: lot.id, siteId: site.id } : { type: 'installHardware', lotId: lot.id, siteId: site.id, count: fit });
  }
}

/**
 * Orders hardware of `model` for a site's free MW, as many units as cash and MW allow, up to
 * `maxUsd`. Returns the number ordered.
 */
export function orderForSite(view: PlayerView, budget: Budget, site: Site, model: HardwareModelSpec, maxUsd: number, out: Action[], minCount = 1): number {
  if (model.kind === 'gpu' && site.tier !== 'ai') return 0;
  // Machines that arrive after the match (or just before it ends) only lose the resale haircut.
  const leadDays = model.kind === 'gpu' ? view.world.gpuLeadTimeDays : view.world.asicLeadTimeDays;
  if (view.day + leadDays > view.endDay - MIN_USEFUL_DAYS) return 0;
  const price = unitPriceUsd(view, model);
  const perUnit = unitMw(view, model, site.regionId);
  if (price <= 0 || perUnit <= 0) return 0;
  const byMw = Math.floor(budget.freeMw(site) / perUnit);
  const byCash = Math.floor(Math.min(budget.cashUsd, maxUsd) / (price * 1.02));
  const count = Math.min(byMw, byCash, 1_000_000);
  // A trickle of tiny orders costs actions and lead time; wait for a batch unless the MW is nearly full.
  if (count <= 0 || (count < minCount && byMw > count)) return 0;
  budget.spend(count * price * 1.02);
  budget.takeMw(site, count * perUnit);
  out.push({ type: 'orderHardware', modelId: model.id, count, siteId: site.id });
  return count;
}

/**
 * The player's sites that could take an offer today, as the engine judges them: hosting wants
 * `mw` free in an ai hall, or a whole mining site of at least `mw` whose retrofit ends before the
 * match does; a buy-out wants a mining site of at least `mw` with no tenant or contract.
 * Colocation space never qualifies (it is the provider's).
 */
export function offerSites(view: PlayerView, offer: PublicOffer): Site[] {
  const bound = new Set((view.me?.contracts ?? []).filter((c) => c.endDay > view.day && c.siteId).map((c) => c.siteId));
  return mySites(view).filter((s) => {
    if (s.coloProviderId || s.status !== 'active' || s.buildingMw > 0) return false;
    if (offer.kind === 'buyout') return s.tier === 'mining' && s.hostedMw === 0 && s.energisedMw >= offer.mw && !bound.has(s.id);
    if (s.tier === 'ai') return siteFreeMw(view, s) >= offer.mw;
    return s.hostedMw === 0 && s.energisedMw >= offer.mw && view.day + view.capex.retrofitDays < view.endDay;
  });
}

/** Open offers this player has not bid on yet (bids close on `closesDay`). */
export function openOffers(view: PlayerView): PublicOffer[] {
  return view.offers.filter((o) => o.myBid === null && o.closesDay > view.day);
}

/** Listed sites of a tier the budget can pay for, cheapest per MW first. */
export function affordableListings(view: PlayerView, budget: Budget, tier: Site['tier']): Site[] {
  return view.sites
    .filter((s) => s.ownerId === null && s.tier === tier && s.status === 'active' && s.energisedMw > 0 && s.listPriceUsd > 0 && s.listPriceUsd <= budget.cashUsd)
    .sort((a, b) => a.listPriceUsd / a.energisedMw - b.listPriceUsd / b.energisedMw);
}

/** The region with the cheapest power today that is not banned for mining (for greenfield builds). */
export function cheapestRegion(view: PlayerView, purpose: 'mining' | 'ai'): ViewRegion | undefined {
  return view.regions
    .filter((r) => purpose === 'ai' || r.miningBanUntilDay <= view.day)
    .map((r) => ({ r, score: r.powerUsdPerMwh * r.pue + r.gridQueueDays / 20 + r.politicalRiskPerYear * 40 }))
    .sort((a, b) => a.score - b.score)[0]?.r;
}

/** Average asking price per MW of listed sites of a tier, else the greenfield capex. */
export function marketUsdPerMw(view: PlayerView, tier: Site['tier']): number {
  const listed = view.sites.filter((s) => s.ownerId === null && s.tier === tier && s.energisedMw > 0 && s.listPriceUsd > 0);
  if (listed.length === 0) return tier === 'ai' ? view.capex.aiUsdPerMw : view.capex.miningUsdPerMw;
  return listed.reduce((sum, s) => sum + s.listPriceUsd / s.energisedMw, 0) / listed.length;
}

/** GPUs (H100-equivalents) installed at running ai-tier sites. */
export function installedH100(view: PlayerView): number {
  const me = view.me;
  if (!me) return 0;
  let h100 = 0;
  for (const lot of me.lots) {
    if (lot.status !== 'installed' || !lot.siteId) continue;
    const model = modelOf(view, lot.modelId);
    const site = siteOf(view, lot.siteId);
    if (model?.kind === 'gpu' && site?.tier === 'ai' && site.status === 'active') h100 += model.h100Equivalent * lot.count;
  }
  return h100;
}

/** H100-equivalents not yet promised to tenders, contracts, lease asks or sold leases. */
export function uncommittedH100(view: PlayerView): number {
  const me = view.me;
  if (!me) return 0;
  let free = installedH100(view) + leasedInGpus(view);
  for (const c of me.contracts) if (c.kind === 'tender' && c.endDay > view.day) free -= c.gpus;
  for (const l of me.leasesOut) if (l.endDay > view.day) free -= l.gpus;
  for (const o of me.leaseOrders) if (o.side === 'ask') free -= o.remaining;
  for (const t of view.tenders) if (t.myBidUsdPerGpuHour !== null && t.closesDay >= view.day) free -= t.gpus;
  return Math.max(0, Math.floor(free));
}

export function leasedInGpus(view: PlayerView): number {
  return (view.me?.leasesIn ?? []).filter((l) => l.endDay > view.day).reduce((s, l) => s + l.gpus, 0);
}

/** Running cost of one H100-equivalent per hour at a region's power price (the rent floor). */
export function gpuPowerUsdPerHour(view: PlayerView, regionId: string): number {
  const model = bestGpu(view) ?? releasedModels(view, 'gpu')[0];
  if (!model || model.h100Equivalent <= 0) return 0;
  return unitPowerUsdPerDay(view, model, regionId) / 24 / model.h100Equivalent;
}

/**
 * Bids on open tenders this player can serve from uncommitted capacity, at a price between its
 * cost floor and the reserve, undercutting the reserve by `undercut` (0.05 = 5%).
 */
export function bidTenders(view: PlayerView, floorUsdPerGpuHour: number, undercut: number, out: Action[]): void {
  let free = uncommittedH100(view);
  const aiSite = mySites(view).some((s) => s.tier === 'ai' && s.status === 'active');
  for (const t of view.tenders) {
    if (t.myBidUsdPerGpuHour !== null || t.closesDay < view.day || t.startDay < view.day) continue;
    if (t.tier === 'ai' && !aiSite && leasedInGpus(view) === 0) continue;
    if (t.gpus > free) continue;
    const price = round2(Math.max(floorUsdPerGpuHour * 1.1, t.reservePriceUsdPerGpuHour * (1 - undercut)));
    if (price > t.reservePriceUsdPerGpuHour || price <= 0) continue;
    free -= t.gpus;
    out.push({ type: 'bidTender', tenderId: t.id, priceUsdPerGpuHour: price });
  }
}

/** Once per contest round, picks a side with a stake; skipped when already picked. */
export function contestPick(view: PlayerView, narrative: 'crypto' | 'ai', stakeUsd: number, out: Action[]): void {
  const me = view.me;
  if (!me || me.contestPick || view.phase !== 'running' || view.contest.resolveDay <= view.day) return;
  const stake = Math.floor(Math.max(0, Math.min(stakeUsd, view.contest.maxStakeUsd, me.cashUsd * 0.5)));
  out.push({ type: 'contestPick', narrative, stakeUsd: stake });
}

/** Announces a narrative when it differs from the public one. */
export function announce(view: PlayerView, narrative: 'crypto' | 'ai' | 'none', out: Action[]): void {
  const me = view.me;
  if (me && me.narrative !== narrative) out.push({ type: 'announceNarrative', narrative });
}

/** Sets the share of mined BTC sold each day when it differs. */
export function treasuryPolicy(view: PlayerView, sellMinedPct: number, out: Action[]): void {
  if (view.me && Math.abs(view.me.sellMinedPct - sellMinedPct) > 0.5) out.push({ type: 'setTreasuryPolicy', sellMinedPct });
}

/** True once every `days` days (staggered per bot by its memory), for slow decisions. */
export function every(ctx: BotContext, key: string, days: number): boolean {
  const last = typeof ctx.memory[key] === 'number' ? (ctx.memory[key]) : -Infinity;
  if (ctx.day - last < days) return false;
  ctx.memory[key] = ctx.day;
  return true;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A lease price moved into today's band around spot (orders outside it are refused), in whole cents. */
export function inLeaseBand(view: PlayerView, priceUsdPerGpuHour: number): number {
  const band = leasePriceBand(view.world.gpuRentUsdPerHour);
  return round2(Math.min(band.maxUsdPerGpuHour, Math.max(band.minUsdPerGpuHour, priceUsdPerGpuHour)));
}

export function lotsOf(view: PlayerView, kind: 'asic' | 'gpu'): HardwareLot[] {
  return (view.me?.lots ?? []).filter((l) => modelOf(view, l.modelId)?.kind === kind);
}

/** Hype momentum from the contest history and the indices: the side the crowd is leaning to. */
export function momentumNarrative(view: PlayerView): 'crypto' | 'ai' {
  const last = view.contest.history[view.contest.history.length - 1];
  if (last) return last.winner;
  return view.world.hype.ai >= view.world.hype.crypto ? 'ai' : 'crypto';
}

/** Takes a loan, sized within a prudent share of NAV, when cash would otherwise fall short. */
export function borrow(view: PlayerView, amountUsd: number, termDays: number, out: Action[], collateralBtc = 0): void {
  const me = view.me;
  if (!me || amountUsd < 100_000) return;
  const room = collateralBtc > 0 ? me.quotes.securedRoomUsd : me.quotes.borrowRoomUsd;
  const headroom = Math.min(room, Math.max(0, me.navUsd * 0.3 - me.debtUsd));
  // Collateral at a 50% loan-to-value stays clear of margin calls for a 35% price drop or so.
  const backed = collateralBtc > 0 ? collateralBtc * view.world.btcUsd * 0.5 : Infinity;
  const amount = Math.floor(Math.min(amountUsd, headroom, backed));
  if (amount < 100_000) return;
  out.push(collateralBtc > 0 ? { type: 'takeLoan', amountUsd: amount, termDays, collateralBtc } : { type: 'takeLoan', amountUsd: amount, termDays });
}

/** Repays loans with cash above `keepUsd`, oldest first. */
export function repayWithSpareCash(view: PlayerView, keepUsd: number, out: Action[]): void {
  const me = view.me;
  if (!me) return;
  let spare = me.cashUsd - keepUsd;
  for (const loan of me.loans) {
    if (spare < 10_000) break;
    const owed = loan.principalUsdCents / 100;
    const amount = Math.floor(Math.min(owed, spare));
    if (amount <= 0) continue;
    spare -= amount;
    out.push({ type: 'repayLoan', loanId: loan.id, amountUsd: amount });
  }
}

/**
 * Tracks a series in memory as an exponential moving average (weight `alpha` per day) and returns
 * how far today's value is above (+) or below (−) it, as a fraction: a cheap trend signal.
 */
export function trend(ctx: BotContext, key: string, value: number, alpha = 0.1): number {
  const prev = ctx.memory[key];
  const ema = typeof prev === 'number' && prev > 0 ? prev : value;
  ctx.memory[key] = ema + alpha * (value - ema);
  return ema > 0 ? value / ema - 1 : 0;
}

/** Gross dollars of new stock the issuance window still lets this company sell, at the discounted issue price. */
export function issuableUsd(view: PlayerView): number {
  const me = view.me;
  if (!me || me.sharesOutstanding <= 0 || me.marketCapUsd <= 0) return 0;
  const priceUsd = (me.marketCapUsd / me.sharesOutstanding) * (1 - EQUITY_DISCOUNT_PCT / 100);
  // A hair under the room: the engine rounds new shares up.
  return Math.max(0, Math.floor(me.issuableShares * priceUsd * 0.995));
}

/**
 * Market cap ÷ NAV above which selling stock at the discount, net of fees, adds NAV per share
 * (1 ÷ (0.92 × 0.96) ≈ 1.13, with a margin): below it a raise only dilutes the founders.
 */
export const ACCRETIVE_CAP_TO_NAV = 1.2;

/** Market cap ÷ NAV (0 when NAV is not positive). */
export function capToNav(view: PlayerView): number {
  const me = view.me;
  return me && me.navUsd > 0 ? me.marketCapUsd / me.navUsd : 0;
}

/** Sells up to `maxUsd` of stock if the crowd pays enough for it to be accretive and the window allows at least $1M. */
export function raiseEquity(view: PlayerView, maxUsd: number, out: Action[]): boolean {
  if (capToNav(view) < ACCRETIVE_CAP_TO_NAV) return false;
  const amountUsd = Math.floor(Math.min(maxUsd, issuableUsd(view)));
  if (amountUsd < 1_000_000) return false;
  out.push({ type: 'raiseEquity', amountUsd });
  return true;
}

/** A hodler's treasury: buys BTC with a share of the day's spare cash and never sells it. */
export function stackSpareCash(view: PlayerView, budget: Budget, share: number, out: Action[]): void {
  if (!view.me || view.world.btcUsd <= 0 || hasBtcBackedLoan(view)) return;
  const btc = Math.floor(((budget.cashUsd * share) / view.world.btcUsd) * 1e4) / 1e4;
  if (btc >= 0.01 && budget.spend(btc * view.world.btcUsd)) out.push({ type: 'tradeBtc', side: 'buy', amountBtc: btc });
}

/** A BTC-backed loan's covenant bars buying BTC while it is outstanding. */
export function hasBtcBackedLoan(view: PlayerView): boolean {
  return view.me?.loans.some((l) => l.collateralSats > 0) ?? false;
}

/** Where BTC goes over a preset's published history: players who know 2023-24 know this much (not the dates). */
const KNOWN_BTC_DIRECTION: Readonly<Record<string, 'up' | 'down'>> = { 'history-2023-2025': 'up', 'crypto-winter-2022': 'down' };
/** Share of the coins' value borrowed against them: a 50 % loan-to-value survives a third off the price before a 75 % margin call. */
const TIDE_LOAN_TO_VALUE = 0.5;

/**
 * The treasury of a company that knows the tide (the MARA playbook): where history says BTC rises,
 * put the equity into BTC on the first day and fund the business with a loan against the coins.
 * Returns true on the day it acts, so the caller spends nothing that day (its cash just became coins).
 */
export function tideTreasury(view: PlayerView, ctx: BotContext, keepUsd: number, out: Action[]): boolean {
  const me = view.me;
  if (!me || ctx.memory.tide || KNOWN_BTC_DIRECTION[view.scenarioId] !== 'up' || view.world.btcUsd <= 0) return false;
  // Done once the coins are held (or after a few tries); other companies' buys the same day move the price.
  const tries = typeof ctx.memory.tideTries === 'number' ? ctx.memory.tideTries : 0;
  if (hasBtcBackedLoan(view) || tries >= 3) {
    ctx.memory.tide = true;
    return false;
  }
  ctx.memory.tideTries = tries + 1;
  const btc = Math.floor(((me.cashUsd - keepUsd) * 0.98 / view.world.btcUsd) * 1e4) / 1e4;
  if (btc < 1) return false;
  out.push({ type: 'tradeBtc', side: 'buy', amountBtc: btc });
  const loanUsd = Math.floor(Math.min(me.quotes.securedRoomUsd, btc * view.world.btcUsd * TIDE_LOAN_TO_VALUE));
  const termDays = Math.min(3650, Math.max(30, view.endDay - view.day + 60));
  if (loanUsd >= 100_000) out.push({ type: 'takeLoan', amountUsd: loanUsd, termDays, collateralBtc: btc });
  return true;
}
