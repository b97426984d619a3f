import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_LEASE_MAKERS, inBand, leasePriceBand, makerInventoryLimitH100, makerQuotes, postOnly, type MakerQuote,
} from '../../../shared/economy/leaseMakers.js';

const side = (qs: MakerQuote[], s: 'bid' | 'ask') => qs.filter((q) => q.side === s);

describe('the price band', () => {
  it('is ±20 % of spot, rounded inward to whole cents', () => {
    expect(leasePriceBand(4.9)).toEqual({ minUsdPerGpuHour: 3.92, maxUsdPerGpuHour: 5.88 });
    // 7.2 × 0.8 = 5.76 exactly; 2.333 × 0.8 = 1.8664 → 1.87 (inward), × 1.2 = 2.7996 → 2.79.
    expect(leasePriceBand(7.2)).toEqual({ minUsdPerGpuHour: 5.76, maxUsdPerGpuHour: 8.64 });
    expect(leasePriceBand(2.333)).toEqual({ minUsdPerGpuHour: 1.87, maxUsdPerGpuHour: 2.79 });
    const band = leasePriceBand(4.9);
    expect([3.91, 3.92, 5.88, 5.89, 999].map((p) => inBand(band, p))).toEqual([false, true, true, false, false]);
  });
});

describe('the NPC lease desk’s quotes', () => {
  const spot = 4.9;
  const capacity = 5_790; // 1.5 % of halving-sprint's 386,000 NPC H100s
  const band = leasePriceBand(spot);

  it('with no position: three levels each side, 4 % off spot and 3 % apart, 1.5 % of capacity deep', () => {
    const q = makerQuotes(spot, capacity, 0, band);
    expect(side(q, 'bid').map((x) => x.priceUsdPerGpuHour)).toEqual([4.7, 4.56, 4.41]);
    expect(side(q, 'ask').map((x) => x.priceUsdPerGpuHour)).toEqual([5.1, 5.24, 5.39]);
    expect(new Set(q.map((x) => x.quantity))).toEqual(new Set([86]));
  });

  it('leans against its position: long quotes lower and bids for less, short the reverse', () => {
    const limit = makerInventoryLimitH100(capacity);
    expect(limit).toBe(1_737);
    const flat = makerQuotes(spot, capacity, 0, band);
    const long = makerQuotes(spot, capacity, limit / 2, band);
    const short = makerQuotes(spot, capacity, -limit / 2, band);
    expect(long[0]!.priceUsdPerGpuHour).toBeLessThan(flat[0]!.priceUsdPerGpuHour);
    expect(side(long, 'bid')[0]!.quantity).toBe(43);
    expect(side(long, 'ask')[0]!.quantity).toBe(86);
    expect(side(short, 'ask')[0]!.priceUsdPerGpuHour).toBeGreaterThan(side(flat, 'ask')[0]!.priceUsdPerGpuHour);
    expect(side(short, 'ask')[0]!.quantity).toBe(43);
    // At the limit (and beyond) it still shows a tenth of a level on the full side.
    expect(side(makerQuotes(spot, capacity, 5 * limit, band), 'bid')[0]!.quantity).toBe(8);
  });

  // Spot never falls under the scenarios' floor ($1), so half that is a safe lower bound.
  it('always quotes both sides inside the band, bids under asks, best first', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 50, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (s, cap, fill) => {
        const b = leasePriceBand(s);
        const q = makerQuotes(s, cap, fill * makerInventoryLimitH100(cap), b);
        const bids = side(q, 'bid').map((x) => x.priceUsdPerGpuHour);
        const asks = side(q, 'ask').map((x) => x.priceUsdPerGpuHour);
        expect(bids.length).toBeGreaterThan(0);
        expect(asks.length).toBeGreaterThan(0);
        for (const x of q) {
          expect(inBand(b, x.priceUsdPerGpuHour)).toBe(true);
          expect(Number.isInteger(x.quantity) && x.quantity >= 1).toBe(true);
        }
        expect(Math.max(...bids)).toBeLessThan(Math.min(...asks));
        expect([...bids].sort((x, y) => y - x)).toEqual(bids);
        expect([...asks].sort((x, y) => x - y)).toEqual(asks);
      }),
    );
  });

  it('quotes post-only: never at or through what players already rest, dropping levels the band cannot hold', () => {
    const q = makerQuotes(spot, capacity, 0, band);
    // A player rests an ask at $4.60, under the desk's best bid of $4.70.
    const p = postOnly(q, -Infinity, 4.6, band);
    expect(side(p, 'bid').map((x) => x.priceUsdPerGpuHour)).toEqual([4.59, 4.56, 4.41]);
    expect(side(p, 'ask').map((x) => x.priceUsdPerGpuHour)).toEqual([5.1, 5.24, 5.39]);
    // A resting bid at the band's top leaves no room for an ask; a resting ask at its floor none for a bid.
    expect(side(postOnly(q, band.maxUsdPerGpuHour, Infinity, band), 'ask')).toEqual([]);
    expect(side(postOnly(q, -Infinity, band.minUsdPerGpuHour, band), 'bid')).toEqual([]);
  });

  it('defaults are what docs/engine.md states', () => {
    expect(DEFAULT_LEASE_MAKERS).toEqual({ halfSpreadPct: 4, levelStepPct: 3, levels: 3, depthPctPerLevel: 1.5, maxInventoryPct: 30, skewPct: 8 });
  });
});
