import { describe, expect, it } from 'vitest';
import {
  bridgeStep,
  CROWD_DECAY_PER_DAY,
  executionPriceUsd,
  jitterKeyframes,
  MAX_CROWD_LOG_OFFSET,
  nextCrowdLogOffset,
  hypeLogReturn,
  impactLogReturn,
  keyframePoints,
  nextRegime,
  OFFSET_DECAY_PER_DAY,
  pathLogUsd,
  stepBtcPrice,
  warpDay,
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

/** A keyframe path run; `shock` feeds world jumps, `impact` the players' net flow (both as log-returns). */
function runPath(seed: string, days: number, shock: (day: number) => number = () => 0, impact: (day: number) => number = () => 0): number[] {
  const rng = seedRng(seed);
  let usd = 10_000;
  let dev = 0;
  let crowd = 0;
  let regime: Regime = 'calm';
  const out = [usd];
  for (let day = 0; day < days; day += 1) {
    const r = stepBtcPrice({
      mode: 'keyframes', points, prevUsd: usd, day, prevBridgeLogDeviation: dev, prevCrowdLogOffset: crowd, regime, volAnnual: 0.6, driftAnnual: 0,
      shockLog: shock(day), hypeLog: 0, impactLog: impact(day), z: rng.normal(), u: rng.next(),
    });
    usd = r.usd;
    dev = r.bridgeLogDeviation;
    crowd = r.crowdLogOffset;
    regime = r.regime;
    out.push(usd);
  }
  return out;
}

function runFree(seed: string, days: number, impact: (day: number) => number = () => 0): number[] {
  const rng = seedRng(seed);
  let usd = 50_000;
  let crowd = 0;
  let regime: Regime = 'calm';
  const out = [usd];
  for (let day = 0; day < days; day += 1) {
    const r = stepBtcPrice({
      mode: 'free', points: [], prevUsd: usd, day, prevBridgeLogDeviation: 0, prevCrowdLogOffset: crowd, regime, volAnnual: 0.55, driftAnnual: 0.1,
      shockLog: 0, hypeLog: 0, impactLog: impact(day), z: rng.normal(), u: rng.next(),
    });
    usd = r.usd;
    crowd = r.crowdLogOffset;
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

  it('without players, every seed lands on every keyframe it is given', () => {
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

describe('seed keyframes (history variants)', () => {
  const published: KeyframePoint[] = [
    { day: 0, logUsd: Math.log(60_000) },
    { day: 13, logUsd: Math.log(73_000) },
    { day: 18, logUsd: Math.log(62_000) },
    { day: 38, logUsd: Math.log(71_600) },
    { day: 40, logUsd: Math.log(70_000) },
    { day: 120, logUsd: Math.log(61_000) },
  ];
  const draw = (seed: string) => {
    const rng = seedRng(seed);
    return jitterKeyframes(published, { days: 12, levelPct: 10 }, () => rng.next());
  };

  it('keeps the start, and moves every later turning point within its bounds', () => {
    for (let i = 0; i < 50; i += 1) {
      const path = draw(`b${i}`);
      expect(path[0]).toEqual({ day: 0, usd: 60_000 });
      path.slice(1).forEach((k, j) => {
        const p = published[j + 1]!;
        expect(Math.abs(Math.log(k.usd) - p.logUsd)).toBeLessThanOrEqual(Math.log(1.1) + 1e-4);
        expect(k.day).toBeLessThanOrEqual(p.day + 12);
        expect(k.day).toBeGreaterThanOrEqual(p.day - 12);
      });
    }
  });

  it('keeps the order of the story: each turning point at least half its gap after the one before', () => {
    for (let i = 0; i < 50; i += 1) {
      const path = draw(`o${i}`);
      for (let j = 1; j < path.length; j += 1) {
        const gap = published[j]!.day - published[j - 1]!.day;
        expect(path[j]!.day - path[j - 1]!.day).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(gap / 2)));
      }
    }
  });

  it('different seeds draw different dates and levels; the same seed draws the same', () => {
    expect(draw('x')).toEqual(draw('x'));
    const paths = ['a', 'b', 'c', 'd', 'e', 'f'].map(draw);
    expect(new Set(paths.map((p) => p[1]!.day)).size).toBeGreaterThan(2);
    expect(new Set(paths.map((p) => p[1]!.usd)).size).toBe(paths.length);
  });

  it('zero jitter pins the published path and draws nothing', () => {
    let draws = 0;
    const path = jitterKeyframes(published, { days: 0, levelPct: 0 }, () => { draws += 1; return 0.5; });
    expect(path.map((k) => k.day)).toEqual(published.map((p) => p.day));
    expect(path.map((k) => k.usd)).toEqual([60_000, 73_000, 62_000, 71_600, 70_000, 61_000]);
    expect(jitterKeyframes(published, undefined, () => 0.5)).toEqual(path);
    expect(draws).toBe(0);
  });

  it('a published date moves with the keyframes around it', () => {
    const seed = [
      { day: 0, usd: 1 }, { day: 20, usd: 1 }, { day: 24, usd: 1 }, { day: 38, usd: 1 }, { day: 41, usd: 1 }, { day: 110, usd: 1 },
    ];
    expect(warpDay(published, seed, 13)).toBe(20);
    expect(warpDay(published, seed, 28)).toBe(31); // shift 6 at day 18, 0 at day 38: halfway, 3
    expect(warpDay(published, seed, 0)).toBe(0);
    expect(warpDay(published, seed, 200)).toBe(190);
  });
});

describe('players\' mark on the price', () => {
  it('buying pushes the price up, selling pushes it down, in proportion to depth', () => {
    expect(impactLogReturn(40e6, 4e9)).toBeCloseTo(0.01, 12);
    expect(impactLogReturn(-40e6, 4e9)).toBeCloseTo(-0.01, 12);
    expect(impactLogReturn(1e15, 4e9)).toBe(0.5);
    const base = runFree('m', 1);
    const up = runFree('m', 1, () => impactLogReturn(1e9, 4e9));
    const down = runFree('m', 1, () => impactLogReturn(-1e9, 4e9));
    expect(Math.log(up[1]! / base[1]!)).toBeCloseTo(0.25, 9);
    expect(Math.log(down[1]! / base[1]!)).toBeCloseTo(-0.25, 9);
  });

  it('on a keyframe path a buy is not erased by the next keyframe: it decays with a 45-day half-life', () => {
    const base = runPath('k', 100);
    const bought = runPath('k', 100, () => 0, (d) => (d === 5 ? 0.1 : 0));
    expect(Math.log(bought[6]! / base[6]!)).toBeCloseTo(0.1, 9);
    // Day 40 is a keyframe: the world's path lands on it, the players' mark stays on top.
    expect(Math.log(bought[40]! / base[40]!)).toBeCloseTo(0.1 * CROWD_DECAY_PER_DAY ** 34, 9);
    expect(Math.log(bought[51]! / base[51]!)).toBeCloseTo(0.05, 9);
    expect(bought[40]! / 40_000).toBeGreaterThan(1.04);
  });

  it('in a free market the same buy decays on the same clock', () => {
    const base = runFree('f', 120);
    const bought = runFree('f', 120, (d) => (d === 0 ? 0.2 : 0));
    expect(Math.log(bought[1]! / base[1]!)).toBeCloseTo(0.2, 9);
    expect(Math.log(bought[46]! / base[46]!)).toBeCloseTo(0.1, 9);
    expect(Math.log(bought[91]! / base[91]!)).toBeCloseTo(0.05, 9);
  });

  it('the mark is bounded, so no crowd can take the price to the clamp', () => {
    let crowd = 0;
    for (let d = 0; d < 1000; d += 1) crowd = nextCrowdLogOffset(crowd, 0.5);
    expect(crowd).toBe(MAX_CROWD_LOG_OFFSET);
    expect(nextCrowdLogOffset(-MAX_CROWD_LOG_OFFSET, -0.5)).toBe(-MAX_CROWD_LOG_OFFSET);
  });

  it('world jumps still fade by the next keyframe; only the players\' mark outlives it', () => {
    const base = runPath('w', 100);
    const jumped = runPath('w', 100, (d) => (d === 5 ? 0.2 : 0));
    expect(jumped[40]).toBeCloseTo(base[40]!, 6);
  });

  it('a buyer pays above and a seller gets below the quote, by half the impact', () => {
    expect(executionPriceUsd(100_000, 'buy', 80e6, 4e9)).toBeCloseTo(100_000 * Math.exp(0.01), 6);
    expect(executionPriceUsd(100_000, 'sell', 80e6, 4e9)).toBeCloseTo(100_000 * Math.exp(-0.01), 6);
  });

  it('splitting an order does not beat the impact: the day\'s earlier flow has moved the book', () => {
    const depth = 4e9;
    const whole = executionPriceUsd(100_000, 'buy', 400e6, depth);
    let flow = 0;
    let paid = 0;
    for (let i = 0; i < 100; i += 1) {
      const px = executionPriceUsd(100_000, 'buy', 4e6, depth, flow);
      paid += 4e6;
      flow += 4e6;
      expect(px).toBeGreaterThan(100_000);
      if (i === 99) expect(px).toBeGreaterThan(whole);
    }
    expect(paid).toBe(400e6);
    // Selling is the other side of the book: it starts from the quote, so the round trip pays impact twice.
    expect(executionPriceUsd(100_000, 'sell', 400e6, depth, 0)).toBeCloseTo(100_000 * Math.exp(-0.05), 6);
  });

  it('hype above the scenario baseline pushes up, below pushes down', () => {
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
      const r = stepBtcPrice({
        mode: 'free', points: [], prevUsd: usd, day, prevBridgeLogDeviation: 0, prevCrowdLogOffset: 0, regime, volAnnual: 0.8, driftAnnual: 0,
        shockLog: day % 100 === 0 ? -2 : 0, hypeLog: 0, impactLog: 0, z: rng.normal(), u: rng.next(),
      });
      usd = r.usd;
      regime = r.regime;
      expect(usd).toBeGreaterThan(0);
      expect(Number.isFinite(usd)).toBe(true);
    }
  });
});
