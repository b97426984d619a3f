/**
 * The calendar a teacher plans a lesson around: the scheduled events still to come (the scenario's
 * calendar and the session's own), and the auto-pause that stops the clock just before one fires
 * so the class can discuss what is about to happen (docs/classroom.md, "Time that fits a lesson").
 */
import type { GameState } from '../../shared/rules/types.js';

export type { UpcomingEvent } from '../../shared/protocol/index.js';
import type { UpcomingEvent } from '../../shared/protocol/index.js';

/** At most this many upcoming events go to the teacher's screen. */
export const UPCOMING_LIMIT = 12;

/** Scheduled events that have not fired yet, soonest first (the teacher's injections are not scheduled). */
export function upcomingEvents(state: GameState, limit = UPCOMING_LIMIT): UpcomingEvent[] {
  return state.events
    .filter((e) => e.day >= state.day && e.source !== 'host')
    .map((e) => ({ day: e.day, kind: e.kind, headline: e.headline ?? '' }))
    .sort((a, b) => a.day - b.day || a.kind.localeCompare(b.kind))
    .slice(0, limit);
}

/**
 * Whether the clock must stop before playing the next day: an event fires in it, auto-pause is on,
 * and the class has not already been paused for that day (resuming plays it).
 */
export function pauseBeforeNextDay(state: GameState, autoPause: boolean, pausedForDay: number): boolean {
  if (!autoPause || state.phase === 'ended' || pausedForDay === state.day) return false;
  // The teacher's own `inject` is queued for the next day too; pausing for it would only get in the way.
  return state.events.some((e) => e.day <= state.day && e.source !== 'host');
}
