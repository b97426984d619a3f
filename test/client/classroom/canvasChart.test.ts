import { describe, expect, it } from 'vitest';
import { distinctColors, yRange } from '../../../client/src/classroom/canvasChart.js';

describe('chart scales and colours', () => {
  it('gives 40 companies 40 different colours, the colour-blind-safe palette first', () => {
    const c = distinctColors(40);
    expect(new Set(c).size).toBe(40);
    expect(c[0]).toBe('#E69F00');
  });

  it('keeps a visible range when every value is zero or flat, and includes zero near the data', () => {
    expect(yRange([0, 0, 0])).toEqual({ lo: -1, hi: 1 });
    const flat = yRange([50e6, 50e6]);
    expect(flat.hi).toBeGreaterThan(flat.lo);
    expect(yRange([null, null])).toEqual({ lo: 0, hi: 1 });
    expect(yRange([10, 30]).lo).toBe(0);
    expect(yRange([-30, -10]).hi).toBe(0);
    expect(yRange([-5, 20])).toEqual({ lo: -5, hi: 20 });
  });
});
