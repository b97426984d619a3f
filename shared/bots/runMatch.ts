/**
 * The headless match runner: seats bots, asks each for its actions once a day, applies them through
 * the engine, steps the world, and records the accepted actions as a replay log. A bot that throws,
 * returns garbage or overruns its time budget loses that day's actions and gets a strike; the match
 * always goes on. Pure: the caller injects the clock (shared/ never reads one).
 */
import { createGame } from '../rules/engine.js';
import { matchCursor } from '../rules/matchCursor.js';
import type { LogEntry } from '../rules/replay.js';
import { seedRng } from '../rules/rng.js';
import type { ErrorCode, GameEvent, GameState, PlayerId, Scenario } from '../rules/types.js';
import { playerViews } from '../rules/view.js';
import { getStrategy } from './index.js';
import type { StrikeReason, Strategy } from './types.js';
import { BotSeat, botSeed } from './botSeat.js';

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
  brain: BotSeat;
  stats: BotStats;
  log: string[];
}

function resolveStrategy(s: string | Strategy): Strategy {
  if (typeof s !== 'string') return s;
  const found = getStrategy(s);
  if (!found) throw new Error(`unknown strategy "${s}"`);
  return found;
}

export { botSeed, validateDecision } from './botSeat.js';

/** Plays a whole match (or until `untilDay`) with the given bots. */
export function runMatch(opts: RunMatchOptions): MatchResult {
  const budgetMs = opts.decisionBudgetMs ?? DEFAULT_DECISION_BUDGET_MS;
  const clock = opts.clock;
  const maxStrikesKept = opts.maxStrikesKept ?? 1000;
  // An observer may keep the days' states; without one the match is played on one state.
  const match = matchCursor(createGame(opts.scenario, opts.seed), { inPlace: !opts.onDay });
  const log: LogEntry[] = [];
  const seats: Seat[] = [];
  const strikes: Strike[] = [];
  const stats: Record<PlayerId, BotStats> = {};
  const logs: Record<PlayerId, string[]> = {};
  for (const bot of opts.bots) {
    const strategy = resolveStrategy(bot.strategy);
    match.addPlayer({ id: bot.id, name: bot.name, strategy: strategy.name });
    log.push({ day: match.state.day, kind: 'join', playerId: bot.id, name: bot.name, strategy: strategy.name });
    const seatStats: BotStats = { actions: 0, rejected: 0, rejectedByCode: {}, strikes: 0, decideMs: 0 };
    stats[bot.id] = seatStats;
    const seatLog: string[] = [];
    logs[bot.id] = seatLog;
    seats.push({ bot, brain: new BotSeat(strategy, seedRng(botSeed(opts.seed, bot.id)), { clock, budgetMs }), stats: seatStats, log: seatLog });
  }
  const strike = (seat: Seat, reason: StrikeReason, message: string) => {
    seat.stats.strikes += 1;
    if (strikes.length < maxStrikesKept) strikes.push({ day: match.state.day, botId: seat.bot.id, reason, message: message.slice(0, 200) });
  };
  const logFor = (seat: Seat) => (line: string) => {
    if (seat.log.length < MAX_LOG_LINES) seat.log.push(`d${match.state.day} ${String(line).slice(0, MAX_LOG_LINE_CHARS)}`);
  };
  const lastDay = Math.min(opts.untilDay ?? match.state.endDay, match.state.endDay);
  // The ids as seated (the engine's internalized strings), for the views and the actions.
  const seatIds = seats.map((seat) => match.state.players[seat.bot.id]!.id);

  while (match.state.phase === 'running' && match.state.day < lastDay) {
    // Every seat decides from the same start-of-day state, as online players and bots do (they all
    // get the day's view at once): no seat learns another's moves of the day before its own turn,
    // and every view shares one public part. The actions then apply in seat order.
    const dayStart = match.state;
    const views = playerViews(dayStart, seatIds);
    const decisions = seats.map((seat, i) => seat.brain.decide(views[i]!, logFor(seat)));
    seats.forEach((seat, i) => {
      const decision = decisions[i]!;
      seat.stats.decideMs += decision.elapsedMs;
      if (!decision.ok) {
        strike(seat, decision.reason, decision.message);
        const why = decision.reason === 'timeout' ? decision.message.replace(/^decided in /, '') : decision.message.slice(0, 200);
        logFor(seat)(`strike ${decision.reason}: ${why}`);
        return;
      }
      for (const action of decision.actions) {
        const r = match.apply(seatIds[i]!, action);
        if (r.ok) {
          seat.stats.actions += 1;
          log.push({ day: dayStart.day, kind: 'action', playerId: seat.bot.id, action });
        } else {
          seat.stats.rejected += 1;
          seat.stats.rejectedByCode[r.error.code] = (seat.stats.rejectedByCode[r.error.code] ?? 0) + 1;
        }
      }
    });
    const r = match.step();
    opts.onDay?.(r.state, r.events);
  }
  return { state: match.state, log, stats, strikes, logs };
}
