import { describe, expect, it } from 'vitest';
import {
  aiWeight, marketCapUsd, matchingRevenueShare, navUsd, operatingUsd, sentimentMultiple, storyFactor, STORY_DAYS, type MultipleInputs, type NavParts,
} from '../../../shared/economy/valuation.js';

const parts = (p: Partial<NavParts>): NavParts => ({
  cashUsd: 0, btc: 0, btcUsd: 50_000, reservedUsd: 0, heldLeasesUsd: 0, hardwareUsd: 0, operatingHardwareUsd: 0, earningPowerUsd: 0, sitesUsd: 0,
  operatingSitesUsd: 0, contractsPvUsd: 0, debtUsd: 0, ...p,
});
const inputs = (m: Partial<MultipleInputs>): MultipleInputs => ({
  hypeCrypto: 0.5, hypeAi: 0.5, revenueMiningUsdPerDay: 0, revenueAiUsdPerDay: 0, narrative: 'none', narrativeAgeDays: 0, ...m,
});

describe('valuation', () => {
  it('sums NAV from its parts', () => {
    // 10 + 2 × 50,000 + 70 + 30 + 5,000 + 1,000,000 + 2,000 − 300,000
    expect(navUsd(parts({ cashUsd: 10, btc: 2, reservedUsd: 70, heldLeasesUsd: 30, hardwareUsd: 5_000, sitesUsd: 1_000_000, contractsPvUsd: 2_000, debtUsd: 300_000 }))).toBe(807_110);
  });

  it('pays the multiple on the operating business only: cash, BTC, escrow and held leases at par', () => {
    const shell = parts({ cashUsd: 1_000_000, btc: 20, reservedUsd: 500_000, heldLeasesUsd: 200_000 });
    expect(operatingUsd(shell)).toBe(0);
    expect(marketCapUsd(shell, 4)).toBe(navUsd(shell));
    // $600 running + $300 in use + $100 contracts at 1.5×, plus $400 cash at par: 1,400 + 1,000 × 0.5
    const miner = parts({ cashUsd: 400, hardwareUsd: 800, operatingHardwareUsd: 600, sitesUsd: 300, operatingSitesUsd: 300, contractsPvUsd: 100 });
    expect(marketCapUsd(miner, 1.5)).toBe(1_600 + 500);
    // A discount works the same way, and a market cap is never negative.
    expect(marketCapUsd(miner, 0.5)).toBe(1_600 - 500);
    expect(marketCapUsd(parts({ cashUsd: 100, debtUsd: 5_000_000 }), 2)).toBe(0);
  });

  it('files a company under AI by its revenue mix alone', () => {
    expect(aiWeight(100, 300)).toBeCloseTo(0.75, 12);
    expect(aiWeight(0, 0)).toBe(0.5);
  });

  it('maps blended hype to a bounded multiple', () => {
    const m = (hypeCrypto: number, hypeAi: number, mining = 0, ai = 0) =>
      sentimentMultiple(inputs({ hypeCrypto, hypeAi, revenueMiningUsdPerDay: mining, revenueAiUsdPerDay: ai }));
    expect(m(0.5, 0.5)).toBeCloseTo(1, 12);
    expect(m(1, 1)).toBe(4);
    expect(m(0, 0)).toBe(0.3);
    // A pure miner when crypto hype is 0.35: exp(2.8 × −0.15) = 0.657
    expect(m(0.35, 0.9, 100, 0)).toBeCloseTo(Math.exp(-0.42), 12);
    expect(m(0.35, 0.9, 0, 100)).toBeGreaterThan(m(0.35, 0.9, 100, 0));
  });

  it('gives a fresh story a fading premium that turns into a discount when no matching revenue follows', () => {
    const concept = (age: number) => storyFactor(inputs({ narrative: 'ai', revenueMiningUsdPerDay: 100, narrativeAgeDays: age }));
    expect(concept(0)).toBeCloseTo(1.2, 12);
    expect(concept(STORY_DAYS / 2)).toBeCloseTo(1.1, 12);
    // The reckoning: a miner that said AI and never earned from it trades at a 20% discount.
    expect(concept(STORY_DAYS)).toBeCloseTo(0.8, 12);
    expect(concept(STORY_DAYS * 10)).toBeCloseTo(0.8, 12);
  });

  it('earns a narrative its premium in proportion to revenue that matches it', () => {
    const ai = (mining: number, aiRev: number) => inputs({ narrative: 'ai', revenueMiningUsdPerDay: mining, revenueAiUsdPerDay: aiRev, narrativeAgeDays: 400 });
    expect(matchingRevenueShare(ai(25, 75))).toBeCloseTo(0.75, 12);
    expect(storyFactor(ai(0, 100))).toBeCloseTo(1.15, 12);
    expect(storyFactor(ai(70, 30))).toBeCloseTo(1 + 0.15 * 0.3, 12);
    expect(storyFactor(inputs({ narrative: 'none', revenueMiningUsdPerDay: 100 }))).toBe(1);
  });
});
