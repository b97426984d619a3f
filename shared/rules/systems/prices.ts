/** What hardware and sites cost today, new and used (whole dollars). */
import type { GameState, Site, Tier } from '../types.js';
import { modelSpec } from './capacity.js';
import { resalePriceUsd } from '../../economy/hardware.js';

/** A site sold back to the world fetches the tier's build cost per MW less this haircut. */
export const SITE_SALE_HAIRCUT_PCT = 25;

/** New-unit price: ASICs from the $/TH index (newer models at a premium), GPUs from the sticky GPU price. */
export function newUnitPriceUsd(state: GameState, modelId: string): number {
  const spec = modelSpec(state, modelId);
  if (!spec) return 0;
  if (spec.kind === 'asic') return state.hardware.asicUsdPerTh * spec.hashrateThs * spec.priceIndexMultiple;
  return state.compute.gpuPriceUsd[modelId] ?? spec.basePriceUsd;
}

/** Used-unit price: today's new price less the scenario's haircut. */
export function resaleUnitPriceUsd(state: GameState, modelId: string): number {
  return resalePriceUsd(newUnitPriceUsd(state, modelId), state.scenario.hardware.resaleHaircutPct);
}

/** Build cost per MW of a tier (whole dollars). */
export function tierCapexUsdPerMw(state: GameState, tier: Tier): number {
  return tier === 'ai' ? state.scenario.capex.aiUsdPerMw : state.scenario.capex.miningUsdPerMw;
}

/** What the world pays for an owned site's energised MW today (its hardware is valued separately). */
export function siteSaleValueUsd(state: GameState, site: Site): number {
  return Math.round(site.energisedMw * tierCapexUsdPerMw(state, site.tier) * (1 - SITE_SALE_HAIRCUT_PCT / 100));
}

/**
 * A site's value for NAV: sale value of its energised MW, plus the capex already sunk into MW
 * under construction (at the same haircut: a half-built site is no easier to sell).
 */
export function siteValueUsd(state: GameState, site: Site): number {
  const building = site.buildingMw * tierCapexUsdPerMw(state, site.tier) * (1 - SITE_SALE_HAIRCUT_PCT / 100);
  return siteSaleValueUsd(state, site) + Math.round(building);
}
