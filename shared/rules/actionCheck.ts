/**
 * A fast path in front of the action schemas (actions.ts). Every action a bot returns or a client
 * sends is parsed, and zod's parse was 4 % of a warm league match and more of a cold one (each
 * schema runs through zod's generic object walk, and each isolate compiles that anew). An action
 * that is a plain object and passes every check of its type's schema is copied out here as zod
 * would copy it: the schema's keys, in the schema's order. Anything else (a wrong type, a value out
 * of range, an unknown key, a key present but undefined, another prototype) returns null, and zod
 * gives the verdict and the message. The checks are read from the schemas themselves, so there is
 * one contract; a schema using anything not read here (a record, a union, a refinement) simply has
 * no fast path. actionCheck.test.ts holds the two paths to the same results.
 */
import type { Action, ActionType } from './actions.js';

type Check = (value: unknown) => boolean;

interface Field {
  key: string;
  optional: boolean;
  ok: Check;
}

interface Spec {
  fields: readonly Field[];
  keys: ReadonlySet<string>;
}

/** What this file reads of a zod 4 schema: its def (`schema._zod.def`) and its checks' defs. */
interface ZodDef {
  type: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  innerType?: ZodSchema;
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
  shape?: Record<string, ZodSchema>;
  catchall?: ZodSchema;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}
interface ZodSchema {
  _zod: { def: ZodDef };
}

/** The number schema's checks as one predicate (their conjunction: the tightest bounds), or null. */
function numberCheck(checks: readonly CheckDef[]): Check | null {
  let lo = -Infinity;
  let loIncl = true;
  let hi = Infinity;
  let hiIncl = true;
  let int = false;
  for (const c of checks) {
    const bound = c.value;
    if (c.check === 'greater_than' && typeof bound === 'number') {
      if (bound > lo || (bound === lo && !c.inclusive)) [lo, loIncl] = [bound, c.inclusive === true];
    } else if (c.check === 'less_than' && typeof bound === 'number') {
      if (bound < hi || (bound === hi && !c.inclusive)) [hi, hiIncl] = [bound, c.inclusive === true];
    } else if (c.check === 'number_format' && c.format === 'safeint') int = true;
    else return null;
  }
  return (v) => typeof v === 'number' && Number.isFinite(v) && (!int || Number.isSafeInteger(v))
    && (loIncl ? v >= lo : v > lo) && (hiIncl ? v <= hi : v < hi);
}

function stringCheck(checks: readonly CheckDef[]): Check | null {
  let min = 0;
  let max = Infinity;
  for (const c of checks) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else return null;
  }
  return (v) => typeof v === 'string' && v.length >= min && v.length <= max;
}

/** A check accepting exactly what `def` (a literal, enum, string or number schema) accepts, or null. */
function valueCheck(def: ZodDef): Check | null {
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.coerce) return null;
  if (def.type === 'literal' && !checks.length && def.values) {
    const values = def.values;
    return (v) => values.includes(v);
  }
  if (def.type === 'enum' && !checks.length && def.entries) {
    const values = new Set(Object.values(def.entries));
    return (v) => values.has(v);
  }
  if (def.type === 'string') return stringCheck(checks);
  if (def.type === 'number') return numberCheck(checks);
  return null;
}

/** The fast spec of a strict object schema, or null when any of its fields is not read here. */
function specOf(schema: ZodSchema): Spec | null {
  const def = schema._zod.def;
  if (def.type !== 'object' || !def.shape || def.catchall?._zod.def.type !== 'never') return null;
  const fields: Field[] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const fieldDef = field._zod.def;
    const optional = fieldDef.type === 'optional';
    const inner = optional ? fieldDef.innerType?._zod.def : fieldDef;
    const ok = inner ? valueCheck(inner) : null;
    if (!ok || key === '__proto__') return null;
    fields.push({ key, optional, ok });
  }
  return { fields, keys: new Set(fields.map((f) => f.key)) };
}

/**
 * `input` as its schema's parse would return it, when it is a plain object every check accepts;
 * otherwise null (the caller asks zod). `spec` is `specOf` the schema of `input.type`.
 */
export function acceptWellFormed(spec: Spec, input: object): Action | null {
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return null;
  const record = input as Record<string, unknown>;
  // zod's strict objects refuse any enumerable key they do not declare (for...in, as zod walks it).
  for (const key in record) if (!spec.keys.has(key)) return null;
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (!(f.key in record)) {
      if (f.optional) continue;
      return null;
    }
    const value = record[f.key];
    if (!f.ok(value)) return null;
    out[f.key] = value;
  }
  return out as Action;
}

/** The fast specs of every action type that has one. */
export function actionSpecs(schemas: Record<ActionType, unknown>): Partial<Record<ActionType, Spec>> {
  const out: Partial<Record<ActionType, Spec>> = {};
  for (const type of Object.keys(schemas) as ActionType[]) {
    const spec = specOf(schemas[type] as ZodSchema);
    if (spec) out[type] = spec;
  }
  return out;
}
