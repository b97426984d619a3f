import { describe, expect, it } from 'vitest';
import { createGame } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { leadTimeFor } from '../../../../shared/rules/systems/hardware.js';
import { energiseQuote } from '../../../../shared/rules/systems/sites.js';
import { modelSpec } from '../../../../shared/rules/systems/capacity.js';
import type { GameState, Offer } from '../../../../shared/rules/types.js';
import { accept, edit, rejects } from '../../../support/engineSteps.js';

const history = getScenario('history-2023-2025')!;
const sprint = getScenario('halving-sprint')!;

/** Alice owns a mining site (L1, Permian Basin Yard) and an ai hall (L8, Plano Data Suite) on `day`. */
function at(scenarioId: string, day: number): GameState {
  const s = createGame(getScenario(scenarioId)!, 'late', [{ id: 'a', name: 'Alice' }]);
  return edit(s, (d) => {
    d.day = day;
    for (const id of ['L1', 'L8']) {
      d.sites[id]!.ownerId = 'a';
      d.sites[id]!.listPriceUsd = 0;
    }
  });
}

describe('an order, build, expansion or retrofit that cannot complete before the match ends', () => {
  it('is refused with TOO_LATE, the day it would complete and the last day, and the state unchanged', () => {
    const s = at('halving-sprint', 110);
    const lead = leadTimeFor(s, modelSpec(s, 'h100')!);
    const msg = rejects(s, 'a', { type: 'orderHardware', modelId: 'h100', count: 10 }, 'TOO_LATE');
    expect(msg).toMatch(new RegExp(`^10 × NVIDIA H100 \\(lead time ${lead} days\\) would complete on day ${110 + lead} \\(\\d{4}-\\d\\d-\\d\\d\\); the match's last day is day 119 \\(2024-06-28\\)\\.$`));
    expect(rejects(s, 'a', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 10 }, 'TOO_LATE')).toMatch(/^Building 10 MW \(mining tier\) in Texas \(ERCOT\) would complete on day \d+/);
    expect(rejects(s, 'a', { type: 'expandSite', siteId: 'L1', mw: 10 }, 'TOO_LATE')).toMatch(/^Adding 10 MW to Permian Basin Yard would complete/);
    expect(rejects(s, 'a', { type: 'retrofitSite', siteId: 'L1' }, 'TOO_LATE')).toMatch(/^Retrofitting Permian Basin Yard would complete on day 140 /);
  });

  it('is refused for a tenant retrofit too: a hosting bid on a mining site whose retrofit would end after the match', () => {
    const s0 = at('halving-sprint', 100);
    const offer: Offer = {
      id: 'OF1', kind: 'hosting', tenant: 'Hyperion Cloud', mw: 10, priceUsdPerKwMonth: 125, years: 10, retrofitFundedPct: 60,
      buyoutUsdPerMw: 0, postedDay: 100, closesDay: 110, bids: [],
    };
    const s = { ...s0, offers: { OF1: offer } };
    expect(rejects(s, 'a', { type: 'acceptOffer', offerId: 'OF1', siteId: 'L1' }, 'TOO_LATE')).toMatch(/Retrofitting Permian Basin Yard for Hyperion Cloud would complete on day 130/);
  });

  it('is accepted when it completes on the last day at the latest', () => {
    const probe = at('halving-sprint', 0);
    const lead = leadTimeFor(probe, modelSpec(probe, 'h100')!);
    const s = accept(at('halving-sprint', 119 - lead), 'a', { type: 'orderHardware', modelId: 'h100', count: 10, siteId: 'L8' });
    expect(Object.values(s.lots)[0]!.arrivesDay).toBe(119);
    const days = energiseQuote(probe, 'texas', 'mining', 10);
    const built = accept(at('halving-sprint', 119 - days), 'a', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 10 });
    expect(Object.values(built.sites).find((x) => x.buildingMw === 10)!.buildEtaDay).toBe(119);
  });

  it('refuses what the calendar rules out even on day 0: a Northern Virginia greenfield hall in the two-year story', () => {
    const s = at('history-2023-2025', 0);
    expect(rejects(s, 'a', { type: 'buildSite', regionId: 'nova', tier: 'ai', mw: 5 }, 'TOO_LATE')).toMatch(/the match's last day is day 729 \(2024-12-30\)/);
    expect(history.days).toBe(730);
    expect(sprint.days).toBe(120);
  });
});
