/**
 * Seeded randomness whose state lives in the game state (one stream per subsystem), so a snapshot
 * carries it and a replay draws the same numbers. seedrandom's alea: small state, fast.
 */
import alea from 'seedrandom/lib/alea.js';
import type { RngState, RngStream } from './types.js';
import * as dm from '../economy/detMath.js';

export const RNG_STREAMS: readonly RngStream[] = ['price', 'events', 'npc', 'tenders', 'power', 'contest', 'bots'];

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  state(): RngState;
}

interface AleaPrng {
  (): number;
  state(): RngState;
}
type AleaFactory = (seed: string, opts?: { state?: boolean | RngState }) => AleaPrng;
const makeAlea = alea as AleaFactory;

function wrap(prng: AleaPrng): Rng {
  const next = () => prng();
  return {
    next,
    normal() {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * dm.log(u)) * dm.cos(2 * Math.PI * v);
    },
    int(lo, hi) {
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    state: () => prng.state(),
  };
}

export function seedRng(seed: string): Rng {
  return wrap(makeAlea(seed, { state: true }));
}

export function restoreRng(state: RngState): Rng {
  return wrap(makeAlea('', { state }));
}

export function initialRngStates(seed: string): Record<RngStream, RngState> {
  const out = {} as Record<RngStream, RngState>;
  for (const stream of RNG_STREAMS) out[stream] = seedRng(`${seed}/${stream}`).state();
  return out;
}

/** Runs `fn` with the stream's generator and stores the advanced state back into `rngs`. */
export function withRng<T>(rngs: Record<RngStream, RngState>, stream: RngStream, fn: (rng: Rng) => T): T {
  const rng = restoreRng(rngs[stream]);
  const result = fn(rng);
  rngs[stream] = rng.state();
  return result;
}
