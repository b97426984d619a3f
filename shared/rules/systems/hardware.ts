/** Hardware: orders, arrivals, installing, resale; the ASIC $/TH index and GPU prices. */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';

export const hardwarePhase: Phase = () => {};

type T = 'orderHardware' | 'installHardware' | 'uninstallHardware' | 'sellHardware';
const notYet = () => fail('NOT_AVAILABLE', 'not built yet');
export const hardwareReducers: { [K in T]: Reducer<K> } = {
  orderHardware: notYet, installHardware: notYet, uninstallHardware: notYet, sellHardware: notYet,
};
