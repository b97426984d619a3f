import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clearSpot, spotDemandH100, type SpotCurve } from '../../../shared/economy/spotMarket.js';

// ε = 1 keeps the hand arithmetic simple: D(p) = A·pRef/p.
const curve: SpotCurve = { demandScaleH100: 1000, demandShock: 1, refPriceUsdPerGpuHour: 4, elasticity: 1, floorUsdPerGpuHour: 1, capUsdPerGpuHour: 50 };

describe('spot market', () => {
  it('clears where demand meets inelastic supply', () => {
    // D(p) = 4000/p = 500 ⇒ p = 8; every supplier sells all it offered.
    const r = clearSpot(curve, [300, 200]);
    expect(r.priceUsdPerGpuHour).toBeCloseTo(8, 12);
    expect(r.clearedH100).toBeCloseTo(500, 9);
    expect(r.soldFraction).toBeCloseTo(1, 12);
    expect(r.soldH100[0]).toBeCloseTo(300, 9);
  });

  it('uses the elasticity: ε = 2 halves the log price move', () => {
    // 1000·(p/4)^−2 = 4000 ⇒ p/4 = 1/2 ⇒ p = 2.
    const r = clearSpot({ ...curve, elasticity: 2 }, [4000]);
    expect(r.priceUsdPerGpuHour).toBeCloseTo(2, 12);
  });

  it('scales demand with the event shock', () => {
    // shock 1.5: D = 6000/p = 500 ⇒ p = 12.
    expect(clearSpot({ ...curve, demandShock: 1.5 }, [500]).priceUsdPerGpuHour).toBeCloseTo(12, 12);
  });

  it('stops at the floor and sells pro rata', () => {
    // Unclamped p = 4000/8000 = 0.5 < floor 1. At p = 1, D = 4000: half of the 8000 offered sells.
    const r = clearSpot(curve, [6000, 2000]);
    expect(r.priceUsdPerGpuHour).toBe(1);
    expect(r.clearedH100).toBeCloseTo(4000, 9);
    expect(r.soldFraction).toBeCloseTo(0.5, 12);
    expect(r.soldH100[0]).toBeCloseTo(3000, 9);
    expect(r.soldH100[1]).toBeCloseTo(1000, 9);
  });

  it('caps the price of an empty market', () => {
    const r = clearSpot(curve, [0, -5]);
    expect(r.priceUsdPerGpuHour).toBe(50);
    expect(r.clearedH100).toBe(0);
    expect(r.soldH100).toEqual([0, 0]);
  });

  it('never sells more than demanded or offered, and more supply never raises the price', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (s, extra) => {
        const a = clearSpot(curve, [s]);
        const b = clearSpot(curve, [s, extra]);
        expect(b.priceUsdPerGpuHour).toBeLessThanOrEqual(a.priceUsdPerGpuHour + 1e-9);
        expect(b.clearedH100).toBeLessThanOrEqual(Math.min(s + extra, spotDemandH100(curve, b.priceUsdPerGpuHour)) * (1 + 1e-9));
      }),
    );
  });
});
