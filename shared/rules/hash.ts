/**
 * A stable hash of any JSON value: keys sorted, numbers in their shortest round-trip form, so the
 * same state gives the same hash on any machine. Two independent 53-bit cyrb hashes → 26 hex chars.
 */

/** Where the canonical text goes, piece by piece: a list to join, or straight into the hash. */
interface Sink {
  put(piece: string): void;
}

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, { put: (piece) => out.push(piece) });
  return out.join('');
}

// Pieces, not nested template strings and joins: the state is hashed whole at every league match's
// end, and those made that ~3 % of a match.
function writeCanonical(value: unknown, out: Sink): void {
  if (typeof value === 'number') {
    // JSON.stringify's own form of a number, without its generic path.
    out.put(Number.isFinite(value) ? String(value) : 'null');
    return;
  }
  if (value === null || typeof value !== 'object') {
    out.put(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.put('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.put(',');
      writeCanonical(value[i], out);
    }
    out.put(']');
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  out.put('{');
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out.put(',');
    out.put(quotedKey(k));
    first = false;
    writeCanonical(v, out);
  }
  out.put('}');
}

const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 100_000;

/** `"key":`, kept: a state repeats the same few hundred field names and ids in every record. */
function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    if (quotedKeys.size >= MAX_QUOTED_KEYS) quotedKeys.clear();
    quotedKeys.set(k, (q = `${JSON.stringify(k)}:`));
  }
  return q;
}

/**
 * Two cyrb53 hashes (seeds 1 and 2) fed piece by piece: the same numbers as over the joined text,
 * without building it (a match's state is ~60 KB of canonical text).
 */
class Cyrb53Pair implements Sink {
  a1 = 0xdeadbeef ^ 1;
  a2 = 0x41c6ce57 ^ 1;
  b1 = 0xdeadbeef ^ 2;
  b2 = 0x41c6ce57 ^ 2;

  put(text: string): void {
    let { a1, a2, b1, b2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      a1 = Math.imul(a1 ^ ch, 2654435761);
      a2 = Math.imul(a2 ^ ch, 1597334677);
      b1 = Math.imul(b1 ^ ch, 2654435761);
      b2 = Math.imul(b2 ^ ch, 1597334677);
    }
    this.a1 = a1;
    this.a2 = a2;
    this.b1 = b1;
    this.b2 = b2;
  }

  hex(): string {
    return finish(this.a1, this.a2).toString(16).padStart(14, '0') + finish(this.b1, this.b2).toString(16).padStart(14, '0');
  }
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hashText(text: string): string {
  const h = new Cyrb53Pair();
  h.put(text);
  return h.hex();
}

/** `hashText(canonicalJson(value))`, without the text. */
export function hashJson(value: unknown): string {
  const h = new Cyrb53Pair();
  writeCanonical(value, h);
  return h.hex();
}
