/** The BTC price path and the players' BTC treasury (policy, manual trades with market impact). */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';

export const marketPhase: Phase = () => {};

export const treasuryReducers: { setTreasuryPolicy: Reducer<'setTreasuryPolicy'>; tradeBtc: Reducer<'tradeBtc'> } = {
  setTreasuryPolicy: (draft, playerId, action) => {
    const p = draft.players[playerId];
    if (!p) return fail('UNKNOWN_PLAYER', 'No such player.');
    p.sellMinedPct = action.sellMinedPct;
  },
  tradeBtc: () => fail('NOT_AVAILABLE', 'tradeBtc is not built yet.'),
};
