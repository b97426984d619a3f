import { createGame, step } from './shared/rules/engine.js';
import { getScenario } from './shared/economy/scenarios/index.js';
import type { GameState, Scenario } from './shared/rules/types.js';
const base = getScenario(process.argv[2] ?? 'halving-sprint')!;
const share = Number(process.argv[3] ?? 100);
const sc: Scenario = { ...base, compute: { ...base.compute, spotSharePct: share } };
const SITES = ['L4', 'L6', 'L7', 'L1'];
function world(n: number, gpus: number, seed: string): GameState {
  const ids = ['a', 'b', 'c', 'd'].slice(0, n);
  let s = createGame(sc, seed, ids.map((id) => ({ id, name: id })));
  const sites = { ...s.sites }; const lots = { ...s.lots };
  ids.forEach((id, i) => {
    const sid = SITES[i]!;
    sites[sid] = { ...sites[sid]!, ownerId: id, listPriceUsd: 0, tier: 'ai' };
    lots['G' + id] = { id: 'G' + id, ownerId: id, modelId: 'h100', count: gpus, status: 'installed', siteId: sid, arrivesDay: 0, unitCostUsd: 1, committedGpus: 0 };
  });
  return { ...s, sites, lots };
}
function path(s: GameState): number[] { const out = []; while (s.phase === 'running') { s = step(s).state; out.push(s.compute.spotUsdPerGpuHour); } return out; }
for (const seed of ['s1', 's2']) {
  const b = path(world(0, 0, seed));
  for (const [n, g] of [[4, 1250], [4, 1666], [1, 250], [1, 1250]] as const) {
    const p = path(world(n, g, seed));
    const r = p.map((x, i) => 1 - x / b[i]!);
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    console.log(seed, share, n, g, 'mean', (mean * 100).toFixed(1), 'start', (r[0]! * 100).toFixed(1), 'mid', (r[60]! * 100).toFixed(1), 'end', (r[r.length - 1]! * 100).toFixed(1), 'base end', b[b.length-1]!.toFixed(2), 'with end', p[p.length-1]!.toFixed(2));
  }
}
