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

const SHARED: ReadonlySet<string> = new Set(['scenario', 'npc']);
const BY_HAND: ReadonlySet<string> = new Set(['sites', 'lots', 'contest', 'news']);

/** A copy of `state` that may be mutated freely; `state` itself stays as it was. */
export function workingCopy(state: GameState): GameState {
  const out = {} as Record<string, unknown>;
  const src = state as unknown as Record<string, unknown>;
  for (const k in src) if (!BY_HAND.has(k)) out[k] = SHARED.has(k) ? src[k] : cloneJson(src[k]);
  // Lots and sites keep the one shape the engine builds them in (recordShapes.ts). Spread once
  // more: V8 enumerates a record of a hundred-odd keys built key by key ten times slower.
  out.sites = { ...mapValues(state.sites, siteRecord) };
  out.lots = { ...mapValues(state.lots, lotRecord) };
  const contest = {} as Record<string, unknown>;
  const srcContest = state.contest as unknown as Record<string, unknown>;
  for (const k in srcContest) contest[k] = k === 'history' ? state.contest.history.slice() : cloneJson(srcContest[k]);
  out.contest = contest;
  out.news = state.news.slice();
  return out as unknown as GameState;
}
