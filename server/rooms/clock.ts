/**
 * Fixed-step accumulator: turns real milliseconds into whole game days at `daysPerSecond`.
 * Fractions carry over between ticks; after a stall the backlog beyond `maxDaysPerTick` is dropped
 * instead of replayed in a burst (players would miss days they never saw).
 *
 * With `tickMs` (the room's tick period), a tick that comes late plays no more than twice the days
 * a tick plays at that pace (at least one) and leaves the rest for the next ticks: a late tick
 * (a busy process, a GC pause) costs no more than two on time, and every day played still shows in
 * a patch of its own instead of a `history` catch-up message.
 */
/** A room's tick period: the clock's step, and when patches go out. */
export const TICK_MS = 100;

export class DayClock {
  private accDays = 0;

  constructor(
    private readonly maxDaysPerTick: number,
    private readonly tickMs?: number,
  ) {}

  /** Whole days to play for `dtMs` of real time. */
  advance(dtMs: number, daysPerSecond: number): number {
    this.accDays += (Math.max(0, dtMs) / 1000) * daysPerSecond;
    const whole = Math.floor(this.accDays);
    if (this.tickMs !== undefined) {
      // Beyond the backlog cap, days are dropped; within it, they are spread over the next ticks.
      if (whole >= this.maxDaysPerTick) this.accDays = this.maxDaysPerTick;
      const spread = Math.max(1, Math.ceil((2 * daysPerSecond * this.tickMs) / 1000));
      const days = Math.min(Math.floor(this.accDays), spread, this.maxDaysPerTick);
      this.accDays -= days;
      return days;
    }
    if (whole >= this.maxDaysPerTick) {
      this.accDays = 0;
      return this.maxDaysPerTick;
    }
    this.accDays -= whole;
    return whole;
  }

  /** Forget partial days (on pause, resume, start). */
  reset(): void {
    this.accDays = 0;
  }
}
