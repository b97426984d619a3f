import { describe, expect, it } from 'vitest';
import { aiWeight, marketCapUsd, navUsd, sentimentMultiple } from '../../../shared/economy/valuation.js';

describe('valuation', () => {
  it('sums NAV from its parts', () => {
    // 10 + 2 × 50,000 + 5,000 + 1,000,000 + 2,000 − 300,000
    expect(navUsd({ cashUsd: 10, btc: 2, btcUsd: 50_000, hardwareUsd: 5_000, sitesUsd: 1_000_000, contractsPvUsd: 2_000, debtUsd: 300_000 })).toBe(807_010);
  });

  it('files a company under AI by revenue mix, pulled toward its narrative', () => {
    expect(aiWeight(100, 300, 'none')).toBeCloseTo(0.75, 12);
    expect(aiWeight(100, 300, 'ai')).toBeCloseTo(0.8375, 12);
    expect(aiWeight(100, 300, 'crypto')).toBeCloseTo(0.4875, 12);
    expect(aiWeight(0, 0, 'none')).toBe(0.5);
  });

  it('maps blended hype to a bounded multiple', () => {
    const m = (hypeCrypto: number, hypeAi: number, mining = 0, ai = 0) =>
      sentimentMultiple({ hypeCrypto, hypeAi, revenueMiningUsdPerDay: mining, revenueAiUsdPerDay: ai, narrative: 'none' });
    expect(m(0.5, 0.5)).toBeCloseTo(1, 12);
    expect(m(1, 1)).toBe(4);
    expect(m(0, 0)).toBe(0.3);
    // A pure miner when crypto hype is 0.35: exp(2.8 × −0.15) = 0.657
    expect(m(0.35, 0.9, 100, 0)).toBeCloseTo(Math.exp(-0.42), 12);
    // The same hype favours an AI company
    expect(m(0.35, 0.9, 0, 100)).toBeGreaterThan(m(0.35, 0.9, 100, 0));
  });

  it('never gives a negative market cap', () => {
    expect(marketCapUsd(-5_000_000, 2)).toBe(0);
    expect(marketCapUsd(1_000, 1.5)).toBe(1_500);
    // Cash counts at par: $600 of business at 1.5× plus $400 of cash.
    expect(marketCapUsd(1_000, 1.5, 400)).toBe(1_300);
    // Debt beyond the business: the market pays book value, never below zero.
    expect(marketCapUsd(300, 2, 500)).toBe(300);
  });
});
