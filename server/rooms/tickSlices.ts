/**
 * One queue for the ticks of every room in this process, run in slices. Each room's 100 ms timer
 * only queues its tick; the queue runs ticks until a slice has used its budget, then yields to the
 * event loop (setImmediate) so socket reads, writes and other timers get their turn before the
 * next slice. Without it, every room's timer that falls due in the same turn (after a GC pause, a
 * busy turn, or simply because hundreds of rooms share a 100 ms period) runs back to back, and the
 * loop stays blocked for the sum of all those ticks: the event-loop p99 the bench measures.
 *
 * A room has at most one tick waiting: a timer that fires while its tick still waits adds its
 * elapsed time to it, so a room that waited plays the days it is owed (DayClock) in one tick.
 */

/** Time a slice may run ticks before yielding: a few rooms' day ticks. */
export const SLICE_BUDGET_MS = 8;

export interface TickSlot {
  /** Elapsed ms not yet handed to the room. */
  pendingMs: number;
  queued: boolean;
  /** Runs the room's tick with the elapsed ms; false once the room is gone (the slot is dropped). */
  run: (dtMs: number) => void;
  alive: () => boolean;
}

export class TickSlices {
  private readonly queue: TickSlot[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly budgetMs = SLICE_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly defer: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  /** A slot for one room; `due(slot, dtMs)` from its timer. */
  slot(run: (dtMs: number) => void, alive: () => boolean): TickSlot {
    return { pendingMs: 0, queued: false, run, alive };
  }

  /** The room's timer fired `dtMs` after the last one: its tick joins the queue (once). */
  due(slot: TickSlot, dtMs: number): void {
    slot.pendingMs += dtMs;
    if (slot.queued) return;
    slot.queued = true;
    this.queue.push(slot);
    if (!this.scheduled) {
      this.scheduled = true;
      this.defer(this.drain);
    }
  }

  /** Ticks waiting (bench and tests). */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  private readonly drain = (): void => {
    const t0 = this.now();
    // At least one tick per slice, so a tick longer than the budget still makes progress.
    do {
      const slot = this.queue[this.head++]!;
      slot.queued = false;
      const dt = slot.pendingMs;
      slot.pendingMs = 0;
      // A room catches its own tick's exceptions (MarketRoom.sliceTick); this keeps the queue going whatever.
      try {
        if (slot.alive()) slot.run(dt);
      } catch (err) {
        console.error('room tick failed', err);
      }
    } while (this.head < this.queue.length && this.now() - t0 < this.budgetMs);
    if (this.head >= this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.scheduled = false;
    } else {
      if (this.head > 1024) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.defer(this.drain);
    }
  };
}

/** The process's queue: one game server per process (roomContext.ts), so one set of slices. */
export const roomTicks = new TickSlices();
