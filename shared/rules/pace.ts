/**
 * Pace: how many game days pass per real second. One table for the title screen, the host's speed
 * menu and the room's default, so every place offers the same range.
 */

export const MIN_DAYS_PER_SECOND = 0.05;
export const MAX_DAYS_PER_SECOND = 50;

/**
 * A match at its default pace lasts this long: a 30-minute class slot with room to explain, and
 * ~12 s per game day for halving-sprint (enough to read a headline and place one order).
 */
export const TARGET_MATCH_MINUTES = 25;

/** The host's speed menu: every step from the slowest pace the title screen accepts up to the fastest. */
export const PACE_STEPS_DAYS_PER_SECOND: readonly number[] = Object.freeze([0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 1, 2, 4, 8, 16, 25, 50]);

/** Clamps a pace to what rooms accept. */
export function clampPace(daysPerSecond: number): number {
  return Math.min(MAX_DAYS_PER_SECOND, Math.max(MIN_DAYS_PER_SECOND, daysPerSecond));
}

/**
 * The default pace for a scenario of `days` days: it lasts `TARGET_MATCH_MINUTES`, rounded to two
 * significant digits so the figure reads well in a menu (halving-sprint's 120 days → 0.08 d/s).
 */
export function defaultDaysPerSecond(days: number): number {
  const raw = days / (TARGET_MATCH_MINUTES * 60);
  if (!(raw > 0)) return MIN_DAYS_PER_SECOND;
  let scale = 1;
  while (raw * scale < 10) scale *= 10;
  while (raw * scale >= 100) scale /= 10;
  return clampPace(Math.round(raw * scale) / scale);
}

/** Real minutes a match of `days` game days takes at `daysPerSecond` (not counting pauses). */
export function matchMinutes(days: number, daysPerSecond: number): number {
  return days / Math.max(MIN_DAYS_PER_SECOND, daysPerSecond) / 60;
}

/** Real seconds each game day lasts at `daysPerSecond`. */
export function secondsPerDay(daysPerSecond: number): number {
  return 1 / Math.max(MIN_DAYS_PER_SECOND, daysPerSecond);
}
