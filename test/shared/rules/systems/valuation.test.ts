import { describe, expect, it } from 'vitest';
import { createDraft, finishDraft } from 'immer';
import { applyAction, createGame } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { playerAccount, transfer, WORLD } from '../../../../shared/economy/ledger.js';
import { forgetHoldings, navPartsByPlayer, NPC_AI_PUE, NPC_MINING_PUE, playerNavUsd, valuationPhase } from '../../../../shared/rules/systems/valuation.js';
import { matchCursor } from '../../../../shared/rules/matchCursor.js';
import { forgetViewMemos, playerViews } from '../../../../shared/rules/view.js';
import { resaleUnitPriceUsd, siteValueUsd } from '../../../../shared/rules/systems/prices.js';
import { addLot } from '../../../../shared/rules/systems/capacity.js';
import { sentimentMultiple } from '../../../../shared/economy/valuation.js';
import type { GameState } from '../../../../shared/rules/types.js';

const scenario = getScenario('history-2023-2025')!;

function edit(s: GameState, fn: (d: GameState) => void): GameState {
  const d = createDraft(s);
  fn(d);
  return finishDraft(d);
}

const runValuation = (s: GameState) => edit(s, (d) => valuationPhase(d, { events: [] }));

describe('valuationPhase', () => {
  let s = createGame(scenario, 'val', [{ id: 'a', name: 'Alice' }]);
  s = edit(s, (d) => {
    transfer(d.ledger, { from: WORLD, to: playerAccount('a'), sats: 2e8, reason: 'test' });
    d.sites.L1!.ownerId = 'a';
    addLot(d, { id: 'lotA', ownerId: 'a', modelId: 's21', count: 10, status: 'installed', siteId: 'L1', arrivesDay: 0, unitCostUsd: 3000, committedGpus: 0 });
  });
  const r = applyAction(s, 'a', { type: 'takeLoan', amountUsd: 10_000, termDays: 90, collateralBtc: 1 });
  if (!r.ok) throw new Error(r.error.message);
  s = r.state;

  it('values cash, BTC (collateral included), hardware at resale and sites, less debt', () => {
    const parts = navPartsByPlayer(s).get('a')!;
    expect(parts.cashUsd).toBe(50_010_000);
    expect(parts.btc).toBe(2);
    expect(parts.debtUsd).toBe(10_000);
    expect(parts.hardwareUsd).toBeCloseTo(10 * resaleUnitPriceUsd(s, 's21'), 6);
    expect(parts.sitesUsd).toBe(siteValueUsd(s, s.sites.L1!));
    const expected = 50_000_000 + 2 * scenario.btc.startUsd + 10 * resaleUnitPriceUsd(s, 's21') + siteValueUsd(s, s.sites.L1!);
    expect(playerNavUsd(s, 'a')).toBeCloseTo(expected, 4);
  });

  it('gives a part nothing was added to as 0, never -0 (the sums start at -0 for V8)', () => {
    const fresh = createGame(scenario, 'val', [{ id: 'b', name: 'Bob' }]);
    const parts = navPartsByPlayer(fresh).get('b')!;
    for (const [k, v] of Object.entries(parts)) if (v === 0) expect(Object.is(v, -0), k).toBe(false);
    expect(parts.hardwareUsd).toBe(0);
    expect(parts.debtUsd).toBe(0);
  });

  it('scores NAV, multiple and market cap on the player', () => {
    const after = runValuation(s);
    const p = after.players.a!;
    expect(p.navUsd).toBe(Math.round(playerNavUsd(s, 'a')));
    const multiple = sentimentMultiple({ hypeCrypto: s.hype.crypto, hypeAi: s.hype.ai, revenueMiningUsdPerDay: 0, revenueAiUsdPerDay: 0, narrative: 'none', narrativeAgeDays: 0 });
    expect(p.multiple).toBe(multiple);
    // NAV at par, plus the premium on the running machines and the MW they use.
    const parts = navPartsByPlayer(s).get('a')!;
    expect(parts.operatingHardwareUsd).toBeCloseTo(parts.hardwareUsd, 6);
    expect(parts.operatingSitesUsd).toBeGreaterThan(0);
    expect(parts.operatingSitesUsd).toBeLessThan(parts.sitesUsd);
    expect(p.marketCapUsd).toBe(Math.round(playerNavUsd(s, 'a') + (parts.operatingHardwareUsd + parts.operatingSitesUsd) * (multiple - 1)));
  });

  it('meters the GW going to mining and AI, players and NPCs', () => {
    const m = runValuation(s).meters;
    // NPC MW = EH/s × J/TH × 1.1 overhead; Alice: 10 × S21 (3.5 kW) × Texas PUE 1.1 = 0.0385 MW
    const npcMw = s.npc.cohorts.reduce((sum, c) => sum + c.runningEhs * c.efficiencyJPerTh * NPC_MINING_PUE, 0);
    expect(npcMw).toBeGreaterThan(1000);
    expect(m.miningGw).toBeCloseTo((npcMw + 0.0385) / 1000, 9);
    // NPC clouds: H100s × 1.2 kW × 1.3 overhead
    expect(m.aiGw).toBeCloseTo((s.compute.npcSupplyH100 * 1.2 * NPC_AI_PUE) / 1e6, 9);
    const base = scenario.regions.reduce((sum, r) => sum + r.basePowerUsdPerMwh, 0);
    const now = scenario.regions.reduce((sum, r) => sum + s.regions[r.id]!.powerUsdPerMwh, 0);
    expect(m.energyPriceIndex).toBeCloseTo((100 * now) / base, 9);
  });
});

describe('the holdings a day’s valuation keeps for the next morning’s views', () => {
  it('give every seat the NAV parts of a fresh valuation, on the day a mining ban ends too', () => {
    let s = createGame(scenario, 'kept', [{ id: 'a', name: 'Alice' }, { id: 'b', name: 'Bob' }]);
    s = edit(s, (d) => {
      d.sites.L1!.ownerId = 'a';
      addLot(d, { id: 'lotA', ownerId: 'a', modelId: 's21', count: 100, status: 'installed', siteId: 'L1', arrivesDay: 0, unitCostUsd: 3000, committedGpus: 0 });
      d.regions[d.sites.L1!.regionId]!.miningBanUntilDay = 3;
    });
    const m = matchCursor(s, { inPlace: true });
    const running: number[] = [];
    for (let day = 1; day <= 5; day++) {
      m.step();
      const seen = playerViews(m.state, ['a', 'b']).map((v) => v.me!.navParts);
      forgetHoldings();
      forgetViewMemos();
      const fresh = navPartsByPlayer(m.state);
      expect(seen).toEqual([fresh.get('a'), fresh.get('b')]);
      running.push(fresh.get('a')!.operatingHardwareUsd);
    }
    // An action in place changes the holdings without a posting: the views value it afresh.
    m.step();
    const r = m.apply('a', { type: 'uninstallHardware', lotId: 'lotA' });
    expect(r.ok).toBe(true);
    expect(playerViews(m.state, ['a', 'b'])[0]!.me!.navParts.operatingHardwareUsd).toBe(0);
    // The miners stand still through day 2 and run from day 3: the ban's end is in the figures.
    expect(running.slice(0, 2).every((usd) => usd === 0)).toBe(true);
    expect(running.slice(2).every((usd) => usd > 0)).toBe(true);
  });
});
