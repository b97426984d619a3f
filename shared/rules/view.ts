/**
 * What one player may see (boardgame.io's playerView): the public world plus its own private data.
 * The client, the online bot and the headless bot all read this shape; secrets never enter it.
 */
import type {
  ContestSummary, Contract, GameState, HardwareLot, LeaseHolding, LeaseOrder, Loan, Meters, NewsItem, Offer, OfferBid,
  PlayerId, PlayerState, RegionState, Site, Tender, Narrative, ContestResult,
} from './types.js';
import type { HardwareModelSpec, RegionSpec } from '../economy/scenarios/types.js';
import { balanceOf, playerAccount } from '../economy/ledger.js';
import { centsToUsd, satsToBtc } from '../economy/money.js';
import { daysBetween } from '../economy/calendar.js';
import { lotsOf, recordList, siteLoadsOf, type SiteLoad } from './systems/capacity.js';
import { LEASE_BLOCK_DAYS } from '../economy/leaseBook.js';
import { navPartsByPlayer } from './systems/valuation.js';
import { founderStakeUsd } from './score.js';
import { navUsd, operatingUsd, type NavParts } from '../economy/valuation.js';
import { currentWindow, ISSUANCE_WINDOW_DAYS, issuableShares, retirableShares } from '../economy/finance.js';
import { coloOffers, type ColoOffer } from './systems/colocation.js';
import { publicContestSummary } from './systems/contest.js';
import type { Tier } from './types.js';
import { borrowingBaseUsd, borrowingRoomCents, unsecuredRoomCents } from '../economy/finance.js';
import { playerSectorHype } from './systems/valuation.js';
import { newUnitPriceUsd, resaleUnitPriceUsd, siteMarketUsdPerMw, tierCapexUsdPerMw, tierMarketUsdPerMw } from './systems/prices.js';
import { recordValues } from './recordValues.js';

export interface PublicPlayer {
  id: PlayerId;
  name: string;
  colorIndex: number;
  strategy: string;
  narrative: Narrative;
  bankrupt: boolean;
  navUsd: number;
  marketCapUsd: number;
  multiple: number;
  sharesOutstanding: number;
  founderShares: number;
  /** The headline score: the founders' stake at market ("chosen") and at NAV ("worth"), whole dollars. */
  scoreMarketUsd: number;
  scoreNavUsd: number;
  revenueMiningUsdPerDay: number;
  revenueAiUsdPerDay: number;
  btcMinedBtc: number;
  computeDeliveredH100Days: number;
}

export interface BookLevel {
  priceUsdPerGpuHour: number;
  quantity: number;
  orders: number;
}

export type PublicTender = Omit<Tender, 'bids'> & { bidCount: number; myBidUsdPerGpuHour: number | null };

/** A company's own sealed bid on an offer. */
export interface MyOfferBid {
  siteId: string;
  priceUsdPerKwMonth: number;
  priceUsdPerMw: number;
}

/** An offer to the whole market as every company sees it: the terms and how many bids, never whose. */
export type PublicOffer = Omit<Offer, 'bids'> & { bidCount: number; myBid: MyOfferBid | null };

export type { ColoOffer };

export interface PrivatePlayer {
  cashUsd: number;
  btc: number;
  sellMinedPct: number;
  debtUsd: number;
  lots: HardwareLot[];
  leaseOrders: LeaseOrder[];
  leasesIn: LeaseHolding[];
  leasesOut: LeaseHolding[];
  contracts: Contract[];
  loans: Loan[];
  contestPick: { narrative: 'crypto' | 'ai'; stakeUsd: number } | null;
  /** Today's NAV by part and the operating business the multiple applies to (the engine's own figures). */
  navParts: NavParts;
  operatingUsd: number;
  /** Shares that may still be issued / bought back in the current window, and the day it resets. */
  issuableShares: number;
  retirableShares: number;
  issuanceWindowEndsDay: number;
  /** The engine's own figures for this player's previews (shared/rules/quotes.ts reads them; the UI never re-derives them). */
  quotes: EngineQuotes;
  /** Load of each own site with hardware installed (MW at the meter incl. PUE, free MW, units), by site id. */
  siteLoads: Record<string, SiteLoad>;
}

export type { SiteLoad };

/**
 * What the reducers would price an action at today, from the same functions they call: unit
 * prices (`newUnitPriceUsd`), NAV parts (`navPartsByPlayer`), the lender's view of the company
 * (`playerSectorHype`) and the borrowing cap (`borrowingRoomCents`).
 */
export interface EngineQuotes {
  /** Today's NAV part by part (cash, BTC incl. collateral, hardware at resale, sites, contracts, debt). */
  navParts: NavParts;
  /** Sector hype 0-1 as the crowd and a lender see this company (revenue mix + narrative). */
  sectorHype: number;
  /** Dollars the company may still borrow without collateral (≤ maxLeverage × machines, sites and contracts, and all debt ≤ maxLeverage × NAV). */
  borrowRoomUsd: number;
  /** Dollars it may still borrow against pledged BTC (all debt ≤ maxLeverage × NAV). */
  securedRoomUsd: number;
  maxLeverage: number;
  marginCallLtv: number;
  equityFeePct: number;
  /** New and used price of one unit of each released model (dollars, unrounded as the reducer uses them). */
  unitPriceUsd: Record<string, number>;
  resaleUnitPriceUsd: Record<string, number>;
  /** What NAV counts per energised MW of each tier (market value), and what building one costs. */
  siteMarketUsdPerMw: Record<Tier, number>;
  /** The same per region: comparable listings there can make a region's MW cheaper (prices.ts). */
  regionSiteUsdPerMw: Record<string, Record<Tier, number>>;
  capexUsdPerMw: Record<Tier, number>;
}

export interface PlayerView {
  day: number;
  date: string;
  endDay: number;
  phase: GameState['phase'];
  scenarioId: string;
  playerId: PlayerId;
  world: {
    btcUsd: number;
    heightBlocks: number;
    difficultyEhs: number;
    networkHashrateEhs: number;
    subsidyBtc: number;
    feesBtcPerBlock: number;
    hashpriceUsdPerPhDay: number;
    nextHalvingHeight: number;
    asicUsdPerTh: number;
    asicLeadTimeDays: number;
    gpuPriceUsd: Record<string, number>;
    /** Today's new-unit price of each released model, whole dollars (`newUnitPriceUsd`, what an order pays). */
    unitPriceUsd: Record<string, number>;
    gpuLeadTimeDays: number;
    gpuRentUsdPerHour: number;
    hype: { crypto: number; ai: number };
    interestRatePct: number;
    meters: Meters;
  };
  regions: (RegionSpec & RegionState)[];
  /** Models already released by today. */
  catalogue: HardwareModelSpec[];
  capex: GameState['scenario']['capex'];
  players: PublicPlayer[];
  sites: Site[];
  /** `blockDays`: the length of one lease block (1 H100-equivalent for that many days). */
  book: { bids: BookLevel[]; asks: BookLevel[]; blockDays: number };
  tenders: PublicTender[];
  /** Hosting and buy-out offers open to every company (sealed bids). */
  offers: PublicOffer[];
  /** NPC colocation providers: terms and MW still to let. */
  colocation: ColoOffer[];
  contest: { round: number; resolveDay: number; pickCount: number; history: ContestSummary[]; maxStakeUsd: number };
  news: NewsItem[];
  me: (PublicPlayer & PrivatePlayer) | null;
}

const BOOK_DEPTH = 10;

/**
 * The view pieces memoised on a state's records and collections, which a returned state never
 * changes. A match played in place (`matchCursor` with `inPlace`) does change them between days, so
 * it calls `forgetViewMemos` before each day. Memos keyed on what never changes (the scenario,
 * finished contest rounds) live outside.
 */
function recordMemos() {
  return {
    ownerIndexes: new WeakMap<object, Map<string, Map<PlayerId, unknown[]>>>(),
    marketQuotesCache: new WeakMap<GameState['scenario'], { date: string; asicUsdPerTh: number; gpuPriceUsd: Record<string, number>; quotes: MarketQuotes }>(),
    navPartsCache: new WeakMap<GameState, ReadonlyMap<PlayerId, NavParts>>(),
    oneSeatCache: new WeakMap<GameState, { id: PlayerId; parts: NavParts }>(),
    publicPlayerCache: new WeakMap<PlayerState, PublicPlayer>(),
    sitesCache: new WeakMap<Record<string, Site>, { sites: Site[]; colocation: ColoOffer[] }>(),
    bookCache: new WeakMap<Record<string, LeaseOrder>, PlayerView['book']>(),
    regionsCache: new WeakMap<Record<string, RegionState>, PlayerView['regions']>(),
    newsCache: new WeakMap<NewsItem[], NewsItem[]>(),
    // Records that lose keys (tenders awarded, offers closed) are slow to list: once per state, not per seat.
    tenderListCache: new WeakMap<Record<string, Tender>, Tender[]>(),
    offerListCache: new WeakMap<Record<string, Offer>, Offer[]>(),
    tenderSeen: new WeakMap<Tender, { noBid: PublicTender; bids: Map<PlayerId, Tender['bids'][number]> }>(),
    offerSeen: new WeakMap<Offer, { noBid: PublicOffer; bids: Map<PlayerId, OfferBid> }>(),
    publicCache: new WeakMap<GameState, PublicPart>(),
  };
}
let memos = recordMemos();

/** Drops every memo on records (see `recordMemos`). */
export function forgetViewMemos(): void {
  memos = recordMemos();
}

export function publicPlayer(state: GameState, id: PlayerId): PublicPlayer | null {
  const p = state.players[id];
  if (!p) return null;
  return {
    id: p.id, name: p.name, colorIndex: p.colorIndex, strategy: p.strategy, narrative: p.narrative, bankrupt: p.bankrupt,
    navUsd: p.navUsd, marketCapUsd: p.marketCapUsd, multiple: p.multiple, sharesOutstanding: p.sharesOutstanding,
    founderShares: p.founderShares, scoreMarketUsd: founderStakeUsd(p, 'market'), scoreNavUsd: founderStakeUsd(p, 'nav'),
    revenueMiningUsdPerDay: p.revenueMiningUsdPerDay, revenueAiUsdPerDay: p.revenueAiUsdPerDay,
    btcMinedBtc: satsToBtc(p.btcMinedSats), computeDeliveredH100Days: p.computeDeliveredH100Days,
  };
}

// A player's public card, one per player record: the public list and the player's own view share it.
function publicCard(state: GameState, id: PlayerId): PublicPlayer | null {
  const p = state.players[id];
  return p ? memo(memos.publicPlayerCache, p, () => publicPlayer(state, id)!) : null;
}

/** Aggregated price levels, best first: bids high→low, asks low→high. */
export function bookLevels(state: GameState, side: 'bid' | 'ask', depth = BOOK_DEPTH): BookLevel[] {
  const levels = new Map<number, BookLevel>();
  for (const o of recordValues(state.leaseOrders)) {
    if (o.side !== side || o.remaining <= 0) continue;
    const level = levels.get(o.priceUsdPerGpuHour) ?? { priceUsdPerGpuHour: o.priceUsdPerGpuHour, quantity: 0, orders: 0 };
    level.quantity += o.remaining;
    level.orders += 1;
    levels.set(o.priceUsdPerGpuHour, level);
  }
  const sorted = [...levels.values()].sort((a, b) => (side === 'bid' ? b.priceUsdPerGpuHour - a.priceUsdPerGpuHour : a.priceUsdPerGpuHour - b.priceUsdPerGpuHour));
  return sorted.slice(0, depth);
}

// Owner indexes of a state's collections, built in one pass the first time a view asks and kept
// while the collection is the same object (a state never changes; the next shares untouched ones).
function byOwner<T, K extends keyof T & string>(items: Record<string, T>, key: K): Map<PlayerId, T[]> {
  let perKey = memos.ownerIndexes.get(items);
  if (!perKey) memos.ownerIndexes.set(items, (perKey = new Map<string, Map<string, unknown[]>>()));
  let idx = perKey.get(key) as Map<PlayerId, T[]> | undefined;
  if (!idx) {
    idx = new Map();
    for (const x of recordValues(items)) {
      const owner = x[key] as PlayerId;
      const list = idx.get(owner);
      if (list) list.push(x);
      else idx.set(owner, [x]);
    }
    perKey.set(key, idx);
  }
  return idx;
}

/**
 * A player's own card with its private data (the view's `me`; the server sends it to its owner
 * without building a whole view). One literal, field by field: V8 merges two objects by spread or
 * Object.assign on a slow path, and building the private part apart cost a second object per seat.
 */
export function ownCard(state: GameState, id: PlayerId, card: PublicPlayer): PublicPlayer & PrivatePlayer {
  const bal = balanceOf(state.ledger, playerAccount(id));
  const mine = <T extends { ownerId: PlayerId }>(items: Record<string, T>) => byOwner(items, 'ownerId').get(id) ?? [];
  const loans = mine(state.loans);
  const pick = Object.prototype.hasOwnProperty.call(state.contest.current.picks, id) ? state.contest.current.picks[id] : undefined;
  const p = state.players[id];
  const navParts = navPartsFor(state, id);
  const window = p ? currentWindow(p, p.sharesOutstanding, state.day) : null;
  const lots = lotsOf(state, id);
  return {
    id: card.id, name: card.name, colorIndex: card.colorIndex, strategy: card.strategy, narrative: card.narrative, bankrupt: card.bankrupt,
    navUsd: card.navUsd, marketCapUsd: card.marketCapUsd, multiple: card.multiple, sharesOutstanding: card.sharesOutstanding,
    founderShares: card.founderShares, scoreMarketUsd: card.scoreMarketUsd, scoreNavUsd: card.scoreNavUsd,
    revenueMiningUsdPerDay: card.revenueMiningUsdPerDay, revenueAiUsdPerDay: card.revenueAiUsdPerDay,
    btcMinedBtc: card.btcMinedBtc, computeDeliveredH100Days: card.computeDeliveredH100Days,
    cashUsd: centsToUsd(bal.usdCents),
    btc: satsToBtc(bal.sats),
    sellMinedPct: p?.sellMinedPct ?? 0,
    debtUsd: centsToUsd(loans.reduce((s, l) => s + l.principalUsdCents, 0)),
    lots,
    leaseOrders: mine(state.leaseOrders),
    leasesIn: byOwner(state.leases, 'lesseeId').get(id) ?? [],
    leasesOut: byOwner(state.leases, 'lessorId').get(id) ?? [],
    contracts: mine(state.contracts),
    loans,
    contestPick: pick ? { narrative: pick.narrative, stakeUsd: centsToUsd(pick.stakeUsdCents) } : null,
    navParts,
    operatingUsd: operatingUsd(navParts),
    issuableShares: p ? issuableShares(window!) : 0,
    retirableShares: p ? retirableShares(window!) : 0,
    issuanceWindowEndsDay: window ? window.issuanceWindowStartDay + ISSUANCE_WINDOW_DAYS : state.day,
    quotes: engineQuotes(state, id, loans),
    siteLoads: siteLoadsOf(state, id, lots),
  };
}

/** New-unit price of each model released by today (the catalogue the view lists). */
export function releasedUnitPrices(state: GameState): Record<string, number> {
  return marketQuotes(state).unitPriceUsd;
}

type MarketQuotes = Pick<EngineQuotes, 'unitPriceUsd' | 'resaleUnitPriceUsd' | 'siteMarketUsdPerMw' | 'regionSiteUsdPerMw' | 'capexUsdPerMw'>;

// Prices every seat sees alike, from the scenario, today's date and the hardware prices: one copy
// while those are the same objects (all day long unless an action moves a price).
function marketQuotes(state: GameState): MarketQuotes {
  const hit = memos.marketQuotesCache.get(state.scenario);
  if (hit && hit.date === state.date && hit.asicUsdPerTh === state.hardware.asicUsdPerTh && hit.gpuPriceUsd === state.compute.gpuPriceUsd) return hit.quotes;
  const unitPriceUsd: Record<string, number> = {};
  const resale: Record<string, number> = {};
  for (const m of state.scenario.catalogue) {
    if (daysBetween(m.releaseDate, state.date) < 0) continue;
    unitPriceUsd[m.id] = newUnitPriceUsd(state, m.id);
    resale[m.id] = resaleUnitPriceUsd(state, m.id);
  }
  const site = sitePrices(state);
  const quotes: MarketQuotes = {
    unitPriceUsd,
    resaleUnitPriceUsd: resale,
    siteMarketUsdPerMw: site.siteMarketUsdPerMw,
    regionSiteUsdPerMw: site.regionSiteUsdPerMw,
    capexUsdPerMw: site.capexUsdPerMw,
  };
  memos.marketQuotesCache.set(state.scenario, { date: state.date, asicUsdPerTh: state.hardware.asicUsdPerTh, gpuPriceUsd: state.compute.gpuPriceUsd, quotes });
  return quotes;
}

// What a site's MW is worth and costs: from the scenario's capex and listings alone, so once a match.
const sitePricesCache = new WeakMap<GameState['scenario'], Pick<MarketQuotes, 'siteMarketUsdPerMw' | 'regionSiteUsdPerMw' | 'capexUsdPerMw'>>();
function sitePrices(state: GameState): Pick<MarketQuotes, 'siteMarketUsdPerMw' | 'regionSiteUsdPerMw' | 'capexUsdPerMw'> {
  return memo(sitePricesCache, state.scenario, () => ({
    siteMarketUsdPerMw: { mining: tierMarketUsdPerMw(state, 'mining'), ai: tierMarketUsdPerMw(state, 'ai') },
    regionSiteUsdPerMw: Object.fromEntries(state.scenario.regions.map((r) => [r.id, {
      mining: siteMarketUsdPerMw(state, { tier: 'mining', regionId: r.id }), ai: siteMarketUsdPerMw(state, { tier: 'ai', regionId: r.id }),
    }])),
    capexUsdPerMw: { mining: tierCapexUsdPerMw(state, 'mining'), ai: tierCapexUsdPerMw(state, 'ai') },
  }));
}

function engineQuotes(state: GameState, id: PlayerId, loans: readonly { principalUsdCents: number; collateralSats: number }[]): EngineQuotes {
  const np = navPartsFor(state, id);
  const debtCents = loans.reduce((s, l) => s + l.principalUsdCents, 0);
  const unsecuredCents = loans.reduce((s, l) => s + (l.collateralSats > 0 ? 0 : l.principalUsdCents), 0);
  const f = state.scenario.finance;
  const market = marketQuotes(state);
  return {
    navParts: np,
    sectorHype: playerSectorHype(state, id),
    borrowRoomUsd: centsToUsd(unsecuredRoomCents(borrowingBaseUsd(np), unsecuredCents, navUsd(np), debtCents, f.maxLeverage)),
    securedRoomUsd: centsToUsd(borrowingRoomCents(navUsd(np), debtCents, f.maxLeverage)),
    maxLeverage: f.maxLeverage,
    marginCallLtv: f.marginCallLtv,
    equityFeePct: f.equityFeePct,
    unitPriceUsd: market.unitPriceUsd,
    resaleUnitPriceUsd: market.resaleUnitPriceUsd,
    siteMarketUsdPerMw: market.siteMarketUsdPerMw,
    regionSiteUsdPerMw: market.regionSiteUsdPerMw,
    capexUsdPerMw: market.capexUsdPerMw,
  };
}

const EMPTY_NAV_PARTS: NavParts = Object.freeze({
  cashUsd: 0, btc: 0, btcUsd: 0, reservedUsd: 0, heldLeasesUsd: 0, hardwareUsd: 0, operatingHardwareUsd: 0, earningPowerUsd: 0, sitesUsd: 0,
  operatingSitesUsd: 0, contractsPvUsd: 0, debtUsd: 0,
});

// NAV parts, once per state. The first view of a state values its own seat only (a room after one
// seat's action may send one view); a second view of the same state (a bots' day, a room sending
// every seat) values every seat at once. Both give the same figures: the one-seat pass is the
// all-seat pass filtered.
function navPartsFor(state: GameState, id: PlayerId): NavParts {
  const all = memos.navPartsCache.get(state);
  if (all) return all.get(id) ?? EMPTY_NAV_PARTS;
  const one = memos.oneSeatCache.get(state);
  if (!one) {
    const parts = navPartsByPlayer(state, id).get(id) ?? EMPTY_NAV_PARTS;
    memos.oneSeatCache.set(state, { id, parts });
    return parts;
  }
  if (one.id === id) return one.parts;
  const parts = navPartsByPlayer(state);
  memos.navPartsCache.set(state, parts);
  return parts.get(id) ?? EMPTY_NAV_PARTS;
}

/**
 * `make(key)`, remembered for as long as `key` (a record or list of a state) lives. States share
 * every record an action did not touch, so the next state's view reuses these pieces.
 */
function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make(key)));
  return v;
}

const catalogueCache = new WeakMap<GameState['scenario'], { date: string; catalogue: HardwareModelSpec[] }>();
const summaryCache = new WeakMap<ContestResult, ContestSummary>();

function releasedModels(state: GameState): HardwareModelSpec[] {
  const hit = catalogueCache.get(state.scenario);
  if (hit?.date === state.date) return hit.catalogue;
  const catalogue = state.scenario.catalogue.filter((m) => daysBetween(m.releaseDate, state.date) >= 0);
  catalogueCache.set(state.scenario, { date: state.date, catalogue });
  return catalogue;
}

function contestSummary(r: ContestResult): ContestSummary {
  return memo(summaryCache, r, (x) => publicContestSummary(x));
}

// A viewer's own contest history: its payout in each round. History only grows by one round at a
// time, so each seat's list is kept against the round it ends with and extended once per round
// (rebuilding it for every seat every day grew with the match's length).
const ownHistoryCache = new WeakMap<ContestResult, Map<PlayerId, ContestSummary[]>>();
const NO_HISTORY: ContestSummary[] = [];
function ownContestHistory(history: readonly ContestResult[], viewer: PlayerId): ContestSummary[] {
  const n = history.length;
  if (n === 0) return NO_HISTORY;
  const last = history[n - 1]!;
  let byViewer = ownHistoryCache.get(last);
  if (!byViewer) ownHistoryCache.set(last, (byViewer = new Map<PlayerId, ContestSummary[]>()));
  const hit = byViewer.get(viewer);
  if (hit && hit.length === n) return hit;
  const before = n > 1 ? ownHistoryCache.get(history[n - 2]!)?.get(viewer) : undefined;
  const list = before && before.length === n - 1 ? [...before, publicContestSummary(last, viewer)] : history.map((r) => publicContestSummary(r, viewer));
  byViewer.set(viewer, list);
  return list;
}

type PublicPart = Omit<PlayerView, 'playerId' | 'tenders' | 'offers' | 'me'>;

// A region's spec and today's state in one object, field by field (Object.assign takes V8's slow
// path). The specs are first copied into one shape per scenario: a scenario that derives its regions
// by spreads hands them over in several, and reading nineteen fields across those cost more than
// the copy saved.
const regionSpecsCache = new WeakMap<GameState['scenario'], RegionSpec[]>();
function regionSpecs(scenario: GameState['scenario']): RegionSpec[] {
  return memo(regionSpecsCache, scenario, () => scenario.regions.map((r) => ({
    id: r.id, name: r.name, basePowerUsdPerMwh: r.basePowerUsdPerMwh, priceSlopeUsdPerMwhPerGw: r.priceSlopeUsdPerMwhPerGw,
    powerVolDaily: r.powerVolDaily, gridQueueBaseDays: r.gridQueueBaseDays, gridQueueDaysPer100Mw: r.gridQueueDaysPer100Mw, pue: r.pue,
    politicalRiskPerYear: r.politicalRiskPerYear, curtailCreditUsdPerMwh: r.curtailCreditUsdPerMwh, mapX: r.mapX, mapY: r.mapY,
  })));
}

function viewRegion(r: RegionSpec, st: RegionState | undefined): RegionSpec & RegionState {
  if (!st) return { ...r } as RegionSpec & RegionState;
  return {
    id: r.id, name: r.name, basePowerUsdPerMwh: r.basePowerUsdPerMwh, priceSlopeUsdPerMwhPerGw: r.priceSlopeUsdPerMwhPerGw,
    powerVolDaily: r.powerVolDaily, gridQueueBaseDays: r.gridQueueBaseDays, gridQueueDaysPer100Mw: r.gridQueueDaysPer100Mw, pue: r.pue,
    politicalRiskPerYear: r.politicalRiskPerYear, curtailCreditUsdPerMwh: r.curtailCreditUsdPerMwh, mapX: r.mapX, mapY: r.mapY,
    powerUsdPerMwh: st.powerUsdPerMwh, loadMw: st.loadMw, gridQueueDays: st.gridQueueDays, miningBanUntilDay: st.miningBanUntilDay,
    spikeMultiplier: st.spikeMultiplier, spikeDaysLeft: st.spikeDaysLeft, powerLogNoise: st.powerLogNoise,
  };
}

// Every seat's view of one state shares its public part: a league builds a view per bot per day.
function publicPart(state: GameState): PublicPart {
  const cached = memos.publicCache.get(state);
  if (cached) return cached;
  const s = state.scenario;
  // The free MW of colocation providers is a sum over sites: it changes only with them.
  const siteParts = memo(memos.sitesCache, state.sites, (sites) => ({ sites: recordList(sites).slice(), colocation: coloOffers(state) }));
  const nextHalvingHeight = (Math.floor(state.btc.heightBlocks / s.halvingInterval) + 1) * s.halvingInterval;
  const part: PublicPart = {
    day: state.day,
    date: state.date,
    endDay: state.endDay,
    phase: state.phase,
    scenarioId: s.id,
    world: {
      btcUsd: state.btc.btcUsd,
      heightBlocks: state.btc.heightBlocks,
      difficultyEhs: state.btc.difficultyEhs,
      networkHashrateEhs: state.btc.networkHashrateEhs,
      subsidyBtc: state.btc.subsidyBtc,
      feesBtcPerBlock: state.btc.feesBtcPerBlock,
      hashpriceUsdPerPhDay: state.btc.hashpriceUsdPerPhDay,
      nextHalvingHeight,
      asicUsdPerTh: state.hardware.asicUsdPerTh,
      asicLeadTimeDays: state.hardware.asicLeadTimeDays,
      gpuPriceUsd: { ...state.compute.gpuPriceUsd },
      unitPriceUsd: releasedUnitPrices(state),
      gpuLeadTimeDays: state.compute.gpuLeadTimeDays,
      gpuRentUsdPerHour: state.compute.spotUsdPerGpuHour,
      hype: { ...state.hype },
      interestRatePct: state.interestRatePct,
      meters: { ...state.meters },
    },
    regions: memo(memos.regionsCache, state.regions, (regions) => regionSpecs(s).map((r) => viewRegion(r, regions[r.id]))),
    catalogue: releasedModels(state),
    capex: s.capex,
    players: state.playerOrder.map((id) => publicCard(state, id)).filter((p): p is PublicPlayer => p !== null),
    sites: siteParts.sites,
    book: memo(memos.bookCache, state.leaseOrders, () => ({ bids: bookLevels(state, 'bid'), asks: bookLevels(state, 'ask'), blockDays: LEASE_BLOCK_DAYS })),
    colocation: siteParts.colocation,
    contest: {
      round: state.contest.current.round,
      resolveDay: state.contest.current.resolveDay,
      pickCount: Object.keys(state.contest.current.picks).length,
      history: state.contest.history.map((r) => contestSummary(r)),
      maxStakeUsd: s.contest.maxStakeUsd,
    },
    news: memo(memos.newsCache, state.news, (news) => news.slice(-20)),
  };
  memos.publicCache.set(state, part);
  return part;
}

/**
 * The view of `playerId`; pass null for a spectator (public data only). Views of the same state
 * share their public objects: treat a view as read-only.
 */
export function playerView(state: GameState, playerId: PlayerId | null): PlayerView {
  const pub = publicPart(state);
  const me = playerId ? publicCard(state, playerId) : null;
  // A literal of fixed shape, not `{ ...pub, contest }`: overriding a spread key sends V8 down its
  // slow path, which cost more than the rest of a view.
  return {
    day: pub.day,
    date: pub.date,
    endDay: pub.endDay,
    phase: pub.phase,
    scenarioId: pub.scenarioId,
    playerId: playerId ?? '',
    world: pub.world,
    regions: pub.regions,
    catalogue: pub.catalogue,
    capex: pub.capex,
    players: pub.players,
    sites: pub.sites,
    book: pub.book,
    tenders: memo(memos.tenderListCache, state.tenders, (tenders) => recordValues(tenders)).map((t) => tenderAs(t, playerId)),
    offers: publicOffers(state, playerId),
    colocation: pub.colocation,
    // The shared public part has no payouts; a player sees its own in each round.
    contest: playerId ? {
      round: pub.contest.round, resolveDay: pub.contest.resolveDay, pickCount: pub.contest.pickCount,
      history: ownContestHistory(state.contest.history, playerId), maxStakeUsd: pub.contest.maxStakeUsd,
    } : pub.contest,
    news: pub.news,
    me: me && playerId ? ownCard(state, playerId, me) : null,
  };
}

/**
 * Every listed seat's view of one state (a headless match's day): their NAV parts in one pass, where
 * views one by one value the first seat alone and then every seat.
 */
export function playerViews(state: GameState, playerIds: readonly PlayerId[]): PlayerView[] {
  if (playerIds.length > 1 && !memos.navPartsCache.has(state)) memos.navPartsCache.set(state, navPartsByPlayer(state));
  return playerIds.map((id) => playerView(state, id));
}

// A tender or an offer as every seat sees it: no bids, their count, and the seat's own bid. Seats
// without a bid (most of them) share one copy; each bidder's own bid is found in one pass over the
// bids (the first it placed, as `find` would), not by a search per seat.
function publicTender(t: Tender, myBidUsdPerGpuHour: number | null): PublicTender {
  return {
    id: t.id, lab: t.lab, gpus: t.gpus, days: t.days, startDay: t.startDay, closesDay: t.closesDay, tier: t.tier,
    reservePriceUsdPerGpuHour: t.reservePriceUsdPerGpuHour, bidCount: t.bids.length, myBidUsdPerGpuHour,
  };
}

function tenderAs(t: Tender, viewer: PlayerId | null): PublicTender {
  const seen = memo(memos.tenderSeen, t, () => ({ noBid: publicTender(t, null), bids: firstBids(t.bids) }));
  const mine = viewer ? seen.bids.get(viewer) : undefined;
  return mine ? publicTender(t, mine.priceUsdPerGpuHour) : seen.noBid;
}

function publicOffer(o: Offer, mine: OfferBid | undefined): PublicOffer {
  return {
    id: o.id, kind: o.kind, tenant: o.tenant, mw: o.mw, priceUsdPerKwMonth: o.priceUsdPerKwMonth, years: o.years,
    retrofitFundedPct: o.retrofitFundedPct, buyoutUsdPerMw: o.buyoutUsdPerMw, postedDay: o.postedDay, closesDay: o.closesDay,
    bidCount: o.bids.length,
    myBid: mine ? { siteId: mine.siteId, priceUsdPerKwMonth: mine.priceUsdPerKwMonth, priceUsdPerMw: mine.priceUsdPerMw } : null,
  };
}

function firstBids<B extends { playerId: PlayerId }>(bids: readonly B[]): Map<PlayerId, B> {
  const first = new Map<PlayerId, B>();
  for (const b of bids) if (!first.has(b.playerId)) first.set(b.playerId, b);
  return first;
}

/** Open offers with the bid count, and `playerId`'s own bid (null for a spectator). */
export function publicOffers(state: GameState, playerId: PlayerId | null): PublicOffer[] {
  return memo(memos.offerListCache, state.offers, (offers) => recordValues(offers)).map((o) => {
    const seen = memo(memos.offerSeen, o, () => ({ noBid: publicOffer(o, undefined), bids: firstBids(o.bids) }));
    const mine = playerId ? seen.bids.get(playerId) : undefined;
    return mine ? publicOffer(o, mine) : seen.noBid;
  });
}
