/**
 * The owner-only private feed as deltas (docs/protocol.md, "Private data"): a full `private`
 * payload on join, on reconnection, on request and whenever a delta would be larger; otherwise a
 * `privateDelta` with only what changed. Neither repeats what the synced state already carries
 * (privateWire in privateFeed.ts; viewFromState puts it back). Both carry `seq`, one more than the message
 * before, so a client that sees a gap knows its copy is stale and asks for a full one
 * (`resyncPrivate`). Plain JSON in, plain JSON out: a bot in any language can apply it.
 */
import { privateWire, type PrivatePayload, type PrivateWire, type WireBasis } from './privateFeed.js';

/** Keys from the payload's root down to a value: object keys, and array indexes as numbers. */
export type DeltaPath = (string | number)[];

export interface PrivateDelta {
  /** One more than the `seq` of the payload this applies to. */
  seq: number;
  /**
   * Merged into the copy: where both the value here and the copy's are objects (not arrays, not
   * null), merge key by key; anything else (a number, a string, null, an array) replaces.
   */
  set?: Record<string, unknown>;
  /** Each path: remove that key from its object. Applied after `set`. */
  del?: DeltaPath[];
}

/** The full payload on the wire: the same fields plus the feed's sequence number. */
export type PrivateFull = PrivateWire & { seq: number };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Arrays compare by value: an array that changed at all travels whole (lots, orders and bids are short). */
function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    // An undefined field is no field (JSON drops it).
    for (const k in b) if (b[k] !== undefined && !(Object.prototype.hasOwnProperty.call(a, k) && sameJson(a[k]!, b[k]))) return false;
    for (const k in a) if (a[k] !== undefined && b[k] === undefined) return false;
    return true;
  }
  return false;
}

/** What merges `a` into `b` (undefined: nothing), removals pushed onto `del`. */
function diffObject(a: JsonObject, b: JsonObject, path: DeltaPath, del: DeltaPath[]): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const k in b) {
    const bv = b[k]!;
    if (bv === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(a, k)) {
      (out ??= {})[k] = bv;
      continue;
    }
    const av = a[k]!;
    if (isObject(av) && isObject(bv)) {
      const inner = diffObject(av, bv, [...path, k], del);
      if (inner) (out ??= {})[k] = inner;
    } else if (!sameJson(av, bv)) (out ??= {})[k] = bv;
  }
  for (const k in a) if (b[k] === undefined) del.push([...path, k]);
  return out;
}

/** The changes that turn `prev` into `next` (JSON-like; an undefined field counts as absent, as JSON drops it). */
export function privateDelta(prev: PrivateWire, next: PrivateWire, seq: number): PrivateDelta {
  const del: DeltaPath[] = [];
  const set = diffObject(prev as unknown as JsonObject, next as unknown as JsonObject, [], del);
  const d: PrivateDelta = { seq };
  if (set) d.set = set;
  if (del.length) d.del = del;
  return d;
}

/** `base` merged with `set`, copying only what changes. */
function merged(base: unknown, set: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const k in set) {
    const v = set[k];
    out[k] = isObject(v) && isObject(out[k]) ? merged(out[k], v) : v;
  }
  return out;
}

/**
 * `base` with `delta` applied, copy-on-write: nodes on a changed path are copied, everything else
 * is shared, so a view built from `base` earlier never changes under its reader.
 */
export function applyPrivateDelta(base: PrivateWire, delta: PrivateDelta): PrivateWire {
  const root = delta.set ? merged(base, delta.set) : { ...(base as unknown as Record<string, unknown>) };
  const fresh = new Set<unknown>([root]);
  for (const path of delta.del ?? []) {
    if (path.length === 0) continue;
    let node = root as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1 && node; i++) {
      const key = path[i]!;
      let child = node[key];
      if (typeof child !== 'object' || child === null) {
        node = undefined as never;
        break;
      }
      if (!fresh.has(child)) {
        child = Array.isArray(child) ? child.slice() : { ...child };
        fresh.add(child);
        node[key] = child;
      }
      node = child as Record<string | number, unknown>;
    }
    if (node) delete node[path[path.length - 1]!];
  }
  return root as unknown as PrivateWire;
}

/**
 * A client's copy of its private payload, folded from `private` and `privateDelta` messages.
 * `delta` returns false when the delta does not follow the copy (a missed message, or none yet):
 * the copy is kept as it was and the caller sends `resyncPrivate` for a full payload.
 */
export class PrivateFeedCopy {
  payload: PrivateWire | null = null;
  seq = -1;

  full(msg: PrivateFull): PrivateWire {
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
export function followPrivateFeed(room: PrivateFeedRoom, onChange: (payload: PrivateWire) => void): PrivateFeedCopy {
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
  /** The payload the session holds (null: the next one goes out whole), as plain JSON, and its JSON length. */
  private base: PrivateWire | null = null;
  private baseJsonLength = 0;
  private seq = 0;

  /** The next payload goes out whole (join, reconnection, `resyncPrivate`). */
  reset(): void {
    this.base = null;
  }

  /** False until a payload went out, and again after `reset`: the next `next` must be called. */
  get holdsPayload(): boolean {
    return this.base !== null;
  }

  /** `basis`: what the client holds besides the feed (`wireBasisOf`; privateWire leaves out what equals it). */
  next(payload: PrivatePayload, basis: WireBasis): PrivateFeedMessage | null {
    const wire = privateWire(payload, basis);
    if (this.base) {
      // Compared in place: an unchanged payload (most seats after another seat's action) costs no copy.
      const found = privateDelta(this.base, wire, this.seq + 1);
      if (!found.set && !found.del) return null;
      // Through JSON, so the base shares nothing with the engine state, exactly what the client holds.
      const text = JSON.stringify(found);
      const delta = JSON.parse(text) as PrivateDelta;
      this.base = applyPrivateDelta(this.base, delta);
      this.seq = delta.seq;
      if (text.length < this.baseJsonLength / 2) return { type: 'privateDelta', body: delta };
      const json = JSON.stringify(this.base);
      this.baseJsonLength = json.length;
      return text.length < json.length ? { type: 'privateDelta', body: delta } : { type: 'private', body: { seq: this.seq, ...this.base } };
    }
    const json = JSON.stringify(wire);
    this.base = JSON.parse(json) as PrivateWire;
    this.baseJsonLength = json.length;
    return { type: 'private', body: { seq: ++this.seq, ...this.base } };
  }
}
