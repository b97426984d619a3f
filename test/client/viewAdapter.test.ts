import { describe, expect, it } from 'vitest';
import { roomInfoFrom, viewFromState, type StateJson, type Welcome } from '../../client/src/net/viewAdapter.js';
import { SeriesStore } from '../../client/src/core/SeriesStore.js';
import { compact, btc } from '../../client/src/util/format.js';
import { halvingSprint } from '../../shared/economy/scenarios/halvingSprint.js';
import { applyAction, createGame, step } from '../../shared/rules/engine.js';
import { playerView } from '../../shared/rules/view.js';
import type { GameState, Offer } from '../../shared/rules/types.js';
import { MarketState } from '../../shared/sync/MarketState.js';
import { syncView } from '../../shared/sync/syncView.js';
import { privatePayload } from '../../shared/sync/privateFeed.js';

const welcome: Welcome = {
  roomCode: 'ABCDEF', playerId: 'p2', spectator: false, isHost: false, seatToken: 's', hostToken: '', reconnectSeconds: 120,
  scenario: {
    id: halvingSprint.id, name: halvingSprint.name, description: '', startDate: halvingSprint.startDate, days: halvingSprint.days,
    halvingInterval: halvingSprint.halvingInterval, regions: halvingSprint.regions, catalogue: halvingSprint.catalogue, capex: halvingSprint.capex,
    finance: halvingSprint.finance, contest: { ...halvingSprint.contest, maxStakeUsd: 1_000_000 }, hardware: halvingSprint.hardware,
  },
};

function state(): StateJson {
  const texas = halvingSprint.regions[0]!;
  return {
    room: { code: 'ABCDEF', phase: 'running', scenarioId: 'halving-sprint', daysPerSecond: 4, hostPlayerId: 'p1' },
    world: { day: 3, date: '2024-03-04', endDay: 120, btcUsd: 62_000, hypeCrypto: 1.2, hypeAi: 0.8, gpuPriceUsd: { h100: 30_000 } },
    meters: { miningGw: 1.5, aiGw: 0.4 },
    regions: { [texas.id]: { id: texas.id, loadMw: 10, gridQueueDays: 250, miningBanUntilDay: 0, spikeMultiplier: 1, spikeDaysLeft: 0 } as never },
    // A price a client would not rebuild from the card (shared/sync/derivedFigures.ts) comes as an override.
    overrides: { [`regions.${texas.id}.powerUsdPerMwh`]: 41 },
    players: {
      p2: { id: 'p2', name: 'Bob', colorIndex: 1, control: 'human', connected: true, strategy: '', navUsd: 1, marketCapUsd: 2 } as never,
      p1: { id: 'p1', name: 'Alice', colorIndex: 0, control: 'human', connected: false, strategy: '', navUsd: 3, marketCapUsd: 4 } as never,
      p3: { id: 'p3', name: 'hodl 1', colorIndex: 2, control: 'bot', connected: false, strategy: 'hodl-miner', navUsd: 5, marketCapUsd: 6 } as never,
    },
    sites: {
      L1: { id: 'L1', ownerId: '', tier: 'mining', status: 'active', contract: 'index', regionId: texas.id } as never,
      L2: { id: 'L2', ownerId: 'p2', tier: 'ai', status: 'building', contract: 'ppa', regionId: texas.id } as never,
    },
    tenders: { T1: { id: 'T1', lab: 'Lab', gpus: 100, days: 30, closesDay: 9, tier: 'ai', reservePriceUsdPerGpuHour: 3, bidCount: 2 } as never },
    bookBids: [{ priceUsdPerGpuHour: 0, priceCents: 200, quantity: 5, exactQuantity: 0, orders: 1 }],
    bookAsks: [],
    contest: { round: 1, resolveDay: 30, pickCount: 2, maxStakeUsd: 0 },
    news: [{ day: 2, date: '2024-03-03', kind: 'pump', headline: 'b' }, { day: 1, date: '2024-03-02', kind: 'x', headline: 'a' }],
  };
}

describe('viewFromState', () => {
  it('rebuilds the PlayerView shape from schema JSON, welcome and private data', () => {
    const view = viewFromState(state(), welcome, { me: null, tenderBids: [{ tenderId: 'T1', priceUsdPerGpuHour: 2.5 }], offerBids: [], contestPayouts: [] });
    expect(view.playerId).toBe('p2');
    expect(view.world.hype).toEqual({ crypto: 1.2, ai: 0.8 });
    expect(view.world.meters.miningGw).toBe(1.5);
    expect(view.regions).toHaveLength(1);
    expect(view.regions[0]).toMatchObject({ name: halvingSprint.regions[0]!.name, powerUsdPerMwh: 41, mapX: halvingSprint.regions[0]!.mapX });
    expect(view.sites.find((s) => s.id === 'L1')!.ownerId).toBeNull();
    expect(view.sites.find((s) => s.id === 'L2')!.ownerId).toBe('p2');
    expect(view.players.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(view.tenders[0]!.myBidUsdPerGpuHour).toBe(2.5);
    expect(view.book.bids).toEqual([{ priceUsdPerGpuHour: 2, quantity: 5, orders: 1 }]);
    // The engine's order (oldest first, as the room syncs them): the adapter does not re-sort.
    expect(view.news.map((n) => n.headline)).toEqual(['b', 'a']);
    expect(view.contest.maxStakeUsd).toBe(1_000_000);
    expect(view.catalogue.every((m) => m.releaseDate <= '2024-03-04')).toBe(true);
    expect(view.catalogue.some((m) => m.id === 's21xp')).toBe(false);
  });

  it('carries market-wide offers (sealed: own bid only), colocation providers and rented sites exactly as playerView builds them', () => {
    let g: GameState = createGame(halvingSprint, 'adapter', [{ id: 'p1', name: 'Alice' }, { id: 'p2', name: 'Bob' }]);
    const act = (pid: string, a: Parameters<typeof applyAction>[2]) => {
      const r = applyAction(g, pid, a);
      if (!r.ok) throw new Error(r.error.message);
      g = r.state;
    };
    act('p1', { type: 'buySite', siteId: 'L8' });
    act('p2', { type: 'rentColocation', providerId: 'dfw-colo', mw: 3 });
    for (let i = 0; i < 6; i++) g = step(g).state;
    const offer: Offer = {
      id: 'OF1', kind: 'hosting', tenant: 'Hyperion Cloud', mw: 2, priceUsdPerKwMonth: 130, years: 12, retrofitFundedPct: 40,
      buyoutUsdPerMw: 0, postedDay: g.day, closesDay: g.day + 10, bids: [],
    };
    g = { ...g, offers: { OF1: offer } };
    act('p1', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 120 });
    const ms = new MarketState();
    syncView(ms, g, { code: 'ABCDEF', name: 'x', phase: 'running', daysPerSecond: 1, hostPlayerId: 'p1', maxPlayers: 8, isPrivate: false, leaverPolicy: 'bot', question: '' }, new Map());
    for (const pid of ['p1', 'p2']) {
      const want = playerView(g, pid);
      const priv = privatePayload(g, pid);
      const view = viewFromState(ms.toJSON(), { ...welcome, playerId: pid }, priv);
      for (const got of [view]) {
        expect(got.offers, pid).toEqual(want.offers);
        expect(got.colocation, pid).toEqual(want.colocation);
        const colo = (v: typeof want) => v.sites.filter((x) => x.coloProviderId).map(({ id, ownerId, coloProviderId, coloUsdPerKwMonth, coloEndDay, status, energisedMw }) => ({ id, ownerId, coloProviderId, coloUsdPerKwMonth, coloEndDay, status, energisedMw }));
        expect(colo(got), pid).toEqual(colo(want));
      }
    }
    expect(playerView(g, 'p1').offers[0]).toMatchObject({ bidCount: 1, myBid: { siteId: 'L8', priceUsdPerKwMonth: 120 } });
    expect(playerView(g, 'p2').offers[0]).toMatchObject({ bidCount: 1, myBid: null });
    expect(playerView(g, 'p2').colocation.find((p) => p.id === 'dfw-colo')!.availableMw).toBe(37);
  });

  it('reads seats, host and phase for the waiting room', () => {
    const info = roomInfoFrom(state());
    expect(info).toMatchObject({ code: 'ABCDEF', status: 'running', hostId: 'p1', daysPerSecond: 4 });
    expect(info.seats.map((s) => [s.id, s.bot, s.connected])).toEqual([['p1', false, false], ['p2', false, true], ['p3', true, true]]);
  });
});

describe('SeriesStore', () => {
  it('overwrites the same day and ignores days from the past', () => {
    const s = new SeriesStore();
    s.addMarket({ day: 1, btcUsd: 10, hashpriceUsdPerPhDay: 1, gpuRentUsdPerHour: 2, powerUsdPerMwh: 3 });
    s.addMarket({ day: 1, btcUsd: 11, hashpriceUsdPerPhDay: 1, gpuRentUsdPerHour: 2, powerUsdPerMwh: 3 });
    s.addMarket({ day: 2, btcUsd: 12, hashpriceUsdPerPhDay: 1, gpuRentUsdPerHour: 2, powerUsdPerMwh: 3 });
    s.addMarket({ day: 0, btcUsd: 99, hashpriceUsdPerPhDay: 1, gpuRentUsdPerHour: 2, powerUsdPerMwh: 3 });
    expect(s.days).toEqual([1, 2]);
    expect(s.market.btcUsd).toEqual([11, 12]);
  });

  it('starts the hashprice line at the first mined day instead of the $0 of day 0', () => {
    const s = new SeriesStore();
    s.addMarket({ day: 0, btcUsd: 10, hashpriceUsdPerPhDay: 0, gpuRentUsdPerHour: 2, powerUsdPerMwh: 3 });
    s.addMarket({ day: 1, btcUsd: 11, hashpriceUsdPerPhDay: 55, gpuRentUsdPerHour: 2, powerUsdPerMwh: 3 });
    expect(s.market.hashpriceUsdPerPhDay).toEqual([55, 55]);
    expect(s.market.btcUsd).toEqual([10, 11]);
  });
});

describe('format', () => {
  it('prints compact figures with three significant digits', () => {
    expect(compact(1_234_567)).toBe('1.23M');
    expect(compact(50_000_000)).toBe('50M');
    expect(compact(999)).toBe('999');
    expect(compact(0)).toBe('0');
    expect(btc(0.5)).toBe('0.5000 BTC');
  });
});
