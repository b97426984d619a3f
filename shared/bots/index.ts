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
import { EXPLOIT_STRATEGY_LIST } from './exploits/index.js';
import { STRATEGY_NAMES } from './names.js';

export type { Strategy, BotContext } from './types.js';

export const STRATEGIES: Readonly<Record<string, Strategy>> = Object.freeze(
  Object.fromEntries([idle, random, hodlMiner, disciplinedMiner, aiPivot, powerLandlord, leaseSpeculator, narrativeChaser, template, ...EXPLOIT_STRATEGY_LIST].map((s) => [s.name, s])),
);

export { REFERENCE_STRATEGIES } from './reference.js';

if (Object.keys(STRATEGIES).join() !== STRATEGY_NAMES.join()) {
  throw new Error(`shared/bots/names.ts lists ${STRATEGY_NAMES.join(', ')}; the registry has ${Object.keys(STRATEGIES).join(', ')}`);
}
export { STRATEGY_NAMES };

export function getStrategy(name: string): Strategy | undefined {
  return Object.prototype.hasOwnProperty.call(STRATEGIES, name) ? STRATEGIES[name] : undefined;
}

/** Plans that must not win (the exploit test plays them; `idle` is the do-nothing one). */
export const EXPLOIT_STRATEGIES = Object.freeze(['idle', ...EXPLOIT_STRATEGY_LIST.map((s) => s.name)]);
