/**
 * Seat-filling bots. Strategies come from `shared/bots` (the registry `STRATEGIES`); two tiny
 * built-ins (`idle`, `treasurer`) are the fallbacks for names it lacks. A bot's decisions are
 * applied and logged like a person's, so replays never need to re-run the strategy.
 */
import { seedRng, type Rng } from '../../shared/rules/rng.js';
import { BotSeat as SeatBrain, botSeed } from '../../shared/bots/botSeat.js';
import type { Strategy } from '../../shared/bots/types.js';
import { STRATEGIES } from '../../shared/bots/index.js';
import { playerView, type PlayerView } from '../../shared/rules/view.js';
import type { Action } from '../../shared/rules/actions.js';
import type { GameState, PlayerId } from '../../shared/rules/types.js';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModuleStrategy, resolveBot } from '../bots/resolve.js';
import { limitsFor, processStrategy, type ProcessStrategy, type SpawnSpec } from '../bots/process/processBot.js';

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

/** The registry plus the bot folder; safe to call many times. */
export async function loadStrategies(): Promise<Record<string, StrategyLike>> {
  // The folder is read again each time: a bot dropped into BOTS_DIR is seatable in the next room.
  if (loaded) {
    await scanBotsDir();
    return registry;
  }
  loaded = true;
  registry = { ...BUILTIN, ...(STRATEGIES as Record<string, StrategyLike>) };
  await scanBotsDir();
  return registry;
}

let botsDir = '';
/** Protocol programs in BOTS_DIR by name: each seat gets its own process. */
const folderBots = new Map<string, SpawnSpec>();
const BOT_NAME = /^[A-Za-z0-9_-]{1,40}$/;

/** The server's bot folder (config.botsDir / BOTS_DIR); '' turns folder bots off. */
export function setBotsDir(dir: string): void {
  botsDir = dir;
}

/**
 * Reads BOTS_DIR: every file or folder there whose name (without extension) is a plain bot name
 * becomes a strategy a host can seat by that name. Modules join the registry; programs are spawned
 * per seat. Only names, never paths, come from a host, so nothing outside the folder can run.
 */
async function scanBotsDir(): Promise<void> {
  folderBots.clear();
  if (!botsDir || !existsSync(botsDir)) return;
  for (const entry of readdirSync(botsDir)) {
    const name = entry.replace(/\.[^.]+$/, '');
    if (!BOT_NAME.test(name) || name in BUILTIN) continue;
    try {
      const src = resolveBot(join(botsDir, entry));
      if (src.kind === 'process') folderBots.set(name, src.spawn);
      else if (src.kind === 'module') registry[name] = await loadModuleStrategy(src.file, name);
    } catch {
      // Not a bot (a README, a data file): skip it.
    }
  }
}

export function strategyNames(): string[] {
  return [...Object.keys(registry), ...folderBots.keys()];
}

/** What `/api/bots` lists: registry strategies and the bot folder's programs. */
export async function availableBots(): Promise<{ name: string; kind: 'registry' | 'folder'; description: string }[]> {
  await loadStrategies();
  return [
    ...Object.values(registry).map((s) => ({ name: s.name, kind: 'registry' as const, description: s.description })),
    ...[...folderBots.entries()].map(([name, spawn]) => ({ name, kind: 'folder' as const, description: `program ${spawn.args[0] ?? spawn.command}` })),
  ];
}

/** Calm strategies first: a leaver's seat should be kept, not gambled. */
const LEAVER_PREFERENCE = ['disciplined-miner', 'hodl-miner'];

/** The strategy a leaver's seat gets: a calm reference strategy when shared/bots has one, else `treasurer`. */
export function defaultStrategy(): string {
  return LEAVER_PREFERENCE.find((n) => n in registry) ?? 'treasurer';
}

export function hasStrategy(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(registry, name) || folderBots.has(name);
}

/**
 * Limits for a program seated in a live room. Its decision blocks the room's tick, so the wall
 * limits are tighter than a league's; a bot that needs more plays over the network (`npm run bot`).
 */
const ROOM_PROCESS_LIMITS = limitsFor(50, { silenceMs: 500, startMs: 5000 });
const ROOM_PROCESS_MAX_STRIKES = 5;

/**
 * A room's bot seat: the shared seat (shared/bots/botSeat.ts, the headless runner's and the online
 * bot's too) around a registry strategy or a folder program, fed the engine's own `playerView`.
 */
export class BotSeat {
  strikes = 0;
  /** The strategy's own log lines (`ctx.log`), newest last, capped. */
  readonly logLines: string[] = [];
  private readonly log = (line: string) => {
    if (this.logLines.length >= 500) this.logLines.shift();
    this.logLines.push(String(line).slice(0, 500));
  };

  private process: ProcessStrategy | null = null;
  private readonly seat: SeatBrain;

  constructor(readonly playerId: PlayerId, public strategy: string, private readonly seed: string) {
    this.seat = new SeatBrain(BUILTIN.idle as Strategy, seedRng(botSeed(seed, playerId)));
  }

  /** Ends a process bot's program (the seat changed hands or the room closed). */
  close(day: number): void {
    this.process?.close(day, 'seat released');
    this.process = null;
  }

  /** Today's actions; a throwing or misbehaving strategy costs the day (and a strike), never the room. */
  decide(state: GameState): Action[] {
    const spawn = folderBots.get(this.strategy);
    if (spawn && !this.process) {
      this.process = processStrategy({ spawn, label: this.strategy, seed: botSeed(this.seed, this.playerId), limits: ROOM_PROCESS_LIMITS, maxStrikes: ROOM_PROCESS_MAX_STRIKES });
    }
    this.seat.strategy = (this.process ?? registry[this.strategy] ?? BUILTIN.treasurer!);
    const decision = this.seat.decide(playerView(state, this.playerId), this.log);
    if (decision.ok) return decision.actions;
    this.strikes += 1;
    return [];
  }
}
