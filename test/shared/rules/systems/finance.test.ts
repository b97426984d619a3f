import { describe, expect, it } from 'vitest';
import { founderStakeUsd } from '../../../../shared/rules/score.js';
import { createDraft, finishDraft } from 'immer';
import { applyAction, createGame } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { btcSats, balanceOf, cashCents, ledgerTotals, playerAccount, transfer, WORLD } from '../../../../shared/economy/ledger.js';
import { dailyInterestCents, MARGIN_CALL_GRACE_DAYS } from '../../../../shared/economy/finance.js';
import { financePhase, ROLLOVER_PENALTY_PCT } from '../../../../shared/rules/systems/finance.js';
import { loanEscrow } from '../../../../shared/rules/systems/valuation.js';
import { addLot, recordList } from '../../../../shared/rules/systems/capacity.js';
import { newSite } from '../../../../shared/rules/systems/sites.js';
import { workingCopy } from '../../../../shared/rules/workingCopy.js';
import { resaleUnitPriceUsd } from '../../../../shared/rules/systems/prices.js';
import { blockCents } from '../../../../shared/economy/leaseBook.js';
import type { GameEvent, GameState } from '../../../../shared/rules/types.js';
import { accept, edit, rejects } from '../../../support/engineSteps.js';

const scenario = getScenario('history-2023-2025')!;
const fresh = createGame(scenario, 'finance', [
  { id: 'a', name: 'Alice' },
  { id: 'b', name: 'Bob' },
]);
/** Each company swaps $40M of its cash for stored GPUs at resale: NAV unchanged, and a base unsecured lenders lend against. */
const BASE_USD = 40_000_000;
const H100_RESALE_USD = resaleUnitPriceUsd(fresh, 'h100');
const BASE_UNITS = Math.floor(BASE_USD / H100_RESALE_USD);
const BASE_CENTS = Math.round(BASE_UNITS * H100_RESALE_USD * 100);
const start = edit(fresh, (d) => {
  for (const id of ['a', 'b']) {
    addLot(d, { id: `base-${id}`, ownerId: id, modelId: 'h100', count: BASE_UNITS, status: 'stored', siteId: null, arrivesDay: 0, unitCostUsd: Math.round(H100_RESALE_USD), committedGpus: 0 });
    transfer(d.ledger, { from: playerAccount(id), to: WORLD, usdCents: BASE_CENTS, reason: 'test' });
  }
});
const FRESH_CENTS = scenario.finance.startCashUsd * 100;
const START_CENTS = FRESH_CENTS - BASE_CENTS;

function runFinance(s: GameState): { state: GameState; events: GameEvent[] } {
  const ctx = { events: [] as GameEvent[] };
  const d = createDraft(s);
  financePhase(d, ctx);
  return { state: finishDraft(d), events: ctx.events };
}

const giveBtc = (s: GameState, id: string, btc: number) =>
  edit(s, (d) => transfer(d.ledger, { from: WORLD, to: playerAccount(id), sats: btc * 1e8, reason: 'test' }));
const drainCash = (s: GameState, id: string) =>
  edit(s, (d) => transfer(d.ledger, { from: playerAccount(id), to: WORLD, usdCents: cashCents(d.ledger, id), reason: 'test' }));
/** No cash and no machines left: what the company owes is all it has. */
const wipeOut = (s: GameState, id: string) => edit(drainCash(s, id), (d) => void delete d.lots[`base-${id}`]);
const onlyLoan = (s: GameState) => Object.values(s.loans)[0]!;
const zeroSum = (s: GameState) => expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });

describe('takeLoan', () => {
  it('lends from the world at a rate priced from leverage and sentiment', () => {
    const s = accept(start, 'a', { type: 'takeLoan', amountUsd: 10_000_000, termDays: 90 });
    const loan = onlyLoan(s);
    expect(loan).toMatchObject({ ownerId: 'a', principalUsdCents: 1_000_000_000, startDay: 0, dueDay: 90, collateralSats: 0 });
    // No revenue, no narrative: hype = ½·0.35 + ½·0.7 = 0.525; leverage 10M / 50M = 0.2
    // 4.5 + 2 + 8 × 0.2 + 4 × 0.475 = 10.0
    expect(loan.ratePctYear).toBeCloseTo(10, 6);
    expect(cashCents(s.ledger, 'a')).toBe(START_CENTS + 1_000_000_000);
    zeroSum(s);
  });

  it('lends unsecured against machines, sites and contracts, never against cash or coins', () => {
    const base = BASE_CENTS / 100;
    const room = Math.floor(base * 0.6);
    const msg = rejects(start, 'a', { type: 'takeLoan', amountUsd: room + 1, termDays: 90 }, 'LIMIT');
    expect(msg).toMatch(/without collateral: lenders advance 60% of your machines, sites and contracts/);
    const s = accept(start, 'a', { type: 'takeLoan', amountUsd: 20_000_000, termDays: 90 });
    rejects(s, 'a', { type: 'takeLoan', amountUsd: room - 20_000_000 + 1, termDays: 90 }, 'LIMIT');
    // A cash shell has nothing to lend against; its coins it can pledge.
    expect(rejects(fresh, 'a', { type: 'takeLoan', amountUsd: 1_000_000, termDays: 90 }, 'LIMIT')).toMatch(/at most \$0 more without collateral/);
    accept(giveBtc(fresh, 'a', 100), 'a', { type: 'takeLoan', amountUsd: 1_000_000, termDays: 90, collateralBtc: 100 });
  });

  it('caps all debt, secured or not, at max leverage × NAV', () => {
    // 2,000 BTC pledged at $16,550 would back $24.8M at the 75% call level; NAV is $50M + 2,000 BTC.
    const rich = giveBtc(start, 'a', 2_000);
    const navUsd = 50_000_000 + 2_000 * rich.btc.btcUsd;
    const s = accept(rich, 'a', { type: 'takeLoan', amountUsd: 20_000_000, termDays: 90 });
    const over = Math.floor(navUsd * 0.6) - 20_000_000 + 1_000;
    expect(rejects(s, 'a', { type: 'takeLoan', amountUsd: over, termDays: 90, collateralBtc: 2_000 }, 'LIMIT')).toMatch(/capped at 60% of NAV/);
  });

  it('bars buying BTC while a BTC-backed loan is outstanding (no pledge-borrow-buy loops)', () => {
    const s = accept(giveBtc(start, 'a', 100), 'a', { type: 'takeLoan', amountUsd: 500_000, termDays: 90, collateralBtc: 100 });
    expect(rejects(s, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: 1 }, 'COVENANT')).toMatch(/BTC-backed loan forbids buying more BTC/);
    accept(s, 'b', { type: 'tradeBtc', side: 'buy', amountBtc: 1 });
    const repaid = accept(s, 'a', { type: 'repayLoan', loanId: onlyLoan(s).id, amountUsd: 500_000 });
    accept(repaid, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: 1 });
  });

  it('moves BTC collateral into the loan escrow and checks it covers the call level', () => {
    const rich = giveBtc(start, 'a', 10);
    rejects(rich, 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 60, collateralBtc: 11 }, 'INSUFFICIENT_BTC');
    // 1 BTC at $16,550 against $100,000 would open at 604% LTV
    expect(rejects(rich, 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 60, collateralBtc: 1 }, 'LIMIT')).toMatch(/needs at least/);
    const s = accept(rich, 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 60, collateralBtc: 10 });
    const loan = onlyLoan(s);
    expect(loan.collateralSats).toBe(1e9);
    expect(balanceOf(s.ledger, loanEscrow(loan.id)).sats).toBe(1e9);
    expect(btcSats(s.ledger, 'a')).toBe(0);
    zeroSum(s);
  });
});

describe('repayLoan', () => {
  const borrowed = accept(giveBtc(start, 'a', 10), 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 60, collateralBtc: 10 });
  const loanId = onlyLoan(borrowed).id;

  it('repays in part, then in full, returning the collateral', () => {
    const part = accept(borrowed, 'a', { type: 'repayLoan', loanId, amountUsd: 40_000 });
    expect(part.loans[loanId]!.principalUsdCents).toBe(6_000_000);
    const all = accept(part, 'a', { type: 'repayLoan', loanId, amountUsd: 60_000 });
    expect(all.loans[loanId]).toBeUndefined();
    expect(btcSats(all.ledger, 'a')).toBe(1e9);
    expect(cashCents(all.ledger, 'a')).toBe(START_CENTS);
    zeroSum(all);
  });

  it('rejects more than the principal, more than the cash, other players and unknown loans', () => {
    rejects(borrowed, 'a', { type: 'repayLoan', loanId, amountUsd: 100_000.01 }, 'LIMIT');
    rejects(borrowed, 'b', { type: 'repayLoan', loanId, amountUsd: 10 }, 'NOT_OWNER');
    rejects(borrowed, 'a', { type: 'repayLoan', loanId: 'loan999', amountUsd: 10 }, 'NOT_FOUND');
    rejects(drainCash(borrowed, 'a'), 'a', { type: 'repayLoan', loanId, amountUsd: 10 }, 'INSUFFICIENT_FUNDS');
  });
});

describe('equity', () => {
  it('sells new shares at the market price less the discount, net of the fee, diluting the founders', () => {
    // Start: $50M cap, 10M shares → $5/share, issued at $4.60; $1M buys ⌈217,391.3⌉ shares, 4% fee
    const s = accept(fresh, 'a', { type: 'raiseEquity', amountUsd: 1_000_000 });
    expect(s.players.a!.sharesOutstanding).toBe(10_217_392);
    expect(s.players.a!.founderShares).toBe(10_000_000);
    expect(cashCents(s.ledger, 'a')).toBe(FRESH_CENTS + 96_000_000);
    // Raising and keeping the cash makes the founders poorer per share: $50.96M ÷ 10.217M × 10M < $50M
    expect(founderStakeUsd(s.players.a!, 'market')).toBeLessThan(50_000_000);
    zeroSum(s);
  });

  it('counts the new cash at par through the day, so a raise and a buyback cannot shrink the share count for free', () => {
    let s = accept(fresh, 'a', { type: 'raiseEquity', amountUsd: 5_000_000 });
    expect(s.players.a!.marketCapUsd).toBe(50_000_000 + 4_800_000);
    s = accept(s, 'a', { type: 'buyback', amountUsd: 4_800_000 });
    // The round trip costs the fee, the discount and the premium: more shares than before, no more cash.
    expect(s.players.a!.sharesOutstanding).toBeGreaterThan(10_000_000);
    expect(cashCents(s.ledger, 'a')).toBeGreaterThanOrEqual(FRESH_CENTS - 100);
    expect(founderStakeUsd(s.players.a!, 'market')).toBeLessThan(50_000_000);
  });

  it('caps issuance at 20% of the shares per 30-day window, and refuses when the market values the company at nothing', () => {
    // 2M shares at $4.60 = $9.2M is the window's room.
    let s = accept(fresh, 'a', { type: 'raiseEquity', amountUsd: 9_000_000 });
    expect(rejects(s, 'a', { type: 'raiseEquity', amountUsd: 1_000_000 }, 'LIMIT')).toMatch(/until day 30: issuance is capped at 20% of shares per 30 days/);
    s = edit(s, (d) => void (d.day = 30));
    accept(s, 'a', { type: 'raiseEquity', amountUsd: 1_000_000 });
    rejects(fresh, 'a', { type: 'raiseEquity', amountUsd: 9_300_000 }, 'LIMIT');
    rejects(edit(fresh, (d) => void (d.players.a!.marketCapUsd = 0)), 'a', { type: 'raiseEquity', amountUsd: 10 }, 'NOT_AVAILABLE');
  });

  it('buys back at the market price plus the premium, at most 10% of the shares per window, keeping 10% of the freshing shares', () => {
    // $5 + 3% = $5.15: $1,030,000 retires 200,000 shares
    const s = accept(fresh, 'a', { type: 'buyback', amountUsd: 1_030_000 });
    expect(s.players.a!.sharesOutstanding).toBe(9_800_000);
    expect(cashCents(s.ledger, 'a')).toBe(FRESH_CENTS - 103_000_000);
    zeroSum(s);
    expect(rejects(s, 'a', { type: 'buyback', amountUsd: 5_000_000 }, 'LIMIT')).toMatch(/buybacks are capped at 10% of shares per 30 days/);
    rejects(fresh, 'a', { type: 'buyback', amountUsd: 50_000_001 }, 'INSUFFICIENT_FUNDS');
    rejects(fresh, 'a', { type: 'buyback', amountUsd: 1 }, 'LIMIT');
    const few = edit(fresh, (d) => void (d.players.a!.sharesOutstanding = 1_050_000));
    expect(rejects(few, 'a', { type: 'buyback', amountUsd: 46_000_000 }, 'LIMIT')).toMatch(/at least 1,000,000 shares/);
  });

  it('keeps integers exact under extreme issuance: 400 raises leave the ledger at zero to the cent', () => {
    let s = fresh;
    for (let day = 0; day < 400; day++) {
      s = edit(s, (d) => void (d.day = day));
      const p = s.players.a!;
      const r = applyAction(s, 'a', { type: 'raiseEquity', amountUsd: Math.max(1, Math.floor((p.marketCapUsd / p.sharesOutstanding) * 0.92 * p.issuanceWindowBaseShares * 0.2 * 0.99)) });
      if (r.ok) s = r.state;
    }
    expect(s.players.a!.sharesOutstanding).toBeLessThan(Number.MAX_SAFE_INTEGER / 1e3);
    expect(Number.isSafeInteger(cashCents(s.ledger, 'a'))).toBe(true);
    zeroSum(s);
  });
});

describe('financePhase', () => {
  it('charges daily interest to the world', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 10_000_000, termDays: 90 });
    const daily = dailyInterestCents(1_000_000_000, onlyLoan(s).ratePctYear);
    expect(daily).toBe(273_973); // $10M × 10% / 365 = $2,739.73
    for (let i = 0; i < 5; i++) s = runFinance(s).state;
    expect(cashCents(s.ledger, 'a')).toBe(START_CENTS + 1_000_000_000 - 5 * daily);
    expect(s.ledger.flowsUsdCents.interest).toBe(5 * daily);
    zeroSum(s);
  });

  it('repays a loan at maturity from cash', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 1_000_000, termDays: 30 });
    s = runFinance(edit(s, (d) => void (d.day = 30))).state;
    expect(Object.keys(s.loans)).toEqual([]);
    zeroSum(s);
  });

  it('rolls a solvent borrower over at a penalty rate when it cannot pay at maturity', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 1_000_000, termDays: 30 });
    const rate = onlyLoan(s).ratePctYear;
    // Cash gone into a site: no cash, but assets still exceed the debt
    s = edit(drainCash(s, 'a'), (d) => void (d.sites.L2!.ownerId = 'a'));
    s = runFinance(edit(s, (d) => void (d.day = 30))).state;
    expect(onlyLoan(s).dueDay).toBe(60);
    expect(onlyLoan(s).ratePctYear).toBeCloseTo(rate + ROLLOVER_PENALTY_PCT, 9);
    // The day's interest could not be paid: capitalised
    expect(onlyLoan(s).principalUsdCents).toBe(100_000_000 + dailyInterestCents(100_000_000, rate));
    expect(s.players.a!.restructurings).toBe(0);
  });

  it('calls a BTC-backed loan when collateral falls, then liquidates it after the grace days', () => {
    let s = accept(giveBtc(start, 'a', 10), 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 365, collateralBtc: 10 });
    const loanId = onlyLoan(s).id;
    s = edit(s, (d) => void (d.btc.btcUsd = 12_000)); // 10 BTC = $120,000: 83% LTV
    const call = runFinance(s);
    expect(call.events).toContainEqual({ type: 'marginCall', day: 0, playerId: 'a', loanId });
    s = call.state;
    expect(s.loans[loanId]!.marginCallDueDay).toBe(MARGIN_CALL_GRACE_DAYS);
    const cashBefore = cashCents(s.ledger, 'a');
    for (let day = 1; day < MARGIN_CALL_GRACE_DAYS; day++) {
      s = runFinance(edit(s, (d) => void (d.day = day))).state;
      expect(s.loans[loanId]).toBeDefined();
    }
    s = runFinance(edit(s, (d) => void (d.day = MARGIN_CALL_GRACE_DAYS))).state;
    expect(s.loans[loanId]).toBeUndefined();
    expect(balanceOf(s.ledger, loanEscrow(loanId)).sats).toBe(0);
    // $120,000 of BTC sold: $100,000 repaid, $20,000 back to the borrower (less the day's interest)
    const interest = dailyInterestCents(10_000_000, onlyLoanRate(call.state, loanId));
    expect(cashCents(s.ledger, 'a')).toBe(cashBefore + 2_000_000 - interest * MARGIN_CALL_GRACE_DAYS);
    expect(s.btc.playerNetFlowUsd).toBe(-120_000);
    zeroSum(s);
  });

  it('lifts a margin call when the price recovers', () => {
    let s = accept(giveBtc(start, 'a', 10), 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 365, collateralBtc: 10 });
    s = runFinance(edit(s, (d) => void (d.btc.btcUsd = 12_000))).state;
    s = runFinance(edit(s, (d) => void ((d.btc.btcUsd = 20_000), (d.day = 1)))).state;
    expect(onlyLoan(s).marginCallDueDay).toBe(0);
  });

  it('bankrupts a company whose margin call fails, restructuring it with fresh cash', () => {
    let s = accept(giveBtc(start, 'a', 10), 'a', { type: 'takeLoan', amountUsd: 100_000, termDays: 365, collateralBtc: 10 });
    s = edit(drainCash(s, 'a'), (d) => {
      d.btc.btcUsd = 5_000; // collateral $50,000 against $100,000
      d.sites.L1!.ownerId = 'a';
      addLot(d, { id: 'lotA', ownerId: 'a', modelId: 's21', count: 10, status: 'stored', siteId: null, arrivesDay: 0, unitCostUsd: 3000, committedGpus: 0 });
      d.players.a!.sharesOutstanding = 12_000_000;
    });
    s = runFinance(s).state;
    for (let day = 1; day <= MARGIN_CALL_GRACE_DAYS; day++) s = runFinance(edit(s, (d) => void (d.day = day))).state;
    const last = s;
    expect(Object.keys(last.loans)).toEqual([]);
    // The creditors own the restructured company: the founders keep 5%.
    expect(last.players.a).toMatchObject({ restructurings: 1, sharesOutstanding: scenario.finance.startShares * 20, founderShares: scenario.finance.startShares, bankrupt: false, narrative: 'none' });
    expect(cashCents(last.ledger, 'a')).toBe(scenario.finance.restructureCashUsd * 100);
    expect(btcSats(last.ledger, 'a')).toBe(0);
    expect(last.sites.L1!.ownerId).toBeNull();
    expect(last.lots.lotA).toBeUndefined();
    expect(last.ledger.flowsUsdCents.restructure).toBe(scenario.finance.restructureCashUsd * 100);
    expect(last.players.b!.restructurings).toBe(0);
    zeroSum(last);
  });

  it('bankrupts a company with no cash and liabilities above assets after three days', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 20_000_000, termDays: 365 });
    s = wipeOut(s, 'a'); // NAV = −$20M, cash 0
    const events: GameEvent[] = [];
    for (let day = 0; day < 3; day++) {
      const r = runFinance(edit(s, (d) => void (d.day = day)));
      s = r.state;
      events.push(...r.events);
      if (day < 2) expect(s.players.a!.distressDays).toBe(day + 1);
    }
    expect(events.filter((e) => e.type === 'bankrupt')).toEqual([{ type: 'bankrupt', day: 2, playerId: 'a' }]);
    expect(events.some((e) => e.type === 'news' && /Alice goes bankrupt/.test(e.headline))).toBe(true);
    expect(s.players.a!.restructurings).toBe(1);
    expect(s.players.a!.distressDays).toBe(0);
    expect(Object.keys(s.loans)).toEqual([]);
    expect(cashCents(s.ledger, 'b')).toBe(START_CENTS);
    zeroSum(s);
  });

  it('drops a bankrupt company’s lots, rented sites and contracts from the shared lists when the days are played in place', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 20_000_000, termDays: 365 });
    s = edit(wipeOut(s, 'a'), (d) => {
      addLot(d, { id: 'spare', ownerId: 'a', modelId: 'h100', count: 1, status: 'stored', siteId: null, arrivesDay: 0, unitCostUsd: 1, committedGpus: 0 });
      d.sites.C1 = newSite({ id: 'C1', name: 'rented', regionId: 'quebec', ownerId: 'a', tier: 'ai', energisedMw: 1, coloProviderId: 'colo', coloEndDay: 999 });
      d.contracts.K1 = { id: 'K1', kind: 'tender', ownerId: 'a', counterparty: 'lab', gpus: 1, mw: 0, siteId: null, priceUsdPerGpuHour: 0, priceUsdPerKwMonth: 0, startDay: 0, endDay: 99, penaltiesUsd: 0 };
    });
    const w = workingCopy(s);
    const listed = () => {
      expect(recordList(w.lots)).toEqual(Object.values(w.lots));
      expect(recordList(w.sites)).toEqual(Object.values(w.sites));
      expect(recordList(w.contracts)).toEqual(Object.values(w.contracts));
    };
    for (let day = 0; day < 3; day++) {
      w.day = day;
      listed();
      financePhase(w, { events: [] });
    }
    expect(w.players.a!.restructurings).toBe(1);
    expect(w.lots.spare).toBeUndefined();
    expect(w.sites.C1).toBeUndefined();
    expect(w.contracts.K1).toBeUndefined();
    listed();
  });

  it('takes resting lease bids off the book in a bankruptcy, escrow and all', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 20_000_000, termDays: 365 });
    // Inside the day's band ($5.76–8.64 around $7.20 spot) and under the NPC desk's asks, so it rests.
    s = accept(s, 'a', { type: 'placeLeaseOrder', side: 'bid', quantity: 10, priceUsdPerGpuHour: 6.5 });
    const aOrders = (st: GameState) => Object.values(st.leaseOrders).filter((o) => o.ownerId === 'a');
    expect(aOrders(s)).toHaveLength(1);
    s = wipeOut(s, 'a');
    for (let day = 0; day < 3; day++) s = runFinance(edit(s, (d) => void (d.day = day))).state;
    expect(s.players.a!.restructurings).toBe(1);
    expect(aOrders(s)).toEqual([]);
    // What is left in escrow backs the NPC desk's own bids alone.
    const deskBids = Object.values(s.leaseOrders).filter((o) => o.side === 'bid').reduce((t, o) => t + o.remaining * blockCents(o.priceUsdPerGpuHour), 0);
    expect(balanceOf(s.ledger, 'escrow:leases').usdCents).toBe(deskBids);
    expect(cashCents(s.ledger, 'a')).toBe(scenario.finance.restructureCashUsd * 100);
    zeroSum(s);
  });

  it('lets a restructured company keep playing', () => {
    let s = accept(start, 'a', { type: 'takeLoan', amountUsd: 20_000_000, termDays: 365 });
    s = wipeOut(s, 'a');
    for (let day = 0; day < 3; day++) s = runFinance(edit(s, (d) => void (d.day = day))).state;
    s = accept(s, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: 100 });
    s = accept(s, 'a', { type: 'takeLoan', amountUsd: 1_000_000, termDays: 60, collateralBtc: 100 });
    expect(Object.keys(s.loans)).toHaveLength(1);
  });
});

function onlyLoanRate(s: GameState, loanId: string): number {
  return s.loans[loanId]!.ratePctYear;
}
