import { describe, expect, it } from 'vitest';
import { applyAction, applyUntrusted, createGame, stateHash, step } from '../../../shared/rules/engine.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import type { GameState } from '../../../shared/rules/types.js';
import { ledgerTotals, cashCents } from '../../../shared/economy/ledger.js';

const scenario = getScenario('history-2023-2025')!;

describe('engine', () => {
  it('seats players with the scenario capital paid by the world through the ledger', () => {
    const s = createGame(scenario, '1', [{ id: 'a', name: 'Alice' }]);
    expect(cashCents(s.ledger, 'a')).toBe(scenario.finance.startCashUsd * 100);
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('rejects a malformed action with the state untouched', () => {
    const s = createGame(scenario, '1', [{ id: 'a', name: 'Alice' }]);
    const before = stateHash(s);
    for (const input of [{ type: 'tradeBtc', side: 'buy', amountBtc: -1 }, { type: 'tradeBtc', side: 'sideways', amountBtc: 1 }, 'buy', null, { type: 'mintMoney' }]) {
      const r = applyUntrusted(s, 'a', input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_ACTION');
      expect(stateHash(s)).toBe(before);
    }
  });

  it('applies a typed action through the trusted door as the untrusted door does', () => {
    const s = createGame(scenario, '1', [{ id: 'a', name: 'Alice' }]);
    const action = { type: 'tradeBtc', side: 'buy', amountBtc: 2 } as const;
    const trusted = applyAction(s, 'a', action);
    const untrusted = applyUntrusted(s, 'a', action);
    expect(trusted.ok && untrusted.ok).toBe(true);
    if (trusted.ok && untrusted.ok) expect(stateHash(trusted.state)).toBe(stateHash(untrusted.state));
  });

  it('leaves the state it steps from as it was (a day runs on its own working copy)', () => {
    let s = createGame(scenario, '1', [{ id: 'a', name: 'Alice' }]);
    const bought = applyAction(s, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: 2 });
    if (bought.ok) s = bought.state;
    for (let i = 0; i < 5; i++) s = step(s).state;
    const before = stateHash(s);
    const copy = JSON.parse(JSON.stringify(s)) as unknown;
    const next = step(s).state;
    expect(stateHash(s)).toBe(before);
    expect(s).toEqual(copy);
    expect(next.scenario).toBe(s.scenario);
    expect(next.ledger).not.toBe(s.ledger);
  });

  it('steps a day and dates it from the scenario start', () => {
    const s = step(createGame(scenario, '1')).state;
    expect(s.day).toBe(1);
    expect(s.date).toBe('2023-01-02');
  });

  it('never changes an earlier state: days and actions share only what nobody writes', () => {
    const kept: { state: GameState; hash: string }[] = [];
    const bots = ['hodl-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser', 'random'].map((strategy, i) => ({ id: `p${i}`, name: strategy, strategy }));
    runMatch({ scenario: getScenario('halving-sprint')!, seed: 'shared-parts', bots, untilDay: 45, onDay: (state) => kept.push({ state, hash: stateHash(state) }) });
    expect(kept.length).toBe(45);
    expect(kept.some((k) => k.state.contest.history.length > 0 && k.state.news.length > 0)).toBe(true);
    for (const k of kept) expect(stateHash(k.state)).toBe(k.hash);
  });
});
