/**
 * A stable hash of any JSON value: keys sorted, numbers in their shortest round-trip form, so the
 * same state gives the same hash on any machine. Two independent 53-bit cyrb hashes → 26 hex chars.
 */

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, out);
  return out.join('');
}

// One list of pieces joined once: the state is hashed whole at every league match's end, and
// nested template strings and joins made that ~3 % of a match.
function writeCanonical(value: unknown, out: string[]): void {
  if (typeof value === 'number') {
    // JSON.stringify's own form of a number, without its generic path.
    out.push(Number.isFinite(value) ? String(value) : 'null');
    return;
  }
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      writeCanonical(value[i], out);
    }
    out.push(']');
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  out.push('{');
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out.push(',');
    out.push(quotedKey(k));
    first = false;
    writeCanonical(v, out);
  }
  out.push('}');
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

/** Two cyrb53 hashes of `text` (seeds 1 and 2) in one pass over it. */
function cyrb53Pair(text: string): [number, number] {
  let a1 = 0xdeadbeef ^ 1;
  let a2 = 0x41c6ce57 ^ 1;
  let b1 = 0xdeadbeef ^ 2;
  let b2 = 0x41c6ce57 ^ 2;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return [finish(a1, a2), finish(b1, b2)];
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hashText(text: string): string {
  const [h1, h2] = cyrb53Pair(text);
  return h1.toString(16).padStart(14, '0') + h2.toString(16).padStart(14, '0');
}

export function hashJson(value: unknown): string {
  return hashText(canonicalJson(value));
}
