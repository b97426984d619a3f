import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hypeAfterContest, npcMomentumWeights, resolveContest, type ContestStake } from '../../../shared/economy/contest.js';

const none = { crypto: 0, ai: 0 };

describe('parimutuel resolution', () => {
  it('pays the losers pool to the winners pro rata, to the cent', () => {
    const stakes: ContestStake[] = [
      { playerId: 'a', narrative: 'crypto', stakeUsdCents: 10_000 },
      { playerId: 'b', narrative: 'crypto', stakeUsdCents: 30_000 },
      { playerId: 'c', narrative: 'ai', stakeUsdCents: 20_000 },
    ];
    const out = resolveContest(stakes, none);
    expect(out.winner).toBe('crypto');
    expect(out.weightCrypto).toBe(400);
    expect(out.weightAi).toBe(200);
    expect(out.poolUsdCents).toBe(60_000);
    // a: 100 + 200 × 1/4 = 150; b: 300 + 200 × 3/4 = 450
    expect(out.payouts).toEqual({ a: 15_000, b: 45_000 });
    expect(out.houseUsdCents).toBe(0);
  });

  it('hands rounding cents to the largest fractional claims so the pool conserves exactly', () => {
    const out = resolveContest(
      [
        { playerId: 'a', narrative: 'ai', stakeUsdCents: 100 },
        { playerId: 'b', narrative: 'ai', stakeUsdCents: 200 },
        { playerId: 'c', narrative: 'crypto', stakeUsdCents: 100 },
      ],
      none,
    );
    // Losers' 100¢ split 1:2 = 33.33 / 66.67 → floors 33 / 66, the spare cent goes to b (.67)
    expect(out.payouts).toEqual({ a: 133, b: 267 });
  });

  it('lets the NPC speculators decide the winner without paying into the pool', () => {
    const out = resolveContest(
      [
        { playerId: 'a', narrative: 'crypto', stakeUsdCents: 10_000 },
        { playerId: 'b', narrative: 'ai', stakeUsdCents: 20_000 },
      ],
      { crypto: 1_000, ai: 0 },
    );
    expect(out.winner).toBe('crypto');
    expect(out.payouts).toEqual({ a: 30_000 });
  });

  it('sends the pool to the house when nobody staked on the winner', () => {
    const out = resolveContest([{ playerId: 'a', narrative: 'ai', stakeUsdCents: 10_000 }], { crypto: 500, ai: 0 });
    expect(out.winner).toBe('crypto');
    expect(out.payouts).toEqual({});
    expect(out.houseUsdCents).toBe(10_000);
  });

  it('breaks a dead heat with the tie winner', () => {
    expect(resolveContest([], none, 'ai').winner).toBe('ai');
    expect(resolveContest([], none, 'crypto').winner).toBe('crypto');
  });

  it('conserves the pool and never pays a winner less than its stake (property)', () => {
    const stake = fc.record({
      playerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      narrative: fc.constantFrom('crypto' as const, 'ai' as const),
      stakeUsdCents: fc.integer({ min: 0, max: 500_000_000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(stake, { selector: (s) => s.playerId, maxLength: 6 }), fc.double({ min: 0, max: 1e7, noNaN: true }), (stakes, npcCrypto) => {
        const out = resolveContest(stakes, { crypto: npcCrypto, ai: 5e6 });
        const paid = Object.values(out.payouts).reduce((s, x) => s + x, 0);
        expect(paid + out.houseUsdCents).toBe(out.poolUsdCents);
        for (const s of stakes) {
          if (s.narrative === out.winner && s.stakeUsdCents > 0) expect(out.payouts[s.playerId]).toBeGreaterThanOrEqual(s.stakeUsdCents);
          if (s.narrative !== out.winner) expect(out.payouts[s.playerId]).toBeUndefined();
        }
      }),
    );
  });
});

describe('NPC momentum speculators', () => {
  it('split evenly with no momentum and chase the stronger one', () => {
    expect(npcMomentumWeights(0, 0, 10_000_000)).toEqual({ crypto: 5_000_000, ai: 5_000_000 });
    // gap 0.1 → crypto share 1 / (1 + e^−0.8) = 0.689974
    const w = npcMomentumWeights(0.1, 0, 10_000_000);
    expect(w.crypto).toBeCloseTo(6_899_744.8, 0);
    expect(w.crypto + w.ai).toBeCloseTo(10_000_000, 6);
    // AI hype rising faster than BTC: the NPCs go AI
    const ai = npcMomentumWeights(0.02, 0.1, 10_000_000);
    expect(ai.ai).toBeGreaterThan(ai.crypto);
  });
});

describe('reflexive hype', () => {
  it('raises the winner by the boost and lowers the loser by half of it, within 0–1', () => {
    const h = hypeAfterContest({ crypto: 0.5, ai: 0.5 }, 'ai', 0.08);
    expect(h.ai).toBeCloseTo(0.58, 12);
    expect(h.crypto).toBeCloseTo(0.46, 12);
    expect(hypeAfterContest({ crypto: 0.97, ai: 0.02 }, 'crypto', 0.08)).toEqual({ crypto: 1, ai: 0 });
  });
});
