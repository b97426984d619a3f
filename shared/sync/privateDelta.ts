/**
 * The owner-only private feed as deltas (docs/protocol.md, "Private data"): a full `private`
 * payload on join, on reconnection, on request and whenever a delta would be larger; otherwise a
 * `privateDelta` with only the paths that changed. Both carry `seq`, one more than the message
 * before, so a client that sees a gap knows its copy is stale and asks for a full one
 * (`resyncPrivate`). Plain JSON in, plain JSON out: a bot in any language can apply it.
 */
import type { PrivatePayload } from './privateFeed.js';

/** Keys from the payload's root down to the value: object keys, and array indexes as numbers. */
export type DeltaPath = (string | number)[];

export interface PrivateDelta {
  /** One more than the `seq` of the payload this applies to. */
  seq: number;
  /** Each `[path, value]`: put `value` at `path` (creating the key), in order. */
  set?: [DeltaPath, unknown][];
  /** Each path: remove that key from its object. Applied after `set`. */
  del?: DeltaPath[];
}

/** The full payload on the wire: the same fields plus the feed's sequence number. */
export type PrivateFull = PrivatePayload & { seq: number };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Below this many changed children a node is always sent as changes: collapsing it to one value
 * only pays off when most of a large node changed, and measuring that costs a stringify.
 */
const COLLAPSE_MIN_OPS = 4;

function diffInto(a: Json, b: Json, path: DeltaPath, set: [DeltaPath, unknown][], del: DeltaPath[]): void {
  if (a === b) return;
  const setStart = set.length;
  const delStart = del.length;
  if (isObject(a) && isObject(b)) {
    for (const k in b) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) set.push([[...path, k], b[k]]);
      else diffInto(a[k]!, b[k]!, [...path, k], set, del);
    }
    for (const k in a) if (!Object.prototype.hasOwnProperty.call(b, k)) del.push([...path, k]);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < b.length; i++) diffInto(a[i]!, b[i]!, [...path, i], set, del);
  } else {
    set.push([path, b]);
    return;
  }
  // A node that mostly changed travels whole: one value is smaller than many paths into it.
  const ops = set.length - setStart + del.length - delStart;
  if (path.length > 0 && ops >= COLLAPSE_MIN_OPS) {
    const parts = JSON.stringify(set.slice(setStart)).length + JSON.stringify(del.slice(delStart)).length;
    if (JSON.stringify(b).length + JSON.stringify(path).length < parts) {
      set.length = setStart;
      del.length = delStart;
      set.push([path, b]);
    }
  }
}

/** The changes that turn `prev` into `next` (both plain JSON, e.g. parsed from the wire). */
export function privateDelta(prev: PrivatePayload, next: PrivatePayload, seq: number): PrivateDelta {
  const set: [DeltaPath, unknown][] = [];
  const del: DeltaPath[] = [];
  diffInto(prev as unknown as Json, next as unknown as Json, [], set, del);
  const d: PrivateDelta = { seq };
  if (set.length) d.set = set;
  if (del.length) d.del = del;
  return d;
}

/**
 * `base` with `delta` applied, copy-on-write: nodes on a changed path are copied, everything else
 * is shared, so a view built from `base` earlier never changes under its reader.
 */
export function applyPrivateDelta(base: PrivatePayload, delta: PrivateDelta): PrivatePayload {
  const root = { ...(base as unknown as Record<string, unknown>) };
  const copied = new Set<unknown>([root]);
  const parentOf = (path: DeltaPath): Record<string | number, unknown> => {
    let node = root as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      let child = node[key];
      if (!copied.has(child)) {
        child = Array.isArray(child) ? child.slice() : typeof child === 'object' && child !== null ? { ...child } : {};
        copied.add(child);
        node[key] = child;
      }
      node = child as Record<string | number, unknown>;
    }
    return node;
  };
  for (const [path, value] of delta.set ?? []) {
    if (path.length === 0) continue;
    parentOf(path)[path[path.length - 1]!] = value;
  }
  for (const path of delta.del ?? []) {
    if (path.length === 0) continue;
    delete parentOf(path)[path[path.length - 1]!];
  }
  return root as unknown as PrivatePayload;
}

/**
 * A client's copy of its private payload, folded from `private` and `privateDelta` messages.
 * `delta` returns false when the delta does not follow the copy (a missed message, or none yet):
 * the copy is kept as it was and the caller sends `resyncPrivate` for a full payload.
 */
export class PrivateFeedCopy {
  payload: PrivatePayload | null = null;
  seq = -1;

  full(msg: PrivateFull): PrivatePayload {
    const { seq, ...payload } = msg;
    this.seq = typeof seq === 'number' ? seq : -1;
    this.payload = payload;
    return payload;
  }

  delta(msg: PrivateDelta): boolean {
    if (!this.payload || msg.seq !== this.seq + 1) return false;
    this.payload = applyPrivateDelta(this.payload, msg);
    this.seq = msg.seq;
    return true;
  }

  clear(): void {
    this.payload = null;
    this.seq = -1;
  }
}

/** What `followPrivateFeed` needs of a room (a colyseus.js `Room` has it). */
export interface PrivateFeedRoom {
  onMessage<T>(type: string, callback: (message: T) => void): unknown;
  send(type: string, body: object): void;
}

/**
 * Folds a room's private feed into one copy and calls `onChange` with each new payload. A delta
 * that does not follow asks once for a full payload; deltas until it comes are skipped.
 */
export function followPrivateFeed(room: PrivateFeedRoom, onChange: (payload: PrivatePayload) => void): PrivateFeedCopy {
  const copy = new PrivateFeedCopy();
  let asked = false;
  room.onMessage('private', (m: PrivateFull) => {
    asked = false;
    onChange(copy.full(m));
  });
  room.onMessage('privateDelta', (m: PrivateDelta) => {
    if (copy.delta(m)) onChange(copy.payload!);
    else if (!asked) {
      asked = true;
      room.send('resyncPrivate', {});
    }
  });
  return copy;
}

export type PrivateFeedMessage = { type: 'private'; body: PrivateFull } | { type: 'privateDelta'; body: PrivateDelta };

/**
 * The server's side of one session's feed: what that session holds, and the message that brings
 * it to a new payload (null when nothing changed).
 */
export class PrivateFeedSender {
  /** JSON of the payload the session holds ('' = none: the next one goes out whole). */
  private json = '';
  private base: PrivatePayload | null = null;
  private seq = 0;

  /** The next payload goes out whole (join, reconnection, `resyncPrivate`). */
  reset(): void {
    this.json = '';
    this.base = null;
  }

  next(payload: PrivatePayload): PrivateFeedMessage | null {
    const json = JSON.stringify(payload);
    if (json === this.json) return null;
    // Parsed back so the base is plain JSON, exactly what the client holds, sharing nothing with the engine state.
    const next = JSON.parse(json) as PrivatePayload;
    const base = this.base;
    this.json = json;
    this.base = next;
    const seq = ++this.seq;
    if (base) {
      const delta = privateDelta(base, next, seq);
      if (JSON.stringify(delta).length < json.length) return { type: 'privateDelta', body: delta };
    }
    return { type: 'private', body: { seq, ...next } };
  }
}
