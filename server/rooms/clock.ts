/**
 * Fixed-step accumulator: turns real milliseconds into whole game days at `daysPerSecond`.
 * Fractions carry over between ticks; after a stall the backlog is dropped instead of replayed in
 * a burst (players would miss days they never saw).
 */
/** A room's tick period: the clock's step, and when patches go out. */
export const TICK_MS = 100;

export class DayClock {
  private accDays = 0;

  constructor(private readonly maxDaysPerTick: number) {}

  /** Whole days to play for `dtMs` of real time. */
  advance(dtMs: number, daysPerSecond: number): number {
    this.accDays += (Math.max(0, dtMs) / 1000) * daysPerSecond;
    const whole = Math.floor(this.accDays);
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
