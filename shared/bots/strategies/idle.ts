/** Does nothing: a baseline, and the seat-filler for matches that only need a body at the table. */
import type { Strategy } from '../types.js';

export const idle: Strategy = {
  name: 'idle',
  description: 'Sits on its starting cash and never acts.',
  decide: () => [],
};
