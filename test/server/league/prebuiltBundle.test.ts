import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedBundle, CACHE_DIR, hashInputs, ROOT } from '../../../server/league/bundleCache.mjs';
import { leagueWorkerBundle, prebuiltBundle } from '../../../server/league/prebuiltBundle.js';
import { playMatch, type MatchOutcome, type MatchTask } from '../../../server/league/worker.js';

const task: MatchTask = {
  index: 0, seed: 'bundle-1', scenarioId: 'halving-sprint', days: 20, decisionBudgetMs: 1000, replayDir: '',
  seats: [{ id: 'p1', name: 'A', bot: 'hodl-miner' }, { id: 'p2', name: 'B', bot: 'ai-pivot' }, { id: 'p3', name: 'C', bot: 'random' }],
};

const tmp = mkdtempSync(join(tmpdir(), 'league-bundle-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under dir (relative path → contents). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('league bundles', () => {
  it('are built once and reused while their sources are unchanged', async () => {
    for (const name of ['worker', 'cli'] as const) {
      const first = await prebuiltBundle(name);
      expect(first).not.toBeNull();
      const built = statSync(first!).mtimeMs;
      const second = await prebuiltBundle(name);
      expect(second).toBe(first);
      expect(statSync(second!).mtimeMs).toBe(built);
      expect(cachedBundle(name)).toBe(first);
    }
  });

  it('go stale when a source changes or disappears', () => {
    const file = join(CACHE_DIR, `input-${process.pid}.txt`);
    const rel = relative(ROOT, file);
    try {
      writeFileSync(file, 'one');
      const one = hashInputs([rel]);
      writeFileSync(file, 'two');
      expect(hashInputs([rel])).not.toBe(one);
      expect(hashInputs([rel])).toBe(hashInputs([rel]));
    } finally {
      rmSync(file, { force: true });
    }
    expect(hashInputs([rel])).toBeNull();
  });

  it('the worker bundle plays a match exactly as the source worker does', async () => {
    const bundle = await leagueWorkerBundle();
    const mod = (await import(pathToFileURL(bundle!).href)) as { default: (t: MatchTask) => Promise<MatchOutcome> };
    const fromBundle = await mod.default(task);
    const fromSource = await playMatch(task);
    expect(fromBundle.stateHash).toBe(fromSource.stateHash);
    expect(fromBundle.players).toEqual(fromSource.players);
  });

  it('`npm run league` (server/cli/league.mjs) answers --help, and an unknown option with exit code 2, as league.ts does', () => {
    const help = spawnSync(process.execPath, ['server/cli/league.mjs', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: league');
    const bad = spawnSync(process.execPath, ['server/cli/league.mjs', '--no-such-option'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^league: /);
  });

  it('`npm run league:worker` (server/cli/league-worker.mjs) starts from its bundle and answers --help as league-worker.ts does', () => {
    const help = spawnSync(process.execPath, ['server/cli/league-worker.mjs', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: league:worker');
    expect(cachedBundle('queueWorker')).not.toBeNull();
  });

  it('`npm run sim` (server/cli/sim.mjs) starts from its bundle and writes the same report as sim.ts through tsx', () => {
    const run = (name: string, entry: string[]) => {
      const out = join(tmp, `sim-${name}.json`);
      const r = spawnSync(process.execPath, [...entry, '--scenario', 'halving-sprint', '--seed', '4', '--days', '25', '--bots', 'random,ai-pivot', '--quiet', '--out', out], {
        cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NODE_ENV: 'production' },
      });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const bundled = run('bundled', ['server/cli/sim.mjs']);
    expect(cachedBundle('sim')).not.toBeNull();
    expect(JSON.parse(bundled)).toMatchObject({ scenario: 'halving-sprint', finalDay: 25 });
    expect(bundled).toBe(run('source', ['--import', 'tsx', 'server/cli/sim.ts']));
  });

  it('`npm run league` (server/cli/league.mjs, from the bundle) writes the same files as league.ts through tsx', () => {
    const run = (name: string, entry: string[]) => {
      const dir = join(tmp, name);
      const r = spawnSync(process.execPath, [...entry, '--bots', 'random,hodl-miner,ai-pivot', '--matches', '3', '--scenario', 'halving-sprint', '--days', '15',
        '--seed', 'cli', '--workers', '1', '--budget-ms', '5000', '--out', join(dir, 'out'), '--db', join(dir, 'league.sqlite'), '--quiet'], {
        cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NODE_ENV: 'production' },
      });
      expect(r.status, r.stderr).toBe(0);
      // The timing line and the folder differ between runs; the tables do not.
      return { stdout: r.stdout.replace(/^played .*$/m, '').replaceAll(dir, 'DIR'), files: tree(join(dir, 'out')) };
    };
    const bundled = run('bundled', ['server/cli/league.mjs']);
    const source = run('source', ['--import', 'tsx', 'server/cli/league.ts']);
    expect(Object.keys(bundled.files)).toContain('replays/cli-m3.json');
    expect(bundled.files).toEqual(source.files);
    expect(bundled.stdout).toBe(source.stdout);
  });
});
