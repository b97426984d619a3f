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

  it("spreads a late tick's days over the next ticks at the room's pace, and still drops a stall's backlog", () => {
    // 2 days/s at 100 ms ticks: at most one day per tick.
    const c = new DayClock(10, 100);
    expect(c.advance(1200, 2)).toBe(1);
    expect([c.advance(100, 2), c.advance(100, 2)]).toEqual([1, 0]);
    expect(c.advance(300, 2)).toBe(1);
    // 20 days/s: a tick plays 2 on time and up to 4 late; a long stall plays the cap's 10 days over the next ticks.
    const fast = new DayClock(10, 100);
    expect([fast.advance(100, 20), fast.advance(300, 20), fast.advance(100, 20), fast.advance(100, 20)]).toEqual([2, 4, 4, 2]);
    expect(fast.advance(60_000, 20)).toBe(4);
    expect([fast.advance(0, 20), fast.advance(0, 20), fast.advance(0, 20)]).toEqual([4, 2, 0]);
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
