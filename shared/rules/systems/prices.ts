/** What hardware costs today, new and used (whole dollars per unit). */
import type { GameState } from '../types.js';
import { modelSpec } from './capacity.js';

/** New-unit price: ASICs from the $/TH index (newer models at a premium), GPUs from the sticky GPU price. */
export function newUnitPriceUsd(state: GameState, modelId: string): number {
  const spec = modelSpec(state, modelId);
  if (!spec) return 0;
  if (spec.kind === 'asic') return state.hardware.asicUsdPerTh * spec.hashrateThs * spec.priceIndexMultiple;
  return state.compute.gpuPriceUsd[modelId] ?? spec.basePriceUsd;
}

/** Used-unit price: today's new price less the scenario's haircut. */
export function resaleUnitPriceUsd(state: GameState, modelId: string): number {
  return newUnitPriceUsd(state, modelId) * (1 - state.scenario.hardware.resaleHaircutPct / 100);
}
