/** What hardware and sites cost today, new and used (whole dollars). */
import type { GameState, Site, Tier } from '../types.js';
import { modelSpec } from './capacity.js';
import { resalePriceUsd } from '../../economy/hardware.js';

/**
 * An energised MW's market value: the tier's build cost less this discount (no queue to wait, but
 * a used shell). What NAV counts.
 */
export const SITE_MARKET_DISCOUNT_PCT = 25;
/**
 * Selling to the world fetches the market value less this haircut. Together ≈ 45% of capex: below
 * every listing's asking price, so buying a listed site and dumping it never makes money.
 */
export const SITE_SALE_HAIRCUT_PCT = 40;

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

/** An energised MW of a tier at market, before regional comparables: build cost less the discount. */
export function tierMarketUsdPerMw(state: GameState, tier: Tier): number {
  return tierCapexUsdPerMw(state, tier) * (1 - SITE_MARKET_DISCOUNT_PCT / 100);
}

/**
 * Market value per MW of a site (whole dollars): what NAV counts for energised MW. The tier's build
 * cost less the discount, or what comparable sites in the region are listed at if that is lower
 * (a Kazakh shed is cheap for a reason): buying the cheapest listing is never a gain on the spot.
 */
export function siteMarketUsdPerMw(state: GameState, site: Pick<Site, 'tier' | 'regionId'>): number {
  let usdPerMw = tierMarketUsdPerMw(state, site.tier);
  for (const l of state.scenario.listings) {
    if (l.tier === site.tier && l.regionId === site.regionId) usdPerMw = Math.min(usdPerMw, l.priceUsdPerMw);
  }
  return usdPerMw;
}

/** Market value of a site's energised MW (its hardware is valued separately). */
export function siteMarketValueUsd(state: GameState, site: Site): number {
  return Math.round(site.energisedMw * siteMarketUsdPerMw(state, site));
}

/** What the world pays today for an owned site's energised MW: market value less the sale haircut. */
export function siteSaleValueUsd(state: GameState, site: Site): number {
  return Math.round(site.energisedMw * siteMarketUsdPerMw(state, site) * (1 - SITE_SALE_HAIRCUT_PCT / 100));
}

/**
 * A site's value for NAV: market value of its energised MW plus the MW under construction at the
 * same rate (capex already sunk, valued as if finished: conservative by the market discount).
 * Colocation space is worth nothing to its tenant (it cannot be sold).
 */
export function siteValueUsd(state: GameState, site: Site, usdPerMw?: number): number {
  // Rented colocation space is not an asset of the tenant.
  if (site.coloProviderId) return 0;
  return Math.round((site.energisedMw + site.buildingMw) * (usdPerMw ?? siteMarketUsdPerMw(state, site)));
}
