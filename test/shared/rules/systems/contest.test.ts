import { describe, expect, it } from 'vitest';
import { createDraft, finishDraft } from 'immer';
import { applyActionInPlace, createGame, stateHash } from '../../../../shared/rules/engine.js';
import { workingCopy } from '../../../../shared/rules/workingCopy.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { balanceOf, cashCents, CONTEST_POOL, ledgerTotals } from '../../../../shared/economy/ledger.js';
import { contestPhase, publicContestSummary } from '../../../../shared/rules/systems/contest.js';
import type { GameEvent, GameState } from '../../../../shared/rules/types.js';
import { accept, edit, rejects } from '../../../support/engineSteps.js';

const scenario = getScenario('history-2023-2025')!;
const start = createGame(scenario, 'contest', [
  { id: 'a', name: 'Alice' },
  { id: 'b', name: 'Bob' },
  { id: 'c', name: 'Cleo' },
]);
const START_CENTS = scenario.finance.startCashUsd * 100;

function runContest(s: GameState): { state: GameState; events: GameEvent[] } {
  const ctx = { events: [] as GameEvent[] };
  const d = createDraft(s);
  contestPhase(d, ctx);
  return { state: finishDraft(d), events: ctx.events };
}

describe('contestPick', () => {
  it('escrows the stake in the pool and replaces an earlier pick with a refund', () => {
    let s = accept(start, 'a', { type: 'contestPick', narrative: 'crypto', stakeUsd: 1_000_000 });
    expect(s.contest.current.picks.a).toEqual({ narrative: 'crypto', stakeUsdCents: 100_000_000 });
    expect(balanceOf(s.ledger, CONTEST_POOL).usdCents).toBe(100_000_000);
    s = accept(s, 'a', { type: 'contestPick', narrative: 'ai', stakeUsd: 250_000 });
    expect(s.contest.current.picks.a).toEqual({ narrative: 'ai', stakeUsdCents: 25_000_000 });
    expect(balanceOf(s.ledger, CONTEST_POOL).usdCents).toBe(25_000_000);
    expect(cashCents(s.ledger, 'a')).toBe(START_CENTS - 25_000_000);
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('counts the refunded stake when a re-pick checks the cash', () => {
    let s = accept(start, 'a', { type: 'contestPick', narrative: 'crypto', stakeUsd: 5_000_000 });
    s = edit(s, (d) => {
      d.ledger.accounts['p:a']!.usdCents = 0;
      d.ledger.accounts.world!.usdCents += START_CENTS - 500_000_000;
    });
    s = accept(s, 'a', { type: 'contestPick', narrative: 'ai', stakeUsd: 5_000_000 });
    expect(cashCents(s.ledger, 'a')).toBe(0);
  });

  it('rejects stakes above the cap or the cash, leaving the state untouched', () => {
    rejects(start, 'a', { type: 'contestPick', narrative: 'ai', stakeUsd: 5_000_001 }, 'LIMIT');
    const poor = edit(start, (d) => {
      d.ledger.accounts['p:a']!.usdCents = 100;
      d.ledger.accounts.world!.usdCents += START_CENTS - 100;
    });
    rejects(poor, 'a', { type: 'contestPick', narrative: 'ai', stakeUsd: 2 }, 'INSUFFICIENT_FUNDS');
    const picked = accept(poor, 'a', { type: 'contestPick', narrative: 'ai', stakeUsd: 1 });
    rejects(picked, 'a', { type: 'contestPick', narrative: 'crypto', stakeUsd: 2.01 }, 'INSUFFICIENT_FUNDS');
    // In place too (a replay or a league applies picks to its own state): the refund is not written.
    const work = workingCopy(picked);
    const r = applyActionInPlace(work, 'a', { type: 'contestPick', narrative: 'crypto', stakeUsd: 2.01 });
    expect(r.ok ? null : r.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(stateHash(work)).toBe(stateHash(picked));
  });

  it('records an announced narrative', () => {
    expect(accept(start, 'b', { type: 'announceNarrative', narrative: 'ai' }).players.b!.narrative).toBe('ai');
  });
});

describe('contestPhase', () => {
  const picked = (() => {
    let s = accept(start, 'a', { type: 'contestPick', narrative: 'crypto', stakeUsd: 1_000_000 });
    s = accept(s, 'b', { type: 'contestPick', narrative: 'crypto', stakeUsd: 3_000_000 });
    return accept(s, 'c', { type: 'contestPick', narrative: 'ai', stakeUsd: 2_000_000 });
  })();

  it('waits for the resolve day', () => {
    const r = runContest(edit(picked, (d) => void (d.day = scenario.contest.periodDays - 1)));
    expect(r.events).toEqual([]);
    expect(r.state.contest.history).toEqual([]);
  });

  it('pays the pool out, records the result, moves hype and opens the next round', () => {
    // BTC up 30% since the round opened: the NPC speculators lean crypto too
    const day = scenario.contest.periodDays;
    const before = edit(picked, (d) => {
      d.day = day;
      d.btc.btcUsd = scenario.btc.startUsd * 1.3;
    });
    const { state: s, events } = runContest(before);
    const result = s.contest.history[0]!;
    expect(result.winner).toBe('crypto');
    expect(result.npcWeightCrypto).toBeGreaterThan(result.npcWeightAi);
    expect(result.npcWeightCrypto + result.npcWeightAi).toBeCloseTo(scenario.contest.npcWeightUsd, 4);
    expect(result.poolUsdCents).toBe(600_000_000);
    // a: $1M + $2M × ¼ = $1.5M; b: $3M + $2M × ¾ = $4.5M; c loses $2M
    expect(result.payouts).toEqual({ a: 150_000_000, b: 450_000_000 });
    expect(cashCents(s.ledger, 'a')).toBe(START_CENTS + 50_000_000);
    expect(cashCents(s.ledger, 'b')).toBe(START_CENTS + 150_000_000);
    expect(cashCents(s.ledger, 'c')).toBe(START_CENTS - 200_000_000);
    expect(balanceOf(s.ledger, CONTEST_POOL).usdCents).toBe(0);
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
    expect(s.hype.crypto).toBeCloseTo(before.hype.crypto + scenario.contest.hypeBoost, 12);
    expect(s.hype.ai).toBeCloseTo(before.hype.ai - scenario.contest.hypeBoost / 2, 12);
    expect(events.map((e) => e.type)).toEqual(['contestResolved', 'contestPayout', 'contestPayout', 'contestPayout', 'news']);
    // Each staker learns its own payout; the public result names nobody's.
    expect(events.filter((e) => e.type === 'contestPayout').map((e) => e.type === 'contestPayout' && [e.playerId, e.payoutUsdCents])).toEqual([['a', 150_000_000], ['b', 450_000_000], ['c', 0]]);
    const pub = events.find((e) => e.type === 'contestResolved');
    expect(pub?.type === 'contestResolved' && pub.result.payouts).toEqual({});
    expect(s.contest.current).toEqual({ round: 2, resolveDay: day + scenario.contest.periodDays, picks: {}, openBtcUsd: before.btc.btcUsd, openAiHype: s.hype.ai });
  });

  it('lets the NPC momentum outvote the players', () => {
    // Players back crypto with $4M, but BTC fell 40% and the NPCs' $10M goes almost all to AI
    const { state: s } = runContest(edit(picked, (d) => {
      d.day = scenario.contest.periodDays;
      d.btc.btcUsd = scenario.btc.startUsd * 0.6;
    }));
    const result = s.contest.history[0]!;
    expect(result.winner).toBe('ai');
    expect(result.payouts).toEqual({ c: 600_000_000 });
    expect(ledgerTotals(s.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });
});

describe('publicContestSummary', () => {
  const resolveWith = (picks: [string, 'crypto' | 'ai', number][]) => {
    let s = start;
    for (const [id, narrative, stakeUsd] of picks) s = accept(s, id, { type: 'contestPick', narrative, stakeUsd });
    return runContest(edit(s, (d) => void (d.day = scenario.contest.periodDays)));
  };

  it("hides a sole staker's stake: no pool, no side weights, no payouts in the public event or headline", () => {
    const { state: s, events } = resolveWith([['a', 'crypto', 77_777.77]]);
    const pub = events.find((e) => e.type === 'contestResolved');
    expect(pub?.type === 'contestResolved' && pub.result).toMatchObject({ stakers: 1, poolUsdCents: null, weightCrypto: null, weightAi: null, payouts: {} });
    expect(JSON.stringify(pub)).not.toContain('7777777');
    const news = events.find((e) => e.type === 'news');
    expect(news?.type === 'news' && news.headline).not.toMatch(/77,778|%/);
    // The full result stays in the state (the teacher's export and the replay read it).
    expect(s.contest.history[0]!.poolUsdCents).toBe(7_777_777);
  });

  it('publishes the pool once three companies staked, and side weights only when no side has one or two stakers', () => {
    const mixed = resolveWith([['a', 'crypto', 1_000], ['b', 'crypto', 2_000], ['c', 'ai', 3_000]]).state.contest.history[0]!;
    expect(publicContestSummary(mixed)).toMatchObject({ stakers: 3, poolUsdCents: 600_000, weightCrypto: null, weightAi: null });
    const oneSide = resolveWith([['a', 'ai', 1_000], ['b', 'ai', 2_000], ['c', 'ai', 3_000]]).state.contest.history[0]!;
    expect(publicContestSummary(oneSide).weightAi).toBe(oneSide.weightAi);
    expect(publicContestSummary(oneSide, 'b').payouts).toEqual(oneSide.payouts.b !== undefined ? { b: oneSide.payouts.b } : {});
  });
});
