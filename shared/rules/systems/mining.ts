/** Bitcoin production: players' and NPC hashrate, blocks, rewards, fees, difficulty, halvings. */
import type { Phase } from '../context.js';

export const miningPhase: Phase = () => {};
