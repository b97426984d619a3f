/**
 * Admission and a worker pool for heavy HTTP work (exports, replay files): one request at a time
 * per token (or client address), a small global queue, and a clear 429 when either is full.
 */
import { Piscina } from 'piscina';
import type { ExportTask } from './exportWorker.js';

export type BusyCode = 'ONE_AT_A_TIME' | 'QUEUE_FULL';

/** Refusal with the HTTP status and code to answer with. */
export class BusyError extends Error {
  readonly status = 429;
  constructor(readonly code: BusyCode, message: string) {
    super(message);
  }
}

export interface HeavyWorkOptions {
  threads: number;
  /** Tasks that may wait for a thread; more are refused. */
  queue: number;
}

/** Finished exports kept for the next asker: an ended match's replay is the same file for everyone. */
const KEPT_RESULTS = 8;

export class HeavyWork {
  private readonly pool: Piscina;
  private readonly active = new Set<string>();
  /** The same task asked for again while it runs (every results screen fetching the replay) joins it. */
  private readonly inFlight = new Map<string, Promise<Uint8Array>>();
  private readonly kept = new Map<string, Uint8Array>();
  private readonly queueLimit: number;
  readonly stats = { run: 0, refused: 0 };

  constructor(opts: HeavyWorkOptions) {
    this.queueLimit = opts.queue;
    this.pool = new Piscina({
      filename: new URL('./exportWorker.ts', import.meta.url).href,
      execArgv: ['--import', 'tsx'],
      minThreads: 0,
      maxThreads: opts.threads,
      // An idle server keeps no thread (and no second SQLite handle) around.
      idleTimeout: 30_000,
    });
  }

  /**
   * Runs `task` on a worker; `key` (token or address) may have one task in flight. An identical
   * task already running or just finished is shared instead of built again, so a class behind one
   * address gets its replay files without being refused.
   */
  async run(key: string, task: ExportTask): Promise<Uint8Array> {
    // Replay files are public once a match ends and every results screen asks for one: share them.
    // Host exports keep the strict one-at-a-time rule.
    const shared = task.kind === 'replayJson';
    const taskKey = shared ? JSON.stringify(task) : '';
    const done = shared ? this.kept.get(taskKey) : undefined;
    if (done) return done;
    const running = shared ? this.inFlight.get(taskKey) : undefined;
    if (running) return running;
    if (this.active.has(key)) {
      this.stats.refused++;
      throw new BusyError('ONE_AT_A_TIME', 'An export for this token is already running: wait for it to finish.');
    }
    if (this.pool.queueSize >= this.queueLimit) {
      this.stats.refused++;
      throw new BusyError('QUEUE_FULL', 'The server is busy with other exports: try again in a minute.');
    }
    this.active.add(key);
    this.stats.run++;
    const job = (this.pool.run(task) as Promise<Uint8Array>).then((bytes) => {
      if (shared) {
        this.kept.set(taskKey, bytes);
        if (this.kept.size > KEPT_RESULTS) this.kept.delete(this.kept.keys().next().value!);
      }
      return bytes;
    });
    if (shared) this.inFlight.set(taskKey, job);
    try {
      return await job;
    } finally {
      this.active.delete(key);
      if (shared) this.inFlight.delete(taskKey);
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
