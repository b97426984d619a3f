/**
 * Figures that change every day but that a client rebuilds from what it already holds, with the
 * same shared functions the engine calls on the same inputs, instead of receiving them: each
 * player's sentiment multiple, each region's power price, the energy price index, and a company's
 * sector hype in its private quotes. The server compares the engine's figure with the rebuilt one
 * and syncs only those that differ (`MarketState.overrides`, normally near empty; privateWire keeps
 * `sectorHype` when it differs), so the view stays the engine's to the last bit either way.
 */
import { regionPowerUsdPerMwh } from '../economy/power.js';
import { sectorHype, sentimentMultiple } from '../economy/valuation.js';
import type { Narrative, RegionSpec } from '../economy/scenarios/types.js';

/** What the multiple reads of a company: public on its card. */
export interface MultipleCard {
  narrative: Narrative;
  narrativeSinceDay: number;
  revenueMiningUsdPerDay: number;
  revenueAiUsdPerDay: number;
}

/** Today's hype indices (the synced world's). */
export interface Hype {
  hypeCrypto: number;
  hypeAi: number;
}

/**
 * The multiple the engine stored for a company on day `day`: scored by the last day's valuation,
 * which ran before the day counter moved on (hence `day - 1`). An action since (a new narrative)
 * makes it differ until the next day is played: then the override carries it.
 */
export function derivedMultiple(day: number, hype: Hype, card: MultipleCard): number {
  return sentimentMultiple({
    hypeCrypto: hype.hypeCrypto, hypeAi: hype.hypeAi, revenueMiningUsdPerDay: card.revenueMiningUsdPerDay,
    revenueAiUsdPerDay: card.revenueAiUsdPerDay, narrative: card.narrative, narrativeAgeDays: day - 1 - card.narrativeSinceDay,
  });
}

/** A company's sector hype as its quotes show it (today's hype, its revenue mix). */
export function derivedSectorHype(hype: Hype, card: Pick<MultipleCard, 'revenueMiningUsdPerDay' | 'revenueAiUsdPerDay'>): number {
  return sectorHype({ hypeCrypto: hype.hypeCrypto, hypeAi: hype.hypeAi, revenueMiningUsdPerDay: card.revenueMiningUsdPerDay, revenueAiUsdPerDay: card.revenueAiUsdPerDay });
}

/** What a region's price reads of its synced card. */
export interface PowerCard {
  loadMw: number;
  powerLogNoise: number;
  spikeMultiplier: number;
  spikeDaysLeft: number;
}

/**
 * The region's power price as the power phase set it. A spike's multiplier is stored after the
 * day's decay, so on spike days this differs and the override carries the price.
 */
export function derivedPowerUsdPerMwh(spec: RegionSpec, r: PowerCard): number {
  return regionPowerUsdPerMwh({
    baseUsdPerMwh: spec.basePowerUsdPerMwh, slopeUsdPerMwhPerGw: spec.priceSlopeUsdPerMwhPerGw, loadMw: r.loadMw, logNoise: r.powerLogNoise,
    volDaily: spec.powerVolDaily, spikeMultiplier: r.spikeDaysLeft > 0 ? r.spikeMultiplier : 1,
  });
}

/** The meters' energy price index: today's regional prices against their bases, summed in scenario order as the engine does. */
export function derivedEnergyPriceIndex(specs: readonly RegionSpec[], powerUsdPerMwh: (regionId: string) => number | undefined): number {
  let now = 0;
  let base = 0;
  for (const r of specs) {
    now += powerUsdPerMwh(r.id) ?? r.basePowerUsdPerMwh;
    base += r.basePowerUsdPerMwh;
  }
  return base > 0 ? (100 * now) / base : 100;
}

/** Keys of `MarketState.overrides`: the block, the record's id and the field. */
export const overrideKey = {
  multiple: (playerId: string) => `players.${playerId}.multiple`,
  powerUsdPerMwh: (regionId: string) => `regions.${regionId}.powerUsdPerMwh`,
  energyPriceIndex: 'meters.energyPriceIndex',
} as const;

/**
 * A money figure as whole cents when that is exactly what it is (`cents / 100` gives back the same
 * number to the last bit), for a schema `number` field (1-5 bytes instead of a float64's 9); null otherwise.
 */
export function exactCents(usd: number): number | null {
  const cents = Math.round(usd * 100);
  return Number.isSafeInteger(cents) && cents / 100 === usd && !Object.is(usd, -0) ? cents : null;
}
