/** Number formatting for panels and chart axes: compact, unit-suffixed; units follow the language. */
import { t } from '../i18n/index.js';

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 1234567 → "1.23M"; keeps three significant digits. */
export function compact(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  for (const [scale, suffix] of SUFFIXES) {
    if (abs >= scale) return `${trim((value / scale).toPrecision(digits))}${suffix}`;
  }
  if (abs === 0) return '0';
  if (abs < 0.01) return value.toExponential(1);
  return trim(value.toPrecision(digits));
}

function trim(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

export const usd = (v: number): string => `${v < 0 ? '−' : ''}$${compact(Math.abs(v))}`;
export const usdExact = (v: number): string => `$${Math.round(v).toLocaleString('en-US')}`;
/** Plain "BTC" rather than ₿: the system fonts headless Chromium and many laptops ship lack the glyph. */
export const btc = (v: number): string => `${v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4)} BTC`;
export const pct = (v: number, digits = 0): string => `${v.toFixed(digits)}%`;
export const mw = (v: number): string => `${compact(v)} MW`;
export const rent = (v: number): string => `$${v.toFixed(2)}/h`;

/** Days as "3d" or "1y 20d" (Arabic: "3 أيام", "سنة و20 يومًا"), for countdowns and ETAs. */
export function days(n: number): string {
  if (n < 0) return t('unit.due');
  if (n < 365) return t('unit.daysShort', { n: Math.round(n) });
  const y = Math.floor(n / 365);
  return t('unit.yearsDaysShort', { y, n: Math.round(n - y * 365) });
}

/** Days without folding into years: "400d". */
export const daysFlat = (n: number): string => t('unit.daysShort', { n: Math.round(n) });

/** A game day as a date-like label: "d12" (Arabic: "اليوم 12"). */
export const dayLabel = (n: number): string => t('unit.dayN', { n });

/** Pace: "2 d/s" (Arabic: "2 يوم/ث"). */
export const dps = (n: number): string => t('unit.dps', { n });
