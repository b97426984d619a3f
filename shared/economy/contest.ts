import * as dm from './detMath.js';
/**
 * The narrative beauty contest as pure functions: NPC momentum speculators, the stake-weighted
 * winner, parimutuel payouts in integer cents, and the reflexive move of the hype indices.
 */

export type Side = 'crypto' | 'ai';

/** How sharply NPC speculators swing to the side with the better momentum (per unit of log-return). */
export const NPC_MOMENTUM_SENSITIVITY = 8;
/** Hype points are not returns: one point of AI-hype change counts as this much log-return. */
export const AI_HYPE_TO_RETURN = 1;
/** The loser's hype falls by this share of the winner's boost. */
export const LOSER_HYPE_SHARE = 0.5;

export interface NpcWeights {
  crypto: number;
  ai: number;
}

/**
 * NPC speculators split `npcWeightUsd` between the narratives by a logistic of the momentum gap:
 * BTC's log-return since the round opened against the change of the AI hype index.
 */
export function npcMomentumWeights(btcLogReturn: number, aiHypeChange: number, npcWeightUsd: number): NpcWeights {
  const gap = btcLogReturn - aiHypeChange * AI_HYPE_TO_RETURN;
  const cryptoShare = 1 / (1 + dm.exp(-NPC_MOMENTUM_SENSITIVITY * gap));
  const crypto = npcWeightUsd * cryptoShare;
  return { crypto, ai: npcWeightUsd - crypto };
}

export interface ContestStake {
  playerId: string;
  narrative: Side;
  stakeUsdCents: number;
}

export interface ContestOutcome {
  winner: Side;
  /** Total weight per side in dollars: players' stakes plus the NPCs' weight. */
  weightCrypto: number;
  weightAi: number;
  poolUsdCents: number;
  /** Cents each player receives back from the pool (own stake included); losers are absent. */
  payouts: Record<string, number>;
  /** Cents nobody can claim (no stake on the winner): they go to the house. */
  houseUsdCents: number;
}

/**
 * Resolves a round. The side with the larger weight wins (ties go to `tieWinner`). Winners get
 * their stake back plus the losers' pool pro rata to their stakes; cents lost to rounding go one
 * each to the largest fractional claims (earlier stakes first), so payouts + house = pool exactly.
 */
export function resolveContest(stakes: readonly ContestStake[], npc: NpcWeights, tieWinner: Side = 'crypto'): ContestOutcome {
  let cryptoCents = 0;
  let aiCents = 0;
  for (const s of stakes) {
    if (s.narrative === 'crypto') cryptoCents += s.stakeUsdCents;
    else aiCents += s.stakeUsdCents;
  }
  const weightCrypto = cryptoCents / 100 + npc.crypto;
  const weightAi = aiCents / 100 + npc.ai;
  const winner: Side = weightCrypto > weightAi ? 'crypto' : weightAi > weightCrypto ? 'ai' : tieWinner;
  const poolUsdCents = cryptoCents + aiCents;
  const winnersCents = winner === 'crypto' ? cryptoCents : aiCents;
  const losersCents = poolUsdCents - winnersCents;
  const payouts: Record<string, number> = {};
  if (winnersCents === 0) return { winner, weightCrypto, weightAi, poolUsdCents, payouts, houseUsdCents: poolUsdCents };

  const winners = stakes.filter((s) => s.narrative === winner && s.stakeUsdCents > 0);
  const fractions: { playerId: string; frac: number; order: number }[] = [];
  let paid = 0;
  winners.forEach((s, order) => {
    const exact = (losersCents * s.stakeUsdCents) / winnersCents;
    const share = Math.floor(exact);
    payouts[s.playerId] = (payouts[s.playerId] ?? 0) + s.stakeUsdCents + share;
    paid += s.stakeUsdCents + share;
    fractions.push({ playerId: s.playerId, frac: exact - share, order });
  });
  let leftover = poolUsdCents - paid;
  fractions.sort((a, b) => b.frac - a.frac || a.order - b.order);
  for (let i = 0; leftover > 0 && fractions.length > 0; i = (i + 1) % fractions.length) {
    const f = fractions[i]!;
    payouts[f.playerId] = (payouts[f.playerId] ?? 0) + 1;
    leftover -= 1;
  }
  return { winner, weightCrypto, weightAi, poolUsdCents, payouts, houseUsdCents: 0 };
}

/** The reflexive step: the crowd's pick heats its narrative and cools the other (indices stay in 0–1). */
export function hypeAfterContest(hype: { crypto: number; ai: number }, winner: Side, hypeBoost: number): { crypto: number; ai: number } {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const up = (x: number) => clamp(x + hypeBoost);
  const down = (x: number) => clamp(x - hypeBoost * LOSER_HYPE_SHARE);
  return winner === 'crypto' ? { crypto: up(hype.crypto), ai: down(hype.ai) } : { crypto: down(hype.crypto), ai: up(hype.ai) };
}
