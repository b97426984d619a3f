import { describe, expect, it } from 'vitest';
import { TickSlices } from '../../../server/rooms/tickSlices.js';

/** A queue on a fake clock: each tick costs `costMs`; deferred slices run only when `turn()` is called. */
function fixture(budgetMs: number, costMs: number) {
  let nowMs = 0;
  const deferred: (() => void)[] = [];
  const slices = new TickSlices(budgetMs, () => nowMs, (run) => deferred.push(run));
  const ran: string[] = [];
  const room = (name: string, alive = () => true) => slices.slot((dt) => {
    ran.push(`${name}:${dt}`);
    nowMs += costMs;
  }, alive);
  /** One event-loop turn: the slice queued last. */
  const turn = () => {
    const run = deferred.shift();
    run?.();
    return ran.splice(0);
  };
  return { slices, room, turn, deferred };
}

describe('TickSlices', () => {
  it('runs queued ticks in slices of the budget, yielding between them, in arrival order', () => {
    const { slices, room, turn, deferred } = fixture(8, 3);
    const rooms = ['a', 'b', 'c', 'd', 'e'].map((n) => room(n));
    for (const r of rooms) slices.due(r, 100);
    // Nothing runs inside the timer turn itself; one slice is queued for later.
    expect(deferred).toHaveLength(1);
    expect(turn()).toEqual(['a:100', 'b:100', 'c:100']);
    expect(slices.waiting).toBe(2);
    expect(turn()).toEqual(['d:100', 'e:100']);
    expect(slices.waiting).toBe(0);
    expect(deferred).toHaveLength(0);
  });

  it('keeps one waiting tick per room and hands it all the time that passed', () => {
    const { slices, room, turn } = fixture(8, 1);
    const a = room('a');
    slices.due(a, 100);
    slices.due(a, 120);
    expect(turn()).toEqual(['a:220']);
    slices.due(a, 100);
    expect(turn()).toEqual(['a:100']);
  });

  it('runs at least one tick per slice however long it takes, skips rooms that are gone, and survives a throwing tick', () => {
    const { slices, room, turn } = fixture(8, 50);
    let alive = true;
    const a = room('a');
    const gone = room('gone', () => alive);
    const bad = slices.slot(() => {
      throw new Error('boom');
    }, () => true);
    const c = room('c');
    for (const s of [a, gone, bad, c]) slices.due(s, 100);
    alive = false;
    expect(turn()).toEqual(['a:100']);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect(turn()).toEqual(['c:100']);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(slices.waiting).toBe(0);
  });
});
