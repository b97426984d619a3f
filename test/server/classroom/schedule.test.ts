import { describe, expect, it } from 'vitest';
import { pauseBeforeNextDay, upcomingEvents } from '../../../server/classroom/schedule.js';
import type { GameState } from '../../../shared/rules/types.js';

const stateAt = (day: number, events: { day: number; kind: string; source: string; headline?: string }[]) =>
  ({ day, phase: 'running', events: events.map((e) => ({ params: {}, ...e })) }) as unknown as GameState;

describe('the lesson calendar', () => {
  it('lists the scheduled events still to come, soonest first, without the teacher’s injections', () => {
    const s = stateAt(10, [
      { day: 30, kind: 'crash', source: 'scenario', headline: 'Exchange collapse' },
      { day: 12, kind: 'halving', source: 'scenario' },
      { day: 10, kind: 'pump', source: 'host' },
    ]);
    expect(upcomingEvents(s)).toEqual([{ day: 12, kind: 'halving', headline: '' }, { day: 30, kind: 'crash', headline: 'Exchange collapse' }]);
  });

  it('pauses once before the day an event fires in, only when switched on', () => {
    const s = stateAt(12, [{ day: 12, kind: 'halving', source: 'scenario' }]);
    expect(pauseBeforeNextDay(s, true, -1)).toBe(true);
    expect(pauseBeforeNextDay(s, false, -1)).toBe(false);
    expect(pauseBeforeNextDay(s, true, 12)).toBe(false);
    expect(pauseBeforeNextDay(stateAt(11, [{ day: 12, kind: 'halving', source: 'scenario' }]), true, -1)).toBe(false);
    expect(pauseBeforeNextDay(stateAt(12, [{ day: 12, kind: 'pump', source: 'host' }]), true, -1)).toBe(false);
  });
});
