/**
 * Ids of a record's entries by the players party to them (a lease's lessee and lessor, a
 * contract's owner), so a check for one player reads its own entries, not everyone's: an action's
 * cost stays the same however many companies play. Memoised on the record object, as the lot index
 * is (capacity.ts): a state's records never change, and a match played in place keeps the index in
 * step through `indexEntry` where entries are created. Removed entries are skipped by the reader
 * (it looks each id up), and no entry changes its parties.
 */
import type { PlayerId } from './types.js';
import { raw } from './systems/capacity.js';

export type PartyIndex = Map<PlayerId, string[]>;
type Parties<T> = (entry: T) => readonly PlayerId[];

const EMPTY: readonly string[] = Object.freeze([]);

export function partyIndex<T extends object>(cache: WeakMap<object, PartyIndex>, record: Readonly<Record<string, T>>, parties: Parties<T>): PartyIndex {
  const rec = raw(record) as Readonly<Record<string, T>>;
  let idx = cache.get(rec);
  if (!idx) {
    idx = new Map();
    for (const id of Object.keys(rec)) add(idx, id, parties(raw(rec[id]!) as T));
    cache.set(rec, idx);
  }
  return idx;
}

/**
 * `playerId`'s entries of `record` (the one `idx` was built on), in the order they were indexed.
 * Ids whose entry is gone are dropped from the index as they are met: a match played in place keeps
 * one index for good, and its list would otherwise keep every lease a trader ever held.
 */
export function entriesOfParty<T>(idx: PartyIndex, record: Readonly<Record<string, T>>, playerId: PlayerId): T[] {
  const ids = idx.get(playerId) ?? EMPTY;
  const out: T[] = [];
  let live = 0;
  for (let i = 0; i < ids.length; i++) {
    const entry = record[ids[i]!];
    if (entry === undefined) continue;
    out.push(entry);
    live += 1;
  }
  if (live < ids.length) idx.set(playerId, ids.filter((id) => record[id] !== undefined));
  return out;
}

/** After `record[id] = entry`: the index of that record object, if one was built, learns it. */
export function indexEntry<T extends object>(cache: WeakMap<object, PartyIndex>, record: Readonly<Record<string, T>>, id: string, entry: T, parties: Parties<T>): void {
  const idx = cache.get(raw(record));
  if (idx) add(idx, id, parties(entry));
}

function add(idx: PartyIndex, id: string, parties: readonly PlayerId[]): void {
  for (let i = 0; i < parties.length; i++) {
    const p = parties[i]!;
    // A party listed twice (a lease with itself, which the book never makes) is indexed once.
    if (i > 0 && parties.indexOf(p) < i) continue;
    const list = idx.get(p);
    if (list) list.push(id);
    else idx.set(p, [id]);
  }
}
