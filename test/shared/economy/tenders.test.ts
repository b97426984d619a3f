import { describe, expect, it } from 'vitest';
import { awardTender, gpuDayCents, shortfallPenaltyCents, tenderTerms } from '../../../shared/economy/tenders.js';

const bids = [
  { playerId: 'a', priceUsdPerGpuHour: 2.4, seq: 1 },
  { playerId: 'b', priceUsdPerGpuHour: 2.1, seq: 3 },
  { playerId: 'c', priceUsdPerGpuHour: 2.1, seq: 2 },
  { playerId: 'd', priceUsdPerGpuHour: 3.5, seq: 0 },
];

describe('tenders', () => {
  it('awards the lowest bid, earlier bid first on a tie', () => {
    expect(awardTender(bids, 3, () => true)).toEqual({ playerId: 'c', priceUsdPerGpuHour: 2.1, seq: 2 });
  });

  it('passes over bidders that cannot supply and bids above the reserve', () => {
    expect(awardTender(bids, 3, (p) => p !== 'c' && p !== 'b')?.playerId).toBe('a');
    expect(awardTender(bids, 2.0, () => true)).toBeNull();
    expect(awardTender(bids, 3, (p) => p === 'd')).toBeNull();
    expect(awardTender([], 3, () => true)).toBeNull();
  });

  it('pays a day of GPUs and charges 1.5× for a shortfall', () => {
    // 100 GPUs × $2.50 × 24 h = $6,000.
    expect(gpuDayCents(100, 2.5)).toBe(600_000);
    // 10 GPUs short × $2.50 × 24 × 1.5 = $900.
    expect(shortfallPenaltyCents(10, 2.5)).toBe(90_000);
    expect(shortfallPenaltyCents(-3, 2.5)).toBe(0);
  });

  it('draws terms from uniforms: sizes from 16 to 4,096 GPUs in whole servers, reserve around spot', () => {
    const small = tenderTerms(4, [0, 0, 0, 0, 0]);
    expect(small).toEqual({ gpus: 16, days: 30, openDays: 5, leadDays: 0, reservePriceUsdPerGpuHour: Math.round(4 * (1.3 - 0.3 * 30 / 365) * 0.9 * 100) / 100 });
    const big = tenderTerms(4, [0.999999, 0.99, 0.99, 0.99, 0.5]);
    expect(big.gpus).toBe(4096);
    expect(big.days).toBe(365);
    // A year's term reserves at spot × (1.3 − 0.3) × 1.0.
    expect(big.reservePriceUsdPerGpuHour).toBe(4);
    expect(big.openDays).toBe(14);
    expect(big.leadDays).toBe(20);
    const mid = tenderTerms(2, [0.5, 0.3, 0.5, 0.5, 0.5]);
    expect(mid.gpus % 8).toBe(0);
    expect(mid.gpus).toBe(256); // √(16·4096)
    expect(mid.days).toBe(90);
  });
});
