/**
 * Seat-filling bots. Strategies come from `shared/bots` (the registry `STRATEGIES`) when it exists;
 * until then, and for names it lacks, two tiny built-ins keep rooms playable. A bot's decisions are
 * applied and logged like a person's, so replays never need to re-run the strategy.
 */
import { seedRng, type Rng } from '../../shared/rules/rng.js';
import { playerView, type PlayerView } from '../../shared/rules/view.js';
import type { Action } from '../../shared/rules/actions.js';
import type { GameState, PlayerId } from '../../shared/rules/types.js';

export interface BotContextLike {
  rng: Rng;
  day: number;
  memory: Record<string, unknown>;
  log: (line: string) => void;
}

export interface StrategyLike {
  name: string;
  description: string;
  decide(view: PlayerView, ctx: BotContextLike): Action[];
}

/** Fallbacks: they only use actions that every engine build accepts. */
const BUILTIN: Record<string, StrategyLike> = {
  idle: { name: 'idle', description: 'Holds its seat and does nothing.', decide: () => [] },
  treasurer: {
    name: 'treasurer',
    description: 'Adjusts how much mined BTC it sells now and then.',
    decide: (view, ctx) => (ctx.day % 30 === 0 ? [{ type: 'setTreasuryPolicy', sellMinedPct: ctx.rng.int(0, 10) * 10 }] : []),
  },
};

let registry: Record<string, StrategyLike> = { ...BUILTIN };
let loaded = false;

/** Loads `shared/bots` once if present; safe to call many times. */
export async function loadStrategies(): Promise<Record<string, StrategyLike>> {
  if (loaded) return registry;
  loaded = true;
  // A computed specifier keeps the type checker from requiring the module while it is being written.
  const specifier = ['..', '..', 'shared', 'bots', 'index.js'].join('/');
  try {
    const mod = (await import(specifier)) as { STRATEGIES?: Record<string, StrategyLike> };
    if (mod.STRATEGIES && typeof mod.STRATEGIES === 'object') registry = { ...BUILTIN, ...mod.STRATEGIES };
  } catch {
    // shared/bots not there yet: built-ins only.
  }
  return registry;
}

export function strategyNames(): string[] {
  return Object.keys(registry);
}

/** Calm strategies first: a leaver's seat should be kept, not gambled. */
const LEAVER_PREFERENCE = ['disciplined-miner', 'hodl-miner'];

/** The strategy a leaver's seat gets: a calm reference strategy when shared/bots has one, else `treasurer`. */
export function defaultStrategy(): string {
  return LEAVER_PREFERENCE.find((n) => n in registry) ?? 'treasurer';
}

export function hasStrategy(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(registry, name);
}

/** Per-seat bot: its own RNG and memory, kept for the room's life. */
export class BotSeat {
  private readonly rng: Rng;
  private readonly memory: Record<string, unknown> = {};
  strikes = 0;
  /** The strategy's own log lines (`ctx.log`), newest last, capped. */
  readonly logLines: string[] = [];
  private readonly log = (line: string) => {
    if (this.logLines.length >= 500) this.logLines.shift();
    this.logLines.push(String(line).slice(0, 500));
  };

  constructor(readonly playerId: PlayerId, public strategy: string, seed: string) {
    this.rng = seedRng(`${seed}/bot/${playerId}`);
  }

  /** Today's actions; a throwing or misbehaving strategy costs the day (and a strike), never the room. */
  decide(state: GameState): Action[] {
    const strategy = registry[this.strategy] ?? BUILTIN.treasurer!;
    try {
      const actions = strategy.decide(playerView(state, this.playerId), { rng: this.rng, day: state.day, memory: this.memory, log: this.log });
      return Array.isArray(actions) ? actions.slice(0, 64) : [];
    } catch {
      this.strikes += 1;
      return [];
    }
  }
}
