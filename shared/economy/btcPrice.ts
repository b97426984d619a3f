import * as dm from './detMath.js';
/**
 * The BTC price path (DESIGN.md §3.1), as pure functions: random draws come in as arguments.
 *
 * - Keyframe scenarios: ln P(t) = path(t) + bridge(t) + shock(t) + crowd(t). `path` interpolates
 *   the seed's keyframes log-linearly: the published history with every turning point after the
 *   first moved in date and level within the scenario's `keyframeJitter` (drawn once, at the start,
 *   by `jitterKeyframes`). `bridge` is a Brownian bridge pinned to 0 at every keyframe (each seed
 *   wanders differently between them). `shock` carries the world's jumps (events) the history does
 *   not know and fades by the next keyframe: the story reasserts itself. `crowd` is the mark the
 *   players leave (their net flow against the market's depth, and the crypto hype their contest
 *   picks feed): it decays with a 45-day half-life and is never pinned, so what players do stays
 *   in the price.
 * - Free scenarios: ln P(t) = walk(t) + crowd(t); the walk's daily log-return = drift + regime
 *   drift + σ·Z + shocks + hype, with regimes (bull, bear, calm) switching as a Markov chain.
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

/** Share of the keyframe (world shock) offset that survives a day: half-life of 30 days. */
export const OFFSET_DECAY_PER_DAY = dm.pow(0.5, 1 / 30);
/**
 * Share of the players' mark that survives a day: half-life of 45 days. The book refills slowly
 * after a big buyer (transient impact), so a buy is still felt a quarter later but not forever.
 */
export const CROWD_DECAY_PER_DAY = dm.pow(0.5, 1 / 45);
/** The players' mark is bounded: no crowd takes BTC beyond 4× (or below ¼ of) what the world would have done. */
export const MAX_CROWD_LOG_OFFSET = dm.log(4);
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

export interface KeyframeJitter {
  days: number;
  levelPct: number;
}

/** A seed's turning point: days since the start and price, as stored in `state.btc.keyframePath`. */
export interface SeedKeyframe {
  day: number;
  usd: number;
}

/**
 * Draws a seed's turning points from the published ones: the first keyframe (the start) stays;
 * every later one moves by up to ± `days` (whole days) and its level by up to ± `levelPct` %
 * (uniform in log). Order is kept: a keyframe lands at least half its original gap after the one
 * before, so a run or a drop can be squeezed but never turned around or deleted. `next` is a
 * uniform [0, 1) generator; zero jitter returns the published path (no draws used).
 */
export function jitterKeyframes(points: readonly KeyframePoint[], jitter: KeyframeJitter | undefined, next: () => number): SeedKeyframe[] {
  const days = Math.max(0, Math.floor(jitter?.days ?? 0));
  const levelLog = dm.log(1 + Math.max(0, jitter?.levelPct ?? 0) / 100);
  const out: SeedKeyframe[] = [];
  points.forEach((p, i) => {
    const prev = out[i - 1];
    if (!prev || (days === 0 && levelLog === 0)) {
      out.push({ day: p.day, usd: Math.round(dm.exp(p.logUsd)) });
      return;
    }
    const gap = p.day - points[i - 1]!.day;
    const lo = Math.max(p.day - days, prev.day + Math.max(1, Math.ceil(gap / 2)));
    const hi = Math.max(lo, p.day + days);
    const day = lo + Math.floor(next() * (hi - lo + 1));
    const logUsd = p.logUsd + levelLog * (2 * next() - 1);
    out.push({ day, usd: Math.round(dm.exp(logUsd)) });
  });
  return out;
}

/** A seed's keyframes as (day, ln USD), ready for `pathLogUsd`. */
export function seedKeyframePoints(path: readonly SeedKeyframe[]): KeyframePoint[] {
  return path.map((k) => ({ day: k.day, logUsd: dm.log(k.usd) }));
}

/**
 * Where a published day falls on the seed's calendar: shifted like the keyframes around it
 * (linearly between them), so a scripted crash stays with the drop it belongs to. `seed` is
 * `jitterKeyframes(published, …)`, index for index.
 */
export function warpDay(published: readonly KeyframePoint[], seed: readonly SeedKeyframe[], day: number): number {
  const shift = (i: number) => seed[i]!.day - published[i]!.day;
  const n = Math.min(published.length, seed.length);
  if (n === 0) return day;
  if (day <= published[0]!.day) return day + shift(0);
  for (let i = 1; i < n; i += 1) {
    const a = published[i - 1]!.day;
    const b = published[i]!.day;
    if (day <= b) return Math.round(day + (b === a ? shift(i) : shift(i - 1) + ((shift(i) - shift(i - 1)) * (day - a)) / (b - a)));
  }
  return day + shift(n - 1);
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
 * Average execution price for trading `notionalUsd` at once: the book on that side has already
 * been eaten by the day's earlier trades the same way (`sameSideTodayUsd`, so a hundred small buys
 * fill like one big one), then moves by notional ÷ depth (log) and the trade fills on average
 * halfway along it. A round trip still costs the impact both ways.
 */
export function executionPriceUsd(btcUsd: number, side: 'buy' | 'sell', notionalUsd: number, marketDepthUsd: number, sameSideTodayUsd = 0): number {
  const move = impactLogReturn(Math.abs(sameSideTodayUsd) + Math.abs(notionalUsd) / 2, marketDepthUsd);
  return btcUsd * dm.exp(side === 'buy' ? move : -move);
}

export interface PriceStepInput {
  mode: 'keyframes' | 'free';
  /** The seed's keyframes (keyframe mode). */
  points: readonly KeyframePoint[];
  /** Yesterday's price and the day it was for; today is `day + 1`. */
  prevUsd: number;
  day: number;
  prevBridgeLogDeviation: number;
  /** Yesterday's players' mark (log). */
  prevCrowdLogOffset: number;
  regime: Regime;
  volAnnual: number;
  driftAnnual: number;
  /** The world's shocks (event jumps) as a log-return: history absorbs them by the next keyframe. */
  shockLog: number;
  /** Crypto hype's push (log): the players' mark in keyframe mode, drift in free mode. */
  hypeLog: number;
  /** Players' net flow against the depth (log), added to their lasting mark. */
  impactLog: number;
  /** Standard normal and uniform draws. */
  z: number;
  u: number;
}

export interface PriceStepResult {
  usd: number;
  bridgeLogDeviation: number;
  crowdLogOffset: number;
  regime: Regime;
}

/** The players' mark after one more day: yesterday's, decayed, plus today's push, within its bound. */
export function nextCrowdLogOffset(prev: number, pushLog: number): number {
  return clamp(prev * CROWD_DECAY_PER_DAY + pushLog, -MAX_CROWD_LOG_OFFSET, MAX_CROWD_LOG_OFFSET);
}

/** The price for day `day + 1` from the price of day `day`. */
export function stepBtcPrice(input: PriceStepInput): PriceStepResult {
  const prevLog = dm.log(Math.max(MIN_BTC_USD, input.prevUsd));
  const today = input.day + 1;
  if (input.mode === 'keyframes' && input.points.length > 0) {
    const sigmaDaily = input.volAnnual / Math.sqrt(DAYS_PER_YEAR);
    const shockPrev = prevLog - pathLogUsd(input.points, input.day) - input.prevBridgeLogDeviation - input.prevCrowdLogOffset;
    const next = nextKeyframeDay(input.points, today);
    const stepsLeft = next === null ? null : next - input.day;
    const bridge = bridgeStep(input.prevBridgeLogDeviation, stepsLeft, sigmaDaily, input.z);
    // World shocks fade with a 30-day half-life, and faster when a keyframe is near: the story wins on its dates.
    const keep = stepsLeft === null ? OFFSET_DECAY_PER_DAY : Math.min(OFFSET_DECAY_PER_DAY, (stepsLeft - 1) / stepsLeft);
    const shock = shockPrev * keep + (stepsLeft === 1 ? 0 : input.shockLog);
    // What the players did is theirs: it decays on its own clock and no keyframe erases it.
    const crowd = nextCrowdLogOffset(input.prevCrowdLogOffset, input.hypeLog + input.impactLog);
    const logUsd = prevLog + clamp(pathLogUsd(input.points, today) + bridge + shock + crowd - prevLog, -MAX_DAILY_LOG_RETURN, MAX_DAILY_LOG_RETURN);
    return { usd: clampPrice(dm.exp(logUsd)), bridgeLogDeviation: bridge, crowdLogOffset: crowd, regime: input.regime };
  }
  const regime = nextRegime(input.regime, input.u);
  const spec = REGIMES[regime];
  const sigmaDaily = (input.volAnnual * spec.volMultiple) / Math.sqrt(DAYS_PER_YEAR);
  const drift = (input.driftAnnual + spec.driftAnnual) / DAYS_PER_YEAR - (sigmaDaily * sigmaDaily) / 2;
  const walkPrev = prevLog - input.prevCrowdLogOffset;
  const walk = walkPrev + clamp(drift + sigmaDaily * input.z + input.shockLog + input.hypeLog, -MAX_DAILY_LOG_RETURN, MAX_DAILY_LOG_RETURN);
  const crowd = nextCrowdLogOffset(input.prevCrowdLogOffset, input.impactLog);
  const logUsd = prevLog + clamp(walk + crowd - prevLog, -MAX_DAILY_LOG_RETURN, MAX_DAILY_LOG_RETURN);
  return { usd: clampPrice(dm.exp(logUsd)), bridgeLogDeviation: 0, crowdLogOffset: crowd, regime };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function clampPrice(usd: number): number {
  return Number.isFinite(usd) ? clamp(usd, MIN_BTC_USD, MAX_BTC_USD) : MIN_BTC_USD;
}
