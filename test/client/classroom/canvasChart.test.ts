import { describe, expect, it } from 'vitest';
import { distinctColors, niceRealStep, niceStep, strongDir, yRange } from '../../../client/src/classroom/canvasChart.js';

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

  it('ticks on round numbers', () => {
    expect(niceRealStep(15.5)).toBe(20);
    expect(niceRealStep(0.3)).toBeCloseTo(0.5, 12);
    expect(niceRealStep(2.2e6)).toBe(2.5e6);
    expect(niceStep(2)).toBe(2);
    expect(niceStep(1.8)).toBe(2);
    expect(niceStep(37)).toBe(50);
  });

  it('reads the direction of a label from its first letter', () => {
    expect(strongDir('طالب S01')).toBe('rtl');
    expect(strongDir('3 crash')).toBe('ltr');
    expect(strongDir('A · ليلى')).toBe('ltr');
  });
});
