/**
 * The headless match runner: seats bots, asks each for its actions once a day, applies them through
 * the engine, steps the world, and records the accepted actions as a replay log. A bot that throws,
 * returns garbage or overruns its time budget loses that day's actions and gets a strike; the match
 * always goes on. Pure: the caller injects the clock (shared/ never reads one).
 */
import { parseAction, HOST_ACTION_TYPES, type Action } from '../rules/actions.js';
import { addPlayer, applyAction, createGame, step } from '../rules/engine.js';
import type { LogEntry } from '../rules/replay.js';
import { restoreRng, seedRng, type Rng } from '../rules/rng.js';
import type { ErrorCode, GameEvent, GameState, PlayerId, Scenario } from '../rules/types.js';
import { playerView } from '../rules/view.js';
import { getStrategy } from './index.js';
import { BotFault, MAX_ACTIONS_PER_DAY, type StrikeReason, type Strategy } from './types.js';

export const DEFAULT_DECISION_BUDGET_MS = 50;

export interface MatchBot {
  id: PlayerId;
  name: string;
  /** A registered strategy name, or a Strategy object (tests, custom bots). */
  strategy: string | Strategy;
}

export type { StrikeReason };

/** A match keeps at most this many log lines per bot, each cut to MAX_LOG_LINE_CHARS. */
export const MAX_LOG_LINES = 5000;
export const MAX_LOG_LINE_CHARS = 500;

export interface Strike {
  day: number;
  botId: PlayerId;
  reason: StrikeReason;
  message: string;
}

export interface BotStats {
  /** Actions the engine accepted. */
  actions: number;
  /** Actions the engine rejected with a RuleError, by code. */
  rejected: number;
  rejectedByCode: Partial<Record<ErrorCode, number>>;
  /** Days lost to a throw, garbage or a timeout. */
  strikes: number;
  /** Time spent deciding (ms by the injected clock; 0 without one). */
  decideMs: number;
}

export interface RunMatchOptions {
  scenario: Scenario;
  seed: string;
  bots: MatchBot[];
  /** Per-decision budget in ms (default 50). Enforced only when a clock is given. */
  decisionBudgetMs?: number;
  /** Milliseconds from any origin, e.g. `performance.now`. */
  clock?: () => number;
  /** Stop after this day instead of the scenario's end. */
  untilDay?: number;
  /** Called after each day is stepped (progress bars, charts). */
  onDay?: (state: GameState, events: GameEvent[]) => void;
  /** Keep at most this many strikes in the result (all are counted in stats). */
  maxStrikesKept?: number;
}

export interface MatchResult {
  state: GameState;
  log: LogEntry[];
  stats: Record<PlayerId, BotStats>;
  strikes: Strike[];
  /** Each bot's own log lines (`ctx.log`), prefixed with the day: `d12 text`. */
  logs: Record<PlayerId, string[]>;
}

interface Seat {
  bot: MatchBot;
  strategy: Strategy;
  rng: Rng;
  memory: Record<string, unknown>;
  stats: BotStats;
  log: string[];
}

function resolveStrategy(s: string | Strategy): Strategy {
  if (typeof s !== 'string') return s;
  const found = getStrategy(s);
  if (!found) throw new Error(`unknown strategy "${s}"`);
  return found;
}

/** Checks a decision's shape: an array of at most MAX_ACTIONS_PER_DAY valid player actions. */
export function validateDecision(output: unknown): { ok: true; actions: Action[] } | { ok: false; message: string } {
  if (!Array.isArray(output)) return { ok: false, message: `decide returned ${output === null ? 'null' : typeof output}, not an array` };
  if (output.length > MAX_ACTIONS_PER_DAY) return { ok: false, message: `decide returned ${output.length} actions (max ${MAX_ACTIONS_PER_DAY})` };
  const actions: Action[] = [];
  for (const [i, item] of output.entries()) {
    const parsed = parseAction(item);
    if (!parsed.ok) return { ok: false, message: `action ${i}: ${parsed.message}` };
    if (HOST_ACTION_TYPES.has(parsed.action.type)) return { ok: false, message: `action ${i}: ${parsed.action.type} is a host action` };
    actions.push(parsed.action);
  }
  return { ok: true, actions };
}

/** Seed of a bot's own RNG: derived from the match seed and its seat, so replays of bots agree. */
export function botSeed(matchSeed: string, botId: PlayerId): string {
  return `${matchSeed}/bot/${botId}`;
}

/** Plays a whole match (or until `untilDay`) with the given bots. */
export function runMatch(opts: RunMatchOptions): MatchResult {
  const budgetMs = opts.decisionBudgetMs ?? DEFAULT_DECISION_BUDGET_MS;
  const clock = opts.clock;
  const maxStrikesKept = opts.maxStrikesKept ?? 1000;
  let state = createGame(opts.scenario, opts.seed);
  const log: LogEntry[] = [];
  const seats: Seat[] = [];
  const strikes: Strike[] = [];
  const stats: Record<PlayerId, BotStats> = {};
  const logs: Record<PlayerId, string[]> = {};
  for (const bot of opts.bots) {
    const strategy = resolveStrategy(bot.strategy);
    state = addPlayer(state, { id: bot.id, name: bot.name, strategy: strategy.name });
    log.push({ day: state.day, kind: 'join', playerId: bot.id, name: bot.name, strategy: strategy.name });
    const seatStats: BotStats = { actions: 0, rejected: 0, rejectedByCode: {}, strikes: 0, decideMs: 0 };
    stats[bot.id] = seatStats;
    const seatLog: string[] = [];
    logs[bot.id] = seatLog;
    seats.push({ bot, strategy, rng: seedRng(botSeed(opts.seed, bot.id)), memory: {}, stats: seatStats, log: seatLog });
  }
  const strike = (seat: Seat, reason: StrikeReason, message: string) => {
    seat.stats.strikes += 1;
    if (strikes.length < maxStrikesKept) strikes.push({ day: state.day, botId: seat.bot.id, reason, message: message.slice(0, 200) });
  };
  const logFor = (seat: Seat) => (line: string) => {
    if (seat.log.length < MAX_LOG_LINES) seat.log.push(`d${state.day} ${String(line).slice(0, MAX_LOG_LINE_CHARS)}`);
  };
  const lastDay = Math.min(opts.untilDay ?? state.endDay, state.endDay);

  while (state.phase === 'running' && state.day < lastDay) {
    for (const seat of seats) {
      const view = playerView(state, seat.bot.id);
      // With a clock, keep what a retry needs: a strategy is a pure function of (view, rng, memory).
      const timed = clock !== undefined && !seat.strategy.selfTimed;
      const rngBefore = timed ? seat.rng.state() : null;
      const memoryBefore = timed ? JSON.stringify(seat.memory) : '';
      let output: unknown;
      let elapsedMs = 0;
      let attempt = 0;
      let threw: string | null = null;
      let fault: StrikeReason = 'threw';
      const botLog = logFor(seat);
      for (;;) {
        const t0 = clock ? clock() : 0;
        threw = null;
        try {
          output = seat.strategy.decide(view, { rng: seat.rng, day: state.day, memory: seat.memory, log: botLog });
        } catch (e) {
          threw = e instanceof Error ? e.message : String(e);
          fault = e instanceof BotFault ? e.reason : 'threw';
        }
        if (!clock) break;
        elapsedMs = clock() - t0;
        seat.stats.decideMs += elapsedMs;
        // One overrun may be the machine (a GC pause, another process): re-decide once from the same
        // RNG state and memory, which gives the same answer, and strike only a second overrun.
        if (!timed || elapsedMs <= budgetMs || attempt >= 1 || rngBefore === null) break;
        attempt += 1;
        seat.rng = restoreRng(rngBefore);
        seat.memory = JSON.parse(memoryBefore) as Record<string, unknown>;
      }
      if (threw !== null) {
        strike(seat, fault, threw);
        botLog(`strike ${fault}: ${threw.slice(0, 200)}`);
        continue;
      }
      if (timed && elapsedMs > budgetMs) {
        botLog(`strike timeout: ${elapsedMs.toFixed(1)} ms twice (budget ${budgetMs} ms)`);
        strike(seat, 'timeout', `decided in ${elapsedMs.toFixed(1)} ms twice (budget ${budgetMs} ms)`);
        continue;
      }
      const decision = validateDecision(output);
      if (!decision.ok) {
        strike(seat, 'garbage', decision.message);
        botLog(`strike garbage: ${decision.message.slice(0, 200)}`);
        continue;
      }
      for (const action of decision.actions) {
        const r = applyAction(state, seat.bot.id, action);
        if (r.ok) {
          state = r.state;
          seat.stats.actions += 1;
          log.push({ day: state.day, kind: 'action', playerId: seat.bot.id, action });
        } else {
          seat.stats.rejected += 1;
          seat.stats.rejectedByCode[r.error.code] = (seat.stats.rejectedByCode[r.error.code] ?? 0) + 1;
        }
      }
    }
    const r = step(state);
    state = r.state;
    opts.onDay?.(state, r.events);
  }
  return { state, log, stats, strikes, logs };
}
