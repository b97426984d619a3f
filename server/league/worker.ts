/**
 * One league match, run on a worker thread (piscina) or in-process: resolves each seat's bot
 * (registry name, Strategy module, or protocol program in its own process), plays the match with
 * the real clock enforcing the decision budget, writes its replay and per-bot logs, and returns the
 * scores. An in-process strategy that loops cannot be interrupted on its own thread: the worker
 * marks each decision in a shared heartbeat, and the league kills the worker and replays the
 * match with that bot retired from the day it hung (see runLeague.ts), so results stay reproducible.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { getScenario } from '../../shared/economy/scenarios/index.js';
import { getStrategy } from '../../shared/bots/index.js';
import { botSeed, runMatch } from '../../shared/bots/runMatch.js';
import { BotFault, type Strategy } from '../../shared/bots/types.js';
import { stateHash } from '../../shared/rules/engine.js';
import { REPLAY_FORMAT, type ReplayFile } from '../../shared/rules/replay.js';
import { botLabel, loadModuleStrategy, resolveBot } from '../bots/resolve.js';
import { limitsFor, processStrategy, type ProcessStrategy } from '../bots/process/processBot.js';
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
  /** Directory for `<seed>/<seat>-<bot>.log`; '' or absent = no logs. */
  logDir?: string;
  /** Folder relative bot paths are resolved from (the league's working directory). */
  botCwd?: string;
  /** Seat id → day from which the seat is retired (its strategy hung on that day in an earlier attempt). */
  retire?: Record<string, number>;
  /**
   * Heartbeat shared with the league thread: [epoch ms when the current decision started (0 = none),
   * seat index, day, id of the thread playing the match]. Lets the league see a decision that never
   * returns, and stop the thread it is on.
   */
  watch?: SharedArrayBuffer;
  /** Process bots: strikes before a bot is retired for the rest of the match. */
  maxStrikes?: number;
}

export interface MatchOutcome {
  index: number;
  seed: string;
  stateHash: string;
  finalDay: number;
  players: { bot: string; navUsd: number; marketCapUsd: number; sharesOutstanding: number; founderShares: number }[];
  stats: BotTotals[];
  wallMs: number;
  /** Seats retired by the league's watchdog (a decision that never returned). */
  retired?: Record<string, number>;
}

export const HEARTBEAT_SLOTS = 4;

/** Wraps a strategy: heartbeat around each decision, and retirement from a given day. */
function guarded(strategy: Strategy, seatIndex: number, beat: Float64Array | null, retireDay: number | undefined): Strategy {
  return {
    ...strategy,
    decide(view, ctx) {
      if (retireDay !== undefined && view.day >= retireDay) {
        if (view.day === retireDay) throw new BotFault('killed', 'a decision never returned (a loop, or the worker ran out of memory): the worker was terminated and the match replayed with this bot retired from this day');
        return [];
      }
      if (!beat) return strategy.decide(view, ctx);
      beat[1] = seatIndex;
      beat[2] = view.day;
      beat[0] = performance.timeOrigin + performance.now();
      try {
        return strategy.decide(view, ctx);
      } finally {
        beat[0] = 0;
      }
    },
  };
}

export async function playMatch(task: MatchTask): Promise<MatchOutcome> {
  const t0 = performance.now();
  const base = getScenario(task.scenarioId);
  if (!base) throw new Error(`unknown scenario "${task.scenarioId}"`);
  const scenario = task.days > 0 ? { ...base, days: Math.min(task.days, base.days) } : base;
  const beat = task.watch ? new Float64Array(task.watch) : null;
  if (beat) beat[3] = threadId;
  const processes: ProcessStrategy[] = [];
  const bySeat = new Map<string, ProcessStrategy>();
  const strategies: Strategy[] = [];
  try {
    for (const [i, seat] of task.seats.entries()) {
      const src = resolveBot(seat.bot, { cwd: task.botCwd });
      let strategy: Strategy;
      if (src.kind === 'registry') strategy = getStrategy(src.name)!;
      else if (src.kind === 'module') strategy = await loadModuleStrategy(src.file, botLabel(seat.bot));
      else {
        const p = processStrategy({
          spawn: src.spawn, label: seat.bot, seed: botSeed(task.seed, seat.id),
          limits: limitsFor(task.decisionBudgetMs), maxStrikes: task.maxStrikes,
        });
        processes.push(p);
        bySeat.set(seat.id, p);
        strategy = p;
      }
      // A process bot is watched by its host thread; only in-process code needs the heartbeat.
      strategies.push(src.kind === 'process' ? guarded(strategy, i, null, task.retire?.[seat.id]) : guarded(strategy, i, beat, task.retire?.[seat.id]));
    }
    const { state, log, stats, logs, strikes } = runMatch({
      scenario,
      seed: task.seed,
      bots: task.seats.map((s, i) => ({ id: s.id, name: s.name, strategy: strategies[i]! })),
      decisionBudgetMs: task.decisionBudgetMs,
      clock: () => performance.now(),
    });
    for (const p of processes) p.close(state.day, 'match over');
    const hash = stateHash(state);
    if (task.replayDir) {
      mkdirSync(task.replayDir, { recursive: true });
      const file: ReplayFile = { format: REPLAY_FORMAT, scenario, seed: task.seed, finalDay: state.day, entries: log, stateHash: hash };
      writeFileSync(join(task.replayDir, `${task.seed}.json`), JSON.stringify(file));
    }
    if (task.logDir) {
      const dir = join(task.logDir, task.seed);
      mkdirSync(dir, { recursive: true });
      for (const s of task.seats) {
        const st = stats[s.id];
        const header = [
          `# ${s.bot} as ${s.id} in ${task.seed} (${scenario.id}, ${state.day} days)`,
          `# accepted ${st?.actions ?? 0}, rejected ${st?.rejected ?? 0} ${JSON.stringify(st?.rejectedByCode ?? {})}, strikes ${st?.strikes ?? 0}`,
          ...strikes.filter((k) => k.botId === s.id).slice(0, 50).map((k) => `# strike d${k.day} ${k.reason}: ${k.message}`),
        ];
        const ps = bySeat.get(s.id)?.stats;
        if (ps) {
          header.push(`# process: ${ps.decisions} decisions, ${ps.decisions ? (ps.cpuMs / ps.decisions).toFixed(1) : 0} ms CPU and ${ps.decisions ? (ps.wallMs / ps.decisions).toFixed(1) : 0} ms wall each, ` +
            `${ps.restarts} restart(s), handshake name ${JSON.stringify(ps.handshakeName)}${ps.retiredOnDay !== null ? `, retired on day ${ps.retiredOnDay}` : ''}`);
        }
        writeFileSync(join(dir, `${s.id}-${botLabel(s.bot).replace(/[^A-Za-z0-9_.-]/g, '_')}.log`), `${[...header, ...(logs[s.id] ?? [])].join('\n')}\n`);
      }
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
      ...(task.retire && Object.keys(task.retire).length ? { retired: task.retire } : {}),
    };
  } finally {
    for (const p of processes) p.close(0, 'aborted');
  }
}

/**
 * Piscina's entry point. A thread holds two matches (runLeague.ts), and piscina starts every queued
 * message's handler before it posts any result: waiting for the next turn of the event loop lets
 * this match's result go out as soon as it ends, not after the match queued behind it.
 */
export default async function (task: MatchTask): Promise<MatchOutcome> {
  await new Promise((resolve) => setImmediate(resolve));
  return playMatch(task);
}
