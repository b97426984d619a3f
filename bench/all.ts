/**
 * `npm run bench`: every figure in one run, printed as a table; `-- --json [file]` also writes them
 * (default `bench-results.json`) for tools. The run ends with the speed issue's table: each
 * headline figure, its goal, and how far the engine figures are from a plain-loop ceiling.
 * - engine: 8 and 100 players × 730 days of history-2023-2025, replayed (engine only) and played
 *   with bots deciding, against `plainLoopSeconds` (`bench/engine.ts`); medians of 3 runs;
 * - league: `npm run league` as a child process (8-seat halving-sprint, 2 workers, start-up
 *   included) in matches/min;
 * - server: K rooms × N real colyseus.js clients in child processes: tick p50/p99, event-loop p99,
 *   downstream bytes per client per second, RSS;
 * - store: what an SQLite commit costs the server's event loop, checkpointing in the commit or on a
 *   thread (`bench/storeCommits.ts`);
 * - capacity: the largest client count one process holds with p99 tick < 10 ms and event-loop p99
 *   < 50 ms (stepping up rooms);
 * - soak: heap after full GCs over a long run with 200 clients;
 * - client: frame times in headless Chromium (`bench/client.ts`, run as a child process).
 * - scaling (only when asked: `--only scaling`): µs per player-day for 8, 32, 100, 300 players ×
 *   120, 730, 1,460 days (minutes of CPU).
 * Figures only, no asserts. `--quick` shortens every part (a smoke run); `--only engine,server,…`
 * picks parts. Env: BENCH_SOAK_SECONDS (default 120), BENCH_CASE_SECONDS (default 10).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchEngine, benchEngineCase, loadText, machineName, plainLoopMedianSeconds, type EngineBenchRow } from './engine.js';
import { cli, parseCli } from '../server/cli/args.js';
import { benchCommits } from './storeCommits.js';
import { findCapacity, runLoadCase, runSoak, type CapacityResult, type LoadCaseRow, type SoakResult } from './serverLoad.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = parseCli(cli('bench', 'Every benchmark figure in one run: a table, and bench-results.json.')
  .option('--quick', 'shorten every part (a smoke run)')
  .option('--only <parts>', 'comma-separated parts: engine, league, server, store, capacity, soak, client, scaling (scaling runs only when named)')
  .option('--json [file]', 'also write every figure as JSON (default bench-results.json)')
  .addHelpText('after', '\nEnv: BENCH_SOAK_SECONDS (default 120), BENCH_CASE_SECONDS (default 10).')).opts<{ quick?: boolean; only?: string; json?: boolean | string }>();
const quick = args.quick === true;
const only = args.only !== undefined ? new Set(args.only.split(',')) : null;
const want = (part: string) => (part === 'scaling' ? only?.has(part) === true : !only || only.has(part));
const CASE_SECONDS = Number(process.env.BENCH_CASE_SECONDS) || (quick ? 4 : 10);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS) || (quick ? 20 : 120);

interface TableRow {
  part: string;
  figure: string;
  value: string;
}

const table: TableRow[] = [];
const results: Record<string, unknown> = { machine: machineName(), loadAtStart: loadText(), startedAt: new Date().toISOString(), quick };

/** The speed issue's table: figure, goal, and the ratio to the plain-loop ceiling where there is one. */
interface HeadlineRow {
  measure: string;
  now: string;
  goal: string;
  vsCeiling: string;
}
const headline: HeadlineRow[] = [];
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
  const rows = benchEngine(quick ? [8] : [8, 100], quick ? 120 : 730, undefined, quick ? 1 : 3);
  results.engine = rows;
  for (const r of rows) {
    const label = `${r.players} players × ${r.days} days`;
    add('engine', `${label}: replayed, engine only s, CPU s (µs/player-day)${r.runs > 1 ? `, median of ${r.runs}` : ''}`, `${fmt(r.engineSeconds)}, ${fmt(r.engineCpuSeconds)} (${fmt(r.engineUsPerPlayerDay)})`);
    add('engine', `${label}: with bots deciding s, CPU s (µs/player-day)${r.runs > 1 ? `, median of ${r.runs}` : ''}`, `${fmt(r.matchSeconds)}, ${fmt(r.matchCpuSeconds)} (${fmt(r.matchUsPerPlayerDay)})`);
    if (r.runs > 1) add('engine', `${label}: each run, replayed; with bots deciding (s)`, `${r.engineRunsSeconds.map(fmt).join(', ')}; ${r.matchRunsSeconds.map(fmt).join(', ')}`);
    add('engine', `${label}: plain-loop ceiling CPU ms; engine, with bots × ceiling (CPU)`, `${fmt(r.ceilingSeconds * 1000)}; ${fmt(r.engineVsCeiling)}, ${fmt(r.matchVsCeiling)}`);
  }
  const big = rows[rows.length - 1]!;
  headline.push(
    { measure: `${big.players} players × ${big.days} days of history-2023-2025, actions replayed`, now: `${fmt(big.engineSeconds)} s (CPU ${fmt(big.engineCpuSeconds)} s)`, goal: '< 0.5 s', vsCeiling: `${fmt(big.engineVsCeiling)}×` },
    { measure: `same with ${big.players} bots deciding (past start-up)`, now: `${fmt(big.matchSeconds)} s (CPU ${fmt(big.matchCpuSeconds)} s)`, goal: '< 0.7 s', vsCeiling: `${fmt(big.matchVsCeiling)}×` },
  );
}

/** µs per player-day over players × days (history-2023-2025, lengthened for 1,460 days). */
function scaling(): void {
  const players = quick ? [8, 32] : [8, 32, 100, 300];
  const days = quick ? [120, 730] : [120, 730, 1460];
  const rows: EngineBenchRow[] = [];
  for (const n of players) {
    for (const d of days) {
      const r = benchEngineCase(n, d);
      rows.push(r);
      const pd = r.players * r.days;
      const cpuUs = `CPU ${fmt((r.engineCpuSeconds * 1e6) / pd)} / ${fmt((r.matchCpuSeconds * 1e6) / pd)}`;
      process.stdout.write(`  ${n} players × ${d} days: µs per player-day engine / with bots: wall ${fmt(r.engineUsPerPlayerDay)} / ${fmt(r.matchUsPerPlayerDay)}, ${cpuUs}\n`);
      add('scaling', `${n} players × ${d} days: µs/player-day engine / with bots (wall; CPU)`, `${fmt(r.engineUsPerPlayerDay)} / ${fmt(r.matchUsPerPlayerDay)}; ${cpuUs}`);
    }
  }
  results.scaling = rows;
}

/**
 * `npm run league` as a user runs it (its entry server/cli/league.mjs: start-up from the prebuilt
 * bundle, worker start, matches, files), timed from spawn to exit; the median of 3 runs (1 with
 * --quick), each in a fresh folder and database. The bundles are built first, as the first league
 * after a source change would (once), so no run pays for building.
 */
async function league(): Promise<void> {
  const { REFERENCE_STRATEGIES, STRATEGY_NAMES } = await import('../shared/bots/index.js');
  const { prebuiltBundle } = await import('../server/league/prebuiltBundle.js');
  await prebuiltBundle('cli');
  await prebuiltBundle('worker');
  const pool = [...new Set([...REFERENCE_STRATEGIES, ...STRATEGY_NAMES])].slice(0, 8);
  const matches = quick ? 8 : 64;
  const workers = 2;
  const runs = quick ? 1 : 3;
  const runMs: number[] = [];
  // The runs' folders go at the end, not after each run. ext4 without a journal (this VM's disk)
  // steps over every inode freed in the last minute (six if its table block is unwritten) before it
  // hands out a new one: a run right after a deletion paid for stepping over the previous run's 576
  // files, and each run came out slower than the one before it (up to 0.4 s after heavy use).
  const dirs: string[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'bc-bench-league-'));
      dirs.push(dir);
      const t0 = performance.now();
      await new Promise<void>((res, rej) => {
        const child = spawn(process.execPath, ['server/cli/league.mjs', '--bots', pool.join(','), '--matches', String(matches), '--scenario', 'halving-sprint',
          '--seed', 'bench', '--workers', String(workers), '--out', join(dir, 'out'), '--db', join(dir, 'league.sqlite'), '--quiet'], {
          cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (d) => (err += String(d)));
        child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`league exited ${code}: ${err.trim().split('\n').slice(-2).join(' | ')}`))));
      });
      runMs.push(performance.now() - t0);
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  const wallMs = [...runMs].sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  const perMin = matches / (wallMs / 60_000);
  // The ceiling: the plain loop over one match's player-days, on every worker at once (wall time
  // here: a league is judged by the clock, start-up included).
  const ceilingPerMin = (workers * 60) / plainLoopMedianSeconds(pool.length, 120);
  results.league = { scenario: 'halving-sprint', matches, playersPerMatch: pool.length, workers, wallMs, runMs, matchesPerMin: perMin, ceilingMatchesPerMin: ceilingPerMin };
  add('league', `npm run league, halving-sprint, ${pool.length} seats, ${workers} workers, ${matches} matches incl. start-up: matches/min (median of ${runs})`, perMin);
  add('league', 'each run: s from spawn to exit', runMs.map((ms) => fmt(ms / 1000)).join(', '));
  headline.push({ measure: `\`npm run league\`, ${pool.length}-seat halving-sprint, ${workers} workers, incl. start-up`, now: `${fmt(perMin)} matches/min`, goal: '≥ 2,000', vsCeiling: `${fmt(ceilingPerMin / perMin)}×` });
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
    const parts = row.bytesByPartPerClientPerS;
    add('server', `${label}: down bytes/client/s by part: patches / private / chart / other`, `${fmt(parts.patches)} / ${fmt(parts.private)} / ${fmt(parts.chart)} / ${fmt(parts.other)}`);
    add('server', `${label}: RSS MB`, row.rssMb);
  }
  results.server = { seconds: CASE_SECONDS, daysPerSecond: 2, rows };
  const room8 = rows.find((r) => r.rooms === 1 && r.clientsPerRoom === 8);
  if (room8) headline.push({ measure: 'downstream bytes per client per second, 8-player room', now: `${fmt(room8.bytesPerClientPerS / 1000)} KB`, goal: '≤ 0.8 KB', vsCeiling: '' });
}

async function capacity(): Promise<void> {
  const r: CapacityResult = await findCapacity({
    clientsPerRoom: 8, roomsPerStep: 4, measureSeconds: quick ? 3 : 6, budgetSeconds: quick ? 30 : 180, limitMs: 10, eventLoopLimitMs: 50, maxClients: 2500, daysPerSecond: 2,
  });
  results.capacity = r;
  add('capacity', `max clients (rooms of 8), one process, p99 tick < ${r.limitMs} ms and event-loop p99 < ${r.eventLoopLimitMs} ms`, String(r.maxClients));
  add('capacity', 'stopped because', r.stoppedBecause);
  const last = r.steps[r.steps.length - 1];
  if (last) add('capacity', `last step (${last.clients} clients): tick p99 / event-loop p99 ms`, `${fmt(last.tickP99Ms)} / ${fmt(last.eventLoopP99Ms)}`);
  const held = [...r.steps].reverse().find((x) => x.clients === r.maxClients);
  headline.push({
    measure: `clients one process holds at tick p99 < ${r.limitMs} ms and event-loop p99 < ${r.eventLoopLimitMs} ms`, now: `${r.maxClients}${held ? ` (event-loop p99 ${fmt(held.eventLoopP99Ms)} ms)` : ''}`, goal: '≥ 1,500 with event-loop p99 < 50 ms', vsCeiling: '',
  });
}

async function store(): Promise<void> {
  const rows = await benchCommits(quick ? 3 : 10);
  results.store = rows;
  for (const r of rows) {
    add('store', `${r.commits} commits at ~1,000/s, checkpoints ${r.checkpoints}: p50 / p99 / p99.9 / max ms`, `${fmt(r.p50Ms)} / ${fmt(r.p99Ms)} / ${fmt(r.p999Ms)} / ${fmt(r.maxMs)}`);
    add('store', `checkpoints ${r.checkpoints}: commits over 5 ms, mean µs per commit`, `${r.over5Ms}, ${fmt(r.meanUs)}`);
  }
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
  console.log(`npm run bench on ${machineName()}, load ${loadText()}${quick ? ' (quick)' : ''}`);
  await part('engine', engine);
  await part('league', league);
  await part('server', server);
  await part('store', store);
  await part('capacity', capacity);
  await part('soak', soak);
  await part('client', client);
  await part('scaling', scaling);
  results.finishedAt = new Date().toISOString();
  results.loadAtEnd = loadText();
  results.table = table;
  results.headline = headline;
  const w = [Math.max(4, ...table.map((r) => r.part.length)), Math.max(6, ...table.map((r) => r.figure.length)), Math.max(5, ...table.map((r) => r.value.length))];
  const line = (a: string, b: string, c: string) => `${a.padEnd(w[0]!)} | ${b.padEnd(w[1]!)} | ${c.padStart(w[2]!)}`;
  console.log(`\n${line('part', 'figure', 'value')}\n${w.map((n) => '-'.repeat(n)).join('-|-')}`);
  for (const r of table) console.log(line(r.part, r.figure, r.value));
  if (headline.length) {
    console.log(`\nThe speed table on ${machineName()} (load ${String(results.loadAtStart)} at start, ${String(results.loadAtEnd)} at end):\n`);
    console.log('| measure | now | goal | × plain-loop ceiling |\n|---|---|---|---|');
    for (const h of headline) console.log(`| ${h.measure} | ${h.now} | ${h.goal} | ${h.vsCeiling} |`);
  }
  if (args.json !== undefined) {
    const file = resolve(ROOT, typeof args.json === 'string' ? args.json : 'bench-results.json');
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nwritten ${file}`);
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
