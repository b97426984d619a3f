import { describe, expect, it } from 'vitest';
import {
  ASIC_FLOOR_USD_PER_TH,
  asicIndexUsdPerTh,
  emaStep,
  gpuTargetPriceUsd,
  GPU_TARGET_MIN_SHARE,
  hashpriceForIndex,
  lagHashprice,
  leadTimeDays,
  resalePriceUsd,
  stickyPriceStep,
} from '../../../shared/economy/hardware.js';

describe('ASIC index', () => {
  it('prices the lagged hashprice at the payback multiple, with a floor', () => {
    expect(asicIndexUsdPerTh(80, 0.2)).toBeCloseTo(16, 12); // Dec 2022: $16/TH
    expect(asicIndexUsdPerTh(5, 0.2)).toBe(ASIC_FLOOR_USD_PER_TH);
    expect(hashpriceForIndex(16, 0.2)).toBeCloseTo(80, 12);
  });

  it('smooths in two EMA stages of half the lag each', () => {
    expect(emaStep(100, 200, 10)).toBeCloseTo(110, 12);
    const r = lagHashprice(100, 100, 200, 20); // α = 1/10 per stage
    expect(r.stage1).toBeCloseTo(110, 12);
    expect(r.stage2).toBeCloseTo(101, 12);
  });

  it('follows a step in hashprice with a lag: half-way after roughly the lag', () => {
    let s = { stage1: 50, stage2: 50 };
    const path: number[] = [];
    for (let d = 0; d < 400; d++) {
      s = lagHashprice(s.stage1, s.stage2, 100, 120);
      path.push(s.stage2);
    }
    const halfDay = path.findIndex((v) => v >= 75);
    expect(halfDay).toBeGreaterThan(60);
    expect(halfDay).toBeLessThan(140);
    expect(path[399]).toBeGreaterThan(99);
  });

  it('makes the index lag hashprice: cross-correlation peaks at a positive lag', () => {
    const hp: number[] = [];
    const idx: number[] = [];
    let s = { stage1: 80, stage2: 80 };
    for (let d = 0; d < 1000; d++) {
      const h = 80 + 30 * Math.sin((2 * Math.PI * d) / 365);
      s = lagHashprice(s.stage1, s.stage2, h, 120);
      hp.push(h);
      idx.push(asicIndexUsdPerTh(s.stage2, 0.2));
    }
    const corr = (lag: number) => {
      const xs = hp.slice(200, 800);
      const ys = idx.slice(200 + lag, 800 + lag);
      const mx = xs.reduce((a, b) => a + b) / xs.length;
      const my = ys.reduce((a, b) => a + b) / ys.length;
      let n = 0;
      let dx = 0;
      let dy = 0;
      for (let i = 0; i < xs.length; i++) {
        n += (xs[i]! - mx) * (ys[i]! - my);
        dx += (xs[i]! - mx) ** 2;
        dy += (ys[i]! - my) ** 2;
      }
      return n / Math.sqrt(dx * dy);
    };
    let best = 0;
    for (let lag = 0; lag <= 180; lag++) if (corr(lag) > corr(best)) best = lag;
    expect(best).toBeGreaterThanOrEqual(30);
    expect(best).toBeLessThanOrEqual(180);
  });
});

describe('GPU prices', () => {
  it('targets base × (rent / ref)^0.35 within [0.72, 1.5] × base', () => {
    expect(gpuTargetPriceUsd(30_000, 4, 4)).toBeCloseTo(30_000, 6);
    expect(gpuTargetPriceUsd(30_000, 8, 4)).toBeCloseTo(30_000 * 2 ** 0.35, 6);
    expect(gpuTargetPriceUsd(30_000, 0.5, 4)).toBeCloseTo(30_000 * GPU_TARGET_MIN_SHARE, 6);
    expect(gpuTargetPriceUsd(30_000, 1000, 4)).toBeCloseTo(45_000, 6);
    expect(gpuTargetPriceUsd(30_000, 0, 4)).toBeCloseTo(30_000 * GPU_TARGET_MIN_SHARE, 6);
  });

  it('is sticky: closes only a small share of the gap per day', () => {
    expect(stickyPriceStep(30_000, 20_000, 0.01)).toBeCloseTo(29_900, 9);
    let p = 30_000;
    for (let d = 0; d < 30; d++) p = stickyPriceStep(p, 20_000);
    expect(p).toBeGreaterThan(28_000); // a month of collapsed rent barely moves the card price
  });

  it('keeps an H100 above $20k through two years of rent collapsing from $8 to $1.2/h', () => {
    let p = 30_000;
    for (let d = 0; d < 730; d++) {
      const rent = 8 - (6.8 * d) / 729;
      p = stickyPriceStep(p, gpuTargetPriceUsd(30_000, rent, 4));
      expect(p).toBeGreaterThan(20_000);
    }
  });
});

describe('lead times and resale', () => {
  it('stretch with heat^0.7, clamped to [0.5, 2.5]', () => {
    expect(leadTimeDays(120, 1)).toBe(120);
    expect(leadTimeDays(120, 2)).toBe(Math.round(120 * 2 ** 0.7));
    expect(leadTimeDays(120, 100)).toBe(Math.round(120 * 2.5 ** 0.7));
    expect(leadTimeDays(120, 0)).toBe(Math.round(120 * 0.5 ** 0.7));
    expect(leadTimeDays(120, Number.NaN)).toBe(120);
  });

  it('sells used units at the new price less the haircut', () => {
    expect(resalePriceUsd(10_000, 30)).toBeCloseTo(7_000, 9);
    expect(resalePriceUsd(10_000, 150)).toBe(0);
  });
});
