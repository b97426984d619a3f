/**
 * The owner-only private feed as deltas (docs/protocol.md, "Private data"): a full `private`
 * payload on join, on reconnection, on request and whenever a delta would be larger; otherwise a
 * `privateDelta` with only what changed. Neither repeats what the synced state already carries
 * (privateWire in privateFeed.ts; viewFromState puts it back). Both carry `seq`, one more than the message
 * before, so a client that sees a gap knows its copy is stale and asks for a full one
 * (`resyncPrivate`). Plain JSON in, plain JSON out: a bot in any language can apply it.
 */
import { privateWire, type MarketPrices, type PrivatePayload, type PrivateWire } from './privateFeed.js';

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
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k]!, b[k]!));
  }
  return false;
}

/** What merges `a` into `b` (undefined: nothing), removals pushed onto `del`. */
function diffObject(a: JsonObject, b: JsonObject, path: DeltaPath, del: DeltaPath[]): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const k in b) {
    const bv = b[k]!;
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
  for (const k in a) if (!Object.prototype.hasOwnProperty.call(b, k)) del.push([...path, k]);
  return out;
}

/** The changes that turn `prev` into `next` (both plain JSON, e.g. parsed from the wire). */
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
  /** JSON of the payload the session holds ('' = none: the next one goes out whole). */
  private json = '';
  private base: PrivateWire | null = null;
  private seq = 0;

  /** The next payload goes out whole (join, reconnection, `resyncPrivate`). */
  reset(): void {
    this.json = '';
    this.base = null;
  }

  /** `market`: today's prices as the client holds them (`marketPricesOf`; privateWire leaves out what equals them). */
  next(payload: PrivatePayload, market: MarketPrices): PrivateFeedMessage | null {
    const json = JSON.stringify(privateWire(payload, market));
    if (json === this.json) return null;
    // Parsed back so the base is plain JSON, exactly what the client holds, sharing nothing with the engine state.
    const next = JSON.parse(json) as PrivateWire;
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
