/**
 * `syncView`: the one place that copies the engine state into the synced schema. Fields are only
 * assigned when they differ, so an unchanged field never costs a byte downstream.
 */
import { publicContestSummary } from '../rules/systems/contest.js';
import type { ArraySchema, MapSchema, Schema } from '@colyseus/schema';
import { bookLevels, publicPlayer, releasedUnitPrices, type BookLevel } from '../rules/view.js';
import { coloOffers } from '../rules/systems/colocation.js';
import { derivedUnitPrices, priceOverrides } from './marketPrices.js';
import { derivedEnergyPriceIndex, derivedMultiple, derivedPowerUsdPerMwh, exactCents, overrideKey } from './derivedFigures.js';
import type { GameState, NewsItem } from '../rules/types.js';
import {
  BookLevelCard, ClassroomInfo, ColoCard, MarketState, NEWS_RING, NewsCard, OfferCard, PlayerCard, RegionCard, SiteCard, TenderCard,
} from './MarketState.js';

/** A classroom session's public cues (docs/classroom.md); null for an ordinary room. */
export interface ClassroomCues {
  anonymousNames: boolean;
  chat: boolean;
  /** Markets the session closed, in MARKET_KEYS order. */
  closedMarkets: readonly string[];
  guessGame: number;
  guessRound: number;
  guessOpen: boolean;
  guessCount: number;
}

/** Seat data the engine does not know: who controls it and whether its person is connected. */
export interface SeatStatus {
  control: 'human' | 'bot' | 'frozen';
  connected: boolean;
  isHost: boolean;
  /** Bot strategy currently driving the seat ('' for a person). */
  strategy: string;
}

export interface RoomMeta {
  code: string;
  name: string;
  phase: 'waiting' | 'running' | 'paused' | 'ended';
  daysPerSecond: number;
  hostPlayerId: string;
  maxPlayers: number;
  isPrivate: boolean;
  leaverPolicy: 'bot' | 'freeze';
  /** Discussion question shown while paused ('' = none). */
  question: string;
}

/**
 * Assigns `src[k]` to `dst[k]` for each key whose value changed, but `skip`. A loop over keys, not
 * `Object.entries` or a spread copy: this runs for every card of every room on every sync.
 */
function assign<T extends Schema>(dst: T, src: Partial<Record<keyof T, unknown>> | object, skip?: string): void {
  const d = dst as unknown as Record<string, unknown>;
  const from = src as Record<string, unknown>;
  for (const k in from) {
    const v = from[k];
    if (v !== undefined && d[k] !== v && k !== skip) d[k] = v;
  }
}

/** One field, when it changed. */
function put<T extends Schema, K extends keyof T>(dst: T, key: K, value: T[K]): void {
  if (dst[key] !== value) dst[key] = value;
}

/** Makes a map of numbers equal `values` (changed entries only). */
function syncNumbers(map: MapSchema<number>, values: Record<string, number>): void {
  for (const [k, v] of Object.entries(values)) if (map.get(k) !== v) map.set(k, v);
  for (const k of [...map.keys()]) if (!(k in values)) map.delete(k);
}

/** Makes `map` hold exactly `ids`, creating cards with `make` and updating each with `fill`. */
function syncMap<C extends Schema, T>(map: MapSchema<C>, items: Iterable<[string, T]>, make: () => C, fill: (card: C, item: T) => void): void {
  const seen = new Set<string>();
  for (const [id, item] of items) {
    seen.add(id);
    let card = map.get(id);
    if (!card) {
      card = make();
      fill(card, item);
      map.set(id, card);
    } else fill(card, item);
  }
  for (const id of [...map.keys()]) if (!seen.has(id)) map.delete(id);
}

/** Makes an array of cards hold `rows` in order: cards in place are updated, missing ones made, extra ones dropped. */
function syncRows<C extends Schema>(arr: ArraySchema<C>, rows: readonly Partial<Record<keyof C, unknown>>[], make: () => C): void {
  rows.forEach((row, i) => {
    const card = arr[i];
    if (card) assign(card, row);
    else {
      const c = make();
      assign(c, row);
      arr.push(c);
    }
  });
  while (arr.length > rows.length) arr.pop();
}

function syncBook(arr: ArraySchema<BookLevelCard>, levels: BookLevel[]): void {
  syncRows(arr, levels.map((l) => {
    const cents = exactCents(l.priceUsdPerGpuHour);
    const whole = Number.isInteger(l.quantity);
    return {
      priceCents: cents ?? 0, priceUsdPerGpuHour: cents === null ? l.priceUsdPerGpuHour : 0, quantity: whole ? l.quantity : 0,
      exactQuantity: whole ? 0 : l.quantity, orders: l.orders,
    };
  }), () => new BookLevelCard());
}

function syncNews(arr: ArraySchema<NewsCard>, news: NewsItem[]): void {
  syncRows(arr, news.slice(-NEWS_RING).map((n) => ({ day: n.day, date: n.date, kind: n.kind, headline: n.headline })), () => new NewsCard());
}

/** Copies everything public from `state` (and the room's own settings) into `ms`. */
export function syncView(
  ms: MarketState, state: GameState, meta: RoomMeta, seats: ReadonlyMap<string, SeatStatus>, classroom: ClassroomCues | null = null,
): void {
  assign(ms.room, { ...meta, scenarioId: state.scenario.id });
  const b = state.btc;
  const halving = state.scenario.halvingInterval;
  assign(ms.world, {
    day: state.day, date: state.date, endDay: state.endDay, btcUsd: b.btcUsd, heightBlocks: b.heightBlocks,
    difficultyEhs: b.difficultyEhs, networkHashrateEhs: b.networkHashrateEhs, subsidyBtc: b.subsidyBtc,
    feesBtcPerBlock: b.feesBtcPerBlock, hashpriceUsdPerPhDay: b.hashpriceUsdPerPhDay,
    nextHalvingHeight: (Math.floor(b.heightBlocks / halving) + 1) * halving,
    asicUsdPerTh: state.hardware.asicUsdPerTh, asicLeadTimeDays: state.hardware.asicLeadTimeDays,
    gpuRentUsdPerHour: state.compute.spotUsdPerGpuHour, gpuLeadTimeDays: state.compute.gpuLeadTimeDays,
    interestRatePct: state.interestRatePct, hypeCrypto: state.hype.crypto, hypeAi: state.hype.ai,
  });
  syncNumbers(ms.world.gpuPriceUsd, state.compute.gpuPriceUsd);
  // Only prices a client cannot rebuild from the world and the catalogue (marketPrices.ts): normally none.
  const derived = derivedUnitPrices(state.scenario.catalogue, state.date, state.hardware.asicUsdPerTh, state.compute.gpuPriceUsd);
  syncNumbers(ms.world.unitPriceUsd, priceOverrides(releasedUnitPrices(state), derived));
  const { energyPriceIndex, ...meters } = state.meters;
  assign(ms.meters, meters);
  // Rebuilt on the client (derivedFigures.ts); only a figure it would get wrong is synced.
  const overrides: Record<string, number> = {};
  const differs = (key: string, actual: number, derived: number) => {
    if (!Object.is(actual, derived)) overrides[key] = actual;
  };
  differs(overrideKey.energyPriceIndex, energyPriceIndex, derivedEnergyPriceIndex(state.scenario.regions, (id) => state.regions[id]?.powerUsdPerMwh));
  const specs = new Map(state.scenario.regions.map((r) => [r.id, r]));
  syncMap(ms.regions, Object.entries(state.regions), () => new RegionCard(), (c, r) => {
    const spec = specs.get(r.id);
    if (spec) differs(overrideKey.powerUsdPerMwh(r.id), r.powerUsdPerMwh, derivedPowerUsdPerMwh(spec, r));
    else overrides[overrideKey.powerUsdPerMwh(r.id)] = r.powerUsdPerMwh;
    assign(c, r, 'powerUsdPerMwh');
  });
  const hype = { hypeCrypto: state.hype.crypto, hypeAi: state.hype.ai };
  syncMap(
    ms.players,
    state.playerOrder.map((id) => [id, id] as [string, string]),
    () => new PlayerCard(),
    (c, id) => {
      const p = publicPlayer(state, id);
      const seat = seats.get(id);
      if (p) {
        const narrativeSinceDay = state.players[id]!.narrativeSinceDay;
        differs(overrideKey.multiple(id), p.multiple, derivedMultiple(state.day, hype, { ...p, narrativeSinceDay }));
        assign(c, p, 'multiple');
        put(c, 'narrativeSinceDay', narrativeSinceDay);
      }
      if (seat) {
        put(c, 'control', seat.control);
        put(c, 'connected', seat.connected);
        put(c, 'isHost', seat.isHost);
        put(c, 'strategy', seat.strategy || p?.strategy || '');
      }
    },
  );
  syncMap(ms.sites, Object.entries(state.sites), () => new SiteCard(), (c, s) => {
    assign(c, s, 'ownerId');
    put(c, 'ownerId', s.ownerId ?? '');
  });
  syncMap(ms.tenders, Object.entries(state.tenders), () => new TenderCard(), (c, t) => {
    assign(c, t, 'bids');
    put(c, 'bidCount', t.bids.length);
  });
  syncMap(ms.offers, Object.entries(state.offers), () => new OfferCard(), (c, o) => {
    assign(c, o, 'bids');
    put(c, 'bidCount', o.bids.length);
  });
  syncMap(ms.colocation, coloOffers(state).map((p) => [p.id, p] as [string, typeof p]), () => new ColoCard(), (c, p) => assign(c, p));
  syncBook(ms.bookBids, bookLevels(state, 'bid'));
  syncBook(ms.bookAsks, bookLevels(state, 'ask'));

  const last = state.contest.history[state.contest.history.length - 1];
  assign(ms.contest, {
    round: state.contest.current.round, resolveDay: state.contest.current.resolveDay,
    pickCount: Object.keys(state.contest.current.picks).length, maxStakeUsd: state.scenario.contest.maxStakeUsd,
    lastRound: last?.round ?? 0, lastWinner: last?.winner ?? '', // 0 when too few companies staked for the pool to hide a stake (publicContestSummary).
    lastPoolUsd: last ? (publicContestSummary(last).poolUsdCents ?? 0) / 100 : 0,
  });
  syncNumbers(ms.overrides, overrides);
  syncHistory(ms.contest.history, state);
  syncNews(ms.news, state.news);
  if (classroom) syncClassroom(ms.classroom, classroom);
}

/** Appends the rounds resolved since the last sync (history only grows). */
function syncHistory(arr: ArraySchema<string>, state: GameState): void {
  const rounds = state.contest.history;
  while (arr.length > rounds.length) arr.pop();
  for (let i = arr.length; i < rounds.length; i++) {
    const { payouts: _own, ...pub } = publicContestSummary(rounds[i]!);
    arr.push(JSON.stringify(pub));
  }
}

function syncClassroom(info: ClassroomInfo, cues: ClassroomCues): void {
  const { closedMarkets, ...flags } = cues;
  assign(info, { enabled: true, ...flags });
  if (info.closedMarkets.join(',') !== closedMarkets.join(',')) {
    info.closedMarkets.clear();
    for (const m of closedMarkets) info.closedMarkets.push(m);
  }
}
