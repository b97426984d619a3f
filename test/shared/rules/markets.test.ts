import { describe, expect, it } from 'vitest';
import { halvingSprint } from '../../../shared/economy/scenarios/halvingSprint.js';
import { applyAction, createGame } from '../../../shared/rules/engine.js';
import { applyEntry } from '../../../shared/rules/replay.js';

const closed = { ...halvingSprint, closedMarkets: ['btcTrading' as const, 'loans' as const] };

describe('closed markets (scenario data, checked in applyAction)', () => {
  it('refuses a closed market\'s actions with MARKET_CLOSED and the state unchanged; open markets and repayments still work', () => {
    const s = createGame(closed, 'cm', [{ id: 'a', name: 'A' }]);
    const r = applyAction(s, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'MARKET_CLOSED', message: 'The BTC trading market is closed in this session.' } });
    expect(applyAction(s, 'a', { type: 'takeLoan', amountUsd: 1000, termDays: 90 })).toMatchObject({ ok: false, error: { code: 'MARKET_CLOSED' } });
    expect(applyAction(s, 'a', { type: 'setTreasuryPolicy', sellMinedPct: 10 }).ok).toBe(true);
    const open = createGame(halvingSprint, 'cm', [{ id: 'a', name: 'A' }]);
    expect(applyAction(open, 'a', { type: 'tradeBtc', side: 'buy', amountBtc: 1 }).ok).toBe(true);
  });

  it('holds for every door: a replayed log entry on a closed market is rejected the same way', () => {
    const s = createGame(closed, 'cm', [{ id: 'a', name: 'A' }]);
    const r = applyEntry(s, { day: 0, kind: 'action', playerId: 'a', action: { type: 'tradeBtc', side: 'buy', amountBtc: 1 } });
    expect(r.rejected).toBe('MARKET_CLOSED');
    expect(r.state).toBe(s);
  });
});
