/**
 * `npm run bench`: every figure in one run, printed as a table and written to `bench-results.json`.
 * - engine: player-days/s (`bench/engine.ts`);
 * - league: matches/min on halving-sprint (`server/league/runLeague.ts`, worker threads);
 * - server: K rooms × N real colyseus.js clients in child processes: tick p50/p99, event-loop p99,
 *   downstream bytes per client per second, RSS;
 * - capacity: the largest client count one process holds with p99 tick < 20 ms (stepping up rooms);
 * - soak: heap after full GCs over a long run with 200 clients;
 * - client: frame times in headless Chromium (`bench/client.ts`, run as a child process).
 * Figures only, no asserts. `--quick` shortens every part (a smoke run); `--only engine,server,…`
 * picks parts. Env: BENCH_SOAK_SECONDS (default 120), BENCH_CASE_SECONDS (default 10).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchEngine, machineName } from './engine.js';
import { cli, parseCli } from '../server/cli/args.js';
import { findCapacity, runLoadCase, runSoak, type CapacityResult, type LoadCaseRow, type SoakResult } from './serverLoad.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = parseCli(cli('bench', 'Every benchmark figure in one run: a table, and bench-results.json.')
  .option('--quick', 'shorten every part (a smoke run)')
  .option('--only <parts>', 'comma-separated parts: engine, league, server, capacity, soak, client')
  .addHelpText('after', '\nEnv: BENCH_SOAK_SECONDS (default 120), BENCH_CASE_SECONDS (default 10).')).opts<{ quick?: boolean; only?: string }>();
const quick = args.quick === true;
const only = args.only !== undefined ? new Set(args.only.split(',')) : null;
const want = (part: string) => !only || only.has(part);
const CASE_SECONDS = Number(process.env.BENCH_CASE_SECONDS) || (quick ? 4 : 10);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS) || (quick ? 20 : 120);

interface TableRow {
  part: string;
  figure: string;
  value: string;
}

const table: TableRow[] = [];
const results: Record<string, unknown> = { machine: machineName(), startedAt: new Date().toISOString(), quick };
const add = (part: string, figure: string, value: string | number) => table.push({ part, figure, value: typeof value === 'number' ? fmt(value) : value });

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
}

async function part(name: string, run: () => Promise<void> | void): Promise<void> {
  if (!want(name)) return;
  const t0 = Date.now();
  process.stdout.write(`… ${name}\n`);
  try {
    await run();
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    results[name] = { error: message };
    add(name, 'failed', message.slice(0, 100));
  }
  process.stdout.write(`  ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

function engine(): void {
  const rows = benchEngine(quick ? [8] : [8, 100]);
  results.engine = rows;
  for (const r of rows) {
    add('engine', `${r.players} players × ${r.days} days: engine player-days/s`, r.enginePlayerDaysPerSec);
    add('engine', `${r.players} players × ${r.days} days: with bots player-days/s`, r.matchPlayerDaysPerSec);
  }
}

async function league(): Promise<void> {
  // Imported lazily: the league module has its own dependencies (piscina, SQLite).
  const { runLeague } = await import('../server/league/runLeague.js');
  const { REFERENCE_STRATEGIES, STRATEGY_NAMES } = await import('../shared/bots/index.js');
  const pool = [...new Set([...REFERENCE_STRATEGIES, ...STRATEGY_NAMES])].slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'bc-bench-league-'));
  const matches = quick ? 4 : 16;
  const workers = 2;
  try {
    const summary = await runLeague({
      bots: pool, matches, scenarioId: 'halving-sprint', seed: 'bench', playersPerMatch: pool.length, workers, outDir: join(dir, 'out'), dbFile: join(dir, 'league.sqlite'),
    });
    const perMin = summary.played / (summary.wallMs / 60_000);
    results.league = { scenario: 'halving-sprint', matches: summary.played, playersPerMatch: pool.length, workers, wallMs: summary.wallMs, matchesPerMin: perMin };
    add('league', `halving-sprint, ${pool.length} bots/match, ${workers} workers: matches/min`, perMin);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function server(): Promise<void> {
  const cases: [number, number][] = quick ? [[1, 8], [4, 50]] : [[1, 8], [20, 8], [4, 50], [2, 100]];
  const rows: LoadCaseRow[] = [];
  for (const [rooms, perRoom] of cases) {
    const row = await runLoadCase({ rooms, clientsPerRoom: perRoom, seconds: CASE_SECONDS, daysPerSecond: 2 });
    rows.push(row);
    const label = `${rooms} rooms × ${perRoom} clients (${rooms * perRoom})`;
    add('server', `${label}: tick p50 / p99 ms`, `${fmt(row.tickP50Ms)} / ${fmt(row.tickP99Ms)}`);
    add('server', `${label}: day-tick p50 / p99 ms`, `${fmt(row.dayTickP50Ms)} / ${fmt(row.dayTickP99Ms)}`);
    add('server', `${label}: event-loop p99 ms`, row.eventLoopP99Ms);
    add('server', `${label}: down bytes/client/s`, row.bytesPerClientPerS);
    add('server', `${label}: RSS MB`, row.rssMb);
  }
  results.server = { seconds: CASE_SECONDS, daysPerSecond: 2, rows };
}

async function capacity(): Promise<void> {
  const r: CapacityResult = await findCapacity({
    clientsPerRoom: 8, roomsPerStep: 4, measureSeconds: quick ? 3 : 6, budgetSeconds: quick ? 30 : 180, limitMs: 20, maxClients: 2500, daysPerSecond: 2,
  });
  results.capacity = r;
  add('capacity', `max clients (rooms of 8), one process, p99 tick < ${r.limitMs} ms`, String(r.maxClients));
  add('capacity', 'stopped because', r.stoppedBecause);
  const last = r.steps[r.steps.length - 1];
  if (last) add('capacity', `last step (${last.clients} clients): tick p99 / event-loop p99 ms`, `${fmt(last.tickP99Ms)} / ${fmt(last.eventLoopP99Ms)}`);
}

async function soak(): Promise<void> {
  const r: SoakResult = await runSoak({ rooms: 4, clientsPerRoom: 50, seconds: SOAK_SECONDS, sampleEverySeconds: quick ? 5 : 15 });
  results.soak = r;
  add('soak', `${r.clients} clients, ${Math.round(r.seconds)} s: heap after GC, warm-up → end MB`, `${fmt(r.heapAfterWarmupMb)} → ${fmt(r.heapEndMb)}`);
  add('soak', 'heap slope MB/min', r.heapSlopeMbPerMin);
  add('soak', 'RSS warm-up → end MB', `${fmt(r.rssAfterWarmupMb)} → ${fmt(r.rssEndMb)}`);
  add('soak', 'tick p99 / event-loop p99 ms', `${fmt(r.tickP99Ms)} / ${fmt(r.eventLoopP99Ms)}`);
  add('soak', 'down bytes/client/s', r.bytesPerClientPerS);
}

/** `bench/client.ts` exports nothing: run it and read its table. */
async function client(): Promise<void> {
  const out = await new Promise<string>((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/client.ts'], {
      cwd: ROOT, env: { ...process.env, BENCH_SECONDS: process.env.BENCH_SECONDS ?? (quick ? '3' : '6') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d) => (text += String(d)));
    child.stderr.on('data', (d) => (text += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) res(text);
      else rej(new Error(`bench/client.ts exited ${code}: ${text.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
  const rows = out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => (c[0] === 'webgl' || c[0] === 'canvas') && c.length >= 8)
    .map((c) => ({ renderer: c[0]!, players: Number(c[1]), sites: Number(c[2]), frames: Number(c[3]), frameMedianMs: Number(c[4]), frameP95Ms: Number(c[5]), workMedianMs: Number(c[6]), workP95Ms: Number(c[7]) }));
  if (!rows.length) throw new Error('no figures in bench/client.ts output');
  results.client = rows;
  for (const r of rows) add('client', `${r.renderer}, ${r.players} companies: frame median / p95, work p95 ms`, `${fmt(r.frameMedianMs)} / ${fmt(r.frameP95Ms)}, ${fmt(r.workP95Ms)}`);
}

async function main(): Promise<void> {
  console.log(`npm run bench on ${machineName()}${quick ? ' (quick)' : ''}`);
  await part('engine', engine);
  await part('league', league);
  await part('server', server);
  await part('capacity', capacity);
  await part('soak', soak);
  await part('client', client);
  results.finishedAt = new Date().toISOString();
  results.table = table;
  const file = join(ROOT, 'bench-results.json');
  writeFileSync(file, JSON.stringify(results, null, 2));
  const w = [Math.max(4, ...table.map((r) => r.part.length)), Math.max(6, ...table.map((r) => r.figure.length)), Math.max(5, ...table.map((r) => r.value.length))];
  const line = (a: string, b: string, c: string) => `${a.padEnd(w[0]!)} | ${b.padEnd(w[1]!)} | ${c.padStart(w[2]!)}`;
  console.log(`\n${line('part', 'figure', 'value')}\n${w.map((n) => '-'.repeat(n)).join('-|-')}`);
  for (const r of table) console.log(line(r.part, r.figure, r.value));
  console.log(`\nwritten ${file}`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
