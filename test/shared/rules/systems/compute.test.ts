import { describe, expect, it } from 'vitest';
import { applyAction, createGame, stateHash, step } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { balanceOf, cashCents, cloneLedger, LEASE_ESCROW, ledgerTotals, transfer, WORLD } from '../../../../shared/economy/ledger.js';
import { LEASE_MAKER_ID } from '../../../../shared/economy/leaseMakers.js';
import { blockCents, LEASE_BLOCK_DAYS } from '../../../../shared/economy/leaseBook.js';
import { gpuDayCents, shortfallPenaltyCents } from '../../../../shared/economy/tenders.js';
import { hostingDayCents, hostingUsdPerDay, presentValueUsd } from '../../../../shared/economy/hosting.js';
import { contractsPvUsd, contractValuesByPlayer, CONTRACT_HORIZON_DAYS, costOfCapitalPct, HOSTING_OPEX_SHARE } from '../../../../shared/rules/systems/computeValue.js';
import { navPartsByPlayer } from '../../../../shared/rules/systems/valuation.js';
import type { Action } from '../../../../shared/rules/actions.js';
import type { GameEvent, GameState, Offer, Tender } from '../../../../shared/rules/types.js';
import { computePhase } from '../../../../shared/rules/systems/compute.js';
import { recordList } from '../../../../shared/rules/systems/capacity.js';
import { workingCopy } from '../../../../shared/rules/workingCopy.js';
import { playerView } from '../../../../shared/rules/view.js';
import { edit, runPhase } from '../../../support/engineSteps.js';

const scenario = getScenario('history-2023-2025')!;

/** The state with the NPC desk's resting quotes taken off the book (their escrow back to the world). */
function withoutDesk(s: GameState): GameState {
  const ledger = cloneLedger(s.ledger);
  const leaseOrders = { ...s.leaseOrders };
  for (const o of Object.values(s.leaseOrders)) {
    if (o.ownerId !== LEASE_MAKER_ID) continue;
    if (o.side === 'bid') transfer(ledger, { from: LEASE_ESCROW, to: WORLD, usdCents: o.remaining * blockCents(o.priceUsdPerGpuHour), reason: 'test' });
    delete leaseOrders[o.id];
  }
  return { ...s, ledger, leaseOrders };
}
const AI_SITE = 'L4'; // Luleå Hall: ai tier, 20 MW, Nordics
const MINING_SITE = 'L3'; // Baie-Comeau Mill: mining tier, 30 MW, Quebec

/**
 * Players a (100 H100 running in an ai-tier site, plus an S21 lot in a mining site), b and c
 * (nothing), on a book without the NPC desk's day-0 quotes, so trades here are between seats
 * (the desk has its own tests in leaseMarketMakers.test.ts). Spot is $7.20: the band is $5.76–8.64.
 */
function world(): GameState {
  const s = withoutDesk(createGame(scenario, 'compute-test', [
    { id: 'a', name: 'Alpha' },
    { id: 'b', name: 'Beta' },
    { id: 'c', name: 'Gamma' },
  ]));
  const lot = (id: string, modelId: string, count: number, siteId: string) => ({
    id, ownerId: 'a', modelId, count, status: 'installed' as const, siteId, arrivesDay: 0, unitCostUsd: 1, committedGpus: 0,
  });
  return {
    ...s,
    sites: {
      ...s.sites,
      [AI_SITE]: { ...s.sites[AI_SITE]!, ownerId: 'a', listPriceUsd: 0 },
      [MINING_SITE]: { ...s.sites[MINING_SITE]!, ownerId: 'a', listPriceUsd: 0 },
    },
    lots: { G1: lot('G1', 'h100', 100, AI_SITE), A1: lot('A1', 's21', 1000, MINING_SITE) },
  };
}

function ok(s: GameState, playerId: string, action: Action): { state: GameState; events: GameEvent[] } {
  const r = applyAction(s, playerId, action);
  if (!r.ok) throw new Error(`${action.type} rejected: ${r.error.code} ${r.error.message}`);
  expect(ledgerTotals(r.state.ledger)).toEqual({ usdCents: 0, sats: 0 });
  return r;
}

function rejects(s: GameState, playerId: string, action: Action, code: string): void {
  const before = stateHash(s);
  const r = applyAction(s, playerId, action);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message.length).toBeGreaterThan(10);
  }
  expect(stateHash(s)).toBe(before);
}

const flow = (s: GameState, reason: string) => s.ledger.flowsUsdCents[reason] ?? 0;
const escrow = (s: GameState) => balanceOf(s.ledger, LEASE_ESCROW).usdCents;
const ask = (quantity: number, priceUsdPerGpuHour: number): Action => ({ type: 'placeLeaseOrder', side: 'ask', quantity, priceUsdPerGpuHour });
const bid = (quantity: number, priceUsdPerGpuHour: number): Action => ({ type: 'placeLeaseOrder', side: 'bid', quantity, priceUsdPerGpuHour });

describe('lease orders', () => {
  it('rejects asks beyond uncommitted capacity and bids beyond cash, leaving the state untouched', () => {
    const s = world();
    rejects(s, 'b', ask(1, 7), 'NO_CAPACITY');
    rejects(s, 'a', ask(101, 7), 'NO_CAPACITY');
    // 10,000 blocks × $8 × 720 h = $57.6M > $50M.
    rejects(s, 'b', bid(10_000, 8), 'INSUFFICIENT_FUNDS');
  });

  it('matches a bid against a resting ask at the ask price, escrowing and refunding exactly', () => {
    let s = ok(world(), 'a', ask(40, 7)).state;
    expect(Object.values(s.leaseOrders)).toHaveLength(1);
    const cashB = cashCents(s.ledger, 'b');
    const r = ok(s, 'b', bid(30, 7.5));
    s = r.state;
    expect(r.events).toContainEqual({ type: 'leaseTrade', day: 0, buyerId: 'b', sellerId: 'a', quantity: 30, priceUsdPerGpuHour: 7 });
    // Escrowed 30 × $7.50 × 720, refunded the $0.50 difference: net 30 × $5,040.
    expect(cashCents(s.ledger, 'b')).toBe(cashB - 30 * blockCents(7));
    expect(escrow(s)).toBe(30 * 504_000);
    const [holding] = Object.values(s.leases);
    expect(holding).toMatchObject({ lesseeId: 'b', lessorId: 'a', gpus: 30, priceUsdPerGpuHour: 7, startDay: 0, endDay: LEASE_BLOCK_DAYS });
    expect(Object.values(s.leaseOrders).map((o) => o.remaining)).toEqual([10]);
    // a: 100 running − 30 leased out − 10 still offered = 60 left to offer.
    rejects(s, 'a', ask(61, 7), 'NO_CAPACITY');
    ok(s, 'a', ask(60, 7));
    // b resells its leased capacity.
    ok(s, 'b', ask(30, 6));
    rejects(s, 'b', ask(31, 6), 'NO_CAPACITY');
  });

  it('fills an incoming ask at the resting bid’s price, which was escrowed in full', () => {
    let s = ok(world(), 'b', bid(10, 7)).state;
    const r = ok(s, 'a', ask(10, 6));
    s = r.state;
    expect(r.events).toContainEqual({ type: 'leaseTrade', day: 0, buyerId: 'b', sellerId: 'a', quantity: 10, priceUsdPerGpuHour: 7 });
    expect(escrow(s)).toBe(10 * blockCents(7));
    expect(s.leaseOrders).toEqual({});
  });

  it('caps open orders per player', () => {
    let s = world();
    for (let i = 0; i < 20; i++) s = ok(s, 'b', bid(1, 6 + i / 100)).state;
    rejects(s, 'b', bid(1, 6.5), 'LIMIT');
  });

  it('does not trade with itself: its own bid rests under its own ask', () => {
    let s = ok(world(), 'a', ask(10, 6)).state;
    s = ok(s, 'a', bid(5, 7)).state;
    expect(Object.keys(s.leases)).toHaveLength(0);
    expect(Object.values(s.leaseOrders).map((o) => [o.side, o.remaining])).toEqual([['ask', 10], ['bid', 5]]);
  });

  it('cancels only the owner’s order and refunds the unused escrow', () => {
    const s0 = world();
    const cash0 = cashCents(s0.ledger, 'b');
    const s = ok(s0, 'b', bid(7, 6.25)).state;
    const orderId = Object.keys(s.leaseOrders)[0]!;
    expect(escrow(s)).toBe(7 * blockCents(6.25));
    rejects(s, 'a', { type: 'cancelLeaseOrder', orderId }, 'NOT_OWNER');
    rejects(s, 'b', { type: 'cancelLeaseOrder', orderId: 'nope' }, 'NOT_FOUND');
    const after = ok(s, 'b', { type: 'cancelLeaseOrder', orderId }).state;
    expect(cashCents(after.ledger, 'b')).toBe(cash0);
    expect(escrow(after)).toBe(0);
    expect(after.leaseOrders).toEqual({});
  });

  it('pays the lessor from escrow day by day, sells idle capacity on spot, and ends the lease at 30 days', () => {
    let s = ok(world(), 'a', ask(30, 7)).state;
    s = ok(s, 'b', bid(30, 7)).state;
    const total = 30 * blockCents(7);
    const r = step(s);
    s = r.state;
    const price = s.compute.spotUsdPerGpuHour;
    expect(flow(s, 'leasePayment')).toBe(total / 30);
    // Above the floor everything offered sells: a's 70 idle GPUs and b's 30 leased ones.
    expect(s.compute.clearedH100).toBeCloseTo(s.compute.npcSupplyH100 - 0 + 100, 6);
    expect(flow(s, 'spot')).toBe(gpuDayCents(70, price) + gpuDayCents(30, price));
    expect(r.events).toContainEqual({ type: 'leaseIncome', day: 0, playerId: 'a', usdCents: total / 30 });
    expect(s.players.a!.computeDeliveredH100Days).toBeCloseTo(70, 9);
    expect(s.players.b!.computeDeliveredH100Days).toBeCloseTo(30, 9);
    expect(s.lots.G1!.committedGpus).toBe(30);
    expect(s.players.b!.revenueAiUsdPerDay).toBe(Math.round(0.1 * gpuDayCents(30, price) / 100));
    for (let d = 1; d < LEASE_BLOCK_DAYS; d++) s = step(s).state;
    expect(flow(s, 'leasePayment')).toBe(total);
    // What is left in escrow backs the desk's resting bids alone.
    expect(escrow(s)).toBe(Object.values(s.leaseOrders).filter((o) => o.side === 'bid').reduce((t, o) => t + o.remaining * blockCents(o.priceUsdPerGpuHour), 0));
    expect(s.leases).toEqual({});
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });
});

function withTender(s: GameState, t: Partial<Tender>): GameState {
  const tender: Tender = {
    id: 'T1', lab: 'Helix Labs', gpus: 80, days: 10, startDay: s.day + 2, closesDay: s.day + 1, tier: 'ai',
    reservePriceUsdPerGpuHour: 5, bids: [], ...t,
  };
  return { ...s, tenders: { ...s.tenders, [tender.id]: tender } };
}

describe('tenders', () => {
  it('rejects bids on unknown or closed tenders and from companies without GPU capacity', () => {
    const s = withTender(world(), {});
    rejects(s, 'a', { type: 'bidTender', tenderId: 'T9', priceUsdPerGpuHour: 3 }, 'NOT_FOUND');
    rejects(s, 'c', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 3 }, 'WRONG_TIER');
    rejects(withTender(world(), { closesDay: 0 }), 'a', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 3 }, 'WRONG_STATE');
  });

  it('keeps one bid per player (a re-bid replaces it)', () => {
    let s = withTender(world(), {});
    s = ok(s, 'a', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 4 }).state;
    s = ok(s, 'a', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 3.5 }).state;
    expect(s.tenders.T1!.bids.map((b) => [b.playerId, b.priceUsdPerGpuHour])).toEqual([['a', 3.5]]);
  });

  it('awards the lowest bidder that can supply, pays daily, and penalises a shortfall', () => {
    let s = withTender(world(), {});
    // b owns an empty ai-tier hall: it may bid, but cannot supply 80 GPUs, so the award passes to a.
    s = { ...s, sites: { ...s.sites, L6: { ...s.sites.L6!, ownerId: 'b', listPriceUsd: 0 } } };
    s = ok(s, 'a', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 3.5 }).state;
    s = ok(s, 'b', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 3 }).state;
    s = step(s).state; // day 0
    const r = step(s); // day 1: closes
    s = r.state;
    expect(r.events).toContainEqual({ type: 'tenderAwarded', day: 1, tenderId: 'T1', playerId: 'a', priceUsdPerGpuHour: 3.5 });
    expect(s.tenders.T1).toBeUndefined();
    const contract = Object.values(s.contracts).find((c) => c.kind === 'tender')!;
    expect(contract).toMatchObject({ ownerId: 'a', gpus: 80, priceUsdPerGpuHour: 3.5, startDay: 2, endDay: 12 });
    // a: 100 running − 80 promised = 20 left to offer.
    rejects(s, 'a', ask(21, 7), 'NO_CAPACITY');
    // Thirty GPUs go dark (sold, say): from day 2 a delivers 70 of 80.
    s = { ...s, lots: { ...s.lots, G1: { ...s.lots.G1!, count: 70 } } };
    s = step(s).state;
    expect(flow(s, 'tender')).toBe(gpuDayCents(70, 3.5));
    expect(flow(s, 'tenderPenalty')).toBe(shortfallPenaltyCents(10, 3.5));
    expect(s.contracts[contract.id]!.penaltiesUsd).toBe(shortfallPenaltyCents(10, 3.5) / 100);
    expect(s.lots.G1!.committedGpus).toBe(70);
    // Days 0 and 1 on spot (100 each), day 2 on the tender (70).
    expect(s.players.a!.computeDeliveredH100Days).toBeCloseTo(270, 9);
    for (let d = 3; d < 12; d++) s = step(s).state;
    expect(flow(s, 'tender')).toBe(10 * gpuDayCents(70, 3.5));
    expect(s.contracts[contract.id]).toBeUndefined();
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('leaves a tender unawarded when every bid is above the reserve', () => {
    let s = withTender(world(), { reservePriceUsdPerGpuHour: 2 });
    s = ok(s, 'a', { type: 'bidTender', tenderId: 'T1', priceUsdPerGpuHour: 2.5 }).state;
    const events = [...step(s).events, ...step(step(s).state).events];
    expect(events).toContainEqual({ type: 'tenderAwarded', day: 1, tenderId: 'T1', playerId: null, priceUsdPerGpuHour: 0 });
  });
});

const OTHER_AI_SITE = 'L7'; // Abilene Campus: ai tier, 40 MW, Texas

/** world() with b owning an ai hall too, so two companies can take the same offer. */
function contested(): GameState {
  const s = world();
  return { ...s, sites: { ...s.sites, [OTHER_AI_SITE]: { ...s.sites[OTHER_AI_SITE]!, ownerId: 'b', listPriceUsd: 0 } } };
}

function withOffer(s: GameState, o: Partial<Offer>): GameState {
  const offer: Offer = {
    id: 'OF1', kind: 'hosting', tenant: 'Hyperion Cloud', mw: 5, priceUsdPerKwMonth: 125, years: 10, retrofitFundedPct: 0,
    buyoutUsdPerMw: 0, postedDay: s.day, closesDay: s.day + 10, bids: [], ...o,
  };
  return { ...s, offers: { ...s.offers, [offer.id]: offer } };
}

/** Runs today's compute phase as if the offer's bids closed today. */
function closeOffer(s: GameState, offerId = 'OF1'): { state: GameState; events: GameEvent[] } {
  return runPhase(edit(s, (d) => void (d.offers[offerId]!.closesDay = d.day)), computePhase);
}

const awarded = (events: GameEvent[]) => events.find((e) => e.type === 'offerAwarded');

describe('hosting and buy-out offers (sealed bids, open to every company)', () => {
  it('refuses bids on unknown or closed offers, above the tenant’s price, in the wrong unit, or from companies with no site that fits', () => {
    rejects(withOffer(world(), {}), 'a', { type: 'acceptOffer', offerId: 'OF2' }, 'NOT_FOUND');
    rejects(withOffer(world(), { closesDay: 0 }), 'a', { type: 'acceptOffer', offerId: 'OF1' }, 'WRONG_STATE');
    rejects(withOffer(world(), {}), 'a', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 130 }, 'LIMIT');
    rejects(withOffer(world(), {}), 'a', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerMw: 100 }, 'BAD_ACTION');
    // b owns nothing: the message says what the tenant wants.
    const s = withOffer(world(), {});
    const r = applyAction(s, 'b', { type: 'acceptOffer', offerId: 'OF1' });
    expect(r.ok === false && r.error).toMatchObject({ code: 'NO_CAPACITY', message: expect.stringMatching(/5 MW free in an ai-tier site/) });
    // 100 H100s use 0.13 MW of Luleå's 20: a 20 MW tenant does not fit.
    rejects(withOffer(world(), { mw: 20 }), 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: AI_SITE }, 'NO_CAPACITY');
    rejects(withOffer(world(), {}), 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: OTHER_AI_SITE }, 'NOT_OWNER');
    rejects(withOffer(world(), {}), 'a', { type: 'declineOffer', offerId: 'OF1' }, 'NOT_FOUND');
  });

  it('is seen by every company, bids stay sealed, and only the lowest rent asked gets it', () => {
    let s = withOffer(contested(), {});
    // Both companies (and spectators) see the offer; nobody sees another's bid.
    for (const who of ['a', 'b', 'c', null]) expect(playerView(s, who).offers.map((o) => o.id)).toEqual(['OF1']);
    s = ok(s, 'a', { type: 'acceptOffer', offerId: 'OF1' }).state;
    s = ok(s, 'b', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 118.5 }).state;
    expect(playerView(s, 'c').offers[0]).toMatchObject({ bidCount: 2, myBid: null });
    expect(playerView(s, 'a').offers[0]!.myBid).toEqual({ siteId: AI_SITE, priceUsdPerKwMonth: 125, priceUsdPerMw: 0 });
    expect(playerView(s, 'b').offers[0]!.myBid).toEqual({ siteId: OTHER_AI_SITE, priceUsdPerKwMonth: 118.5, priceUsdPerMw: 0 });
    const r = closeOffer(s);
    expect(awarded(r.events)).toMatchObject({ offerId: 'OF1', playerId: 'b', siteId: OTHER_AI_SITE, bidCount: 2 });
    s = r.state;
    expect(s.offers).toEqual({});
    expect(Object.values(s.contracts)).toEqual([expect.objectContaining({ kind: 'hosting', ownerId: 'b', siteId: OTHER_AI_SITE, mw: 5, priceUsdPerKwMonth: 118.5 })]);
    expect(s.sites[OTHER_AI_SITE]!.hostedMw).toBe(5);
    expect(s.sites[AI_SITE]!.hostedMw).toBe(0);
    expect(s.news.at(-1)!.headline).toMatch(/Hyperion Cloud leases 5 MW at Abilene Campus from Beta .*\$118\.50\/kW-month \(2 bids\)/);
    // The loser learns it lost: a bid now is refused with a reason, and nothing changes.
    rejects(s, 'a', { type: 'acceptOffer', offerId: 'OF1' }, 'NOT_FOUND');
    const late = applyAction(s, 'a', { type: 'acceptOffer', offerId: 'OF1' });
    expect(late.ok === false && late.error.message).toBe('Offer OF1 has been awarded: Beta won it on day 0.');
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('breaks a tie in favour of the earlier bid, and replaces a company’s bid when it bids again', () => {
    let s = withOffer(contested(), {});
    s = ok(s, 'b', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 110 }).state;
    s = ok(s, 'a', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 120 }).state;
    s = ok(s, 'a', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 110 }).state;
    expect(s.offers.OF1!.bids).toHaveLength(2);
    expect(awarded(closeOffer(s).events)).toMatchObject({ playerId: 'b' });
    // A withdrawn bid cannot win.
    s = ok(s, 'b', { type: 'declineOffer', offerId: 'OF1' }).state;
    expect(awarded(closeOffer(s).events)).toMatchObject({ playerId: 'a' });
  });

  it('skips a winning bid whose site no longer fits and lapses an offer nobody can take', () => {
    let s = withOffer(contested(), {});
    s = ok(s, 'b', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: 100 }).state;
    s = ok(s, 'a', { type: 'acceptOffer', offerId: 'OF1' }).state;
    // b sells its hall before bids close.
    s = ok(s, 'b', { type: 'sellSite', siteId: OTHER_AI_SITE }).state;
    expect(awarded(closeOffer(s).events)).toMatchObject({ playerId: 'a', siteId: AI_SITE });
    const lapsed = closeOffer(withOffer(world(), {}));
    expect(awarded(lapsed.events)).toMatchObject({ playerId: null, bidCount: 0 });
    expect(lapsed.state.offers).toEqual({});
    const r = applyAction(lapsed.state, 'a', { type: 'acceptOffer', offerId: 'OF1' });
    expect(r.ok === false && r.error).toEqual({ code: 'NOT_FOUND', message: 'Offer OF1 lapsed on day 0: no company could take it.' });
  });

  it('turns a won hosting offer into a contract that pays rent daily and counts in NAV', () => {
    let s = ok(withOffer(world(), {}), 'a', { type: 'acceptOffer', offerId: 'OF1' }).state;
    s = closeOffer(s).state;
    const c = Object.values(s.contracts)[0]!;
    expect(c).toMatchObject({ kind: 'hosting', ownerId: 'a', mw: 5, siteId: AI_SITE, startDay: 0, endDay: 3650 });
    // Net of the hall's running costs, two years at most, at the company's cost of capital.
    const net = hostingUsdPerDay(5, 125) * (1 - HOSTING_OPEX_SHARE);
    expect(contractsPvUsd(s, 'a')).toBeCloseTo(presentValueUsd(net, CONTRACT_HORIZON_DAYS, costOfCapitalPct(s)), 6);
    expect(contractsPvUsd(s, 'b')).toBe(0);
    s = step(step(s).state).state;
    expect(flow(s, 'hosting')).toBe(2 * hostingDayCents(5, 125));
    expect(flow(s, 'hostingOpex')).toBe(2 * Math.round(hostingDayCents(5, 125) * HOSTING_OPEX_SHARE));
    expect(hostingDayCents(5, 125)).toBe(2_054_795); // 5 MW × $125/kW-month × 12 ÷ 365
  });

  it('retrofits a mining site for a tenant that funds most of it; rent starts when the retrofit ends', () => {
    const s0 = withOffer(world(), { mw: 30, retrofitFundedPct: 80 });
    const cash0 = cashCents(s0.ledger, 'a');
    let s = ok(s0, 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: MINING_SITE }).state;
    // Nothing is paid until the bid wins.
    expect(cashCents(s.ledger, 'a')).toBe(cash0);
    s = closeOffer(s).state;
    // 30 MW × $6M × 20% = $36M paid by a; the tenant's 80% never touches a's books.
    expect(flow(s, 'retrofit')).toBe(36_000_000_00);
    expect(s.sites[MINING_SITE]).toMatchObject({ status: 'retrofitting', retrofitEtaDay: scenario.capex.retrofitDays, hostedMw: 30 });
    expect(s.lots.A1).toMatchObject({ status: 'stored', siteId: null });
    expect(Object.values(s.contracts)[0]).toMatchObject({ startDay: scenario.capex.retrofitDays, mw: 30 });
    // Without the cash for its share, the bid is refused.
    rejects(withOffer(world(), { mw: 30, retrofitFundedPct: 50 }), 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: MINING_SITE }, 'INSUFFICIENT_FUNDS');
  });

  it('carves the tenant’s MW out of a bigger mining site into a hall of its own; the rest keeps mining', () => {
    const s0 = withOffer(world(), { mw: 10, retrofitFundedPct: 60 });
    let s = ok(s0, 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: MINING_SITE }).state;
    s = closeOffer(s).state;
    const hall = Object.values(s.sites).find((x) => x.hostedMw > 0)!;
    expect(hall).toMatchObject({ ownerId: 'a', regionId: 'quebec', energisedMw: 10, hostedMw: 10, status: 'retrofitting', tier: 'mining' });
    expect(hall.id).not.toBe(MINING_SITE);
    expect(s.sites[MINING_SITE]).toMatchObject({ energisedMw: 20, tier: 'mining', status: 'active', hostedMw: 0 });
    // 1,000 S21s draw 3.8 MW: they fit in the 20 MW left and keep running.
    expect(s.lots.A1).toMatchObject({ status: 'installed', siteId: MINING_SITE });
    // a pays 40% of retrofitting the 10 MW: 10 × $6M × 40%.
    expect(flow(s, 'retrofit')).toBe(24_000_000_00);
    expect(Object.values(s.contracts)[0]).toMatchObject({ siteId: hall.id, mw: 10, startDay: scenario.capex.retrofitDays });
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('lists the carved hall among the sites when the day is played in place', () => {
    const s0 = withOffer(world(), { mw: 10, retrofitFundedPct: 60 });
    const s = ok(s0, 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: MINING_SITE }).state;
    const w = workingCopy(edit(s, (d) => void (d.offers.OF1!.closesDay = d.day)));
    const before = recordList(w.sites).length;
    computePhase(w, { events: [] });
    expect(recordList(w.sites)).toEqual(Object.values(w.sites));
    expect(recordList(w.sites)).toHaveLength(before + 1);
  });

  it('sells a mining site on a buy-out at the price per MW asked: the world pays, the site is listed again, hardware goes to storage', () => {
    const s0 = withOffer(world(), { kind: 'buyout', mw: 30, priceUsdPerKwMonth: 0, years: 0, buyoutUsdPerMw: 900_000 });
    rejects(s0, 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: AI_SITE }, 'WRONG_TIER');
    let s = ok(s0, 'a', { type: 'acceptOffer', offerId: 'OF1', priceUsdPerMw: 800_000 }).state;
    s = closeOffer(s).state;
    expect(flow(s, 'siteBuyout')).toBe(30 * 800_000 * 100);
    expect(s.sites[MINING_SITE]!.ownerId).toBeNull();
    expect(s.sites[MINING_SITE]!.listPriceUsd).toBeGreaterThan(0);
    expect(s.lots.A1).toMatchObject({ status: 'stored', siteId: null });
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('makes a few offers a match to the whole market, each open for sealed bids until it closes', () => {
    let s = createGame(getScenario('halving-sprint')!, 'offers', [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Beta' }]);
    s = ok(s, 'a', { type: 'buySite', siteId: 'L2' }).state; // Rockdale Annex, 100 MW mining
    s = ok(s, 'b', { type: 'buySite', siteId: 'L8' }).state; // Plano Data Suite, 3 MW ai
    let posted = 0;
    while (s.phase === 'running') {
      const r = step(s);
      s = r.state;
      posted += r.events.filter((e) => e.type === 'offer').length;
      for (const o of Object.values(s.offers)) expect(o.closesDay).toBeGreaterThanOrEqual(s.day);
    }
    expect(posted).toBeGreaterThanOrEqual(1);
    expect(posted).toBeLessThanOrEqual(12);
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('posts tenders over time', () => {
    let s = world();
    const seen = new Set<string>();
    for (let d = 0; d < 120; d++) {
      const r = step(s);
      s = r.state;
      for (const e of r.events) seen.add(e.type);
    }
    expect(seen.has('tenderPosted')).toBe(true);
    for (const t of Object.values(s.tenders)) {
      expect(t.gpus).toBeGreaterThanOrEqual(8);
      expect(t.reservePriceUsdPerGpuHour).toBeGreaterThan(0);
    }
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });
});

describe('the spot market and NPC clouds', () => {
  it('lets players’ idle GPUs push the spot price down (ε = 1.2 closed form)', () => {
    const base = step(createGame(scenario, 'spot')).state;
    const withGpus = step(world()).state;
    const c = scenario.compute;
    // Same world, 100 more GPUs offered on the spot share of it: p = pRef · (share·A / (share·S + 100))^(1/ε).
    const share = c.spotSharePct! / 100;
    const expected = (players: number) => c.refPriceUsdPerGpuHour * ((share * c.demandH100) / (share * c.npcSupplyH100 + players)) ** (1 / c.elasticity);
    expect(base.compute.spotUsdPerGpuHour).toBeCloseTo(expected(0), 9);
    expect(withGpus.compute.spotUsdPerGpuHour).toBeCloseTo(expected(100), 9);
    expect(withGpus.compute.playerSupplyH100).toBe(100);
  });

  it('racks NPC orders after the lead time and grows demand', () => {
    const lead = 5;
    const sc = { ...scenario, compute: { ...scenario.compute, npcLeadDays: lead } };
    let s = createGame(sc, 'npc');
    const supply0 = s.compute.npcSupplyH100;
    s = step(s).state;
    // Day 0: rent ≈ $7 > break-even, so clouds order min(cap, response × margin) of supply.
    const margin = s.compute.spotUsdPerGpuHour / sc.compute.npcBreakEvenUsdPerGpuHour! - 1;
    const order = supply0 * Math.min(sc.compute.npcSupplyGrowthPerDay, sc.compute.npcInvestResponse! * margin);
    expect(s.compute.npcOrdersH100).toEqual([order]);
    expect(s.compute.demandScaleH100).toBeGreaterThan(sc.compute.demandH100);
    for (let d = 1; d < lead; d++) s = step(s).state;
    expect(s.compute.npcSupplyH100).toBe(supply0);
    s = step(s).state; // day `lead`: the first order is racked
    expect(s.compute.npcSupplyH100).toBeCloseTo(supply0 + order, 6);
    expect(s.compute.npcOrdersH100).toHaveLength(lead);
    expect(s.compute.npcOrdersFirstDay).toBe(1);
  });

  it('values a sold lease once: the lessor at its spread over spot, the lessee capacity at spot, a resting bid at its escrow', () => {
    let s = ok(world(), 'a', ask(10, 6)).state;
    s = ok(s, 'b', bid(10, 6)).state;
    s = ok(s, 'c', bid(3, 5.9)).state;
    const rate = costOfCapitalPct(s);
    const spot = s.compute.spotUsdPerGpuHour;
    const v = contractValuesByPlayer(s);
    // a's GPUs are valued as hardware already; the lease adds its spread over spot (a discount here).
    expect(v.get('a')!.contractsPvUsd).toBeCloseTo(presentValueUsd((6 - spot) * 24 * 10, 30, rate), 6);
    expect(v.get('b')!.contractsPvUsd).toBe(0);
    expect(v.get('b')!.heldLeasesUsd).toBeCloseTo(presentValueUsd(spot * 24 * 10, 30, rate), 6);
    // Together they hold what b paid into escrow, once.
    expect(v.get('a')!.contractsPvUsd + v.get('b')!.heldLeasesUsd).toBeCloseTo(presentValueUsd(6 * 24 * 10, 30, rate), 6);
    expect(navPartsByPlayer(s).get('c')!.reservedUsd).toBe((3 * blockCents(5.9)) / 100);
  });

  it('values a tender in delivery at its spread over spot, since its GPUs count already as hardware', () => {
    const tender = (price: number) => edit(world(), (d) => {
      d.contracts.C9 = { id: 'C9', kind: 'tender', ownerId: 'a', counterparty: 'lab', gpus: 10, mw: 0, siteId: null, priceUsdPerGpuHour: price, priceUsdPerKwMonth: 0, startDay: 0, endDay: 90, penaltiesUsd: 0 };
    });
    const s = world();
    const spot = s.compute.spotUsdPerGpuHour;
    const value = (price: number) => contractValuesByPlayer(tender(price)).get('a')!.contractsPvUsd;
    expect(value(spot)).toBeCloseTo(0, 6);
    expect(value(spot + 1)).toBeCloseTo(presentValueUsd(10 * 24, 90, costOfCapitalPct(s)), 6);
    expect(value(spot - 1)).toBeLessThan(0);
  });

  it('never counts passed-on capacity twice: a lessee that resells keeps the spread, not the capacity', () => {
    let s = ok(world(), 'a', ask(10, 6)).state;
    s = ok(s, 'b', bid(10, 6)).state;
    s = ok(s, 'b', ask(10, 6.5)).state;
    s = ok(s, 'c', bid(10, 6.5)).state;
    const v = contractValuesByPlayer(s);
    expect(v.get('b')!.heldLeasesUsd).toBe(0);
    expect(v.get('b')!.contractsPvUsd).toBeCloseTo(presentValueUsd((6.5 - s.compute.spotUsdPerGpuHour) * 24 * 10, 30, costOfCapitalPct(s)), 6);
    expect(v.get('c')!.heldLeasesUsd).toBeGreaterThan(0);
  });
});
