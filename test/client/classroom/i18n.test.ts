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

describe('plurals, numbers and direction', () => {
  it('picks the Arabic plural form by Intl.PluralRules (six forms) and formats numbers by Intl.NumberFormat', () => {
    const days = '{n} {n|zero:يوم|one:يوم|two:يوم|few:أيام|many:يومًا|other:يوم}';
    expect([0, 1, 2, 3, 11, 100].map((n) => format(days, { n }, 'ar'))).toEqual(['0 يوم', '1 يوم', '2 يوم', '3 أيام', '11 يومًا', '100 يوم']);
    expect(format('{n} {n|one:company|other:companies}', { n: 1 }, 'en')).toBe('1 company');
    expect(format('{n} {n|one:company|other:companies}', { n: 4 }, 'en')).toBe('4 companies');
    expect(format('{n|=0:none|other:# left}', { n: 0 }, 'en')).toBe('none');
    expect(format('{v:usd} · {g:int} · {p:2}', { v: 4980551, g: 12000, p: 2.5 }, 'en')).toBe('$4,980,551 · 12,000 · 2.50');
    expect(format('{side|crypto:crypto|ai:AI}', { side: 'ai' }, 'en')).toBe('AI');
  });

  it('isolates a value of the other direction, so "collapse!" and "1d" keep their shape in Arabic', () => {
    expect(format('الجولة {round} بعد {days}', { round: 7, days: '1d' }, 'ar')).toBe('الجولة 7 بعد \u20681d\u2069');
    expect(format('{h}', { h: 'Exchange collapse!' }, 'ar')).toBe('\u2068Exchange collapse!\u2069');
    expect(format('{h}', { h: 'ليلى' }, 'ar')).toBe('ليلى');
    expect(format('النطاق {band}', { band: '$3.73–$5.58' }, 'ar')).toBe('النطاق \u2068$3.73–$5.58\u2069');
    expect(format('{n}', { n: '12' }, 'ar')).toBe('12');
    expect(format('Winner: {h}', { h: 'ليلى' }, 'en')).toBe('Winner: \u2068ليلى\u2069');
  });

  it('says the engine\'s news in Arabic from the English line the state keeps', () => {
    expect(ar['news.crash']).toContain('{pct}');
    // Every news key has an Arabic line (the Messages type enforces it; this guards a cast).
    for (const k of Object.keys(en).filter((k) => k.startsWith('news.') || k.startsWith('eventError.'))) expect((ar as Record<string, string>)[k], k).toBeTruthy();
  });
});
