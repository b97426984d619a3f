/**
 * The one adapter from the wire to a `PlayerView`: the room's synced state (`MarketState.toJSON()`),
 * the `welcome` scenario data and the owner-only `private` message become exactly what the engine's
 * `playerView(state, playerId)` returns (a property test holds the two equal, field by field). The
 * browser client and the online bot both read the game through it.
 */
import { daysBetween } from '../economy/calendar.js';
import { LEASE_BLOCK_DAYS } from '../economy/leaseBook.js';
import type { ContestSummary, Narrative } from '../rules/types.js';
import type { PlayerView } from '../rules/view.js';
import type { Welcome } from '../protocol/server.js';
import { derivedResalePrices, derivedUnitPrices } from './marketPrices.js';
import { meFromWire, type PrivatePayload, type PrivateWire } from './privateFeed.js';
import { derivedEnergyPriceIndex, derivedMultiple, derivedPowerUsdPerMwh, overrideKey } from './derivedFigures.js';
import { MARKET_KEYS, type MarketKey } from '../economy/scenarios/types.js';
import type {
  BookLevelCard, ClassroomInfo, ColoCard, ContestInfo, MarketState, MetersInfo, NewsCard, OfferCard, PlayerCard, RegionCard, RoomInfo, SiteCard,
  TenderCard, WorldInfo,
} from './MarketState.js';

/** The data fields of a schema card (what `toJSON()` keeps). */
type Fields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K extends `$${string}` | `~${string}` ? never : K]: T[K] };
type Card<T> = Omit<Fields<T>, never>;

/** `MarketState.toJSON()`: collections as plain objects/arrays; every block may be missing before the first patch. */
export interface StateJson {
  room?: Partial<Card<RoomInfo>>;
  world?: Partial<Omit<Card<WorldInfo>, 'gpuPriceUsd' | 'unitPriceUsd'>> & { gpuPriceUsd?: Record<string, number>; unitPriceUsd?: Record<string, number> };
  meters?: Partial<Card<MetersInfo>>;
  regions?: Record<string, Card<RegionCard>>;
  players?: Record<string, Card<PlayerCard>>;
  sites?: Record<string, Card<SiteCard>>;
  tenders?: Record<string, Card<TenderCard>>;
  offers?: Record<string, Card<OfferCard>>;
  colocation?: Record<string, Card<ColoCard>>;
  bookBids?: Card<BookLevelCard>[];
  bookAsks?: Card<BookLevelCard>[];
  contest?: Partial<Omit<Card<ContestInfo>, 'history'>> & { history?: string[] };
  news?: Card<NewsCard>[];
  classroom?: Partial<Omit<Card<ClassroomInfo>, 'closedMarkets'>> & { closedMarkets?: string[] };
  overrides?: Record<string, number>;
}

/** Anything with `toJSON()` into that shape: the live `room.state` of colyseus.js. */
export type SyncedState = MarketState | { toJSON(): unknown };

/** The private payload a client holds, folded from `private` and `privateDelta` (PrivateFeedCopy in privateDelta.ts); a whole engine payload reads the same. */
export type PrivateMessage = PrivateWire | PrivatePayload;

const values = <T>(v: Record<string, T> | T[] | undefined): T[] => (Array.isArray(v) ? v : Object.values(v ?? {}));

/** Reads a live synced state (or its JSON) as `StateJson`. */
export function stateJson(state: SyncedState | StateJson): StateJson {
  const s = state as { toJSON?: () => unknown };
  return (typeof s.toJSON === 'function' ? s.toJSON() : state) as StateJson;
}

/** The public contest history shipped in the synced state, with `priv`'s own payouts put back. */
export function contestHistoryOf(json: StateJson, priv: PrivateMessage | null, playerId: string): ContestSummary[] {
  const own = new Map((priv?.contestPayouts ?? []).map((p) => [p.round, p.usdCents]));
  return values(json.contest?.history).map((line) => {
    const pub = JSON.parse(line) as Omit<ContestSummary, 'payouts'>;
    const mine = own.get(pub.round);
    return { ...pub, payouts: mine !== undefined && playerId ? { [playerId]: mine } : {} };
  });
}

/**
 * The `PlayerView` of the welcomed player (or of a spectator: `me` null, no own bids or payouts).
 * Static data (regions' names and positions, catalogue, capex) comes from `welcome`.
 */
export function viewFromState(input: SyncedState | StateJson, welcome: Welcome | null, priv: PrivateMessage | null): PlayerView {
  const json = stateJson(input);
  const w = json.world ?? {};
  const m = json.meters ?? {};
  const c = json.contest ?? {};
  const live = new Map(values(json.regions).map((r) => [r.id, r]));
  const myBids = new Map((priv?.tenderBids ?? []).map((b) => [b.tenderId, b.priceUsdPerGpuHour]));
  const myOfferBids = new Map((priv?.offerBids ?? []).map((b) => [b.offerId, b]));
  const date = w.date ?? '';
  const playerId = welcome?.playerId ?? '';
  const catalogue = welcome?.scenario.catalogue ?? [];
  const unitPriceUsd = { ...derivedUnitPrices(catalogue, date, w.asicUsdPerTh ?? 0, w.gpuPriceUsd ?? {}), ...(w.unitPriceUsd ?? {}) };
  const hype = { hypeCrypto: w.hypeCrypto ?? 0, hypeAi: w.hypeAi ?? 0 };
  const day = w.day ?? 0;
  const basis = {
    unitPriceUsd, resaleUnitPriceUsd: derivedResalePrices(unitPriceUsd, welcome?.scenario.hardware?.resaleHaircutPct ?? 0), day, btcUsd: w.btcUsd ?? 0, ...hype,
  };
  // Figures rebuilt here with the engine's functions unless the server sent the engine's own (derivedFigures.ts).
  const overrides = json.overrides ?? {};
  const specs = welcome?.scenario.regions ?? [];
  const powerOf = new Map(specs.flatMap((spec) => {
    const r = live.get(spec.id);
    return r ? [[spec.id, overrides[overrideKey.powerUsdPerMwh(spec.id)] ?? derivedPowerUsdPerMwh(spec, r)] as const] : [];
  }));
  const players = values(json.players)
    .map((p) => {
      const narrative = (p.narrative || 'none') as Narrative;
      return {
        id: p.id, name: p.name, colorIndex: p.colorIndex, strategy: p.strategy, narrative, bankrupt: p.bankrupt, navUsd: p.navUsd,
        marketCapUsd: p.marketCapUsd, multiple: overrides[overrideKey.multiple(p.id)] ?? derivedMultiple(day, hype, { ...p, narrative }),
        sharesOutstanding: p.sharesOutstanding, founderShares: p.founderShares, scoreMarketUsd: p.scoreMarketUsd, scoreNavUsd: p.scoreNavUsd,
        revenueMiningUsdPerDay: p.revenueMiningUsdPerDay, revenueAiUsdPerDay: p.revenueAiUsdPerDay, btcMinedBtc: p.btcMinedBtc,
        computeDeliveredH100Days: p.computeDeliveredH100Days,
      };
    })
    .sort((a, b) => a.colorIndex - b.colorIndex);
  return {
    day,
    date,
    endDay: w.endDay ?? 0,
    phase: json.room?.phase === 'ended' ? 'ended' : 'running',
    scenarioId: json.room?.scenarioId || welcome?.scenario.id || '',
    playerId,
    world: {
      btcUsd: w.btcUsd ?? 0,
      heightBlocks: w.heightBlocks ?? 0,
      difficultyEhs: w.difficultyEhs ?? 0,
      networkHashrateEhs: w.networkHashrateEhs ?? 0,
      subsidyBtc: w.subsidyBtc ?? 0,
      feesBtcPerBlock: w.feesBtcPerBlock ?? 0,
      hashpriceUsdPerPhDay: w.hashpriceUsdPerPhDay ?? 0,
      nextHalvingHeight: w.nextHalvingHeight ?? 0,
      asicUsdPerTh: w.asicUsdPerTh ?? 0,
      asicLeadTimeDays: w.asicLeadTimeDays ?? 0,
      gpuPriceUsd: { ...(w.gpuPriceUsd ?? {}) },
      unitPriceUsd: { ...unitPriceUsd },
      gpuLeadTimeDays: w.gpuLeadTimeDays ?? 0,
      gpuRentUsdPerHour: w.gpuRentUsdPerHour ?? 0,
      hype: { crypto: w.hypeCrypto ?? 0, ai: w.hypeAi ?? 0 },
      interestRatePct: w.interestRatePct ?? 0,
      meters: {
        miningGw: m.miningGw ?? 0, aiGw: m.aiGw ?? 0, aiComputeH100Days: m.aiComputeH100Days ?? 0, btcMinedBtc: m.btcMinedBtc ?? 0,
        energyPriceIndex: overrides[overrideKey.energyPriceIndex] ?? derivedEnergyPriceIndex(specs, (id) => powerOf.get(id)),
      },
    },
    // The scenario's order, as the engine lists them; a region the state has not synced yet is left out.
    regions: specs.flatMap((spec) => {
      const r = live.get(spec.id);
      if (!r) return [];
      return [{
        ...spec, id: r.id, powerUsdPerMwh: powerOf.get(spec.id)!, loadMw: r.loadMw, gridQueueDays: r.gridQueueDays, miningBanUntilDay: r.miningBanUntilDay,
        spikeMultiplier: r.spikeMultiplier, spikeDaysLeft: r.spikeDaysLeft, powerLogNoise: r.powerLogNoise,
      }];
    }),
    catalogue: date ? catalogue.filter((x) => daysBetween(x.releaseDate, date) >= 0) : [],
    capex: welcome?.scenario.capex ?? { miningUsdPerMw: 0, aiUsdPerMw: 0, miningBuildDays: 0, aiBuildDays: 0, retrofitUsdPerMw: 0, retrofitDays: 0 },
    players,
    sites: values(json.sites).map((s) => ({
      id: s.id, name: s.name, regionId: s.regionId, ownerId: s.ownerId || null, tier: s.tier as PlayerView['sites'][number]['tier'],
      energisedMw: s.energisedMw, buildingMw: s.buildingMw, buildEtaDay: s.buildEtaDay, status: s.status as PlayerView['sites'][number]['status'],
      retrofitEtaDay: s.retrofitEtaDay, contract: s.contract as PlayerView['sites'][number]['contract'], ppaUsdPerMwh: s.ppaUsdPerMwh,
      ppaUntilDay: s.ppaUntilDay, curtailAboveUsdPerMwh: s.curtailAboveUsdPerMwh, curtailedToday: s.curtailedToday, hostedMw: s.hostedMw,
      listPriceUsd: s.listPriceUsd, coloProviderId: s.coloProviderId, coloUsdPerKwMonth: s.coloUsdPerKwMonth, coloEndDay: s.coloEndDay,
    })),
    book: { bids: values(json.bookBids).map(level), asks: values(json.bookAsks).map(level), blockDays: LEASE_BLOCK_DAYS },
    tenders: values(json.tenders).map((t) => ({
      id: t.id, lab: t.lab, gpus: t.gpus, days: t.days, startDay: t.startDay, closesDay: t.closesDay, tier: t.tier as PlayerView['tenders'][number]['tier'],
      reservePriceUsdPerGpuHour: t.reservePriceUsdPerGpuHour, bidCount: t.bidCount, myBidUsdPerGpuHour: myBids.get(t.id) ?? null,
    })),
    offers: values(json.offers).map((o) => {
      const mine = myOfferBids.get(o.id);
      return {
        id: o.id, kind: o.kind as PlayerView['offers'][number]['kind'], tenant: o.tenant, mw: o.mw, priceUsdPerKwMonth: o.priceUsdPerKwMonth, years: o.years,
        retrofitFundedPct: o.retrofitFundedPct, buyoutUsdPerMw: o.buyoutUsdPerMw, postedDay: o.postedDay, closesDay: o.closesDay, bidCount: o.bidCount,
        myBid: mine ? { siteId: mine.siteId, priceUsdPerKwMonth: mine.priceUsdPerKwMonth, priceUsdPerMw: mine.priceUsdPerMw } : null,
      };
    }),
    colocation: values(json.colocation).map((p) => ({
      id: p.id, name: p.name, regionId: p.regionId, capacityMw: p.capacityMw, availableMw: p.availableMw, usdPerKwMonth: p.usdPerKwMonth,
      termDays: p.termDays, readyDays: p.readyDays,
    })),
    contest: {
      round: c.round ?? 0,
      resolveDay: c.resolveDay ?? 0,
      pickCount: c.pickCount ?? 0,
      history: contestHistoryOf(json, priv, playerId),
      maxStakeUsd: c.maxStakeUsd || welcome?.scenario.contest.maxStakeUsd || 0,
    },
    news: values(json.news).map((n) => ({ day: n.day, date: n.date, kind: n.kind, headline: n.headline })),
    me: priv?.me ? meFromWire(priv.me, players.find((p) => p.id === playerId), basis) : null,
  };
}

/** A book level as MarketState's BookLevelCard says: whole cents and whole quantities in the compact fields. */
function level(l: Card<BookLevelCard>) {
  return {
    priceUsdPerGpuHour: l.priceUsdPerGpuHour !== 0 ? l.priceUsdPerGpuHour : (l.priceCents ?? 0) / 100,
    quantity: l.exactQuantity ? l.exactQuantity : l.quantity, orders: l.orders,
  };
}

/** A classroom session's synced cues plus the room's discussion question, as the screens read them. */
export interface ClassroomState {
  enabled: boolean;
  anonymousNames: boolean;
  chat: boolean;
  markets: Record<MarketKey, boolean>;
  guessGame: number;
  guessRound: number;
  guessOpen: boolean;
  guessCount: number;
  question: string;
}

/** The synced `classroom` block (null for an ordinary room); a market is open unless listed in `closedMarkets`. */
export function classroomFrom(json: StateJson): ClassroomState | null {
  const c = json.classroom;
  if (!c?.enabled) return null;
  const closed = new Set(values(c.closedMarkets));
  return {
    enabled: true,
    anonymousNames: Boolean(c.anonymousNames),
    chat: Boolean(c.chat),
    markets: Object.fromEntries(MARKET_KEYS.map((k) => [k, !closed.has(k)])) as Record<MarketKey, boolean>,
    guessGame: c.guessGame ?? 0,
    guessRound: c.guessRound ?? 0,
    guessOpen: Boolean(c.guessOpen),
    guessCount: c.guessCount ?? 0,
    question: json.room?.question ?? '',
  };
}
