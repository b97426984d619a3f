/**
 * Plain working copies of a state. `step` mutates a deep copy instead of an immer draft: a day
 * touches most records (lots, sites, players, the ledger), so copying everything once costs less
 * than a proxy trap on every field read and write, and the phases then run on ordinary objects.
 * What no phase writes in place is shared, not copied: the scenario (nothing writes it), the NPC
 * fleet (the mining phase replaces it whole, `stepFleet` is pure), and the entries of the
 * append-only lists (contest results, news), whose arrays alone are copied. A phase that starts
 * writing one of these in place must copy it first (the engine tests check a step leaves its
 * input as it was).
 */
import type { GameState } from './types.js';
import { lotRecord, siteRecord } from './recordShapes.js';
import { cloneLedger } from '../economy/ledger.js';

function mapValues<T>(record: Record<string, T>, copy: (v: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k in record) out[k] = copy(record[k]!);
  return out;
}

/** A deep copy of a JSON value (no classes, Dates or Maps in a state, so none are handled). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = cloneJson(value[i] as unknown);
    return out as T;
  }
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) out[k] = cloneJson(src[k]);
  return out as T;
}

/**
 * How each field is copied, where it is not a JSON clone: shared whole, or copied one level. Lots
 * and sites keep the one shape the engine builds them in (recordShapes.ts); their records are
 * spread once more because V8 enumerates a record of a hundred-odd keys built key by key ten
 * times slower. The ledger's balances keep the literal shape `transfer` creates them in, so the
 * busiest accounts (the world's, the coinbase's) share one hidden class with the rest.
 */
const COPIES = new Map<string, (state: GameState) => unknown>([
  ['scenario', (s) => s.scenario],
  ['npc', (s) => s.npc],
  ['sites', (s) => ({ ...mapValues(s.sites, siteRecord) })],
  ['lots', (s) => ({ ...mapValues(s.lots, lotRecord) })],
  ['contest', (s) => {
    const contest = {} as Record<string, unknown>;
    const src = s.contest as unknown as Record<string, unknown>;
    for (const k in src) contest[k] = k === 'history' ? s.contest.history.slice() : cloneJson(src[k]);
    return contest;
  }],
  ['news', (s) => s.news.slice()],
  ['ledger', (s) => cloneLedger(s.ledger)],
]);

/** A copy of `state` that may be mutated freely; `state` itself stays as it was. */
export function workingCopy(state: GameState): GameState {
  const out = {} as Record<string, unknown>;
  const src = state as unknown as Record<string, unknown>;
  // Field by field in the state's own order, so every copy has the state's hidden class.
  for (const k in src) {
    const copy = COPIES.get(k);
    out[k] = copy ? copy(state) : cloneJson(src[k]);
  }
  return out as unknown as GameState;
}
