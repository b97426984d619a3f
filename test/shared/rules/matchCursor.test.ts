import { describe, expect, it } from 'vitest';
import { addPlayer, applyAction, createGame, stateHash, step } from '../../../shared/rules/engine.js';
import { matchCursor } from '../../../shared/rules/matchCursor.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import { runReplay, type LogEntry } from '../../../shared/rules/replay.js';
import type { GameState } from '../../../shared/rules/types.js';
import { cashCents, ledgerTotals } from '../../../shared/economy/ledger.js';
import { playerView } from '../../../shared/rules/view.js';

const scenario = getScenario('halving-sprint')!;
const BOTS = ['hodl-miner', 'ai-pivot', 'lease-speculator', 'random', 'narrative-chaser', 'power-landlord'];

/** The log a match of bots records: accepted actions only, in order. */
function botLog(days: number): LogEntry[] {
  return runMatch({ scenario, seed: 'cursor', bots: BOTS.map((s, i) => ({ id: `p${i}`, name: s, strategy: s })), untilDay: days }).log;
}

/** The same log through the pure doors (a draft per action, a copy per day). */
function pureReplay(log: LogEntry[], days: number): GameState {
  let s = createGame(scenario, 'cursor');
  for (const e of log) {
    while (s.day < e.day) s = step(s).state;
    if (e.kind === 'join') s = addPlayer(s, { id: e.playerId, name: e.name, strategy: e.strategy });
    else {
      const r = applyAction(s, e.playerId, e.action);
      if (!r.ok) throw new Error(`refused ${e.action.type}: ${r.error.code}`);
      s = r.state;
    }
  }
  while (s.day < days) s = step(s).state;
  return s;
}

describe('matchCursor', () => {
  it('plays a log to the same state as the pure doors, day by day', () => {
    const log = botLog(60);
    const pure = pureReplay(log, 60);
    const m = matchCursor(createGame(scenario, 'cursor'));
    for (const e of log) {
      while (m.state.day < e.day) m.step();
      if (e.kind === 'join') m.addPlayer({ id: e.playerId, name: e.name, strategy: e.strategy });
      else expect(m.apply(e.playerId, e.action).ok).toBe(true);
    }
    while (m.state.day < 60) m.step();
    expect(log.filter((e) => e.kind === 'action').length).toBeGreaterThan(20);
    expect(stateHash(m.state)).toBe(stateHash(pure));
  });

  it('leaves the day it started from as it was while the day\'s actions play on a copy', () => {
    const m = matchCursor(createGame(scenario, 'cursor', [{ id: 'a', name: 'A' }]));
    m.step();
    const dayStart = m.state;
    const before = stateHash(dayStart);
    expect(m.apply('a', { type: 'tradeBtc', side: 'buy', amountBtc: 3 }).ok).toBe(true);
    expect(m.state).not.toBe(dayStart);
    expect(stateHash(dayStart)).toBe(before);
    const stepped = m.step().state;
    expect(stateHash(dayStart)).toBe(before);
    expect(stepped.day).toBe(dayStart.day + 1);
  });

  it('undoes what a reducer wrote before it refused: the match is as if the action never came', () => {
    // A new contest pick refunds the old stake before it checks the cash: refused, the refund must vanish.
    const start = createGame(scenario, 'cursor', [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    const m = matchCursor(start);
    const spendUsd = cashCents(start.ledger, 'a') / 100 - 1_000_000 - 500_000;
    const amountBtc = Math.floor((spendUsd / start.btc.btcUsd) * 0.95 * 1e4) / 1e4;
    const pure = [{ type: 'contestPick', narrative: 'crypto', stakeUsd: 1_000_000 }, { type: 'tradeBtc', side: 'buy', amountBtc }] as const;
    for (const a of pure) expect(m.apply('a', a).ok).toBe(true);
    const before = stateHash(m.state);
    const maxStakeUsd = scenario.contest.maxStakeUsd;
    expect(cashCents(m.state.ledger, 'a') / 100 + 1_000_000).toBeLessThan(maxStakeUsd);
    const greedy = m.apply('a', { type: 'contestPick', narrative: 'ai', stakeUsd: maxStakeUsd });
    expect(greedy.ok).toBe(false);
    if (!greedy.ok) expect(greedy.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(stateHash(m.state)).toBe(before);
    expect(ledgerTotals(m.state.ledger)).toEqual({ usdCents: 0, sats: 0 });
    // Later actions and the day play on as they would have without the refused one.
    expect(m.apply('b', { type: 'tradeBtc', side: 'buy', amountBtc: 1 }).ok).toBe(true);
    let s = start;
    for (const a of pure) s = (applyAction(s, 'a', a) as { state: GameState }).state;
    s = (applyAction(s, 'b', { type: 'tradeBtc', side: 'buy', amountBtc: 1 }) as { state: GameState }).state;
    expect(stateHash(m.step().state)).toBe(stateHash(step(s).state));
  });

  it('plays an action that may write before refusing on the one state in place, and the views show it', () => {
    const history = getScenario('history-2023-2025')!;
    const start = createGame(history, 'cursor', [{ id: 'a', name: 'A' }]);
    const m = matchCursor(start, { inPlace: true });
    expect(m.apply('a', { type: 'buySite', siteId: 'L1' }).ok).toBe(true);
    m.step();
    const played = m.state;
    const owned = (s: GameState) => playerView(s, 'a').sites.filter((x) => x.ownerId === 'a').map((x) => x.id);
    expect(owned(played)).toEqual(['L1']);
    // sellSite goes through the pure door (a draft), whose result is moved into the state in place.
    expect(m.apply('a', { type: 'sellSite', siteId: 'L1' }).ok).toBe(true);
    expect(m.state).toBe(played);
    expect(owned(m.state)).toEqual([]);
    m.step();
    let s = (applyAction(start, 'a', { type: 'buySite', siteId: 'L1' }) as { state: GameState }).state;
    s = step(s).state;
    s = (applyAction(s, 'a', { type: 'sellSite', siteId: 'L1' }) as { state: GameState }).state;
    expect(stateHash(m.state)).toBe(stateHash(step(s).state));
  });

  it('replays a log in place as the copying way does, a refusal that wrote first included', () => {
    const log = botLog(40);
    const file = { scenario, seed: 'cursor', finalDay: 40, entries: log };
    expect(stateHash(runReplay(file))).toBe(stateHash(pureReplay(log, 40)));
    // A tampered log: a contest pick that refunds the old stake, then finds the cash short.
    const start = createGame(scenario, 'cursor', [{ id: 'a', name: 'A' }]);
    const amountBtc = Math.floor(((cashCents(start.ledger, 'a') / 100 - 1_500_000) / start.btc.btcUsd) * 0.95 * 1e4) / 1e4;
    const entries: LogEntry[] = [
      { day: 0, kind: 'join', playerId: 'a', name: 'A', strategy: '' },
      { day: 1, kind: 'action', playerId: 'a', action: { type: 'contestPick', narrative: 'crypto', stakeUsd: 1_000_000 } },
      { day: 1, kind: 'action', playerId: 'a', action: { type: 'tradeBtc', side: 'buy', amountBtc } },
      { day: 2, kind: 'action', playerId: 'a', action: { type: 'contestPick', narrative: 'ai', stakeUsd: scenario.contest.maxStakeUsd } },
      { day: 3, kind: 'action', playerId: 'a', action: { type: 'tradeBtc', side: 'sell', amountBtc: 1 } },
    ];
    const tampered = { scenario, seed: 'cursor', finalDay: 6, entries };
    const refusals = (onDay?: () => void) => {
      const codes: string[] = [];
      const state = runReplay(tampered, { onRejected: (_e, code) => codes.push(code), ...(onDay ? { onDay } : {}) });
      return { hash: stateHash(state), codes };
    };
    const inPlace = refusals();
    const copying = refusals(() => undefined);
    expect(copying.codes).toEqual(['INSUFFICIENT_FUNDS']);
    expect(inPlace).toEqual(copying);
  });
});
