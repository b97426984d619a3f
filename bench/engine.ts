/**
 * `npm run bench` (engine part): the engine over history-2023-2025. Bots play first (to record
 * realistic action logs); the engine figure is the engine alone replaying those logs (applyAction +
 * step), the match figure the whole match including bot decisions and their views. Each is set
 * against a plain-loop ceiling (`plainLoopSeconds`): the same number of player-days of a miner's
 * daily arithmetic on mutable objects, the floor no engine of this game can beat on the machine.
 * Ratios to the ceiling compare CPU time (wall time on a shared machine is mostly waiting for a core).
 * Each case is played three times and reported as medians, every run listed. Prints figures,
 * asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getScenario } from '../shared/economy/scenarios/index.js';
import { runMatch } from '../shared/bots/runMatch.js';
import { runReplay } from '../shared/rules/replay.js';

const STRATEGY_MIX = ['hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser', 'random', 'idle'];

export interface EngineBenchRow {
  players: number;
  days: number;
  actions: number;
  /** How many times the match and its replay were played; the figures below are their medians. */
  runs: number;
  /** Each run's wall seconds, in the order played (the first pays for most of V8's compiling). */
  engineRunsSeconds: number[];
  matchRunsSeconds: number[];
  engineSeconds: number;
  enginePlayerDaysPerSec: number;
  engineUsPerPlayerDay: number;
  matchSeconds: number;
  matchPlayerDaysPerSec: number;
  matchUsPerPlayerDay: number;
  /** CPU seconds of the same runs: on a machine other processes share, wall time is mostly waiting. */
  engineCpuSeconds: number;
  matchCpuSeconds: number;
  /** The plain loop over the same player-days (CPU seconds), and how many times more CPU each run took. */
  ceilingSeconds: number;
  engineVsCeiling: number;
  matchVsCeiling: number;
}

interface LoopPlayer {
  cashUsd: number;
  btc: number;
  lots: { ths: number; kw: number; units: number; unitUsd: number }[];
  revenueUsd: number;
  navUsd: number;
}

/**
 * Seconds a plain loop takes for `players` × `days` player-days: per player and day, each of its
 * lots earns hashprice × TH/s and pays its power at the site's price × PUE, revenue and power are
 * posted as ledger transfers (integer cents), part of the BTC is sold, a loan
 * accrues interest, and NAV is summed over cash, BTC and hardware at resale; the world moves price
 * and difficulty once a day. About the work of the engine's day for one company, with none of its
 * bookkeeping: the issue measured the first version of this loop at 23-27 ms for 100 × 730.
 */
export function plainLoopSeconds(players: number, days: number, lotsPerPlayer = 8): number {
  const ps: LoopPlayer[] = Array.from({ length: players }, (_, i) => ({
    cashUsd: 50e6, btc: 0, revenueUsd: 0, navUsd: 50e6,
    lots: Array.from({ length: lotsPerPlayer }, (_, j) => ({ ths: 200 + i + j, kw: 3.5, units: 500 + 10 * j, unitUsd: 3000 })),
  }));
  type Balance = { usdCents: number; sats: number };
  const world: Balance = { usdCents: 0, sats: 0 };
  const accounts: Balance[] = ps.map(() => ({ usdCents: 5e9, sats: 0 }));
  const post = (a: Balance, b: Balance, usdCents: number, sats: number) => {
    a.usdCents -= usdCents;
    a.sats -= sats;
    b.usdCents += usdCents;
    b.sats += sats;
  };
  let btcUsd = 30_000;
  let difficulty = 1;
  let x = 12345;
  const t0 = cpuSeconds();
  for (let d = 0; d < days; d++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    btcUsd *= 1 + ((x / 2147483648) - 0.5) * 0.04;
    difficulty *= 1.0005;
    const hashpriceUsdPerThDay = (0.00000125 * btcUsd) / difficulty;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      const account = accounts[i]!;
      let revenue = 0;
      let powerUsd = 0;
      let hardwareUsd = 0;
      for (const lot of p.lots) {
        revenue += hashpriceUsdPerThDay * lot.ths * lot.units;
        powerUsd += lot.kw * lot.units * 24 * 0.05 * 1.1;
        hardwareUsd += lot.unitUsd * lot.units * 0.999;
        lot.unitUsd *= 0.999;
      }
      const minedSats = Math.round((revenue / btcUsd) * 1e8);
      post(world, account, 0, minedSats);
      const soldSats = Math.floor(minedSats / 2);
      post(account, world, 0, soldSats);
      post(world, account, Math.round((soldSats / 1e8) * btcUsd * 100), 0);
      post(account, world, Math.round(powerUsd * 100), 0);
      const interestCents = Math.round((1e9 * 0.08) / 365);
      post(account, world, interestCents, 0);
      const bal = account;
      p.btc = bal.sats / 1e8;
      p.cashUsd = bal.usdCents / 100;
      p.revenueUsd = revenue;
      p.navUsd = p.cashUsd + p.btc * btcUsd + hardwareUsd;
    }
  }
  const seconds = cpuSeconds() - t0;
  // Keeps the loop's result alive so the JIT cannot drop it.
  if (ps.reduce((s, p) => s + p.navUsd, 0) === 42) console.log('');
  return seconds;
}

/** CPU time of this process (all threads), in seconds. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** The median of `runs` calls (the ceiling is a few ms: one run is noise on a shared machine). */
export function plainLoopMedianSeconds(players: number, days: number, runs = 7): number {
  const xs = Array.from({ length: runs }, () => plainLoopSeconds(players, days)).sort((a, b) => a - b);
  return xs[Math.floor(runs / 2)]!;
}

/** The median of a few figures (the middle one, or the mean of the middle two). */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * One match with `players` bots for `days` days (history-2023-2025, lengthened past 730 days if
 * asked), then its replay; with `runs` > 1 both are played that many times (the same seed, so the
 * same log) and the figures are medians: on a shared 2-core machine one run can be 30 % off.
 */
export function benchEngineCase(players: number, days: number, scenarioId = 'history-2023-2025', runs = 1): EngineBenchRow {
  const base = getScenario(scenarioId)!;
  const scenario = days > base.days ? { ...base, days } : base;
  const bots = Array.from({ length: players }, (_, i) => ({ id: `p${i + 1}`, name: `bot ${i + 1}`, strategy: STRATEGY_MIX[i % STRATEGY_MIX.length]! }));
  const matchRuns: { wall: number; cpu: number }[] = [];
  const engineRuns: { wall: number; cpu: number }[] = [];
  let match: ReturnType<typeof runMatch> | null = null;
  let finalDay = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const c0 = cpuSeconds();
    match = runMatch({ scenario, seed: 'bench', bots, clock: () => performance.now(), untilDay: days });
    matchRuns.push({ wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0 });
    const t1 = performance.now();
    const c1 = cpuSeconds();
    finalDay = runReplay({ scenario, seed: 'bench', finalDay: match.state.day, entries: match.log }, { trusted: true }).day;
    engineRuns.push({ wall: (performance.now() - t1) / 1000, cpu: cpuSeconds() - c1 });
  }
  const engineSeconds = median(engineRuns.map((r) => r.wall));
  const engineCpuSeconds = median(engineRuns.map((r) => r.cpu));
  const matchSeconds = median(matchRuns.map((r) => r.wall));
  const matchCpuSeconds = median(matchRuns.map((r) => r.cpu));
  const playerDays = players * finalDay;
  const ceilingSeconds = plainLoopMedianSeconds(players, finalDay);
  return {
    players,
    days: finalDay,
    actions: match!.log.filter((e) => e.kind === 'action').length,
    runs,
    engineRunsSeconds: engineRuns.map((r) => r.wall),
    matchRunsSeconds: matchRuns.map((r) => r.wall),
    engineSeconds,
    enginePlayerDaysPerSec: playerDays / engineSeconds,
    engineUsPerPlayerDay: (engineSeconds * 1e6) / playerDays,
    matchSeconds,
    matchPlayerDaysPerSec: playerDays / matchSeconds,
    matchUsPerPlayerDay: (matchSeconds * 1e6) / playerDays,
    engineCpuSeconds,
    matchCpuSeconds,
    ceilingSeconds,
    engineVsCeiling: engineCpuSeconds / ceilingSeconds,
    matchVsCeiling: matchCpuSeconds / ceilingSeconds,
  };
}

export function benchEngine(playerCounts = [8, 100], days = 730, scenarioId = 'history-2023-2025', runs = 3): EngineBenchRow[] {
  // A short first match warms the JIT, so the first row is not charged with compiling the engine.
  benchEngineCase(4, 30, scenarioId);
  return playerCounts.map((n) => benchEngineCase(n, days, scenarioId, runs));
}

export function machineName(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, Node ${process.version}`;
}

/** The 1/5/15-minute load averages: other processes on the cores make every figure slower. */
export function loadText(): string {
  return loadavg().map((x) => x.toFixed(1)).join(' / ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Engine bench on ${machineName()}, load ${loadText()}`);
  const rows = benchEngine();
  console.table(rows.map((r) => ({
    players: r.players,
    days: r.days,
    'accepted actions': r.actions,
    'engine s': r.engineSeconds.toFixed(2),
    'engine cpu s': r.engineCpuSeconds.toFixed(2),
    'engine µs/player-day': r.engineUsPerPlayerDay.toFixed(1),
    'with bots s': r.matchSeconds.toFixed(2),
    'with bots cpu s': r.matchCpuSeconds.toFixed(2),
    'with bots µs/player-day': r.matchUsPerPlayerDay.toFixed(1),
    'plain loop cpu ms': (r.ceilingSeconds * 1000).toFixed(1),
    'engine × loop': r.engineVsCeiling.toFixed(0),
    'bots × loop': r.matchVsCeiling.toFixed(0),
  })));
}
