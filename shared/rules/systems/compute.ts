/** AI compute: spot clearing, tenders, hosting and buy-out offers, the players' lease book. */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';

export const computePhase: Phase = () => {};

type T = 'placeLeaseOrder' | 'cancelLeaseOrder' | 'bidTender' | 'acceptOffer' | 'declineOffer';
const notYet = () => fail('NOT_AVAILABLE', 'not built yet');
export const computeReducers: { [K in T]: Reducer<K> } = {
  placeLeaseOrder: notYet, cancelLeaseOrder: notYet, bidTender: notYet, acceptOffer: notYet, declineOffer: notYet,
};
