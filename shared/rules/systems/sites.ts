/** Sites: buying, building, expanding, retrofitting, selling; construction and power contracts. */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';

export const sitesPhase: Phase = () => {};

type T = 'buySite' | 'buildSite' | 'expandSite' | 'retrofitSite' | 'sellSite' | 'setPowerContract';
const notYet = () => fail('NOT_AVAILABLE', 'not built yet');
export const siteReducers: { [K in T]: Reducer<K> } = {
  buySite: notYet, buildSite: notYet, expandSite: notYet, retrofitSite: notYet, sellSite: notYet, setPowerContract: notYet,
};
