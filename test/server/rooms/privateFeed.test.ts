import { describe, expect, it } from 'vitest';
import { applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { getScenario, SCENARIO_IDS } from '../../../shared/economy/scenarios/index.js';
import { playerView } from '../../../shared/rules/view.js';
import { privatePayload } from '../../../server/rooms/privateFeed.js';

describe('privatePayload', () => {
  it('carries exactly what playerView shows the player as `me`, and nothing for a stranger', () => {
    let s = createGame(getScenario(SCENARIO_IDS[0]!)!, 'pf', [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    const r = applyAction(s, 'b', { type: 'setTreasuryPolicy', sellMinedPct: 40 });
    if (!r.ok) throw new Error(r.error.message);
    s = step(r.state).state;
    expect(privatePayload(s, 'b').me).toEqual(playerView(s, 'b').me);
    expect(privatePayload(s, 'b').me?.sellMinedPct).toBe(40);
    expect(privatePayload(s, 'a').me?.sellMinedPct).toBe(0);
    expect(privatePayload(s, 'nobody')).toEqual({ me: null, tenderBids: [] });
  });
});
