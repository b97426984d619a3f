import { describe, expect, it } from 'vitest';
import { DayClock } from '../../../server/rooms/clock.js';

describe('DayClock', () => {
  it('turns real time into whole days and carries the fractions', () => {
    const c = new DayClock(10);
    // 2 days/s at 100 ms ticks: a day every 5 ticks.
    const days = Array.from({ length: 10 }, () => c.advance(100, 2));
    expect(days).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(c.advance(1000, 3.5)).toBe(3);
    expect(c.advance(1000, 3.5)).toBe(4);
  });

  it('drops the backlog after a stall instead of bursting', () => {
    const c = new DayClock(10);
    expect(c.advance(60_000, 5)).toBe(10);
    expect(c.advance(100, 5)).toBe(0);
    expect(c.advance(100, 5)).toBe(1);
  });

  it('forgets partial days on reset and ignores negative time', () => {
    const c = new DayClock(10);
    expect(c.advance(900, 1)).toBe(0);
    c.reset();
    expect(c.advance(200, 1)).toBe(0);
    expect(c.advance(-5000, 1)).toBe(0);
    expect(c.advance(800, 1)).toBe(1);
  });
});
