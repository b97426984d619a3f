/**
 * The bot API. A strategy sees exactly what its player could see in the client (a PlayerView) and
 * returns the actions it wants applied today. The same strategy runs headless (league, simulator,
 * the server's seat-filling bots) and online (a colyseus.js client), so it must be pure: no clocks,
 * no I/O, randomness only from `ctx.rng`.
 */
import type { Action } from '../rules/actions.js';
import type { Rng } from '../rules/rng.js';
import type { PlayerView } from '../rules/view.js';

export type { Action, PlayerView, Rng };

export interface BotContext {
  /** The bot's own seeded generator; the runner keeps its state between days. */
  rng: Rng;
  /** Same as `view.day`: days since the scenario start. */
  day: number;
  /** Scratch space kept between days. Keep it JSON (the online runner may persist it). */
  memory: Record<string, unknown>;
  /**
   * The bot's log: one line per call, kept with the match (the league writes it beside the
   * replays). Long lines are cut and a match keeps at most a few thousand lines per bot.
   */
  log: (line: string) => void;
}

export interface Strategy {
  /** Registry key, kebab-case (`hodl-miner`). */
  name: string;
  /** One line for leaderboards and the lobby. */
  description: string;
  /**
   * Called once per game day while the match runs. Returns the actions to apply, in order; an
   * empty list means "do nothing today". Throwing, returning something that is not an Action[],
   * or running over the time budget costs the day's actions and a strike.
   */
  decide(view: PlayerView, ctx: BotContext): Action[];
  /**
   * Set by runners that enforce their own limits (a process bot counts its CPU time and is killed
   * when it loops): the match runner then neither times nor retries its decisions.
   */
  selfTimed?: boolean;
}

/** Why a bot lost a day's actions. */
export type StrikeReason = 'threw' | 'garbage' | 'timeout' | 'crashed' | 'silent' | 'killed' | 'retired';

/**
 * Thrown by a strategy adapter (a process bot, a watchdog) to say why a day is lost: the runner
 * logs a strike with this reason instead of `threw`.
 */
export class BotFault extends Error {
  constructor(readonly reason: StrikeReason, message: string) {
    super(message);
    this.name = 'BotFault';
  }
}

/** At most this many actions per decision; more counts as garbage. */
export const MAX_ACTIONS_PER_DAY = 64;
