import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimReport } from '../../../server/cli/sim.js';
import type { ReplayFile } from '../../../shared/rules/replay.js';

// `npm run sim`'s own entry: the prebuilt bundle (built by the first run when stale).
const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['server/cli/sim.mjs', ...args], { encoding: 'utf8', timeout: 240_000 });

const DAY_FIELDS = [
  'day', 'date', 'btcUsd', 'hashrateEhs', 'difficulty', 'subsidyBtc', 'feesBtcPerBlock', 'hashpriceUsdPerPhDay', 'asicUsdPerTh',
  'gpuRentUsdPerHour', 'h100PriceUsd', 'powerUsdPerMwh', 'miningGw', 'aiGw', 'aiComputeH100Days', 'cryptoHype', 'aiHype',
];

describe('npm run sim', () => {
  it('writes the documented report, and a replay of the match reproduces its stateHash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'report.json');
    const run = sim('--scenario', 'halving-sprint', '--seed', '5', '--days', '60', '--bots', 'idle,hodl-miner,ai-pivot', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('halving');
    const report = JSON.parse(readFileSync(out, 'utf8')) as SimReport;
    expect(report).toMatchObject({ scenario: 'halving-sprint', seed: '5', finalDay: 60 });
    expect(report.days).toHaveLength(61);
    for (const f of DAY_FIELDS) expect(report.days[30]).toHaveProperty(f);
    expect(report.days[0]!.date).toBe('2024-03-01');
    expect(report.days.some((d, i) => i > 0 && d.subsidyBtc < report.days[i - 1]!.subsidyBtc)).toBe(true);
    expect(report.players.map((p) => p.strategy)).toEqual(['idle', 'hodl-miner', 'ai-pivot']);
    for (const p of report.players) expect(p.navUsd).toBeGreaterThan(0);
    expect(report.stateHash).toMatch(/^[0-9a-f]{28}$/);
  });

  it('--pinned runs the published BTC path; without it each seed draws its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const btcOn14March = (...extra: string[]) => {
      const out = join(dir, `r${extra.length}.json`);
      const run = sim('--scenario', 'halving-sprint', '--seed', '3', '--days', '20', '--quiet', '--out', out, ...extra);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8')) as SimReport;
      return report.days.find((d) => d.date === '2024-03-14')!.btcUsd;
    };
    // The published close is $73,100; pinned, only the hype's mark (well under 1 %) rides on it.
    expect(Math.abs(btcOn14March('--pinned') / 73_100 - 1)).toBeLessThan(0.01);
    expect(Math.abs(btcOn14March() / 73_100 - 1)).toBeGreaterThan(0.01);
  });

  it('reproduces a replay file and flags one whose recorded hash does not match', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const report = join(dir, 'r.json');
    expect(sim('--scenario', 'sandbox', '--seed', '9', '--days', '20', '--bots', 'random', '--out', report).status).toBe(0);
    const { stateHash } = JSON.parse(readFileSync(report, 'utf8')) as SimReport;
    // A replay file as the league writes it, made by the headless runner the simulator also uses.
    const made = spawnSync('npx', ['tsx', '-e', `
      import { getScenario } from './shared/economy/scenarios/index.ts';
      import { runMatch } from './shared/bots/runMatch.ts';
      import { stateHash } from './shared/rules/engine.ts';
      const scenario = { ...getScenario('sandbox'), days: 20 };
      const m = runMatch({ scenario, seed: '9', bots: [{ id: 'p1', name: 'random #1', strategy: 'random' }] });
      console.log(JSON.stringify({ format: 'beauty-contest-replay/1', scenario, seed: '9', finalDay: m.state.day, entries: m.log, stateHash: stateHash(m.state) }));
    `], { encoding: 'utf8', timeout: 240_000 });
    expect(made.status, made.stderr).toBe(0);
    const file = JSON.parse(made.stdout) as ReplayFile;
    expect(file.stateHash).toBe(stateHash);
    const path = join(dir, 'replay.json');
    writeFileSync(path, JSON.stringify(file));
    const ok = sim('--replay', path, '--quiet');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`reproduces the recorded stateHash ${stateHash}`);
    writeFileSync(path, JSON.stringify({ ...file, stateHash: 'f'.repeat(28) }));
    const bad = sim('--replay', path, '--quiet');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('differs');
  });

  it.each([
    [['--scenario', 'atlantis'], 'unknown scenario "atlantis"'],
    [['--scenario', 'sandbox', '--seed', 'no spaces!'], 'bad seed'],
    [['--scenario', 'sandbox', '--bots', 'idle,nobody'], 'unknown bot "nobody"'],
    [['--scenario', 'sandbox', '--days', '0'], '--days'],
  ])('%j gets a one-line error and exit code 2', (args, message) => {
    const run = sim(...args);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n').filter((l) => !l.includes('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });
});
