/**
 * Ids of a record's entries by the players party to them (a lot's owner, a lease's lessee and
 * lessor, a contract's owner), so a check for one player reads its own entries, not everyone's: an
 * action's cost stays the same however many companies play. Memoised on the record object: a
 * state's records never change, and a match played in place keeps the index in step through
 * `indexEntry` where entries are created. Removed entries stay listed until a reader skips them
 * (it looks each id up), and no entry changes its parties. Callers pass the plain record (`raw`),
 * the object a draft's reads and writes end up in.
 */
import type { PlayerId } from './types.js';

export type PartyIndex = Map<PlayerId, string[]>;
type Parties<T> = (entry: T) => readonly PlayerId[];

const EMPTY: readonly string[] = Object.freeze([]);

export function partyIndex<T extends object>(cache: WeakMap<object, PartyIndex>, record: Readonly<Record<string, T>>, parties: Parties<T>): PartyIndex {
  let idx = cache.get(record);
  if (!idx) {
    idx = new Map();
    for (const id of Object.keys(record)) add(idx, id, parties(record[id]!));
    cache.set(record, idx);
  }
  return idx;
}

/** The ids `playerId` is party to (possibly including since-removed ones: check `record[id]`). */
export function idsOfParty(idx: PartyIndex, playerId: PlayerId): readonly string[] {
  return idx.get(playerId) ?? EMPTY;
}

/**
 * `playerId`'s entries of `record` (the one `idx` was built on), in the order they were indexed.
 * Ids whose entry is gone are dropped from the index as they are met: a match played in place keeps
 * one index for good, and its list would otherwise keep every lease a trader ever held.
 */
export function entriesOfParty<T>(idx: PartyIndex, record: Readonly<Record<string, T>>, playerId: PlayerId): T[] {
  const ids = idsOfParty(idx, playerId);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i++) {
    const entry = record[ids[i]!];
    if (entry !== undefined) out.push(entry);
  }
  if (out.length < ids.length) idx.set(playerId, ids.filter((id) => record[id] !== undefined));
  return out;
}

/** After `record[id] = entry`: the index of that record object, if one was built, learns it. */
export function indexEntry<T extends object>(cache: WeakMap<object, PartyIndex>, record: Readonly<Record<string, T>>, id: string, entry: T, parties: Parties<T>): void {
  const idx = cache.get(record);
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
