/**
 * Turns the room's synced schema state (`MarketState.toJSON()`, see server/schema/MarketState.ts),
 * the static scenario data of the `welcome` message and the owner-only `private` message into the
 * `PlayerView` the engine's `playerView()` builds, so every widget has one input shape.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { ContestSummary } from '../../../shared/rules/types.js';
import type { RegionSpec } from '../../../shared/economy/scenarios/types.js';
import type {
  MarketState, PlayerCard, SiteCard, TenderCard, BookLevelCard, RegionCard, NewsCard, OfferCard, ColoCard,
} from '../../../server/schema/MarketState.js';
import type { RoomInfo } from '../core/MatchFeed.js';

/** `toJSON()` of a schema class: its data fields, collections as plain objects/arrays. */
export type StateJson = {
  room: Partial<MarketState['room']>;
  world: Partial<Omit<MarketState['world'], 'gpuPriceUsd'>> & { gpuPriceUsd?: Record<string, number> };
  meters: Partial<MarketState['meters']>;
  regions: Record<string, RegionCard>;
  players: Record<string, PlayerCard>;
  sites: Record<string, SiteCard>;
  tenders: Record<string, TenderCard>;
  offers?: Record<string, OfferCard>;
  colocation?: Record<string, ColoCard>;
  bookBids: BookLevelCard[];
  bookAsks: BookLevelCard[];
  contest: Partial<MarketState['contest']>;
  news: NewsCard[];
};

/** The `welcome` message (server/rooms/MarketRoom.ts). */
export interface Welcome {
  roomCode: string;
  playerId: string;
  spectator: boolean;
  isHost: boolean;
  seatToken: string;
  hostToken: string;
  reconnectSeconds: number;
  scenario: {
    id: string;
    name: string;
    description: string;
    startDate: string;
    days: number;
    halvingInterval: number;
    regions: RegionSpec[];
    catalogue: PlayerView['catalogue'];
    capex: PlayerView['capex'];
    contest: { maxStakeUsd: number };
  };
}

export interface PrivateMessage {
  me: PlayerView['me'];
  tenderBids: { tenderId: string; priceUsdPerGpuHour: number }[];
  offerBids?: { offerId: string; siteId: string; priceUsdPerKwMonth: number; priceUsdPerMw: number }[];
}

const values = <T>(v: Record<string, T> | T[] | undefined): T[] => (Array.isArray(v) ? v : Object.values(v ?? {}));

export function roomInfoFrom(json: StateJson): RoomInfo {
  const r = json.room ?? {};
  return {
    code: r.code ?? '',
    status: (r.phase as RoomInfo['status']) ?? 'waiting',
    scenarioId: r.scenarioId ?? '',
    // Schema sends 0.08 as a float32 (0.0799999982…): round back to the pace the host picked.
    daysPerSecond: Math.round((r.daysPerSecond ?? 1) * 1e6) / 1e6,
    hostId: r.hostPlayerId ?? '',
    seats: values(json.players)
      .map((p) => ({ id: p.id, name: p.name, colorIndex: p.colorIndex, bot: p.control === 'bot', connected: p.connected || p.control === 'bot' }))
      .sort((a, b) => a.colorIndex - b.colorIndex),
  };
}

export function viewFromState(json: StateJson, welcome: Welcome | null, priv: PrivateMessage | null, contestHistory: ContestSummary[]): PlayerView {
  const w = json.world ?? {};
  const m = json.meters ?? {};
  const c = json.contest ?? {};
  const staticRegions = new Map((welcome?.scenario.regions ?? []).map((r) => [r.id, r]));
  const myBids = new Map((priv?.tenderBids ?? []).map((b) => [b.tenderId, b.priceUsdPerGpuHour]));
  const myOfferBids = new Map((priv?.offerBids ?? []).map((b) => [b.offerId, b]));
  const day = w.day ?? 0;
  return {
    day,
    date: w.date ?? '',
    endDay: w.endDay ?? 0,
    phase: json.room?.phase === 'ended' ? 'ended' : 'running',
    scenarioId: json.room?.scenarioId || welcome?.scenario.id || '',
    playerId: welcome?.playerId ?? '',
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
      gpuLeadTimeDays: w.gpuLeadTimeDays ?? 0,
      gpuRentUsdPerHour: w.gpuRentUsdPerHour ?? 0,
      hype: { crypto: w.hypeCrypto ?? 1, ai: w.hypeAi ?? 1 },
      interestRatePct: w.interestRatePct ?? 0,
      meters: {
        miningGw: m.miningGw ?? 0, aiGw: m.aiGw ?? 0, aiComputeH100Days: m.aiComputeH100Days ?? 0,
        btcMinedBtc: m.btcMinedBtc ?? 0, energyPriceIndex: m.energyPriceIndex ?? 100,
      },
    },
    regions: values(json.regions).flatMap((r) => {
      const spec = staticRegions.get(r.id);
      // Engine-internal fields the schema does not carry are filled with neutral values.
      return spec ? [{ powerLogNoise: 0, ...spec, ...r }] : [];
    }),
    catalogue: (welcome?.scenario.catalogue ?? []).filter((x) => x.releaseDate <= (w.date ?? '')),
    capex: welcome?.scenario.capex ?? { miningUsdPerMw: 0, aiUsdPerMw: 0, miningBuildDays: 0, aiBuildDays: 0, retrofitUsdPerMw: 0, retrofitDays: 0 },
    players: values(json.players)
      .map((p) => ({
        id: p.id, name: p.name, colorIndex: p.colorIndex, strategy: p.strategy, narrative: p.narrative as PlayerView['players'][number]['narrative'],
        bankrupt: p.bankrupt, navUsd: p.navUsd, marketCapUsd: p.marketCapUsd, multiple: p.multiple, sharesOutstanding: p.sharesOutstanding,
        founderShares: p.founderShares, scoreMarketUsd: p.scoreMarketUsd, scoreNavUsd: p.scoreNavUsd,
        revenueMiningUsdPerDay: p.revenueMiningUsdPerDay, revenueAiUsdPerDay: p.revenueAiUsdPerDay, btcMinedBtc: p.btcMinedBtc,
        computeDeliveredH100Days: p.computeDeliveredH100Days,
      }))
      .sort((a, b) => a.colorIndex - b.colorIndex),
    sites: values(json.sites).map((s) => ({
      ppaUntilDay: 0, ...s, ownerId: s.ownerId || null, tier: s.tier as 'mining' | 'ai', status: s.status as PlayerView['sites'][number]['status'],
      contract: s.contract as 'ppa' | 'index',
    })),
    book: { bids: values(json.bookBids).map((l) => ({ ...l })), asks: values(json.bookAsks).map((l) => ({ ...l })) },
    tenders: values(json.tenders).map((t) => ({ ...t, tier: t.tier as 'mining' | 'ai', myBidUsdPerGpuHour: myBids.get(t.id) ?? null })),
    offers: values(json.offers).map((o) => {
      const mine = myOfferBids.get(o.id);
      return {
        ...o, kind: o.kind as PlayerView['offers'][number]['kind'],
        myBid: mine ? { siteId: mine.siteId, priceUsdPerKwMonth: mine.priceUsdPerKwMonth, priceUsdPerMw: mine.priceUsdPerMw } : null,
      };
    }),
    colocation: values(json.colocation).map((p) => ({ ...p })),
    contest: {
      round: c.round ?? 0,
      resolveDay: c.resolveDay ?? 0,
      pickCount: c.pickCount ?? 0,
      history: contestHistory,
      maxStakeUsd: c.maxStakeUsd || welcome?.scenario.contest.maxStakeUsd || 0,
    },
    news: values(json.news).map((n) => ({ ...n })).sort((a, b) => a.day - b.day),
    me: priv?.me ?? null,
  };
}
