/**
 * The ⅔ bots' behavioural model: a Poisson cognitive hierarchy (Camerer, Ho and Chong 2004,
 * "A cognitive hierarchy model of games", QJE 119(3)), extended to repeated rounds.
 *
 * - Thinking steps k are Poisson(τ) distributed (truncated at `maxLevel`, renormalised).
 * - Level 0 does not reason and does not look at p: it guesses uniformly on the widest interval
 *   inside [0, 100] centred on the anchor (round 1: the middle, so uniform 0–100; later rounds:
 *   the previous round's mean, the reference point Nagel 1995 found players start from).
 * - Level k ≥ 1 believes the others are spread over levels 0…k−1 in proportion to their Poisson
 *   weights, and answers p × the mean it expects from them (capped at 100). So every level's
 *   answer follows from p and τ: nothing in the model is fitted per p.
 * - A level-k guess is noisy in proportion to its distance from the game's equilibrium (0 for
 *   p < 1, so in proportion to the guess itself; 100 for p > 1), lognormal and mean-preserving
 *   with σ, then rounded to a whole number as people write it. A class that has reached the
 *   equilibrium therefore stays there instead of being held off it by noise.
 * - τ grows by `tauGrowthPerRound` each round: a class that saw the last result thinks a step
 *   further (CHC's learning reading of Nagel's repeated rounds).
 *
 * Parameters are fitted on p = 2/3 only (Nagel 1995: round-1 mean 36.73, median 33; later round
 * means ≈ 24, 16.5, 10.9) by `npm run guess -- --fit` (grid search over simulated classes of
 * 40, documented in docs/classroom.md); other p are predictions.
 */
import type { Rng } from '../rules/rng.js';
import * as dm from '../economy/detMath.js';

export interface HierarchyParams {
  /** Mean thinking steps in round 1. */
  tau: number;
  /** Added to τ per round after the first. */
  tauGrowthPerRound: number;
  /** Lognormal σ of a level-k guess around its level's answer. */
  sigma: number;
  /** Deepest level drawn (Poisson mass beyond is folded back by renormalising). */
  maxLevel: number;
}

/** Fitted on p = 2/3 (see the module comment and docs/classroom.md, "The ⅔ bots"). */
export const CH_PARAMS: Readonly<HierarchyParams> = Object.freeze({ tau: 1.12, tauGrowthPerRound: 0.24, sigma: 0.2, maxLevel: 12 });

const GUESS_MIN = 0;
const GUESS_MAX = 100;
const ROUND1_ANCHOR = 50;

/** Poisson(τ) weights of levels 0…maxLevel, summing to 1 (recurrence: no exp or factorials needed). */
export function poissonWeights(tau: number, maxLevel: number): number[] {
  const w = [1];
  for (let k = 1; k <= maxLevel; k++) w.push((w[k - 1]! * tau) / k);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/**
 * Each level's expected guess: level 0 the anchor, level k p × the weighted mean of levels
 * below it (capped at 100).
 */
export function levelAnswers(p: number, tau: number, anchor: number, maxLevel: number): number[] {
  const w = poissonWeights(tau, maxLevel);
  const g = [anchor];
  let weight = 0;
  let weighted = 0;
  for (let k = 1; k <= maxLevel; k++) {
    weight += w[k - 1]!;
    weighted += w[k - 1]! * g[k - 1]!;
    g.push(Math.min(GUESS_MAX, (p * weighted) / weight));
  }
  return g;
}

/** The mean guess the hierarchy predicts for a large class (before rounding and clipping). */
export function predictedMean(p: number, tau: number, anchor = ROUND1_ANCHOR, maxLevel = CH_PARAMS.maxLevel): number {
  const w = poissonWeights(tau, maxLevel);
  const g = levelAnswers(p, tau, anchor, maxLevel);
  return w.reduce((s, wk, k) => s + wk * g[k]!, 0);
}

/** Level 0's range: the widest interval inside [0, 100] centred on the anchor. */
export function level0Range(anchor: number): [number, number] {
  const half = Math.min(anchor - GUESS_MIN, GUESS_MAX - anchor);
  return [anchor - half, anchor + half];
}

/** τ in a round (0-based). */
export function tauInRound(roundIndex: number, params: HierarchyParams = CH_PARAMS): number {
  return params.tau + params.tauGrowthPerRound * roundIndex;
}

function drawLevel(rng: Rng, weights: readonly number[]): number {
  let u = rng.next();
  for (let k = 0; k < weights.length; k++) {
    u -= weights[k]!;
    if (u < 0) return k;
  }
  return weights.length - 1;
}

/**
 * One bot's guess (a whole number 0–100) and its level. `roundIndex` is 0-based; `previousMean`
 * is the mean of the round before (null in round 1 or when nobody guessed).
 */
export function hierarchyGuess(
  rng: Rng, p: number, roundIndex: number, previousMean: number | null, params: HierarchyParams = CH_PARAMS,
): { value: number; level: number } {
  const anchor = roundIndex === 0 || previousMean === null ? ROUND1_ANCHOR : previousMean;
  const tau = tauInRound(roundIndex, params);
  const level = drawLevel(rng, poissonWeights(tau, params.maxLevel));
  let value: number;
  if (level === 0) {
    const [lo, hi] = level0Range(anchor);
    value = lo + rng.next() * (hi - lo);
  } else {
    const answer = levelAnswers(p, tau, anchor, params.maxLevel)[level]!;
    const eq = p > 1 ? GUESS_MAX : GUESS_MIN;
    // Mean-preserving: the level's answer stays its expected guess.
    value = eq + (answer - eq) * dm.exp(params.sigma * rng.normal() - (params.sigma * params.sigma) / 2);
  }
  return { value: Math.round(Math.min(GUESS_MAX, Math.max(GUESS_MIN, value))), level };
}
