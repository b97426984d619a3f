import * as dm from './detMath.js';
/**
 * The daily GPU spot market (DESIGN.md §3.4). NPC demand is a constant-elasticity curve
 * D(p) = A·shock·(p / pRef)^(−ε) in H100-equivalents; supply (NPC clouds, players' idle GPUs,
 * resold leases) is offered whatever the price as long as it covers the floor (≈ cash running cost),
 * so the market clears in closed form: p* = pRef·(A·shock / S)^(1/ε), clamped to [floor, cap].
 * At the floor suppliers withdraw pro rata until supply meets demand.
 */

/** Days from an NPC cloud ordering GPUs to renting them out, when a scenario does not say. */
export const DEFAULT_NPC_LEAD_DAYS = 270;

export interface SpotCurve {
  /** Demand at the reference price, H100-equivalents. */
  demandScaleH100: number;
  /** Event multiplier on demand (1 = none). */
  demandShock: number;
  refPriceUsdPerGpuHour: number;
  /** Price elasticity of demand, ε > 0. */
  elasticity: number;
  floorUsdPerGpuHour: number;
  /** Price when there is (almost) no supply: keeps an empty market finite. */
  capUsdPerGpuHour: number;
}

export interface SpotClearing {
  priceUsdPerGpuHour: number;
  supplyH100: number;
  clearedH100: number;
  /** Share of every supplier's offer that sold (1 above the floor). */
  soldFraction: number;
  /** Quantity each supplier sold, in the order given. */
  soldH100: number[];
}

/** Demand in H100-equivalents at `priceUsdPerGpuHour`. */
export function spotDemandH100(curve: SpotCurve, priceUsdPerGpuHour: number): number {
  const a = curve.demandScaleH100 * curve.demandShock;
  return a * dm.pow(priceUsdPerGpuHour / curve.refPriceUsdPerGpuHour, -curve.elasticity);
}

/** Clears the day's market; `suppliesH100` are the quantities offered (negative treated as 0). */
export function clearSpot(curve: SpotCurve, suppliesH100: readonly number[]): SpotClearing {
  let supply = 0;
  for (const s of suppliesH100) supply += Math.max(0, s);
  const a = Math.max(0, curve.demandScaleH100 * curve.demandShock);
  const unclamped = supply > 0 && a > 0 ? curve.refPriceUsdPerGpuHour * dm.pow(a / supply, 1 / curve.elasticity) : a > 0 ? Infinity : 0;
  const price = Math.min(curve.capUsdPerGpuHour, Math.max(curve.floorUsdPerGpuHour, unclamped));
  const demand = spotDemandH100(curve, price);
  const cleared = Math.min(supply, demand);
  const soldFraction = supply > 0 ? cleared / supply : 0;
  return {
    priceUsdPerGpuHour: price,
    supplyH100: supply,
    clearedH100: cleared,
    soldFraction,
    soldH100: suppliesH100.map((s) => Math.max(0, s) * soldFraction),
  };
}
