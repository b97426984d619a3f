import { describe, expect, it } from 'vitest';
import {
  bridgeStep,
  executionPriceUsd,
  hypeLogReturn,
  impactLogReturn,
  keyframePoints,
  nextRegime,
  OFFSET_DECAY_PER_DAY,
  pathLogUsd,
  stepBtcPrice,
  type KeyframePoint,
  type Regime,
} from '../../../shared/economy/btcPrice.js';
import { seedRng } from '../../../shared/rules/rng.js';

const points: KeyframePoint[] = keyframePoints(
  [
    { date: 'd0', usd: 10_000 },
    { date: 'd40', usd: 40_000 },
    { date: 'd100', usd: 20_000 },
  ],
  (d) => Number(d.slice(1)),
);

function runPath(seed: string, days: number, shock: (day: number) => number = () => 0): number[] {
  const rng = seedRng(seed);
  let usd = 10_000;
  let dev = 0;
  let regime: Regime = 'calm';
  const out = [usd];
  for (let day = 0; day < days; day += 1) {
    const r = stepBtcPrice({ mode: 'keyframes', points, prevUsd: usd, day, prevBridgeLogDeviation: dev, regime, volAnnual: 0.6, driftAnnual: 0, shockLog: shock(day), z: rng.normal(), u: rng.next() });
    usd = r.usd;
    dev = r.bridgeLogDeviation;
    regime = r.regime;
    out.push(usd);
  }
  return out;
}

describe('keyframe path', () => {
  it('interpolates log-linearly and holds flat outside the keyframes', () => {
    expect(Math.exp(pathLogUsd(points, 20))).toBeCloseTo(20_000, 6);
    expect(Math.exp(pathLogUsd(points, -5))).toBeCloseTo(10_000, 6);
    expect(Math.exp(pathLogUsd(points, 500))).toBeCloseTo(20_000, 6);
  });

  it('every seed lands on every keyframe', () => {
    for (const seed of ['a', 'b', 'c']) {
      const path = runPath(seed, 100);
      expect(path[40]).toBeCloseTo(40_000, 6);
      expect(path[100]).toBeCloseTo(20_000, 6);
    }
  });

  it('seeds wander differently between keyframes', () => {
    const a = runPath('a', 100);
    const b = runPath('b', 100);
    expect(Math.abs(a[20]! - b[20]!)).toBeGreaterThan(50);
    expect(Math.abs(a[70]! - b[70]!)).toBeGreaterThan(50);
  });

  it('the bridge pins to zero on the step that reaches a keyframe', () => {
    expect(bridgeStep(0.3, 1, 0.03, 2)).toBe(0);
    expect(bridgeStep(0.3, 2, 0, 0)).toBeCloseTo(0.15, 12);
    expect(bridgeStep(0.3, null, 0.03, 1)).toBeCloseTo(0.33, 12);
  });

  it('a jump moves the price at once, fades, and is gone by the next keyframe', () => {
    const base = runPath('j', 100);
    const jumped = runPath('j', 100, (d) => (d === 5 ? 0.2 : 0));
    expect(Math.log(jumped[6]! / base[6]!)).toBeCloseTo(0.2, 9);
    // Day 6 → 7: 33 steps from the keyframe at day 40, so the offset keeps min(0.977, 33/34).
    expect(Math.log(jumped[7]! / base[7]!)).toBeCloseTo(0.2 * Math.min(OFFSET_DECAY_PER_DAY, 33 / 34), 9);
    expect(jumped[40]).toBeCloseTo(40_000, 6);
    // Far from any keyframe (after the last), a shock halves in 30 days.
    const late = runPath('j', 160, (d) => (d === 110 ? 0.2 : 0));
    const lateBase = runPath('j', 160);
    expect(Math.log(late[141]! / lateBase[141]!)).toBeCloseTo(0.1, 9);
  });
});

describe('shocks', () => {
  it('players buying pushes the price up, selling pushes it down, in proportion to depth', () => {
    expect(impactLogReturn(40e6, 4e9)).toBeCloseTo(0.01, 12);
    expect(impactLogReturn(-40e6, 4e9)).toBeCloseTo(-0.01, 12);
    expect(impactLogReturn(1e15, 4e9)).toBe(0.5);
    const up = stepBtcPrice({ mode: 'free', points: [], prevUsd: 50_000, day: 0, prevBridgeLogDeviation: 0, regime: 'calm', volAnnual: 0.5, driftAnnual: 0, shockLog: impactLogReturn(1e9, 4e9), z: 0, u: 0.99 });
    const down = stepBtcPrice({ mode: 'free', points: [], prevUsd: 50_000, day: 0, prevBridgeLogDeviation: 0, regime: 'calm', volAnnual: 0.5, driftAnnual: 0, shockLog: impactLogReturn(-1e9, 4e9), z: 0, u: 0.99 });
    expect(up.usd).toBeGreaterThan(50_000);
    expect(down.usd).toBeLessThan(50_000);
  });

  it('a buyer pays above and a seller gets below the quote, by half the impact', () => {
    expect(executionPriceUsd(100_000, 'buy', 80e6, 4e9)).toBeCloseTo(100_000 * Math.exp(0.01), 6);
    expect(executionPriceUsd(100_000, 'sell', 80e6, 4e9)).toBeCloseTo(100_000 * Math.exp(-0.01), 6);
  });

  it('hype above the scenario baseline adds drift, below subtracts', () => {
    expect(hypeLogReturn(0.6, 0.4)).toBeGreaterThan(0);
    expect(hypeLogReturn(0.2, 0.4)).toBeLessThan(0);
    expect(hypeLogReturn(0.4, 0.4)).toBe(0);
  });
});

describe('free mode', () => {
  it('switches regimes rarely and stays positive and finite through crashes', () => {
    expect(nextRegime('bull', 0.5)).toBe('bull');
    expect(nextRegime('bull', 0)).not.toBe('bull');
    const rng = seedRng('free');
    let usd = 30_000;
    let regime: Regime = 'calm';
    for (let day = 0; day < 3650; day += 1) {
      const r = stepBtcPrice({ mode: 'free', points: [], prevUsd: usd, day, prevBridgeLogDeviation: 0, regime, volAnnual: 0.8, driftAnnual: 0, shockLog: day % 100 === 0 ? -2 : 0, z: rng.normal(), u: rng.next() });
      usd = r.usd;
      regime = r.regime;
      expect(usd).toBeGreaterThan(0);
      expect(Number.isFinite(usd)).toBe(true);
    }
  });
});
