/**
 * Plain working copies of a state. `step` mutates a deep copy instead of an immer draft: a day
 * touches most records (lots, sites, players, the ledger), so copying everything once costs less
 * than a proxy trap on every field read and write, and the phases then run on ordinary objects.
 * The scenario is shared, never copied: nothing under `shared/` writes it.
 */
import type { GameState } from './types.js';

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

/** A copy of `state` that may be mutated freely; `state` itself stays as it was. */
export function workingCopy(state: GameState): GameState {
  const out = {} as Record<string, unknown>;
  const src = state as unknown as Record<string, unknown>;
  for (const k in src) out[k] = k === 'scenario' ? src[k] : cloneJson(src[k]);
  return out as unknown as GameState;
}
