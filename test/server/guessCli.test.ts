import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'guess-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLI_CEILING_MS = 240_000;

interface Run { status: number | null; stdout: string; stderr: string[] }

function run(args: string[]): Promise<Run> {
  return new Promise((done, failed) => {
    const child = spawn('npx', ['tsx', 'server/cli/guess.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    // Only a guard against a hung CLI: the runs take seconds, many times that on a loaded machine.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      failed(new Error(`guess CLI still running after ${CLI_CEILING_MS / 1000} s: killed (${args.join(' ')})`));
    }, CLI_CEILING_MS);
    child.on('error', failed);
    child.on('close', (status) => {
      clearTimeout(timer);
      // npm may add its own config warnings on stderr; only the CLI's lines matter.
      done({ status, stdout, stderr: stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn')) });
    });
  });
}

interface Report {
  p: number;
  players: number;
  seed: string;
  rounds: { mean: number; median: number; target: number; winner: string }[];
}

describe('npm run guess', () => {
  it('simulates a class, prints every round and writes the JSON report', async () => {
    const out = join(dir, 'a.json');
    const again = join(dir, 'b.json');
    const [r, r2] = await Promise.all([
      run(['--p', '2/3', '--players', '25', '--rounds', '3', '--seed', 'cli', '--out', out]),
      run(['--p', '0.6666666666666666', '--players', '25', '--rounds', '3', '--seed', 'cli', '--out', again]),
    ]);
    expect(r.stderr).toEqual([]);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.p).toBeCloseTo(2 / 3, 12);
    expect(report.players).toBe(25);
    expect(report.rounds).toHaveLength(3);
    for (const round of report.rounds) {
      expect(Object.keys(round).sort()).toEqual(['mean', 'median', 'target', 'winner']);
      expect(round.target).toBeCloseTo(report.p * round.mean, 9);
      expect(round.winner).toMatch(/^bot([1-9]|1\d|2[0-5])$/);
      expect(r.stdout).toContain(round.target.toFixed(2));
    }
    expect(report.rounds[2]!.mean).toBeLessThan(report.rounds[0]!.mean);

    expect(r2.status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('--classes prints the average round means and medians of many classes, for any p', async () => {
    const out = join(dir, 'many.json');
    const r = await run(['--p', '4/3', '--players', '40', '--rounds', '3', '--classes', '50', '--seed', 'many', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('50 classes of 40 bots');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { classes: number; rounds: { mean: number; median: number; meanSd: number }[] };
    expect(report.classes).toBe(50);
    expect(report.rounds).toHaveLength(3);
    for (const round of report.rounds) expect(r.stdout).toContain(round.median.toFixed(2));
    // p > 1: the class climbs toward 100.
    expect(report.rounds[2]!.mean).toBeGreaterThan(report.rounds[0]!.mean);
  });

  it('bad arguments: one-line error, exit code 2', async () => {
    const cases = [
      ['--p', '0', '--players', '10', '--rounds', '2'],
      ['--p', '2/3', '--players', 'ten', '--rounds', '2'],
      ['--p', '2/3', '--players', '10'],
      ['--p', '2/3', '--players', '10', '--rounds', '2', '--colour', 'red'],
      ['--p', '2/3', '--players', '10', '--rounds', '2', '--classes', '0'],
    ];
    const runs = await Promise.all(cases.map(run));
    runs.forEach((r, i) => {
      expect(r.status, cases[i]!.join(' ')).toBe(2);
      expect(r.stderr, cases[i]!.join(' ')).toHaveLength(1);
      expect(r.stderr[0]).toMatch(/^guess: /);
    });
    expect(runs[0]!.stderr[0]).toContain('--p');
    expect(runs[1]!.stderr[0]).toContain('--players');
    expect(runs[2]!.stderr[0]).toContain('--rounds');
    expect(runs[4]!.stderr[0]).toContain('--classes');
  });
});
