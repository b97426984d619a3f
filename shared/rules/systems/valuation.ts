/** NAV, sentiment multiples, market caps and the world meters. */
import type { Phase } from '../context.js';

export const valuationPhase: Phase = () => {};
