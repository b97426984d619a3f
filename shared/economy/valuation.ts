/**
 * What a company is worth (NAV) and what the crowd pays for it (market cap = NAV × a sentiment
 * multiple). Pure: dollars in, dollars out.
 */
import type { Narrative } from './scenarios/types.js';
import * as dm from './detMath.js';

export const MIN_MULTIPLE = 0.3;
export const MAX_MULTIPLE = 4;
/** ln(multiple) per unit of blended hype away from neutral (0.5): hype 1 → ×4, hype 0 → ×0.3 (clamped). */
export const HYPE_MULTIPLE_SLOPE = 2.8;
/** How far an announced narrative pulls the perceived business mix toward itself (0–1). */
export const NARRATIVE_PULL = 0.35;

export interface NavParts {
  cashUsd: number;
  btc: number;
  btcUsd: number;
  hardwareUsd: number;
  sitesUsd: number;
  contractsPvUsd: number;
  debtUsd: number;
}

/** Net asset value in dollars (negative when debts exceed assets). */
export function navUsd(p: NavParts): number {
  return p.cashUsd + p.btc * p.btcUsd + p.hardwareUsd + p.sitesUsd + p.contractsPvUsd - p.debtUsd;
}

/**
 * Share of the company the crowd files under AI (0–1): the revenue mix, pulled toward the announced
 * narrative. A company with no revenue yet is judged on its story alone, from an even split.
 */
export function aiWeight(revenueMiningUsdPerDay: number, revenueAiUsdPerDay: number, narrative: Narrative): number {
  const mining = Math.max(0, revenueMiningUsdPerDay);
  const ai = Math.max(0, revenueAiUsdPerDay);
  const mix = mining + ai > 0 ? ai / (mining + ai) : 0.5;
  if (narrative === 'ai') return mix + (1 - mix) * NARRATIVE_PULL;
  if (narrative === 'crypto') return mix * (1 - NARRATIVE_PULL);
  return mix;
}

export interface MultipleInputs {
  hypeCrypto: number;
  hypeAi: number;
  revenueMiningUsdPerDay: number;
  revenueAiUsdPerDay: number;
  narrative: Narrative;
}

/** Sentiment multiple on NAV: exp(slope × (blended hype − ½)), bounded to [0.3, 4]. */
export function sentimentMultiple(m: MultipleInputs): number {
  const multiple = dm.exp(HYPE_MULTIPLE_SLOPE * (sectorHype(m) - 0.5));
  return Math.min(MAX_MULTIPLE, Math.max(MIN_MULTIPLE, multiple));
}

/**
 * The crowd pays the multiple on the business (sites, machines, BTC, contracts), not on the bank
 * balance: a dollar of cash is worth a dollar. Without this, raising equity at a high multiple
 * would multiply the raised cash itself, a money machine no market offers. Market cap never goes
 * below zero: shareholders are not liable for more than they put in.
 */
export function marketCapUsd(nav: number, multiple: number, cashUsd = 0): number {
  const business = nav - cashUsd;
  return Math.max(0, business > 0 ? cashUsd + business * multiple : nav);
}

/** Sector hype as a lender sees the borrower: the same blend as the multiple. */
export function sectorHype(m: MultipleInputs): number {
  const w = aiWeight(m.revenueMiningUsdPerDay, m.revenueAiUsdPerDay, m.narrative);
  return (1 - w) * m.hypeCrypto + w * m.hypeAi;
}
