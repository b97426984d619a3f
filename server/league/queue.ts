/**
 * Leagues beyond one machine: matches go on a Redis-backed BullMQ queue, `npm run league:worker`
 * processes on any machine play them (the same `playMatch` as the local worker threads), and the
 * coordinator stores each outcome, writes its replay, then lets `runLeague` rate and report from
 * the database (every match is done by then, so it plays nothing itself). Job ids are
 * `<leagueId>__m<index>`: rerunning a coordinator never queues a match twice, and the same seeds give
 * the same results as a local run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { DEFAULT_DECISION_BUDGET_MS } from '../../shared/bots/runMatch.js';
import { leagueOf, runLeague, toStored, type LeagueOptions, type LeagueSummary } from './runLeague.js';
import { schedule } from './scheduler.js';
import { LeagueStore } from './storage.js';
import { playMatch, type MatchOutcome, type MatchTask } from './worker.js';

export const LEAGUE_QUEUE = 'beauty-contest-league';

/** What a worker sends back: the scores, the replay file's text and the bots' logs (workers may be elsewhere). */
export interface QueuedResult {
  outcome: MatchOutcome;
  replayJson: string;
  /** Log file name (`<seat>-<bot>.log`) → its text. */
  logs?: Record<string, string>;
}

/** `redis://[user:password@]host:port[/db]` → ioredis options (BullMQ workers need `maxRetriesPerRequest: null`). */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss:// (got "${url}")`);
  const db = Number(u.pathname.replace(/^\//, '') || 0);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** Plays one queued match here; the replay is returned as text rather than left on this machine. */
export async function playQueuedMatch(task: MatchTask): Promise<QueuedResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-league-job-'));
  try {
    const logDir = join(dir, 'logs');
    const outcome = await playMatch({ ...task, replayDir: dir, logDir });
    const seedLogs = join(logDir, task.seed);
    const logs = existsSync(seedLogs) ? Object.fromEntries(readdirSync(seedLogs).map((f) => [f, readFileSync(join(seedLogs, f), 'utf8')])) : {};
    return { outcome, replayJson: readFileSync(join(dir, `${task.seed}.json`), 'utf8'), logs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The coordinator: queues the matches the database does not have, waits for the workers, stores
 * each result as it arrives (a crash loses nothing finished), then rates and reports via runLeague.
 */
export async function runLeagueQueued(opts: LeagueOptions & { redisUrl: string; queueName?: string }): Promise<LeagueSummary & { queuedMs: number }> {
  const t0 = performance.now();
  const { def, leagueId, rankBy } = leagueOf(opts);
  const { days } = def;
  const connection = redisConnection(opts.redisUrl);
  const name = opts.queueName ?? LEAGUE_QUEUE;
  const store = new LeagueStore(opts.dbFile);
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  let played = 0;
  try {
    store.openLeague({ id: leagueId, ...def });
    const done = new Set(store.matches(leagueId).map((m) => m.index));
    const todo = schedule(opts.bots, opts.playersPerMatch, opts.seed, 0, opts.matches).filter((m) => !done.has(m.index));
    let finished = opts.matches - todo.length;
    opts.onProgress?.(finished, opts.matches);
    await events.waitUntilReady();
    const replayDir = join(opts.outDir, 'replays');
    mkdirSync(replayDir, { recursive: true });
    const jobs = await queue.addBulk(
      todo.map((m) => {
        const task: MatchTask = {
          index: m.index, seed: m.seed, seats: m.seats, scenarioId: opts.scenarioId, days,
          decisionBudgetMs: opts.decisionBudgetMs ?? DEFAULT_DECISION_BUDGET_MS, replayDir: '', maxStrikes: opts.maxStrikes,
          // Path bots must be at the same relative path on every worker machine (same checkout).
          botCwd: '',
        };
        return {
          name: 'match', data: task,
          // A worker that dies mid-match leaves a stalled job that another worker picks up.
          opts: { jobId: `${leagueId}__m${m.index}`, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
        };
      }),
    );
    await Promise.all(
      jobs.map(async (job: Job<MatchTask>) => {
        const result = (await job.waitUntilFinished(events)) as QueuedResult;
        writeFileSync(join(replayDir, `${result.outcome.seed}.json`), result.replayJson);
        const logDir = join(opts.outDir, 'logs', result.outcome.seed);
        mkdirSync(logDir, { recursive: true });
        // basename: a log name from a worker must not write outside the league's folder.
        for (const [name, text] of Object.entries(result.logs ?? {})) writeFileSync(join(logDir, basename(name)), text);
        store.saveMatch(leagueId, toStored(result.outcome, rankBy));
        played += 1;
        finished += 1;
        opts.onProgress?.(finished, opts.matches);
      }),
    );
  } finally {
    store.close();
    await events.close();
    await queue.close();
  }
  const queuedMs = performance.now() - t0;
  // Everything is stored now: runLeague only rates and writes results.json / leaderboard.csv.
  const summary = await runLeague({ ...opts, leagueId, workers: 0, onProgress: undefined });
  return { ...summary, played, wallMs: performance.now() - t0, queuedMs };
}

/** A worker process's consumer: plays matches from the queue until closed. */
export function startLeagueWorker(opts: { redisUrl: string; concurrency?: number; queueName?: string; onMatch?: (o: MatchOutcome) => void }): Worker<MatchTask, QueuedResult> {
  const worker = new Worker<MatchTask, QueuedResult>(
    opts.queueName ?? LEAGUE_QUEUE,
    async (job) => {
      const result = await playQueuedMatch(job.data);
      opts.onMatch?.(result.outcome);
      return result;
    },
    // Matches are CPU-bound and synchronous: one per process (run more processes for more cores);
    // the lock is renewed between jobs, so allow a long match before it counts as stalled.
    { connection: redisConnection(opts.redisUrl), concurrency: opts.concurrency ?? 1, lockDuration: 5 * 60_000 },
  );
  return worker;
}
