import { describe, expect, it } from 'vitest';
import {
  borrowingRoomCents,
  buybackShares,
  dailyInterestCents,
  currentWindow,
  equityIssue,
  issuableShares,
  retirableShares,
  isMarginCallTriggered,
  loanRatePct,
  loanToValue,
  minCollateralSats,
  minSharesOutstanding,
  sharePriceUsd,
} from '../../../shared/economy/finance.js';

describe('loan pricing', () => {
  it('adds a spread for leverage and cold sentiment to the base rate', () => {
    // 4.5 base + 2 base spread + 8 × 0.5 leverage + 4 × (1 − 0.5) sentiment = 12.5
    expect(loanRatePct({ baseRatePct: 4.5, leverage: 0.5, sectorHype: 0.5, collateralCoverage: 0 })).toBeCloseTo(12.5, 12);
    // Full collateral halves the 8-point spread: 4.5 + 4 = 8.5
    expect(loanRatePct({ baseRatePct: 4.5, leverage: 0.5, sectorHype: 0.5, collateralCoverage: 1.6 })).toBeCloseTo(8.5, 12);
    // Hot sector, no debt: 4.5 + 2 = 6.5
    expect(loanRatePct({ baseRatePct: 4.5, leverage: 0, sectorHype: 1, collateralCoverage: 0 })).toBeCloseTo(6.5, 12);
  });

  it('charges more as leverage rises and less as hype rises', () => {
    const at = (leverage: number, sectorHype: number) => loanRatePct({ baseRatePct: 3, leverage, sectorHype, collateralCoverage: 0 });
    expect(at(0.6, 0.5)).toBeGreaterThan(at(0.2, 0.5));
    expect(at(0.3, 0.9)).toBeLessThan(at(0.3, 0.1));
  });
});

describe('interest', () => {
  it('accrues simple daily interest in whole cents', () => {
    // $1,000,000 at 7.3%: 1,000,000 × 0.073 / 365 = $200.00 a day
    expect(dailyInterestCents(100_000_000, 7.3)).toBe(20_000);
    // $12,345.67 at 5%: $1.6912 → 169 cents
    expect(dailyInterestCents(1_234_567, 5)).toBe(169);
    expect(dailyInterestCents(0, 12)).toBe(0);
  });

  it('totals N days of interest as N × the daily amount on an unchanged principal', () => {
    let paid = 0;
    for (let day = 0; day < 30; day++) paid += dailyInterestCents(100_000_000, 7.3);
    expect(paid).toBe(600_000); // $6,000 over 30 days
  });
});

describe('loan-to-value and margin calls', () => {
  it('divides principal by collateral value', () => {
    // $60,000 against 2 BTC at $50,000
    expect(loanToValue(6_000_000, 200_000_000, 50_000)).toBeCloseTo(0.6, 12);
    expect(loanToValue(6_000_000, 0, 50_000)).toBe(Infinity);
    expect(isMarginCallTriggered(6_000_000, 200_000_000, 50_000, 0.75)).toBe(false);
    // At $40,000 the same loan is at 75% LTV: called
    expect(isMarginCallTriggered(6_000_000, 200_000_000, 40_000, 0.75)).toBe(true);
    // Unsecured loans are never margin-called
    expect(isMarginCallTriggered(6_000_000, 0, 40_000, 0.75)).toBe(false);
  });

  it('asks for just enough collateral to open below the call level', () => {
    const need = minCollateralSats(6_000_000, 50_000, 0.75);
    // 1.6 BTC is exactly 75%; the collateral must be worth at least one cent more than $80,000
    expect(need).toBeGreaterThan(160_000_000);
    expect(need).toBeLessThanOrEqual(160_000_021);
    expect(isMarginCallTriggered(6_000_000, need, 50_000, 0.75)).toBe(false);
    expect(isMarginCallTriggered(6_000_000, need - 1, 50_000, 0.75)).toBe(true);
  });

  it('caps borrowing at max leverage × NAV less existing debt', () => {
    expect(borrowingRoomCents(100_000_000, 2_000_000_000, 0.6)).toBe(4_000_000_000);
    expect(borrowingRoomCents(-5, 0, 0.6)).toBe(0);
    expect(borrowingRoomCents(10, 100_000, 0.6)).toBe(0);
  });
});

describe('equity', () => {
  it('issues shares at the market price less the discount and keeps the proceeds less the fee', () => {
    // $100M cap, 10M shares → $10/share, issued at 8% off = $9.20; $1M buys ⌈108,695.65⌉ shares; 4% fee = $40,000
    expect(equityIssue(100_000_000, 100_000_000, 10_000_000, 4)).toEqual({ newShares: 108_696, netCents: 96_000_000, feeCents: 4_000_000, priceUsd: 9.2 });
    // Rounds shares up: $920 at $9.20 is exactly 100 shares; $921 buys 101 (never less than the discount)
    expect(equityIssue(92_000, 100_000_000, 10_000_000, 0)?.newShares).toBe(100);
    expect(equityIssue(92_100, 100_000_000, 10_000_000, 0)?.newShares).toBe(101);
    expect(equityIssue(100_000, 0, 10_000_000, 4)).toBeNull();
  });

  it('buys back whole shares at the market price plus the premium and pays only for those', () => {
    // $10/share + 3% = $10.30: $1,035 buys 100 shares for $1,030
    expect(buybackShares(103_500, 100_000_000, 10_000_000)).toEqual({ sharesRetired: 100, costCents: 103_000, priceUsd: 10.3 });
    expect(buybackShares(1_029, 100_000_000, 10_000_000)).toBeNull();
    expect(sharePriceUsd(-1, 10)).toBe(0);
    expect(minSharesOutstanding(10_000_000)).toBe(1_000_000);
  });

  it('bounds issuance and buybacks per 30-day window and opens a fresh window after it', () => {
    const w = { issuanceWindowStartDay: 10, issuanceWindowBaseShares: 10_000_000, sharesIssuedInWindow: 1_500_000, sharesRetiredInWindow: 400_000 };
    expect(issuableShares(w)).toBe(500_000);
    expect(retirableShares(w)).toBe(600_000);
    expect(currentWindow(w, 11_100_000, 39)).toBe(w);
    expect(currentWindow(w, 11_100_000, 40)).toEqual({ issuanceWindowStartDay: 40, issuanceWindowBaseShares: 11_100_000, sharesIssuedInWindow: 0, sharesRetiredInWindow: 0 });
  });
});
