/** The scenario registry: presets by id. */
import type { Scenario } from './types.js';
import { history2023 } from './history2023.js';

export const SCENARIOS: Readonly<Record<string, Scenario>> = Object.freeze({
  [history2023.id]: history2023,
});

export const SCENARIO_IDS = Object.freeze(Object.keys(SCENARIOS));

export function getScenario(id: string): Scenario | undefined {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, id) ? SCENARIOS[id] : undefined;
}
