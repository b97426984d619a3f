import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, actionSchemas, parseAction, type ActionType } from '../../../shared/rules/actions.js';
import { acceptWellFormed, actionSpecs } from '../../../shared/rules/actionCheck.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import { REFERENCE_STRATEGIES } from '../../../shared/bots/index.js';

const specs = actionSpecs(actionSchemas);
const shapeOf = (type: ActionType) => (actionSchemas[type] as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;

// Values around every bound the schemas use, of every JSON type and a few that JSON cannot carry.
const NUMBERS = [
  0, -0, 1, 2, 0.5, 1.5, -1, -0.5, 1e-300, 29, 30, 30.5, 31, 99, 100, 100.0001, 999, 1000, 1000.5, 1001, 3649, 3650, 3651,
  9999.5, 10000, 10000.0001, 10001, 1e6, 1e6 + 1, 1e9, 1e9 + 1, 21e6, 21e6 + 1, 1e12, 1e12 + 1, Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1, 2 ** 60, -(2 ** 60), NaN, Infinity, -Infinity,
];
const STRINGS = ['', 'a', 'x'.repeat(39), 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(140), 'x'.repeat(141),
  'mining', 'ai', 'crypto', 'none', 'ppa', 'index', 'buy', 'sell', 'bid', 'ask', 'halving', ...ACTION_TYPES];
const OTHERS = [true, false, null, undefined, {}, [], ['a'], { a: 1 }, () => 1, new Date(0)];
const VALUES: unknown[] = [...NUMBERS, ...STRINGS, ...OTHERS];

/** A valid action of `type`: for each field the first value its own schema accepts (zod decides). */
function baseAction(type: ActionType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shapeOf(type))) {
    const v = VALUES.find((x) => x !== undefined && field.safeParse(x).success);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Inputs around `base`: each field set to every value or removed, extra and odd keys, other prototypes. */
function variants(type: ActionType, base: Record<string, unknown>): unknown[] {
  const out: unknown[] = [base, { ...base, extra: 1 }, Object.assign(Object.create(null), base), Object.assign(Object.create({ inherited: 1 }), base)];
  out.push(JSON.parse(`{"__proto__": 1, ${JSON.stringify(base).slice(1)}`));
  out.push(Object.defineProperty({ ...base }, 'hidden', { value: 1, enumerable: false }));
  class Boxed { constructor() { Object.assign(this, base); } }
  out.push(new Boxed(), [base], null, 'buySite');
  for (const key of Object.keys(shapeOf(type))) {
    const without = { ...base };
    delete without[key];
    out.push(without);
    for (const v of VALUES) out.push({ ...base, [key]: v });
  }
  return out;
}

const entries = (v: unknown) => JSON.stringify(Object.entries(v as object));

describe('the fast action check agrees with the zod schemas', () => {
  it('has a fast path for every player action type (injectEvent, with its record of params, is zod only)', () => {
    expect(ACTION_TYPES.filter((t) => !specs[t])).toEqual(['injectEvent']);
  });

  it('accepts only what zod accepts, and returns what zod returns, keys in the same order', () => {
    let accepted = 0;
    let checked = 0;
    for (const type of ACTION_TYPES) {
      const spec = specs[type];
      if (!spec) continue;
      const base = baseAction(type);
      expect(actionSchemas[type].safeParse(base).success, type).toBe(true);
      for (const input of variants(type, base)) {
        checked += 1;
        const zod = actionSchemas[type].safeParse(input);
        const fast = typeof input === 'object' && input !== null ? acceptWellFormed(spec, input) : null;
        if (!zod.success) {
          expect(fast, `${type}: ${String(JSON.stringify(input)).slice(0, 120)}`).toBeNull();
          continue;
        }
        if (fast) {
          accepted += 1;
          expect(entries(fast), type).toBe(entries(zod.data));
          expect(fast).not.toBe(input);
        }
      }
    }
    // The fast path is taken, not just harmless: most valid variants go through it.
    expect(checked).toBeGreaterThan(2000);
    expect(accepted).toBeGreaterThan(300);
  });

  it('takes every action the reference bots send in a match, as zod would parse it', () => {
    const scenario = getScenario('halving-sprint')!;
    const bots = REFERENCE_STRATEGIES.map((name, i) => ({ id: `p${i + 1}`, name, strategy: name }));
    const { log } = runMatch({ scenario: { ...scenario, days: 60 }, seed: 'fast-check', bots });
    const played = log.flatMap((e) => (e.kind === 'action' ? [e.action] : []));
    expect(played.length).toBeGreaterThan(20);
    for (const action of played) {
      const fast = acceptWellFormed(specs[action.type]!, action);
      expect(fast, action.type).not.toBeNull();
      expect(entries(fast)).toBe(entries(actionSchemas[action.type].parse(action)));
      expect(parseAction(action)).toEqual({ ok: true, action: fast });
    }
  });
});
