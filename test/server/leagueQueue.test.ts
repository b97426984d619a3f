/**
 * Leagues over a Redis queue: two `league:worker` processes (their entry as npm runs it, from the bundle) play the matches a coordinator queues;
 * the results, hashes and replay files equal those of a local run with the same seeds.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLeague } from '../../server/league/runLeague.js';
import { runLeagueQueued } from '../../server/league/queue.js';
import { LeagueStore } from '../../server/league/storage.js';
import { waitFor } from './helpers.js';
import { hasRedisServer, killAll, REDIS_MISSING_MESSAGE, ROOT, startRedis, tempDir } from './processes.js';

const redisAvailable = hasRedisServer();
afterAll(killAll);

describe('league over a Redis queue', () => {
  let redisUrl = '';
  const workerOutput: (() => string)[] = [];
  const workers: ReturnType<typeof spawn>[] = [];

  beforeAll(async () => {
    if (!redisAvailable) throw new Error(REDIS_MISSING_MESSAGE);
    redisUrl = (await startRedis()).url;
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ['server/cli/league-worker.mjs'], {
        cwd: ROOT, env: { ...process.env, REDIS_URL: redisUrl }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += String(d)));
      child.stderr.on('data', (d) => (out += String(d)));
      workers.push(child);
      workerOutput.push(() => out);
    }
    await waitFor(() => workerOutput.every((o) => o().includes('ready')) || workers.some((w) => w.exitCode !== null), 30_000, 'workers ready');
    if (workers.some((w) => w.exitCode !== null)) throw new Error(`a worker exited: ${workerOutput.map((o) => o()).join('\n')}`);
  });

  afterAll(() => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  });

  it('two worker processes play a queued league exactly like a local run', async () => {
    const dir = tempDir('bc-league-queue-');
    const common = { bots: ['hodl-miner', 'ai-pivot', 'random'], matches: 6, scenarioId: 'halving-sprint', seed: 'queue', playersPerMatch: 3, days: 40 };
    const local = await runLeague({ ...common, workers: 0, outDir: join(dir, 'local'), dbFile: join(dir, 'local.sqlite') });
    const queued = await runLeagueQueued({ ...common, workers: 0, outDir: join(dir, 'queued'), dbFile: join(dir, 'queued.sqlite'), redisUrl });

    expect(queued.played).toBe(6);
    expect(queued.leagueId).toBe(local.leagueId);
    expect(queued.results).toEqual(local.results);
    const hashes = (file: string) => {
      const store = new LeagueStore(file);
      try {
        return store.matches(local.leagueId).map((m) => [m.index, m.stateHash, m.finalDay]);
      } finally {
        store.close();
      }
    };
    expect(hashes(join(dir, 'queued.sqlite'))).toEqual(hashes(join(dir, 'local.sqlite')));
    const replays = readdirSync(join(dir, 'local', 'replays')).sort();
    expect(readdirSync(join(dir, 'queued', 'replays')).sort()).toEqual(replays);
    for (const f of replays) expect(readFileSync(join(dir, 'queued', 'replays', f), 'utf8')).toBe(readFileSync(join(dir, 'local', 'replays', f), 'utf8'));
    expect(readFileSync(join(dir, 'queued', 'results.json'), 'utf8')).toBe(readFileSync(join(dir, 'local', 'results.json'), 'utf8'));
    // The bots' logs come back from the workers too.
    expect(readdirSync(join(dir, 'queued', 'logs')).sort()).toEqual(readdirSync(join(dir, 'local', 'logs')).sort());

    // Both processes took matches.
    const playedBy = workerOutput.map((o) => (o().match(/done in/g) ?? []).length);
    expect(playedBy.reduce((a, b) => a + b, 0)).toBe(6);
    for (const n of playedBy) expect(n).toBeGreaterThan(0);

    // Rerunning the coordinator finds everything in its database and queues nothing.
    const again = await runLeagueQueued({ ...common, workers: 0, outDir: join(dir, 'queued'), dbFile: join(dir, 'queued.sqlite'), redisUrl });
    expect(again.played).toBe(0);
    expect(again.results).toEqual(local.results);
  });
});
