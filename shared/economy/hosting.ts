/**
 * Hosting leases and buy-outs (DESIGN.md §3.4, §4): NPC hyperscale tenants rent a player's AI-tier
 * megawatts at $/kW-month for 10–15 years (≈ $125/kW-month ≈ $1.5M per MW-year), sometimes funding
 * part of a mining site's retrofit, and sometimes offer to buy a whole mining site above market.
 */
import { usdToCents } from './money.js';

export const DAYS_PER_YEAR = 365;
const KW_PER_MW = 1000;
const MONTHS_PER_YEAR = 12;

/** Rent a hosting lease pays per day, whole or fractional dollars. */
export function hostingUsdPerDay(mw: number, usdPerKwMonth: number): number {
  return (mw * KW_PER_MW * usdPerKwMonth * MONTHS_PER_YEAR) / DAYS_PER_YEAR;
}

export function hostingDayCents(mw: number, usdPerKwMonth: number): number {
  return usdToCents(hostingUsdPerDay(mw, usdPerKwMonth));
}

/** $/MW-year of a hosting lease: the figure DESIGN.md §5 fact 5 compares with mining. */
export function hostingUsdPerMwYear(usdPerKwMonth: number): number {
  return KW_PER_MW * usdPerKwMonth * MONTHS_PER_YEAR;
}

/** Gross mining revenue per MW-year for a machine of `efficiencyJPerTh` at `hashpriceUsdPerPhDay` (IT load, no PUE). */
export function miningUsdPerMwYear(hashpriceUsdPerPhDay: number, efficiencyJPerTh: number): number {
  const phPerMw = 1e6 / efficiencyJPerTh / 1000; // TH/s per MW = 1e6 W ÷ J/TH; ÷1000 → PH/s
  return phPerMw * hashpriceUsdPerPhDay * DAYS_PER_YEAR;
}

/** A buy-out bid: the market value times a premium ≥ 1 (a tenant paying for speed to power). */
export function buyoutPriceUsd(marketUsd: number, premium: number): number {
  return Math.round(marketUsd * Math.max(1, premium));
}

/**
 * Present value of a flat daily income over `days` with simple interest at `ratePct` a year,
 * approximated by discounting the whole stream at its mid-date: c·n / (1 + r·(n/2)/365).
 */
export function presentValueUsd(usdPerDay: number, days: number, ratePct: number): number {
  if (days <= 0 || usdPerDay === 0) return 0;
  const r = Math.max(0, ratePct) / 100;
  return (usdPerDay * days) / (1 + (r * days) / 2 / DAYS_PER_YEAR);
}
