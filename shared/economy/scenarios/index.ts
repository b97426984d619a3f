/** The scenario registry: presets by id. */
import type { Scenario } from './types.js';
import { history2023 } from './history2023.js';
import { halvingSprint } from './halvingSprint.js';
import { cryptoWinter2022 } from './cryptoWinter2022.js';
import { sandbox } from './sandbox.js';

export const SCENARIOS: Readonly<Record<string, Scenario>> = Object.freeze({
  [history2023.id]: history2023,
  [halvingSprint.id]: halvingSprint,
  [cryptoWinter2022.id]: cryptoWinter2022,
  [sandbox.id]: sandbox,
});

export const SCENARIO_IDS = Object.freeze(Object.keys(SCENARIOS));

export function getScenario(id: string): Scenario | undefined {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, id) ? SCENARIOS[id] : undefined;
}

/**
 * The same scenario with its published keyframes pinned exactly (no per-seed jitter): for
 * calibration runs and for tests that measure what the published history alone would give.
 */
export function pinnedHistory(scenario: Scenario): Scenario {
  return { ...scenario, btc: { ...scenario.btc, keyframeJitter: { days: 0, levelPct: 0 } } };
}
