import { describe, expect, it } from 'vitest';
import { applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { getScenario, SCENARIO_IDS } from '../../../shared/economy/scenarios/index.js';
import { playerView } from '../../../shared/rules/view.js';
import { privatePayload } from '../../../shared/sync/privateFeed.js';

describe('privatePayload', () => {
  it('carries exactly what playerView shows the player as `me`, and nothing for a stranger', () => {
    let s = createGame(getScenario(SCENARIO_IDS[0]!)!, 'pf', [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    const r = applyAction(s, 'b', { type: 'setTreasuryPolicy', sellMinedPct: 40 });
    if (!r.ok) throw new Error(r.error.message);
    s = step(r.state).state;
    expect(privatePayload(s, 'b').me).toEqual(playerView(s, 'b').me);
    expect(privatePayload(s, 'b').me?.sellMinedPct).toBe(40);
    expect(privatePayload(s, 'a').me?.sellMinedPct).toBe(0);
    expect(privatePayload(s, 'nobody')).toEqual({ me: null, tenderBids: [], offerBids: [], contestPayouts: [] });
  });

  it('carries the player’s own sealed offer bids and no one else’s', () => {
    let s = createGame(getScenario('halving-sprint')!, 'pf', [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    for (const [pid, site] of [['a', 'L8'], ['b', 'L9']] as const) {
      const r = applyAction(s, pid, { type: 'buySite', siteId: site });
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
    }
    s = {
      ...s,
      offers: {
        OF1: {
          id: 'OF1', kind: 'hosting', tenant: 'T', mw: 2, priceUsdPerKwMonth: 130, years: 10, retrofitFundedPct: 0, buyoutUsdPerMw: 0,
          postedDay: 0, closesDay: 10, bids: [],
        },
      },
    };
    for (const [pid, price] of [['a', 120], ['b', 110]] as const) {
      const r = applyAction(s, pid, { type: 'acceptOffer', offerId: 'OF1', priceUsdPerKwMonth: price });
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
    }
    expect(privatePayload(s, 'a').offerBids).toEqual([{ offerId: 'OF1', siteId: 'L8', priceUsdPerKwMonth: 120, priceUsdPerMw: 0 }]);
    expect(privatePayload(s, 'b').offerBids).toEqual([{ offerId: 'OF1', siteId: 'L9', priceUsdPerKwMonth: 110, priceUsdPerMw: 0 }]);
  });
});
