import * as dm from './detMath.js';
/**
 * Hardware markets (DESIGN.md §3.3): the ASIC $/TH index follows hashprice through a two-stage
 * smoothing (a humped lag of about `lagDays`), GPU prices creep toward a rent-driven target, lead
 * times stretch when demand is hot, used units sell at a haircut. Numbers in, numbers out.
 */

/** The ASIC index never drops below this (vendors' marginal cost). */
export const ASIC_FLOOR_USD_PER_TH = 3;
/** Share of the gap to the target a GPU list price closes per day: sticky, months to adjust. */
export const GPU_PRICE_STICKINESS_PER_DAY = 1 / 150;
/** How strongly GPU prices answer to rent: target = base × (rent / ref)^this. */
export const GPU_PRICE_RENT_ELASTICITY = 0.35;
/** Bounds on the GPU target as a share of the release price. */
export const GPU_TARGET_MIN_SHARE = 0.72;
export const GPU_TARGET_MAX_SHARE = 1.5;
/** Lead times scale as heat^this, with heat clamped to [0.5, 2.5]. */
export const LEAD_TIME_HEAT_EXPONENT = 0.7;

/** One step of an exponential moving average whose mean delay is `days`. */
export function emaStep(prev: number, value: number, days: number): number {
  const alpha = 1 / Math.max(1, days);
  return prev + alpha * (value - prev);
}

/**
 * Two EMA stages of half the lag each: the kernel peaks near lagDays/2 and has mean delay lagDays,
 * so the index turns a quarter or two after hashprice, as the 2021–2022 ASIC price index did.
 */
export function lagHashprice(
  stage1: number,
  stage2: number,
  hashpriceUsdPerPhDay: number,
  lagDays: number,
): { stage1: number; stage2: number } {
  const half = lagDays / 2;
  const s1 = emaStep(stage1, hashpriceUsdPerPhDay, half);
  return { stage1: s1, stage2: emaStep(stage2, s1, half) };
}

/** $/TH for the index tier: the payback multiple the market prices on the lagged hashprice. */
export function asicIndexUsdPerTh(laggedHashpriceUsdPerPhDay: number, usdPerThPerHashprice: number): number {
  return Math.max(ASIC_FLOOR_USD_PER_TH, laggedHashpriceUsdPerPhDay * usdPerThPerHashprice);
}

/** The lagged hashprice that reproduces a given index, to start the smoothing where the scenario starts. */
export function hashpriceForIndex(asicUsdPerTh: number, usdPerThPerHashprice: number): number {
  return usdPerThPerHashprice > 0 ? asicUsdPerTh / usdPerThPerHashprice : 0;
}

/** Where a GPU's price is heading given today's rent: dear when rent is rich, never far below list. */
export function gpuTargetPriceUsd(basePriceUsd: number, rentUsdPerGpuHour: number, refRentUsdPerGpuHour: number): number {
  if (refRentUsdPerGpuHour <= 0 || rentUsdPerGpuHour <= 0) return basePriceUsd * GPU_TARGET_MIN_SHARE;
  const share = dm.pow(rentUsdPerGpuHour / refRentUsdPerGpuHour, GPU_PRICE_RENT_ELASTICITY);
  return basePriceUsd * Math.min(GPU_TARGET_MAX_SHARE, Math.max(GPU_TARGET_MIN_SHARE, share));
}

/** Tomorrow's sticky price: closes `ratePerDay` of the gap to the target. */
export function stickyPriceStep(currentUsd: number, targetUsd: number, ratePerDay = GPU_PRICE_STICKINESS_PER_DAY): number {
  return currentUsd + (targetUsd - currentUsd) * ratePerDay;
}

/** Lead time given demand heat (1 = normal): longer when hot, shorter in a glut. */
export function leadTimeDays(baseDays: number, heat: number): number {
  const h = Math.min(2.5, Math.max(0.5, Number.isFinite(heat) ? heat : 1));
  return Math.max(1, Math.round(baseDays * dm.pow(h, LEAD_TIME_HEAT_EXPONENT)));
}

/** Used price: new price less the haircut (percent). */
export function resalePriceUsd(newPriceUsd: number, haircutPct: number): number {
  return Math.max(0, newPriceUsd * (1 - haircutPct / 100));
}
