import { describe, expect, it } from 'vitest';
import { applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { playerView } from '../../../shared/rules/view.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { cashCents } from '../../../shared/economy/ledger.js';
import { playerNavUsd } from '../../../shared/rules/systems/valuation.js';
import { navUsd } from '../../../shared/economy/valuation.js';
import { quoteBuild, quoteLoan, quoteOrder, quoteSite, scoreParts, biggestNavMove } from '../../../shared/rules/quotes.js';
import type { GameState } from '../../../shared/rules/types.js';

const scenario = getScenario('halving-sprint')!;

function game(): GameState {
  let s = createGame(scenario, 'quotes', [{ id: 'a', name: 'Alice' }]);
  s = step(s).state;
  return s;
}

function apply(s: GameState, action: Parameters<typeof applyAction>[2]): GameState {
  const r = applyAction(s, 'a', action);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.state;
}

describe('previews from the engine figures in the view', () => {
  it('prices a hardware order at exactly what the reducer debits, and NAV moves by the resale haircut', () => {
    const s = game();
    const v = playerView(s, 'a');
    const asic = v.catalogue.find((m) => m.kind === 'asic')!;
    const q = quoteOrder(v, asic.id, 950)!;
    const after = apply(s, { type: 'orderHardware', modelId: asic.id, count: 950 });
    expect(cashCents(s.ledger, 'a') - cashCents(after.ledger, 'a')).toBe(Math.round(q.costUsd * 100));
    expect(playerNavUsd(after, 'a') - playerNavUsd(s, 'a')).toBeCloseTo(q.navChangeUsd, 0);
    expect(q.navChangeUsd).toBeLessThan(0);
    // 950 units draw MW = units × kW × PUE; unitsPerMw is its inverse per unit.
    expect(q.mw * q.unitsPerMw).toBeCloseTo(950, 6);
    expect(q.revenueUsdPerDay).toBeGreaterThan(0);
  });

  it('says an order is unaffordable before the click when the reducer would refuse it', () => {
    const s = game();
    const v = playerView(s, 'a');
    const asic = v.catalogue.find((m) => m.kind === 'asic')!;
    const units = Math.ceil(v.me!.cashUsd / v.me!.quotes.unitPriceUsd[asic.id]!) + 1;
    expect(quoteOrder(v, asic.id, units)!.affordable).toBe(false);
    expect(applyAction(s, 'a', { type: 'orderHardware', modelId: asic.id, count: units }).ok).toBe(false);
  });

  it('quotes a listed site at its price, with the NAV it adds and the units that fill it', () => {
    const s = game();
    const v = playerView(s, 'a');
    const site = v.sites.find((x) => x.ownerId === null && x.listPriceUsd <= v.me!.cashUsd)!;
    const q = quoteSite(v, site.id)!;
    const after = apply(s, { type: 'buySite', siteId: site.id });
    expect(cashCents(s.ledger, 'a') - cashCents(after.ledger, 'a')).toBe(Math.round(q.priceUsd * 100));
    expect(playerNavUsd(after, 'a') - playerNavUsd(s, 'a')).toBeCloseTo(q.navChangeUsd, 0);
    expect(q.fill.length).toBeGreaterThan(0);
    expect(q.fill[0]!.units).toBeGreaterThan(0);
  });

  it('quotes a greenfield build at its capex and the day it energises', () => {
    const s = game();
    const v = playerView(s, 'a');
    const region = v.regions[0]!;
    const q = quoteBuild(v, region.id, 'mining', 20)!;
    const after = apply(s, { type: 'buildSite', regionId: region.id, tier: 'mining', mw: 20 });
    expect(cashCents(s.ledger, 'a') - cashCents(after.ledger, 'a')).toBe(Math.round(q.capexUsd * 100));
    const built = Object.values(after.sites).find((x) => x.ownerId === 'a')!;
    expect(built.buildEtaDay - after.day).toBe(q.energiseDays);
  });

  it('quotes the loan rate the reducer sets (not the base rate), secured or not, and the room each kind has', () => {
    const shell = playerView(game(), 'a');
    // Cash backs no unsecured loan; coins can be pledged.
    expect(quoteLoan(shell, 1_000_000)!.maxUsd).toBe(0);
    let s = game();
    const site = playerView(s, 'a').sites.find((x) => x.ownerId === null && x.listPriceUsd <= 40_000_000)!;
    s = apply(s, { type: 'buySite', siteId: site.id });
    s = apply(s, { type: 'tradeBtc', side: 'buy', amountBtc: 100 });
    const v = playerView(s, 'a');
    const unsecured = quoteLoan(v, 1_000_000)!;
    expect(unsecured.maxUsd).toBeGreaterThan(1_000_000);
    expect(unsecured.maxUsd).toBe(v.me!.quotes.borrowRoomUsd);
    expect(quoteLoan(v, 1_000_000, 100)!.maxUsd).toBe(v.me!.quotes.securedRoomUsd);
    for (const [amount, collateralBtc] of [[1_000_000, 0], [Math.floor(unsecured.maxUsd), 0], [1_000_000, 100]] as const) {
      const q = quoteLoan(v, amount, collateralBtc)!;
      const action = collateralBtc > 0 ? { type: 'takeLoan' as const, amountUsd: amount, termDays: 90, collateralBtc } : { type: 'takeLoan' as const, amountUsd: amount, termDays: 90 };
      const loan = Object.values(apply(s, action).loans)[0]!;
      expect(loan.ratePctYear).toBeCloseTo(q.ratePctYear, 10);
      expect(q.ratePctYear).toBeGreaterThan(v.world.interestRatePct);
    }
    expect(() => apply(s, { type: 'takeLoan', amountUsd: Math.floor(unsecured.maxUsd) + 1, termDays: 90 })).toThrow(/without collateral/);
  });

  it('builds the market cap from NAV as the engine does: cash at par, the business at the multiple', () => {
    let s = game();
    const v0 = playerView(s, 'a');
    const site = v0.sites.find((x) => x.ownerId === null && x.listPriceUsd <= v0.me!.cashUsd)!;
    s = apply(s, { type: 'buySite', siteId: site.id });
    s = step(s).state;
    const v = playerView(s, 'a');
    const parts = scoreParts(v)!;
    expect(parts.marketCapUsd).toBeCloseTo(v.me!.marketCapUsd, -1);
    expect(parts.navUsd).toBeCloseTo(v.me!.navUsd, -1);
    const moved = biggestNavMove(v0.me!.quotes.navParts, v.me!.quotes.navParts);
    expect(moved.totalUsd).toBeCloseTo(navUsd(v.me!.quotes.navParts) - navUsd(v0.me!.quotes.navParts), 6);
    expect(['cash', 'sites']).toContain(moved.key);
  });
});
