/**
 * What a company is worth (NAV) and what the crowd pays for it (market cap). Pure: dollars in,
 * dollars out.
 *
 * The crowd pays a sentiment multiple on the operating business only (machines running, energised
 * sites in use, contracts being delivered). Cash, BTC, escrow, stakes and capacity leased in are
 * counted at par: a wrapper around money is worth the money. Running machines count at their
 * earning power (never below resale). So market cap = NAV − the business at book + the business at
 * earning power × multiple, and the premium over NAV is bounded by the business a company runs.
 */
import type { Narrative } from './scenarios/types.js';
import * as dm from './detMath.js';

export const MIN_MULTIPLE = 0.3;
export const MAX_MULTIPLE = 4;
/** ln(multiple) per unit of blended hype away from neutral (0.5): hype 1 → ×4, hype 0 → ×0.3 (clamped). */
export const HYPE_MULTIPLE_SLOPE = 2.8;
/** Premium a narrative earns when all revenue matches it (scaled by the matching share). */
export const NARRATIVE_MATCH_PREMIUM = 0.15;
/** A fresh story's premium (on the business it has) before any matching revenue, fading over STORY_DAYS. */
export const STORY_PREMIUM = 0.2;
/** Days a story has to show matching revenue before the crowd turns on it (the concept stock's reckoning). */
export const STORY_DAYS = 45;
/** The discount a story that never earned: full below no matching revenue, none at STORY_MATCH_TARGET. */
export const STORY_DISCOUNT = 0.2;
export const STORY_MATCH_TARGET = 0.3;
/** A machine's net margin shrinks by half a year on year (difficulty climbs, rents fall): the crowd capitalises today's at that pace. */
export const MARGIN_HALF_LIFE_DAYS = 365;
const LN2 = 0.6931471805599453;

/** Days of today's net margin a running machine is worth: a margin fading with MARGIN_HALF_LIFE_DAYS, discounted at the cost of capital. */
export function earningPowerDays(costOfCapitalPctYear: number): number {
  return 1 / (LN2 / MARGIN_HALF_LIFE_DAYS + Math.max(0, costOfCapitalPctYear) / 100 / 365);
}

export interface NavParts {
  cashUsd: number;
  /** BTC held, including what is pledged as collateral. */
  btc: number;
  btcUsd: number;
  /** Cash parked in lease-bid escrow and contest stakes: still the company's money. */
  reservedUsd: number;
  /** Capacity leased in and not passed on, at today's spot rent. */
  heldLeasesUsd: number;
  /** All hardware at resale, and the part of it running today. */
  hardwareUsd: number;
  operatingHardwareUsd: number;
  /** The running hardware at its earning power: each lot at the larger of its resale and the present value of its net margin. */
  earningPowerUsd: number;
  /** Sites at market (MW hosted for a tenant excluded: the contract values them), and the part in use. */
  sitesUsd: number;
  operatingSitesUsd: number;
  /** Present value of the net margin of contracts being delivered (tenders, hosting, leases sold). */
  contractsPvUsd: number;
  debtUsd: number;
}

/** Net asset value in dollars (negative when debts exceed assets). */
export function navUsd(p: NavParts): number {
  return p.cashUsd + p.btc * p.btcUsd + p.reservedUsd + p.heldLeasesUsd + p.hardwareUsd + p.sitesUsd + p.contractsPvUsd - p.debtUsd;
}

/** The operating business the multiple applies to: running machines at their earning power, sites in use, contracts. */
export function operatingUsd(p: NavParts): number {
  return Math.max(p.operatingHardwareUsd, p.earningPowerUsd) + p.operatingSitesUsd + p.contractsPvUsd;
}

/** The same business as NAV counts it (machines at resale). */
function operatingBookUsd(p: NavParts): number {
  return p.operatingHardwareUsd + p.operatingSitesUsd + p.contractsPvUsd;
}

/**
 * NAV with the operating business swapped from its book value for what the crowd pays for it (its
 * earning power times the multiple), if it is worth anything; never below zero.
 */
export function marketCapUsd(p: NavParts, multiple: number): number {
  return Math.max(0, navUsd(p) + Math.max(0, operatingUsd(p)) * multiple - Math.max(0, operatingBookUsd(p)));
}

/** Share of revenue the crowd files under AI (0–1); a company with no revenue yet is an even split. */
export function aiWeight(revenueMiningUsdPerDay: number, revenueAiUsdPerDay: number): number {
  const mining = Math.max(0, revenueMiningUsdPerDay);
  const ai = Math.max(0, revenueAiUsdPerDay);
  return mining + ai > 0 ? ai / (mining + ai) : 0.5;
}

export interface MultipleInputs {
  hypeCrypto: number;
  hypeAi: number;
  revenueMiningUsdPerDay: number;
  revenueAiUsdPerDay: number;
  narrative: Narrative;
  /** Days since the narrative was announced. */
  narrativeAgeDays: number;
}

/** Share of revenue that matches the announced narrative (0 with no narrative or no revenue). */
export function matchingRevenueShare(m: MultipleInputs): number {
  const mining = Math.max(0, m.revenueMiningUsdPerDay);
  const ai = Math.max(0, m.revenueAiUsdPerDay);
  if (m.narrative === 'none' || mining + ai <= 0) return 0;
  return (m.narrative === 'ai' ? ai : mining) / (mining + ai);
}

/**
 * The story's effect on the multiple: a premium in proportion to revenue that matches the
 * narrative, plus a fresh story's hope that fades over STORY_DAYS and, if the revenue never
 * followed, becomes a discount.
 */
export function storyFactor(m: MultipleInputs): number {
  if (m.narrative === 'none') return 1;
  const match = matchingRevenueShare(m);
  const earned = NARRATIVE_MATCH_PREMIUM * match;
  const age = Math.max(0, m.narrativeAgeDays);
  const hope = age < STORY_DAYS
    ? STORY_PREMIUM * (1 - age / STORY_DAYS) * (1 - match)
    : -STORY_DISCOUNT * Math.max(0, 1 - match / STORY_MATCH_TARGET);
  return 1 + earned + hope;
}

/** Sentiment multiple on the operating business: exp(slope × (sector hype − ½)) × story, bounded to [0.3, 4]. */
export function sentimentMultiple(m: MultipleInputs): number {
  const multiple = dm.exp(HYPE_MULTIPLE_SLOPE * (sectorHype(m) - 0.5)) * storyFactor(m);
  return Math.min(MAX_MULTIPLE, Math.max(MIN_MULTIPLE, multiple));
}

/** Sector hype as the crowd and a lender see the company: the hype indices weighted by its revenue mix. */
export function sectorHype(m: Pick<MultipleInputs, 'hypeCrypto' | 'hypeAi' | 'revenueMiningUsdPerDay' | 'revenueAiUsdPerDay'>): number {
  const w = aiWeight(m.revenueMiningUsdPerDay, m.revenueAiUsdPerDay);
  return (1 - w) * m.hypeCrypto + w * m.hypeAi;
}
