/** Regional power prices, load and grid queues. */
import type { Phase } from '../context.js';

export const powerPhase: Phase = () => {};
