/**
 * One bot seat: a strategy with its own RNG and memory, asked once a day. The headless runner
 * (runMatch), the server's seat-filling bots and the online bot all decide through it, so a
 * strategy meets the same rules everywhere: a throw, a malformed answer or (with a clock) a second
 * overrun of the budget costs the day's actions and is reported as a strike.
 */
import { HOST_ACTION_TYPES, parseAction, type Action } from '../rules/actions.js';
import { restoreRng, type Rng } from '../rules/rng.js';
import type { PlayerView } from '../rules/view.js';
import { cloneJson } from '../rules/workingCopy.js';
import { BotFault, MAX_ACTIONS_PER_DAY, type StrikeReason, type Strategy } from './types.js';

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
export function botSeed(matchSeed: string, botId: string): string {
  return `${matchSeed}/bot/${botId}`;
}

export type BotDecision =
  | { ok: true; actions: Action[]; elapsedMs: number }
  | { ok: false; reason: StrikeReason; message: string; elapsedMs: number };

export interface BotSeatOptions {
  /** Milliseconds from any origin; without it decisions are not timed. */
  clock?: () => number;
  /** Per-decision budget in ms, enforced only with a clock. */
  budgetMs?: number;
}

export class BotSeat {
  memory: Record<string, unknown> = {};

  constructor(public strategy: Strategy, public rng: Rng, private readonly opts: BotSeatOptions = {}) {}

  /** Today's actions, or the strike that cost them. `log` is the strategy's `ctx.log`. */
  decide(view: PlayerView, log: (line: string) => void): BotDecision {
    const { clock } = this;
    const budgetMs = this.opts.budgetMs ?? Infinity;
    // With a clock, keep what a retry needs: a strategy is a pure function of (view, rng, memory).
    const timed = clock !== undefined && !this.strategy.selfTimed;
    const rngBefore = timed ? this.rng.state() : null;
    // A copy, not JSON text: it is taken every day and read back only on a retry.
    const memoryBefore = timed ? cloneJson(this.memory) : null;
    let output: unknown;
    let elapsedMs = 0;
    let totalMs = 0;
    let attempt = 0;
    let threw: string | null = null;
    let fault: StrikeReason = 'threw';
    for (;;) {
      const t0 = clock ? clock() : 0;
      threw = null;
      try {
        output = this.strategy.decide(view, { rng: this.rng, day: view.day, memory: this.memory, log });
      } catch (e) {
        threw = e instanceof Error ? e.message : String(e);
        fault = e instanceof BotFault ? e.reason : 'threw';
      }
      if (!clock) break;
      elapsedMs = clock() - t0;
      totalMs += elapsedMs;
      // One overrun may be the machine (a GC pause, another process): re-decide once from the same
      // RNG state and memory, which gives the same answer, and strike only a second overrun.
      if (!timed || elapsedMs <= budgetMs || attempt >= 1 || rngBefore === null) break;
      attempt += 1;
      this.rng = restoreRng(rngBefore);
      this.memory = memoryBefore ?? {};
    }
    if (threw !== null) return { ok: false, reason: fault, message: threw, elapsedMs: totalMs };
    if (timed && elapsedMs > budgetMs) {
      return { ok: false, reason: 'timeout', message: `decided in ${elapsedMs.toFixed(1)} ms twice (budget ${budgetMs} ms)`, elapsedMs: totalMs };
    }
    const decision = validateDecision(output);
    if (!decision.ok) return { ok: false, reason: 'garbage', message: decision.message, elapsedMs: totalMs };
    return { ok: true, actions: decision.actions, elapsedMs: totalMs };
  }

  private get clock(): (() => number) | undefined {
    return this.opts.clock;
  }
}
