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

export class HeavyWork {
  private readonly pool: Piscina;
  private readonly active = new Set<string>();
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

  /** Runs `task` on a worker; `key` (token or address) may have one task in flight. */
  async run(key: string, task: ExportTask): Promise<Uint8Array> {
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
    try {
      return (await this.pool.run(task)) as Uint8Array;
    } finally {
      this.active.delete(key);
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
