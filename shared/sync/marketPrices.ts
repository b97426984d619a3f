/**
 * Hardware prices a client rebuilds from the synced world and the `welcome` catalogue instead of
 * receiving them daily: new-unit prices (the engine's `newUnitPriceUsd`: ASICs at the $/TH index ×
 * hashrate × tier premium, GPUs at their list price) and used-unit prices (less the haircut). The
 * server syncs only prices that differ from these (none, while the engine prices this way), so the
 * view stays the engine's to the last bit either way.
 */
import { daysBetween } from '../economy/calendar.js';
import { resalePriceUsd } from '../economy/hardware.js';
import type { HardwareModelSpec } from '../economy/scenarios/types.js';

/** New-unit price of each model released by `date`, in catalogue order. */
export function derivedUnitPrices(
  catalogue: readonly HardwareModelSpec[], date: string, asicUsdPerTh: number, gpuPriceUsd: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (!date) return out;
  for (const m of catalogue) {
    if (daysBetween(m.releaseDate, date) < 0) continue;
    out[m.id] = m.kind === 'asic' ? asicUsdPerTh * m.hashrateThs * m.priceIndexMultiple : gpuPriceUsd[m.id] ?? m.basePriceUsd;
  }
  return out;
}

export function derivedResalePrices(unitPriceUsd: Readonly<Record<string, number>>, haircutPct: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id in unitPriceUsd) out[id] = resalePriceUsd(unitPriceUsd[id]!, haircutPct);
  return out;
}

/** Entries of `actual` that `derived` does not already give (what the synced override map carries). */
export function priceOverrides(actual: Readonly<Record<string, number>>, derived: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id in actual) if (!Object.is(actual[id], derived[id])) out[id] = actual[id]!;
  return out;
}
