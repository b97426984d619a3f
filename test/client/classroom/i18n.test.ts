import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/i18n/en.js';
import { ar } from '../../../client/src/i18n/ar.js';
import { format, localDigits } from '../../../client/src/i18n/index.js';

describe('locales', () => {
  it('Arabic has every English key, no extra ones, and no untranslated copies of long strings', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    // A line of placeholders and separators and units ("{id} · {mw} MW") reads the same in any language.
    const words = (v: string) => /[a-z]{2,}/.test(v.replace(/\{[^}]*\}/g, ''));
    const same = Object.entries(en).filter(([k, v]) => v.length > 12 && words(v) && (ar as Record<string, string>)[k] === v).map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    // Names only: a plural or a number format (`{n|one:…}`, `{usd:usd}`) still names its parameter.
    const vars = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[:|}]/g)].map((m) => m[1]))].sort().join(',');
    for (const [k, v] of Object.entries(en)) expect(`${k}:${vars((ar as Record<string, string>)[k] ?? '')}`).toBe(`${k}:${vars(v)}`);
  });

  it('fills placeholders and converts digits only when asked', () => {
    expect(format('Round {round} of {total}', { round: 2, total: 5 })).toBe('Round 2 of 5');
    expect(format('{missing} stays', {})).toBe('{missing} stays');
    expect(localDigits('Day 12 / 2024', 'arabic')).toBe('Day ١٢ / ٢٠٢٤');
    expect(localDigits('Day 12', 'western')).toBe('Day 12');
  });
});
