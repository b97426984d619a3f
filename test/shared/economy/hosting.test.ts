import { describe, expect, it } from 'vitest';
import {
  buyoutPriceUsd, hostingDayCents, hostingUsdPerDay, hostingUsdPerMwYear, miningUsdPerMwYear, presentValueUsd,
} from '../../../shared/economy/hosting.js';

describe('hosting', () => {
  it('turns $/kW-month into dollars per day and per MW-year', () => {
    expect(hostingUsdPerMwYear(125)).toBe(1_500_000);
    expect(hostingUsdPerDay(10, 125)).toBeCloseTo(15_000_000 / 365, 9);
    expect(hostingDayCents(1, 125)).toBe(410_959); // $4,109.589…
  });

  it('prices S21 mining per MW as DESIGN §4 does (≈ $1.0M/MW-year at $50/PH/day)', () => {
    // 1 MW ÷ 17.5 J/TH = 57,142.9 TH/s = 57.14 PH/s × $50 × 365 = $1.043M.
    expect(miningUsdPerMwYear(50, 17.5)).toBeCloseTo(1_042_857.14, 1);
    expect(hostingUsdPerMwYear(125) / miningUsdPerMwYear(50, 17.5)).toBeCloseTo(1.438, 3);
  });

  it('prices a buy-out above market, never below', () => {
    expect(buyoutPriceUsd(30_000_000, 1.5)).toBe(45_000_000);
    expect(buyoutPriceUsd(30_000_000, 0.5)).toBe(30_000_000);
  });

  it('discounts a flat stream at its mid-date', () => {
    // $100/day for 730 days at 10%: 73,000 / (1 + 0.1 × 1) = 66,363.63…
    expect(presentValueUsd(100, 730, 10)).toBeCloseTo(66_363.636, 2);
    expect(presentValueUsd(100, 0, 10)).toBe(0);
    expect(presentValueUsd(100, 10, 0)).toBe(1000);
  });
});
