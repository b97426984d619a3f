/**
 * The online door for a strategy: a colyseus.js client that joins a live `market` room, rebuilds
 * the PlayerView from the synced public state, the `welcome` scenario data and its owner-only
 * `private` message, calls the same `decide` once per new game day, and sends the actions as
 * messages (paced under the server's rate limit). Dropped connections are resumed with the
 * reconnection token, or with the seat token once the token has expired.
 */
import { Client, type Room } from 'colyseus.js';
import { daysBetween } from '../../shared/economy/calendar.js';
import type { HardwareModelSpec, RegionSpec, Scenario } from '../../shared/economy/scenarios/types.js';
import type { Action } from '../../shared/rules/actions.js';
import { seedRng, type Rng } from '../../shared/rules/rng.js';
import type { ContestSummary, Narrative, Site, Tier } from '../../shared/rules/types.js';
import type { BookLevel, ColoOffer, PlayerView, PrivatePlayer, PublicOffer, PublicPlayer, PublicTender } from '../../shared/rules/view.js';
import { validateDecision } from '../../shared/bots/runMatch.js';
import type { Strategy } from '../../shared/bots/types.js';

/** What the `welcome` message carries (server/rooms/MarketRoom.ts). */
export interface Welcome {
  roomCode: string;
  playerId: string;
  spectator: boolean;
  seatToken: string;
  reconnectSeconds: number;
  scenario: Pick<Scenario, 'id' | 'name' | 'startDate' | 'days' | 'capex' | 'contest'> & { regions: RegionSpec[]; catalogue: HardwareModelSpec[] };
}

export interface PrivateMessage {
  me: (PublicPlayer & PrivatePlayer) | null;
  tenderBids: { tenderId: string; priceUsdPerGpuHour: number }[];
  offerBids?: { offerId: string; siteId: string; priceUsdPerKwMonth: number; priceUsdPerMw: number }[];
}

/** The synced state read by shape (see server/schema/MarketState.ts); collections are MapSchema/ArraySchema. */
interface Collection<T> {
  forEach(cb: (value: T, key: string) => void): void;
}
interface SyncedState {
  room: { code: string; scenarioId: string; phase: string };
  world: Record<string, number | string> & { gpuPriceUsd: Collection<number> };
  meters: PlayerView['world']['meters'];
  regions: Collection<Record<string, number | string>>;
  players: Collection<Record<string, unknown>>;
  sites: Collection<Record<string, unknown>>;
  tenders: Collection<Record<string, unknown>>;
  offers?: Collection<Record<string, unknown>>;
  colocation?: Collection<Record<string, unknown>>;
  bookBids: Iterable<BookLevel>;
  bookAsks: Iterable<BookLevel>;
  contest: { round: number; resolveDay: number; pickCount: number; maxStakeUsd: number; lastRound: number; lastWinner: string; lastPoolUsd: number };
  news: Iterable<{ day: number; date: string; kind: string; headline: string }>;
}

function values<T>(c: Collection<T> | undefined): T[] {
  const out: T[] = [];
  c?.forEach((v) => out.push(v));
  return out;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Builds the PlayerView the headless runner would have produced from what the server synced.
 * `history` carries contest results seen so far (the schema only holds the last one).
 */
export function buildOnlineView(s: SyncedState, welcome: Welcome, priv: PrivateMessage | null, history: ContestSummary[]): PlayerView {
  const w = s.world;
  const date = str(w.date);
  const gpuPriceUsd: Record<string, number> = {};
  s.world.gpuPriceUsd?.forEach((v, k) => (gpuPriceUsd[k] = v));
  const live = new Map(values(s.regions).map((r) => [str(r.id), r]));
  const myBids = new Map((priv?.tenderBids ?? []).map((b) => [b.tenderId, b.priceUsdPerGpuHour]));
  const players: PublicPlayer[] = values(s.players)
    .map((p) => ({
      id: str(p.id), name: str(p.name), colorIndex: num(p.colorIndex), strategy: str(p.strategy), narrative: (str(p.narrative) || 'none') as Narrative,
      bankrupt: p.bankrupt === true, navUsd: num(p.navUsd), marketCapUsd: num(p.marketCapUsd), multiple: num(p.multiple),
      sharesOutstanding: num(p.sharesOutstanding), founderShares: num(p.founderShares), scoreMarketUsd: num(p.scoreMarketUsd),
      scoreNavUsd: num(p.scoreNavUsd), revenueMiningUsdPerDay: num(p.revenueMiningUsdPerDay), revenueAiUsdPerDay: num(p.revenueAiUsdPerDay),
      btcMinedBtc: num(p.btcMinedBtc), computeDeliveredH100Days: num(p.computeDeliveredH100Days),
    }))
    .sort((a, b) => a.colorIndex - b.colorIndex);
  const sites: Site[] = values(s.sites).map((c) => ({
    id: str(c.id), name: str(c.name), regionId: str(c.regionId), ownerId: str(c.ownerId) || null, tier: str(c.tier) as Tier,
    energisedMw: num(c.energisedMw), buildingMw: num(c.buildingMw), buildEtaDay: num(c.buildEtaDay), status: str(c.status) as Site['status'],
    retrofitEtaDay: num(c.retrofitEtaDay), contract: str(c.contract) as Site['contract'], ppaUsdPerMwh: num(c.ppaUsdPerMwh), ppaUntilDay: num(c.ppaUntilDay),
    curtailAboveUsdPerMwh: num(c.curtailAboveUsdPerMwh), curtailedToday: c.curtailedToday === true, hostedMw: num(c.hostedMw), listPriceUsd: num(c.listPriceUsd),
    coloProviderId: str(c.coloProviderId), coloUsdPerKwMonth: num(c.coloUsdPerKwMonth), coloEndDay: num(c.coloEndDay),
  }));
  const myOfferBids = new Map((priv?.offerBids ?? []).map((b) => [b.offerId, b]));
  const offers: PublicOffer[] = values(s.offers).map((o) => {
    const mine = myOfferBids.get(str(o.id));
    return {
      id: str(o.id), kind: str(o.kind) as PublicOffer['kind'], tenant: str(o.tenant), mw: num(o.mw), priceUsdPerKwMonth: num(o.priceUsdPerKwMonth),
      years: num(o.years), retrofitFundedPct: num(o.retrofitFundedPct), buyoutUsdPerMw: num(o.buyoutUsdPerMw), postedDay: num(o.postedDay),
      closesDay: num(o.closesDay), bidCount: num(o.bidCount),
      myBid: mine ? { siteId: mine.siteId, priceUsdPerKwMonth: mine.priceUsdPerKwMonth, priceUsdPerMw: mine.priceUsdPerMw } : null,
    };
  });
  const colocation: ColoOffer[] = values(s.colocation).map((p) => ({
    id: str(p.id), name: str(p.name), regionId: str(p.regionId), capacityMw: num(p.capacityMw), availableMw: num(p.availableMw),
    usdPerKwMonth: num(p.usdPerKwMonth), termDays: num(p.termDays), readyDays: num(p.readyDays),
  }));
  const tenders: PublicTender[] = values(s.tenders).map((t) => ({
    id: str(t.id), lab: str(t.lab), gpus: num(t.gpus), days: num(t.days), startDay: num(t.startDay), closesDay: num(t.closesDay),
    tier: str(t.tier) as Tier, reservePriceUsdPerGpuHour: num(t.reservePriceUsdPerGpuHour), bidCount: num(t.bidCount),
    myBidUsdPerGpuHour: myBids.get(str(t.id)) ?? null,
  }));
  const level = (l: BookLevel) => ({ priceUsdPerGpuHour: l.priceUsdPerGpuHour, quantity: l.quantity, orders: l.orders });
  return {
    day: num(w.day),
    date,
    endDay: num(w.endDay),
    phase: s.room.phase === 'ended' ? 'ended' : 'running',
    scenarioId: s.room.scenarioId || welcome.scenario.id,
    playerId: welcome.playerId,
    world: {
      btcUsd: num(w.btcUsd), heightBlocks: num(w.heightBlocks), difficultyEhs: num(w.difficultyEhs), networkHashrateEhs: num(w.networkHashrateEhs),
      subsidyBtc: num(w.subsidyBtc), feesBtcPerBlock: num(w.feesBtcPerBlock), hashpriceUsdPerPhDay: num(w.hashpriceUsdPerPhDay),
      nextHalvingHeight: num(w.nextHalvingHeight), asicUsdPerTh: num(w.asicUsdPerTh), asicLeadTimeDays: num(w.asicLeadTimeDays), gpuPriceUsd,
      gpuLeadTimeDays: num(w.gpuLeadTimeDays), gpuRentUsdPerHour: num(w.gpuRentUsdPerHour), hype: { crypto: num(w.hypeCrypto), ai: num(w.hypeAi) },
      interestRatePct: num(w.interestRatePct), meters: { ...s.meters },
    },
    regions: welcome.scenario.regions.map((r) => {
      const l = live.get(r.id);
      return {
        ...r, powerUsdPerMwh: num(l?.powerUsdPerMwh) || r.basePowerUsdPerMwh, loadMw: num(l?.loadMw), gridQueueDays: num(l?.gridQueueDays) || r.gridQueueBaseDays,
        miningBanUntilDay: num(l?.miningBanUntilDay), spikeMultiplier: num(l?.spikeMultiplier) || 1, spikeDaysLeft: num(l?.spikeDaysLeft),
        powerLogNoise: num(l?.powerLogNoise),
      };
    }),
    catalogue: date ? welcome.scenario.catalogue.filter((m) => daysBetween(m.releaseDate, date) >= 0) : [],
    capex: welcome.scenario.capex,
    players,
    sites,
    book: { bids: [...s.bookBids].map(level), asks: [...s.bookAsks].map(level) },
    tenders,
    offers,
    colocation,
    contest: { round: s.contest.round, resolveDay: s.contest.resolveDay, pickCount: s.contest.pickCount, history, maxStakeUsd: s.contest.maxStakeUsd },
    news: [...s.news].map((n) => ({ day: n.day, date: n.date, kind: n.kind, headline: n.headline })),
    me: priv?.me ?? null,
  };
}

export interface OnlineBotOptions {
  url: string;
  room: string;
  strategy: Strategy;
  name?: string;
  /** Seed of the bot's own RNG (default: room code + strategy name). */
  seed?: string;
  /** Most messages sent per second (the server allows 20 with a burst of 40). */
  maxMessagesPerSecond?: number;
  log?: (line: string) => void;
}

export interface OnlineBotStats {
  playerId: string;
  decisions: number;
  sent: number;
  acked: number;
  refused: number;
  refusedByCode: Record<string, number>;
  strikes: number;
  reconnects: number;
  lastDay: number;
  ended: boolean;
}

export interface OnlineBot {
  stats: OnlineBotStats;
  /** Resolves when the match ends or the bot is stopped. */
  done: Promise<OnlineBotStats>;
  /** The current room (changes after a reconnect). */
  room(): Room | null;
  stop(): Promise<void>;
}

/** Joins `opts.room` and plays until the match ends or `stop()` is called. */
export async function startOnlineBot(opts: OnlineBotOptions): Promise<OnlineBot> {
  const log = opts.log ?? (() => {});
  const client = new Client(opts.url);
  const stats: OnlineBotStats = { playerId: '', decisions: 0, sent: 0, acked: 0, refused: 0, refusedByCode: {}, strikes: 0, reconnects: 0, lastDay: -1, ended: false };
  const rng: Rng = seedRng(opts.seed ?? `${opts.room}/${opts.strategy.name}`);
  const memory: Record<string, unknown> = {};
  const history: ContestSummary[] = [];
  const queue: Action[] = [];
  const gapMs = 1000 / (opts.maxMessagesPerSecond ?? 15);
  let welcome: Welcome | null = null;
  let priv: PrivateMessage | null = null;
  let room: Room | null = null;
  let stopped = false;
  let finish!: (s: OnlineBotStats) => void;
  const done = new Promise<OnlineBotStats>((resolve) => (finish = resolve));

  const end = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(pump);
    finish(stats);
  };

  // Paced sender: one message per gap, so a busy day never trips the room's rate limit.
  const pump = setInterval(() => {
    const action = queue.shift();
    if (!action || !room) return;
    const { type, ...body } = action;
    room.send(type, { ...body, ref: ++stats.sent });
  }, gapMs);

  const onDay = () => {
    const state = room?.state as SyncedState | undefined;
    if (!state || !welcome || welcome.spectator || state.room?.phase !== 'running') return;
    const day = num(state.world?.day);
    if (day <= stats.lastDay) return;
    stats.lastDay = day;
    const c = state.contest;
    if (c && c.lastRound > 0 && !history.some((h) => h.round === c.lastRound) && (c.lastWinner === 'crypto' || c.lastWinner === 'ai')) {
      history.push({ round: c.lastRound, day, winner: c.lastWinner, weightCrypto: null, weightAi: null, npcWeightCrypto: 0, npcWeightAi: 0, stakers: 0, poolUsdCents: c.lastPoolUsd > 0 ? Math.round(c.lastPoolUsd * 100) : null, payouts: {} });
    }
    // Actions not sent by the next day are stale: the view they came from is gone.
    queue.length = 0;
    const view = buildOnlineView(state, welcome, priv, history);
    let output: unknown;
    try {
      output = opts.strategy.decide(view, { rng, day, memory, log: (line) => log(`day ${day}: ${line}`) });
    } catch (e) {
      stats.strikes += 1;
      log(`day ${day}: strategy threw: ${(e as Error).message}`);
      return;
    }
    const decision = validateDecision(output);
    if (!decision.ok) {
      stats.strikes += 1;
      log(`day ${day}: strategy returned garbage: ${decision.message}`);
      return;
    }
    stats.decisions += 1;
    queue.push(...decision.actions);
  };

  const wire = (r: Room) => {
    room = r;
    r.onMessage('welcome', (m: Welcome) => {
      welcome = m;
      stats.playerId = m.playerId;
    });
    r.onMessage('private', (m: PrivateMessage) => (priv = m));
    r.onMessage('ack', () => (stats.acked += 1));
    r.onMessage('error', (m: { code: string; message: string }) => {
      stats.refused += 1;
      stats.refusedByCode[m.code] = (stats.refusedByCode[m.code] ?? 0) + 1;
      log(`refused ${m.code}: ${m.message}`);
    });
    r.onMessage('ended', () => {
      stats.ended = true;
      log('match ended');
      void r.leave(true).finally(end);
    });
    r.onMessage('kicked', () => {
      log('kicked by the host');
      end();
    });
    r.onMessage('*', () => {});
    r.onStateChange(onDay);
    r.onLeave((code) => {
      if (stopped || stats.ended) return end();
      if (code === 1000) return end();
      log(`connection lost (${code}); reconnecting`);
      void reconnect(r.reconnectionToken);
    });
  };

  const reconnect = async (token: string) => {
    const deadline = Date.now() + Math.max(5, welcome?.reconnectSeconds ?? 30) * 1000;
    let waitMs = 250;
    while (!stopped && Date.now() < deadline) {
      try {
        wire(await client.reconnect(token));
        stats.reconnects += 1;
        log('reconnected');
        return;
      } catch {
        // The seat may still be claimed by the old session for a moment, or the token has expired.
        if (welcome?.seatToken) {
          try {
            wire(await client.joinById(opts.room, { seatToken: welcome.seatToken }));
            stats.reconnects += 1;
            log('rejoined with the seat token');
            return;
          } catch {
            // try again after a pause
          }
        }
      }
      await new Promise((r) => setTimeout(r, waitMs));
      waitMs = Math.min(waitMs * 2, 4000);
    }
    log('could not reconnect');
    end();
  };

  wire(await client.joinById(opts.room, opts.name ? { playerName: opts.name.slice(0, 40) } : {}));
  return {
    stats,
    done,
    room: () => room,
    async stop() {
      if (stopped) return;
      const r = room;
      end();
      await r?.leave(true).catch(() => {});
    },
  };
}
