import * as dm from './detMath.js';
/**
 * The BTC price path (DESIGN.md §3.1), as pure functions: random draws come in as arguments.
 *
 * - Keyframe scenarios: ln P(t) = path(t) + bridge(t) + offset(t). `path` interpolates the dated
 *   keyframes log-linearly; `bridge` is a Brownian bridge pinned to 0 at every keyframe (so each
 *   seed wanders differently between keyframes and lands on them); `offset` carries shocks the
 *   history does not know (event jumps, the crypto hype term, players' trades) and decays with a
 *   30-day half-life, faster as the next keyframe nears and to nothing on it: history reasserts itself.
 * - Free scenarios: daily log-return = drift + regime drift + σ·Z + shocks, with regimes
 *   (bull, bear, calm) switching as a Markov chain.
 */

export type Regime = 'bull' | 'bear' | 'calm';

export interface RegimeSpec {
  /** Added to the scenario's annual drift (log terms). */
  driftAnnual: number;
  /** Multiplies the scenario's annual volatility. */
  volMultiple: number;
  /** Mean days a regime lasts before switching to one of the others (half each). */
  meanDays: number;
}

export const REGIMES: Readonly<Record<Regime, RegimeSpec>> = Object.freeze({
  bull: { driftAnnual: 0.7, volMultiple: 1.05, meanDays: 150 },
  bear: { driftAnnual: -0.6, volMultiple: 1.25, meanDays: 120 },
  calm: { driftAnnual: 0, volMultiple: 0.7, meanDays: 90 },
});
const REGIME_ORDER: readonly Regime[] = ['bull', 'bear', 'calm'];

/** Share of the keyframe offset that survives a day: half-life of 30 days. */
export const OFFSET_DECAY_PER_DAY = dm.pow(0.5, 1 / 30);
/** Log-return per day per unit of crypto hype above the scenario's starting level. */
export const HYPE_LOG_PER_DAY = 0.002;
/** No single day moves the price by more than this (log), whatever stacks up. */
export const MAX_DAILY_LOG_RETURN = 0.5;
export const MIN_BTC_USD = 1;
export const MAX_BTC_USD = 10_000_000;
const DAYS_PER_YEAR = 365;

export interface KeyframePoint {
  day: number;
  logUsd: number;
}

/** Keyframes as (day since start, ln USD), sorted by day; `dayOf` maps a date to days since the start. */
export function keyframePoints(keyframes: readonly { date: string; usd: number }[], dayOf: (date: string) => number): KeyframePoint[] {
  return keyframes
    .filter((k) => k.usd > 0)
    .map((k) => ({ day: dayOf(k.date), logUsd: dm.log(k.usd) }))
    .sort((a, b) => a.day - b.day);
}

/** ln USD on the keyframe path at `day`: log-linear between keyframes, flat before the first and after the last. */
export function pathLogUsd(points: readonly KeyframePoint[], day: number): number {
  const first = points[0];
  if (!first) return 0;
  if (day <= first.day) return first.logUsd;
  for (let i = 1; i < points.length; i += 1) {
    const b = points[i]!;
    if (day <= b.day) {
      const a = points[i - 1]!;
      const span = b.day - a.day;
      return span <= 0 ? b.logUsd : a.logUsd + ((b.logUsd - a.logUsd) * (day - a.day)) / span;
    }
  }
  return points[points.length - 1]!.logUsd;
}

/** The first keyframe day ≥ `day`, or null after the last keyframe. */
export function nextKeyframeDay(points: readonly KeyframePoint[], day: number): number | null {
  for (const p of points) if (p.day >= day) return p.day;
  return null;
}

/**
 * One day of a Brownian bridge that must be 0 after `stepsLeft` more steps (stepsLeft = 1 pins it
 * today). Without a keyframe ahead (`stepsLeft` null) it is a plain random walk.
 */
export function bridgeStep(deviation: number, stepsLeft: number | null, sigmaDaily: number, z: number): number {
  if (stepsLeft === null) return deviation + sigmaDaily * z;
  if (stepsLeft <= 1) return 0;
  const keep = (stepsLeft - 1) / stepsLeft;
  return deviation * keep + sigmaDaily * Math.sqrt(keep) * z;
}

/** Log-return from players' net buying (+) or selling (−) in USD against the market's depth. */
export function impactLogReturn(netFlowUsd: number, marketDepthUsd: number): number {
  if (marketDepthUsd <= 0) return 0;
  return clamp(netFlowUsd / marketDepthUsd, -MAX_DAILY_LOG_RETURN, MAX_DAILY_LOG_RETURN);
}

/** Log-return from crypto hype above (or below) the scenario's starting level. */
export function hypeLogReturn(hypeCrypto: number, baselineHype: number): number {
  return HYPE_LOG_PER_DAY * (hypeCrypto - baselineHype);
}

/** Next regime given a uniform draw `u` ∈ [0, 1): stays with probability 1 − 1/meanDays, else switches to one of the other two. */
export function nextRegime(regime: Regime, u: number): Regime {
  const pSwitch = 1 / REGIMES[regime].meanDays;
  if (u >= pSwitch) return regime;
  const others = REGIME_ORDER.filter((r) => r !== regime);
  return u < pSwitch / 2 ? others[0]! : others[1]!;
}

/**
 * Average execution price for trading `notionalUsd` at once: the book moves by notional ÷ depth
 * (log) and the trade fills on average halfway along it.
 */
export function executionPriceUsd(btcUsd: number, side: 'buy' | 'sell', notionalUsd: number, marketDepthUsd: number): number {
  const move = impactLogReturn(Math.abs(notionalUsd), marketDepthUsd) / 2;
  return btcUsd * dm.exp(side === 'buy' ? move : -move);
}

export interface PriceStepInput {
  mode: 'keyframes' | 'free';
  points: readonly KeyframePoint[];
  /** Yesterday's price and the day it was for; today is `day + 1`. */
  prevUsd: number;
  day: number;
  prevBridgeLogDeviation: number;
  regime: Regime;
  volAnnual: number;
  driftAnnual: number;
  /** Shocks, as log-returns: event jumps, hype and players' impact. */
  shockLog: number;
  /** Standard normal and uniform draws. */
  z: number;
  u: number;
}

export interface PriceStepResult {
  usd: number;
  bridgeLogDeviation: number;
  regime: Regime;
}

/** The price for day `day + 1` from the price of day `day`. */
export function stepBtcPrice(input: PriceStepInput): PriceStepResult {
  const prevLog = dm.log(Math.max(MIN_BTC_USD, input.prevUsd));
  const today = input.day + 1;
  if (input.mode === 'keyframes' && input.points.length > 0) {
    const sigmaDaily = input.volAnnual / Math.sqrt(DAYS_PER_YEAR);
    const offsetPrev = prevLog - pathLogUsd(input.points, input.day) - input.prevBridgeLogDeviation;
    const next = nextKeyframeDay(input.points, today);
    const bridge = bridgeStep(input.prevBridgeLogDeviation, next === null ? null : next - input.day, sigmaDaily, input.z);
    // Shocks fade with a 30-day half-life, and faster when a keyframe is near: history wins on its dates.
    const stepsLeft = next === null ? null : next - input.day;
    const keep = stepsLeft === null ? OFFSET_DECAY_PER_DAY : Math.min(OFFSET_DECAY_PER_DAY, (stepsLeft - 1) / stepsLeft);
    const offset = offsetPrev * keep + (stepsLeft === 1 ? 0 : input.shockLog);
    const logUsd = prevLog + clamp(pathLogUsd(input.points, today) + bridge + offset - prevLog, -MAX_DAILY_LOG_RETURN, MAX_DAILY_LOG_RETURN);
    return { usd: clampPrice(dm.exp(logUsd)), bridgeLogDeviation: bridge, regime: input.regime };
  }
  const regime = nextRegime(input.regime, input.u);
  const spec = REGIMES[regime];
  const sigmaDaily = (input.volAnnual * spec.volMultiple) / Math.sqrt(DAYS_PER_YEAR);
  const drift = (input.driftAnnual + spec.driftAnnual) / DAYS_PER_YEAR - (sigmaDaily * sigmaDaily) / 2;
  const ret = clamp(drift + sigmaDaily * input.z + input.shockLog, -MAX_DAILY_LOG_RETURN, MAX_DAILY_LOG_RETURN);
  return { usd: clampPrice(dm.exp(prevLog + ret)), bridgeLogDeviation: 0, regime };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function clampPrice(usd: number): number {
  return Number.isFinite(usd) ? clamp(usd, MIN_BTC_USD, MAX_BTC_USD) : MIN_BTC_USD;
}
