import { describe, expect, it } from 'vitest';
import { createGame, step } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { cashCents, ledgerTotals, playerAccount, transfer, WORLD } from '../../../../shared/economy/ledger.js';
import { coloDayCents, COLO_SIGNING_DAYS } from '../../../../shared/rules/systems/colocation.js';
import { runningH100 } from '../../../../shared/rules/systems/capacity.js';
import { siteValueUsd } from '../../../../shared/rules/systems/prices.js';
import { playerView } from '../../../../shared/rules/view.js';
import type { GameState, Offer, Site } from '../../../../shared/rules/types.js';
import { accept, edit, rejects } from '../../../support/engineSteps.js';

const sprint = getScenario('halving-sprint')!;
const DFW = sprint.colocation!.find((p) => p.id === 'dfw-colo')!;

function game(): GameState {
  return createGame(sprint, 'colo', [
    { id: 'a', name: 'Alice' },
    { id: 'b', name: 'Bob' },
  ]);
}

const rentalOf = (s: GameState, owner: string): Site => Object.values(s.sites).find((x) => x.ownerId === owner && x.coloProviderId !== '')!;

/** Steps until `day` (exclusive of nothing: the state's day becomes `day`). */
function stepTo(s: GameState, day: number): GameState {
  while (s.day < day && s.phase === 'running') s = step(s).state;
  return s;
}

describe('rentColocation', () => {
  it('rents AI-ready space that energises after the provider’s ready days, with no capex', () => {
    const s0 = game();
    const s = accept(s0, 'a', { type: 'rentColocation', providerId: DFW.id, mw: 2 });
    const site = rentalOf(s, 'a');
    expect(site).toMatchObject({
      regionId: 'texas', tier: 'ai', status: 'building', buildingMw: 2, buildEtaDay: DFW.readyDays,
      coloProviderId: DFW.id, coloUsdPerKwMonth: DFW.usdPerKwMonth, coloEndDay: DFW.readyDays + DFW.termDays,
    });
    expect(cashCents(s.ledger, 'a')).toBe(cashCents(s0.ledger, 'a'));
    expect(playerView(s, 'b').colocation.find((p) => p.id === DFW.id)!.availableMw).toBe(DFW.capacityMw - 2);
    const ready = stepTo(s, DFW.readyDays + 1);
    expect(ready.sites[site.id]).toMatchObject({ status: 'active', energisedMw: 2, buildingMw: 0 });
    // A lease is not an asset: it adds nothing to NAV's sites.
    expect(siteValueUsd(ready, ready.sites[site.id]!)).toBe(0);
  });

  it('refuses unknown providers, more MW than is left, too little cash, and space that would be ready after the match', () => {
    const s = accept(game(), 'a', { type: 'rentColocation', providerId: DFW.id, mw: DFW.capacityMw - 1 });
    rejects(s, 'b', { type: 'rentColocation', providerId: 'nope', mw: 1 }, 'NOT_FOUND');
    expect(rejects(s, 'b', { type: 'rentColocation', providerId: DFW.id, mw: 2 }, 'NO_CAPACITY')).toMatch(/has 1 MW left/);
    const poor = edit(s, (d) => {
      transfer(d.ledger, { from: playerAccount('b'), to: WORLD, usdCents: cashCents(d.ledger, 'b') - 1000, reason: 'test' });
    });
    expect(rejects(poor, 'b', { type: 'rentColocation', providerId: DFW.id, mw: 1 }, 'INSUFFICIENT_FUNDS')).toMatch(new RegExp(`${COLO_SIGNING_DAYS} days of rent`));
    const late = edit(s, (d) => void (d.day = d.endDay - DFW.readyDays));
    expect(rejects(late, 'b', { type: 'rentColocation', providerId: DFW.id, mw: 1 }, 'TOO_LATE')).toMatch(/would complete on day 120 \(2024-06-29\); the match's last day is day 119 \(2024-06-28\)/);
  });

  it('takes GPUs like any ai hall and bills rent daily through the ledger while it is energised', () => {
    let s = accept(game(), 'a', { type: 'rentColocation', providerId: DFW.id, mw: 2 });
    const id = rentalOf(s, 'a').id;
    s = stepTo(s, DFW.readyDays);
    expect(s.ledger.flowsUsdCents.colocation ?? 0).toBe(0);
    s = accept(s, 'a', { type: 'orderHardware', modelId: 'h100', count: 1000, siteId: id });
    const arrives = Object.values(s.lots).find((l) => l.ownerId === 'a')!.arrivesDay;
    s = stepTo(s, arrives + 1);
    expect(runningH100(s, 'a')).toBe(1000);
    const billedDays = s.day - DFW.readyDays;
    expect(s.ledger.flowsUsdCents.colocation).toBe(billedDays * coloDayCents(2, DFW.usdPerKwMonth));
    expect(s.ledger.flowsUsdCents.spot).toBeGreaterThan(0);
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('goes dark on a day its tenant cannot pay, and charges nothing that day', () => {
    let s = accept(game(), 'a', { type: 'rentColocation', providerId: DFW.id, mw: 2 });
    s = stepTo(s, DFW.readyDays + 1);
    const billed = s.ledger.flowsUsdCents.colocation!;
    s = edit(s, (d) => void transfer(d.ledger, { from: playerAccount('a'), to: WORLD, usdCents: cashCents(d.ledger, 'a'), reason: 'test' }));
    s = step(s).state;
    expect(s.ledger.flowsUsdCents.colocation).toBe(billed);
    expect(rentalOf(s, 'a').curtailedToday).toBe(true);
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('cannot be sold, expanded, retrofitted or offered to tenants', () => {
    let s = accept(game(), 'a', { type: 'rentColocation', providerId: DFW.id, mw: 12 });
    s = stepTo(s, DFW.readyDays + 1);
    const id = rentalOf(s, 'a').id;
    expect(rejects(s, 'a', { type: 'sellSite', siteId: id }, 'WRONG_STATE')).toMatch(/colocation space/);
    rejects(s, 'a', { type: 'expandSite', siteId: id, mw: 5 }, 'WRONG_STATE');
    rejects(s, 'a', { type: 'retrofitSite', siteId: id }, 'WRONG_TIER');
    const offer: Offer = {
      id: 'OF1', kind: 'hosting', tenant: 'Hyperion Cloud', mw: 5, priceUsdPerKwMonth: 125, years: 10, retrofitFundedPct: 0,
      buyoutUsdPerMw: 0, postedDay: s.day, closesDay: s.day + 10, bids: [],
    };
    const withOffer = { ...s, offers: { OF1: offer } };
    expect(rejects(withOffer, 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: id }, 'WRONG_STATE')).toMatch(/sublet/);
    rejects(withOffer, 'a', { type: 'acceptOffer', offerId: 'OF1' }, 'NO_CAPACITY');
  });

  it('returns the space at the end of the term, hardware to storage, capacity back to the provider', () => {
    const short = { ...sprint, colocation: [{ ...DFW, termDays: 10 }] };
    let s = createGame(short, 'colo-term', [{ id: 'a', name: 'Alice' }]);
    s = accept(s, 'a', { type: 'rentColocation', providerId: DFW.id, mw: 1 });
    const id = rentalOf(s, 'a').id;
    s = accept(s, 'a', { type: 'orderHardware', modelId: 'h100', count: 100, siteId: id });
    const lotId = Object.keys(s.lots)[0]!;
    s = stepTo(s, Math.max(DFW.readyDays + 10, s.lots[lotId]!.arrivesDay) + 1);
    expect(s.sites[id]).toBeUndefined();
    expect(s.lots[lotId]).toMatchObject({ status: 'stored', siteId: null });
    expect(playerView(s, 'a').colocation[0]!.availableMw).toBe(DFW.capacityMw);
    expect(s.ledger.flowsUsdCents.colocation).toBe(10 * coloDayCents(1, DFW.usdPerKwMonth));
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });
});
