import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  contractUsdPerMwh,
  dailyPowerCostUsd,
  decaySpike,
  demandResponseCreditUsd,
  energiseAfterDays,
  gridQueueDays,
  nextPowerLogNoise,
  npcCohortMw,
  powerNoiseVariance,
  ppaLockUsdPerMwh,
  regionPowerUsdPerMwh,
  shouldCurtail,
} from '../../../shared/economy/power.js';

describe('regional power price', () => {
  it('is base + slope × load GW with no noise and no spike (variance correction aside)', () => {
    // 32 + 1.5 × 2 GW = 35; vol 0 ⇒ no correction
    expect(regionPowerUsdPerMwh({ baseUsdPerMwh: 32, slopeUsdPerMwhPerGw: 1.5, loadMw: 2000, logNoise: 0, volDaily: 0, spikeMultiplier: 1 })).toBeCloseTo(35, 10);
  });

  it('multiplies by the spike and by exp(noise − variance/2)', () => {
    const v = powerNoiseVariance(0.12); // 0.0144 / (1 − 0.64) = 0.04
    expect(v).toBeCloseTo(0.04, 12);
    const p = regionPowerUsdPerMwh({ baseUsdPerMwh: 40, slopeUsdPerMwhPerGw: 0, loadMw: 0, logNoise: 0.3, volDaily: 0.12, spikeMultiplier: 3 });
    expect(p).toBeCloseTo(40 * Math.exp(0.3 - 0.02) * 3, 9);
  });

  it('noise mean-reverts: (1 − 0.2) of yesterday plus σz', () => {
    expect(nextPowerLogNoise(0.5, 0.1, 2)).toBeCloseTo(0.4 + 0.2, 12);
    expect(nextPowerLogNoise(0.5, 0.1, 0)).toBeCloseTo(0.4, 12);
  });

  it('keeps the long-run mean price at the fundamental', () => {
    // Deterministic quasi-normal draws: the mean of exp(x − v/2) over the stationary law is 1.
    let x = 0;
    let sum = 0;
    let seed = 12345;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const u1 = (seed + 1) / 2 ** 31;
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const u2 = seed / 2 ** 31;
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      x = nextPowerLogNoise(x, 0.12, z);
      sum += regionPowerUsdPerMwh({ baseUsdPerMwh: 30, slopeUsdPerMwhPerGw: 0, loadMw: 0, logNoise: x, volDaily: 0.12, spikeMultiplier: 1 });
    }
    expect(sum / n).toBeGreaterThan(29.4);
    expect(sum / n).toBeLessThan(30.6);
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (noise, spike) => {
        return regionPowerUsdPerMwh({ baseUsdPerMwh: 30, slopeUsdPerMwhPerGw: 2, loadMw: 500, logNoise: noise, volDaily: 0.1, spikeMultiplier: spike }) >= 0;
      }),
    );
  });
});

describe('spikes', () => {
  it('fade linearly to 1 over the days left', () => {
    // ×3 for 4 days: 1 + 2 × 3/4 = 2.5 tomorrow, then 2, 1.5, then back to 1.
    let s = { multiplier: 3, daysLeft: 4 };
    s = decaySpike(s.multiplier, s.daysLeft);
    expect(s).toEqual({ multiplier: 2.5, daysLeft: 3 });
    s = decaySpike(s.multiplier, s.daysLeft);
    expect(s.multiplier).toBeCloseTo(2, 12);
    s = decaySpike(s.multiplier, s.daysLeft);
    expect(s.multiplier).toBeCloseTo(1.5, 12);
    expect(decaySpike(s.multiplier, s.daysLeft)).toEqual({ multiplier: 1, daysLeft: 0 });
    expect(decaySpike(1, 0)).toEqual({ multiplier: 1, daysLeft: 0 });
  });
});

describe('grid queue and construction', () => {
  it('waits base days plus per-100-MW days for the MW ahead and requested', () => {
    expect(gridQueueDays(240, 30, 0)).toBe(240);
    expect(gridQueueDays(240, 30, 50)).toBe(255);
    expect(gridQueueDays(1460, 365, 200)).toBe(2190); // Northern Virginia, 200 MW: six years
  });

  it('energises after build days plus queue days, at least a day', () => {
    expect(energiseAfterDays(180, 255)).toBe(435);
    expect(energiseAfterDays(0, 0)).toBe(1);
  });
});

describe('contracts and demand response', () => {
  it('locks a PPA at the index plus 8%', () => {
    expect(ppaLockUsdPerMwh(50)).toBeCloseTo(54, 12);
    expect(ppaLockUsdPerMwh(50, 20)).toBeCloseTo(60, 12);
  });

  it('charges the PPA price on a PPA and the index otherwise', () => {
    expect(contractUsdPerMwh('ppa', 90, 35)).toBe(35);
    expect(contractUsdPerMwh('index', 90, 35)).toBe(90);
  });

  it('bills MW × 24 h × price and credits MW × 24 h × credit', () => {
    expect(dailyPowerCostUsd(10, 30)).toBe(7200);
    expect(demandResponseCreditUsd(10, 120)).toBe(28_800);
    expect(dailyPowerCostUsd(-1, 30)).toBe(0);
  });

  it('curtails only index sites with a threshold the price exceeds', () => {
    expect(shouldCurtail('index', 100, 80)).toBe(true);
    expect(shouldCurtail('index', 80, 80)).toBe(false);
    expect(shouldCurtail('index', 1000, 0)).toBe(false);
    expect(shouldCurtail('ppa', 1000, 80)).toBe(false);
  });

  it('sizes an NPC cohort: 20 EH/s at 30 J/TH is 600 MW', () => {
    expect(npcCohortMw(20, 30)).toBe(600);
  });
});
