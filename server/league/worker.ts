/**
 * One league match, run on a worker thread (piscina) or in-process: plays it with the real clock
 * enforcing the decision budget, writes its replay file, and returns the scores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getScenario } from '../../shared/economy/scenarios/index.js';
import { runMatch } from '../../shared/bots/runMatch.js';
import { stateHash } from '../../shared/rules/engine.js';
import { REPLAY_FORMAT, type ReplayFile } from '../../shared/rules/replay.js';
import type { Seat } from './scheduler.js';
import type { BotTotals } from './storage.js';

export interface MatchTask {
  index: number;
  seed: string;
  seats: Seat[];
  scenarioId: string;
  /** Scenario length override (days); 0 = the scenario's own. */
  days: number;
  decisionBudgetMs: number;
  /** Directory for `<seed>.json`; '' = no replay file. */
  replayDir: string;
}

export interface MatchOutcome {
  index: number;
  seed: string;
  stateHash: string;
  finalDay: number;
  players: { bot: string; navUsd: number; marketCapUsd: number; sharesOutstanding: number; founderShares: number }[];
  stats: BotTotals[];
  wallMs: number;
}

export function playMatch(task: MatchTask): MatchOutcome {
  const t0 = performance.now();
  const base = getScenario(task.scenarioId);
  if (!base) throw new Error(`unknown scenario "${task.scenarioId}"`);
  const scenario = task.days > 0 ? { ...base, days: Math.min(task.days, base.days) } : base;
  const { state, log, stats } = runMatch({
    scenario,
    seed: task.seed,
    bots: task.seats.map((s) => ({ id: s.id, name: s.name, strategy: s.bot })),
    decisionBudgetMs: task.decisionBudgetMs,
    clock: () => performance.now(),
  });
  const hash = stateHash(state);
  if (task.replayDir) {
    mkdirSync(task.replayDir, { recursive: true });
    const file: ReplayFile = { format: REPLAY_FORMAT, scenario, seed: task.seed, finalDay: state.day, entries: log, stateHash: hash };
    writeFileSync(join(task.replayDir, `${task.seed}.json`), JSON.stringify(file));
  }
  return {
    index: task.index,
    seed: task.seed,
    stateHash: hash,
    finalDay: state.day,
    players: task.seats.map((s) => {
      const p = state.players[s.id];
      return { bot: s.bot, navUsd: p?.navUsd ?? 0, marketCapUsd: p?.marketCapUsd ?? 0, sharesOutstanding: p?.sharesOutstanding ?? 0, founderShares: p?.founderShares ?? 0 };
    }),
    stats: task.seats.map((s) => ({ bot: s.bot, actions: stats[s.id]?.actions ?? 0, rejected: stats[s.id]?.rejected ?? 0, strikes: stats[s.id]?.strikes ?? 0 })),
    wallMs: performance.now() - t0,
  };
}

/** Piscina's entry point. */
export default function (task: MatchTask): MatchOutcome {
  return playMatch(task);
}
