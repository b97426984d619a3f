/**
 * The strategy registry: the league, the simulator, the online bot and the server's seat-filling
 * bots all look strategies up here by name.
 */
import type { Strategy } from './types.js';
import { idle } from './strategies/idle.js';
import { random } from './strategies/random.js';
import { hodlMiner } from './strategies/hodlMiner.js';
import { disciplinedMiner } from './strategies/disciplinedMiner.js';
import { aiPivot } from './strategies/aiPivot.js';
import { powerLandlord } from './strategies/powerLandlord.js';
import { leaseSpeculator } from './strategies/leaseSpeculator.js';
import { narrativeChaser } from './strategies/narrativeChaser.js';
import { template } from './strategies/template.js';

export type { Strategy, BotContext } from './types.js';

export const STRATEGIES: Readonly<Record<string, Strategy>> = Object.freeze(
  Object.fromEntries([idle, random, hodlMiner, disciplinedMiner, aiPivot, powerLandlord, leaseSpeculator, narrativeChaser, template].map((s) => [s.name, s])),
);

/** The seven reference archetypes (no idle, no template): what a full league plays. */
export const REFERENCE_STRATEGIES = Object.freeze([
  'random', 'hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser',
]);

export const STRATEGY_NAMES = Object.freeze(Object.keys(STRATEGIES));

export function getStrategy(name: string): Strategy | undefined {
  return Object.prototype.hasOwnProperty.call(STRATEGIES, name) ? STRATEGIES[name] : undefined;
}
