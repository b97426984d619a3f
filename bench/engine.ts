/**
 * `npm run bench` (engine part): player-days per second over history-2023-2025 with 8 and 100
 * players. Bots play first (to record realistic action logs); the figure is the engine alone
 * replaying those logs (applyAction + step), then the whole match including bot decisions.
 * Prints figures, asserts nothing.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getScenario } from '../shared/economy/scenarios/index.js';
import { runMatch } from '../shared/bots/runMatch.js';
import { runReplay } from '../shared/rules/replay.js';

const STRATEGY_MIX = ['hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser', 'random', 'idle'];

export interface EngineBenchRow {
  players: number;
  days: number;
  actions: number;
  engineSeconds: number;
  enginePlayerDaysPerSec: number;
  matchSeconds: number;
  matchPlayerDaysPerSec: number;
}

export function benchEngine(playerCounts = [8, 100], scenarioId = 'history-2023-2025'): EngineBenchRow[] {
  const scenario = getScenario(scenarioId)!;
  const rows: EngineBenchRow[] = [];
  for (const n of playerCounts) {
    const bots = Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, name: `bot ${i + 1}`, strategy: STRATEGY_MIX[i % STRATEGY_MIX.length]! }));
    const t0 = performance.now();
    const match = runMatch({ scenario, seed: 'bench', bots, clock: () => performance.now() });
    const matchSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const replayed = runReplay({ scenario, seed: 'bench', finalDay: match.state.day, entries: match.log }, { trusted: true });
    const engineSeconds = (performance.now() - t1) / 1000;
    const playerDays = n * replayed.day;
    rows.push({
      players: n,
      days: replayed.day,
      actions: match.log.filter((e) => e.kind === 'action').length,
      engineSeconds,
      enginePlayerDaysPerSec: playerDays / engineSeconds,
      matchSeconds,
      matchPlayerDaysPerSec: playerDays / matchSeconds,
    });
  }
  return rows;
}

export function machineName(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, Node ${process.version}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Engine bench on ${machineName()}`);
  const rows = benchEngine();
  console.table(rows.map((r) => ({
    players: r.players,
    days: r.days,
    'accepted actions': r.actions,
    'engine s': r.engineSeconds.toFixed(2),
    'engine player-days/s': Math.round(r.enginePlayerDaysPerSec),
    'with bots s': r.matchSeconds.toFixed(2),
    'with bots player-days/s': Math.round(r.matchPlayerDaysPerSec),
  })));
}
