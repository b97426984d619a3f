import { describe, expect, it } from 'vitest';
import { createGame, step } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { balanceOf, LEASE_ESCROW, ledgerTotals, WORLD } from '../../../../shared/economy/ledger.js';
import { blockCents } from '../../../../shared/economy/leaseBook.js';
import { inBand, leasePriceBand, LEASE_MAKER_ID } from '../../../../shared/economy/leaseMakers.js';
import { gpuDayCents } from '../../../../shared/economy/tenders.js';
import { playerView } from '../../../../shared/rules/view.js';
import { uncommittedH100 as viewFreeH100 } from '../../../../shared/bots/helpers.js';
import type { Action } from '../../../../shared/rules/actions.js';
import type { GameEvent, GameState } from '../../../../shared/rules/types.js';
import { accept, edit, rejects } from '../../../support/engineSteps.js';

const sprint = getScenario('halving-sprint')!;
/** Halving-sprint's ai-tier halls, plus a Texas yard made ai-tier for a fourth company. */
const SITES = ['L4', 'L6', 'L7', 'L1'];

/** Halving-sprint with `gpus[i]` H100s running for company i (ids a, b, c, d) from day 0. */
function sprintWith(gpus: number[], seed = 'desk'): GameState {
  const ids = gpus.map((_, i) => 'abcd'[i]!);
  const s = createGame(sprint, seed, ids.map((id) => ({ id, name: id.toUpperCase() })));
  const sites = { ...s.sites };
  const lots = { ...s.lots };
  ids.forEach((id, i) => {
    const siteId = SITES[i]!;
    sites[siteId] = { ...sites[siteId]!, ownerId: id, listPriceUsd: 0, tier: 'ai' };
    if (gpus[i]! > 0) {
      lots[`G${id}`] = { id: `G${id}`, ownerId: id, modelId: 'h100', count: gpus[i]!, status: 'installed', siteId, arrivesDay: 0, unitCostUsd: 30_000, committedGpus: 0 };
    }
  });
  return { ...s, sites, lots };
}

const desk = (s: GameState) => Object.values(s.leaseOrders).filter((o) => o.ownerId === LEASE_MAKER_ID);
const bestOf = (s: GameState, side: 'bid' | 'ask') => playerView(s, null).book[side === 'bid' ? 'bids' : 'asks'][0];
const order = (side: 'bid' | 'ask', quantity: number, priceUsdPerGpuHour: number): Action => ({ type: 'placeLeaseOrder', side, quantity, priceUsdPerGpuHour });
const escrowOfBids = (s: GameState) => Object.values(s.leaseOrders).filter((o) => o.side === 'bid').reduce((t, o) => t + o.remaining * blockCents(o.priceUsdPerGpuHour), 0);
const flow = (s: GameState, reason: string) => s.ledger.flowsUsdCents[reason] ?? 0;

function expectTwoSidedInBand(s: GameState): void {
  const { bids, asks } = playerView(s, null).book;
  expect(bids.length).toBeGreaterThan(0);
  expect(asks.length).toBeGreaterThan(0);
  expect(bids[0]!.priceUsdPerGpuHour).toBeLessThan(asks[0]!.priceUsdPerGpuHour);
  const band = leasePriceBand(s.compute.spotUsdPerGpuHour);
  for (const o of Object.values(s.leaseOrders)) expect(inBand(band, o.priceUsdPerGpuHour)).toBe(true);
  expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
}

describe('the NPC lease desk', () => {
  it('quotes both sides from day 0, escrowing its bids from the world', () => {
    const s = createGame(sprint, 'desk');
    expect(desk(s).map((o) => [o.side, o.priceUsdPerGpuHour, o.quantity])).toEqual([
      ['bid', 4.7, 86], ['bid', 4.56, 86], ['bid', 4.41, 86], ['ask', 5.1, 86], ['ask', 5.24, 86], ['ask', 5.39, 86],
    ]);
    expect(balanceOf(s.ledger, LEASE_ESCROW).usdCents).toBe(escrowOfBids(s));
    expect(balanceOf(s.ledger, WORLD).usdCents).toBe(-escrowOfBids(s));
    expectTwoSidedInBand(s);
  });

  it('keeps the book two-sided after every day step, even while four companies dump capacity on it', () => {
    let quiet = createGame(sprint, 'two-sided');
    let busy = sprintWith([1_250, 1_250, 1_250, 1_250], 'two-sided');
    let fills = 0;
    while (busy.phase === 'running') {
      for (const id of busy.playerOrder) {
        // Within a day the sellers may take every bid; the desk's refresh restores them.
        const free = viewFreeH100(playerView(busy, id));
        const bid = bestOf(busy, 'bid');
        if (free > 0 && bid) busy = accept(busy, id, order('ask', Math.min(free, 200), bid.priceUsdPerGpuHour));
      }
      const r = step(busy);
      fills += r.events.filter((e) => e.type === 'leaseTrade').length;
      busy = r.state;
      quiet = step(quiet).state;
      expectTwoSidedInBand(busy);
      expectTwoSidedInBand(quiet);
      expect(balanceOf(busy.ledger, LEASE_ESCROW).usdCents).toBeGreaterThanOrEqual(escrowOfBids(busy));
    }
    expect(fills).toBeGreaterThan(50);
  });

  it('buys a player’s ask at its bid: the player is the lessor, its GPUs are committed, the world pays through escrow', () => {
    const s0 = sprintWith([100]);
    const bestBid = bestOf(s0, 'bid')!;
    const r = accept(s0, 'a', order('ask', 30, 4.5));
    // An ask under the desk's best bid trades at the bid's price (the resting order's).
    const lease = Object.values(r.leases)[0]!;
    expect(lease).toMatchObject({ lessorId: 'a', lesseeId: LEASE_MAKER_ID, gpus: 30, priceUsdPerGpuHour: bestBid.priceUsdPerGpuHour, startDay: 0 });
    expect(r.leaseOrders).not.toHaveProperty(Object.keys(r.leaseOrders).find((k) => r.leaseOrders[k]!.ownerId === 'a') ?? 'none');
    // 100 running − 30 leased to the desk = 70 left to promise.
    rejects(r, 'a', order('ask', 71, 4.9), 'NO_CAPACITY');
    const s1 = step(r).state;
    expect(flow(s1, 'leasePayment')).toBe((30 * blockCents(bestBid.priceUsdPerGpuHour)) / 30);
    expect(s1.lots.Ga!.committedGpus).toBe(30);
    // a offers its 70 idle GPUs; the desk resells the 30 it leased: the spot supply is the same 100.
    expect(s1.compute.playerSupplyH100).toBeCloseTo(70, 9);
    expect(s1.compute.spotUsdPerGpuHour).toBeCloseTo(step(sprintWith([100])).state.compute.spotUsdPerGpuHour, 9);
    expect(ledgerTotals(s1.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('sells a player reserved capacity at its ask: the player may resell it on spot (pushing rent down), and the world is paid day by day', () => {
    const s0 = sprintWith([0]);
    const bestAsk = bestOf(s0, 'ask')!;
    const r = accept(s0, 'a', order('bid', 20, 5.2));
    expect(Object.values(r.leases)[0]).toMatchObject({ lessorId: LEASE_MAKER_ID, lesseeId: 'a', gpus: 20, priceUsdPerGpuHour: bestAsk.priceUsdPerGpuHour });
    rejects(r, 'a', order('ask', 21, 4.9), 'NO_CAPACITY');
    accept(r, 'a', order('ask', 20, 4.9));
    const day = step(r);
    const s1 = day.state;
    // The world receives a thirtieth a day; a's 20 blocks sell on spot like its own GPUs.
    expect(flow(s1, 'leasePayment')).toBe((20 * blockCents(bestAsk.priceUsdPerGpuHour)) / 30);
    expect(flow(s1, 'spot')).toBe(gpuDayCents(20, s1.compute.spotUsdPerGpuHour));
    expect(s1.players.a!.computeDeliveredH100Days).toBeCloseTo(20, 9);
    // The 20 came out of the clouds' reserved capacity, so reselling them adds to spot supply (as
    // 20 GPUs of a's own would): resale of reserved capacity pushes rent down.
    expect(s1.compute.spotUsdPerGpuHour).toBeCloseTo(step(sprintWith([20])).state.compute.spotUsdPerGpuHour, 9);
    expect(s1.compute.spotUsdPerGpuHour).toBeLessThan(step(createGame(sprint, 'desk')).state.compute.spotUsdPerGpuHour);
  });

  it('takes players’ resting orders its refreshed quotes cross, at the players’ prices, then rests above them', () => {
    const s0 = sprintWith([50]);
    // a rests an ask at $4.72, above today's best bid ($4.70); demand jumps 20 % overnight, rent
    // with it (≈ $5.65), and the desk's refreshed bid (≈ $5.40) crosses a's ask.
    const lifted = edit(accept(s0, 'a', order('ask', 50, 4.72)), (d) => {
      d.compute.demandShock = 1.2;
    });
    const r = step(lifted);
    const trade = r.events.find((e): e is Extract<GameEvent, { type: 'leaseTrade' }> => e.type === 'leaseTrade');
    expect(trade).toMatchObject({ buyerId: LEASE_MAKER_ID, sellerId: 'a', quantity: 50, priceUsdPerGpuHour: 4.72, day: 1 });
    expect(Object.values(r.state.leases)[0]).toMatchObject({ startDay: 1, endDay: 31 });
    expectTwoSidedInBand(r.state);
  });

  it('leans against its inventory: after buying it bids lower and for less', () => {
    let s = sprintWith([1_500]);
    const before = desk(step(s).state).filter((o) => o.side === 'bid');
    s = accept(s, 'a', order('ask', 258, 4.2));
    const after = desk(step(s).state).filter((o) => o.side === 'bid');
    expect(after[0]!.priceUsdPerGpuHour).toBeLessThan(before[0]!.priceUsdPerGpuHour);
    expect(after[0]!.quantity).toBeLessThan(before[0]!.quantity);
  });

  it('quotes the same on the same seed (no randomness of its own)', () => {
    const run = () => {
      let s = sprintWith([300, 300]);
      for (let d = 0; d < 20; d++) s = step(s).state;
      return desk(s).map((o) => [o.side, o.priceUsdPerGpuHour, o.quantity]);
    };
    expect(run()).toEqual(run());
  });
});

describe('the price band', () => {
  it('refuses lease orders outside ±20 % of spot, whoever would be on the other side', () => {
    const s = sprintWith([100, 0]);
    // Spot $4.90: the band is $3.92–5.88.
    const msg = rejects(s, 'b', order('bid', 10, 999), 'PRICE_BAND');
    expect(msg).toContain('$3.92');
    expect(msg).toContain('$5.88');
    rejects(s, 'a', order('ask', 10, 999), 'PRICE_BAND');
    rejects(s, 'a', order('ask', 10, 3.91), 'PRICE_BAND');
    rejects(s, 'b', order('bid', 10, 0.1), 'PRICE_BAND');
    // The edges are inside.
    const atTop = accept(s, 'a', order('ask', 10, 5.88));
    accept(atTop, 'b', order('bid', 10, 5.88));
    accept(s, 'b', order('bid', 10, 3.92));
  });

  it('takes an order the next day’s band leaves outside off the book, refunding its escrow', () => {
    // Under the desk's best ask ($5.10), so it rests.
    const s0 = accept(sprintWith([0]), 'a', order('bid', 10, 5));
    const mine = Object.values(s0.leaseOrders).find((o) => o.ownerId === 'a')!;
    // Demand halves overnight: spot falls ~44 %, and $5.00 is far above the new band.
    const r = step(edit(s0, (d) => { d.compute.demandShock = 0.5; }));
    expect(r.events).toContainEqual({ type: 'leaseOrderCancelled', day: 0, playerId: 'a', orderId: mine.id, reason: 'priceBand' });
    expect(r.state.leaseOrders[mine.id]).toBeUndefined();
    expect(flow(r.state, 'leaseRefund')).toBe(10 * blockCents(5));
    expectTwoSidedInBand(r.state);
  });
});

describe('players move rent', () => {
  /** Mean over the match of 1 − spot with these companies' GPUs ÷ spot without them. */
  function meanDrop(gpus: number[]): number {
    let base = createGame(sprint, 'impact');
    let s = sprintWith(gpus, 'impact');
    let sum = 0;
    let n = 0;
    while (s.phase === 'running') {
      s = step(s).state;
      base = step(base).state;
      sum += 1 - s.compute.spotUsdPerGpuHour / base.compute.spotUsdPerGpuHour;
      n += 1;
    }
    return sum / n;
  }

  it('four fully invested AI companies (1,250 H100 each) cut halving-sprint rent by a third; one small one (250) by ~3 %', () => {
    const four = meanDrop([1_250, 1_250, 1_250, 1_250]);
    const one = meanDrop([250]);
    expect(four).toBeGreaterThan(0.3);
    expect(four).toBeLessThan(0.4);
    expect(one).toBeGreaterThan(0.015);
    expect(one).toBeLessThan(0.04);
  });
});

describe('resale of reserved capacity', () => {
  it('collapses rent: companies that lift the desk’s asks and leave the capacity idle push spot down, and pay for it', () => {
    let base = createGame(sprint, 'resale');
    let s = sprintWith([0, 0, 0, 0], 'resale');
    const cash0 = s.playerOrder.map((id) => playerView(s, id).me!.cashUsd);
    for (let d = 0; d < 30; d++) {
      for (const id of s.playerOrder) {
        const ask = bestOf(s, 'ask');
        if (ask) s = accept(s, id, order('bid', ask.quantity, ask.priceUsdPerGpuHour));
      }
      s = step(s).state;
      base = step(base).state;
    }
    const drop = 1 - s.compute.spotUsdPerGpuHour / base.compute.spotUsdPerGpuHour;
    expect(drop).toBeGreaterThan(0.1);
    expect(drop).toBeLessThan(0.25);
    // Bought at the desk's ask, sold on a spot market they pushed down: every one of them lost money.
    // Bought at the desk's ask, sold on a spot market they pushed down: cash plus what is still
    // prepaid is less than they started with, for every one that traded.
    const traders = s.playerOrder.filter((id) => Object.values(s.leases).some((l) => l.lesseeId === id));
    expect(traders.length).toBeGreaterThanOrEqual(3);
    for (const id of traders) {
      let prepaidCents = 0;
      for (const l of Object.values(s.leases)) {
        if (l.lesseeId !== id) continue;
        const total = l.gpus * blockCents(l.priceUsdPerGpuHour);
        prepaidCents += total - Math.floor((total * Math.max(0, s.day - l.startDay)) / (l.endDay - l.startDay));
      }
      expect(playerView(s, id).me!.cashUsd + prepaidCents / 100).toBeLessThan(cash0[s.playerOrder.indexOf(id)]!);
    }
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });
});
