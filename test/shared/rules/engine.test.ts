import { describe, expect, it } from 'vitest';
import { applyAction, createGame, stateHash, step } from '../../../shared/rules/engine.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
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
    const r = applyAction(s, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_ACTION');
    expect(stateHash(s)).toBe(before);
  });

  it('steps a day and dates it from the scenario start', () => {
    const s = step(createGame(scenario, '1')).state;
    expect(s.day).toBe(1);
    expect(s.date).toBe('2023-01-02');
  });
});
