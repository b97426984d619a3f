import { describe, expect, it } from 'vitest';
import { anonymousName, applyTreatment, labelListOn, marketOf, parseClassroomOptions } from '../../../server/classroom/settings.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { createGame } from '../../../shared/rules/engine.js';

const sprint = getScenario('halving-sprint')!;

describe('classroom settings', () => {
  it('names companies A…Z, then AA, AB…', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(anonymousName)).toEqual([
      'Company A', 'Company B', 'Company Z', 'Company AA', 'Company AB', 'Company AZ', 'Company BA',
    ]);
  });

  it('fills defaults: every market open, no labels, names shown', () => {
    const s = parseClassroomOptions({});
    expect(Object.values(s.marketsOpen).every(Boolean)).toBe(true);
    expect(s).toMatchObject({ startingCashUsd: null, anonymousNames: false, chat: false, labels: [], events: [] });
    expect(parseClassroomOptions({ labels: [' S1 ', 'S2'] }).labels).toEqual(['S1', 'S2']);
    expect(() => parseClassroomOptions({ labels: ['x', 'X '] })).toThrow(/twice/);
    expect(() => parseClassroomOptions({ startingCashUsd: -1 })).toThrow(/startingCashUsd/);
  });

  it('"choose your name from the list" is off by default, needs labels, and is kept only when on', () => {
    expect(labelListOn(parseClassroomOptions({ labels: ['S1'] }))).toBe(false);
    const on = parseClassroomOptions({ labels: ['S1'], labelList: true });
    expect(on.labelList).toBe(true);
    expect(labelListOn(on)).toBe(true);
    expect(on.allowGuests).toBe(false);
    expect('labelList' in parseClassroomOptions({ labels: ['S1'], labelList: false })).toBe(false);
    expect(() => parseClassroomOptions({ labelList: true })).toThrow(/needs a list of labels/);
    expect(() => parseClassroomOptions({ labels: ['S1'], labelList: 'yes' })).toThrow(/labelList/);
  });

  it('writes engine parameters into a copy of the scenario and leaves the original alone', () => {
    const settings = parseClassroomOptions({
      startingCashUsd: 1_000_000, contestPeriodDays: 7, maxStakeUsd: 250, marketsOpen: { tenders: false, hosting: false },
      events: [{ day: 10, kind: 'pump', params: { pct: 12 } }],
    });
    const before = JSON.stringify(sprint);
    const s = applyTreatment(sprint, settings, 'seed');
    expect(JSON.stringify(sprint)).toBe(before);
    expect(s.finance.startCashUsd).toBe(1_000_000);
    expect(s.contest.periodDays).toBe(7);
    expect(s.contest.maxStakeUsd).toBe(250);
    expect(s.compute.tenderRatePerDay).toBe(0);
    expect(s.compute.hostingOfferRatePerDay).toBe(0);
    const game = createGame(s, 'seed');
    expect(game.events.filter((e) => e.kind === 'pump' && e.day === 10)).toHaveLength(1);
    expect(game.contest.current.resolveDay).toBe(7);
  });

  it('refuses scheduled events outside the scenario or with bad parameters', () => {
    expect(() => applyTreatment(sprint, parseClassroomOptions({ events: [{ day: sprint.days, kind: 'pump' }] }), 's')).toThrow(/lasts/);
    expect(() => applyTreatment(sprint, parseClassroomOptions({ events: [{ day: 3, kind: 'pump', params: { size: 1 } }] }), 's')).toThrow(/no parameter/);
  });

  it('maps actions to markets; cancelling and repaying stay open; buyout offers are not hosting', () => {
    const state = createGame(sprint, 'seed');
    expect(marketOf(state, { type: 'takeLoan', amountUsd: 1, termDays: 30 })).toBe('loans');
    expect(marketOf(state, { type: 'repayLoan', loanId: 'L1', amountUsd: 1 })).toBeNull();
    expect(marketOf(state, { type: 'placeLeaseOrder', side: 'bid', quantity: 1, priceUsdPerGpuHour: 2 })).toBe('leaseBook');
    expect(marketOf(state, { type: 'cancelLeaseOrder', orderId: 'O1' })).toBeNull();
    expect(marketOf(state, { type: 'buyback', amountUsd: 1 })).toBe('equity');
    const withOffers = {
      ...state,
      offers: {
        H: { id: 'H', kind: 'hosting', tenant: 't', mw: 1, priceUsdPerKwMonth: 1, years: 1, retrofitFundedPct: 0, buyoutUsdPerMw: 0, postedDay: 0, closesDay: 9, bids: [] },
        B: { id: 'B', kind: 'buyout', tenant: 't', mw: 1, priceUsdPerKwMonth: 0, years: 0, retrofitFundedPct: 0, buyoutUsdPerMw: 5, postedDay: 0, closesDay: 9, bids: [] },
      },
    } as typeof state;
    expect(marketOf(withOffers, { type: 'acceptOffer', offerId: 'H' })).toBe('hosting');
    expect(marketOf(withOffers, { type: 'acceptOffer', offerId: 'B' })).toBeNull();
  });
});
