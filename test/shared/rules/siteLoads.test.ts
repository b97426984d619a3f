import { describe, expect, it } from 'vitest';
import { halvingSprint } from '../../../shared/economy/scenarios/halvingSprint.js';
import { applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { playerView } from '../../../shared/rules/view.js';
import type { GameState } from '../../../shared/rules/types.js';

describe('site load in the view', () => {
  it("is the engine's figure: MW at the meter with the region's PUE, and the free MW an install is checked against", () => {
    let g: GameState = createGame(halvingSprint, 'loads', [{ id: 'p1', name: 'A' }]);
    const act = (a: Parameters<typeof applyAction>[2]) => {
      const r = applyAction(g, 'p1', a);
      if (!r.ok) throw new Error(r.error.message);
      g = r.state;
    };
    const site = Object.values(g.sites).find((s) => !s.ownerId && s.status === 'active' && s.energisedMw > 0 && s.tier === 'mining')!;
    act({ type: 'buySite', siteId: site.id });
    const model = playerView(g, 'p1').catalogue.find((m) => m.kind === 'asic')!;
    act({ type: 'orderHardware', modelId: model.id, count: 100, siteId: site.id });
    for (let i = 0; i < 120 && !Object.values(g.lots).some((l) => l.status === 'installed'); i++) g = step(g).state;
    const view = playerView(g, 'p1');
    const load = view.me!.siteLoads[site.id]!;
    const pue = g.scenario.regions.find((r) => r.id === site.regionId)!.pue;
    expect(pue).toBeGreaterThan(1);
    expect(load.asics).toBe(100);
    expect(load.gpus).toBe(0);
    expect(load.usedMw).toBeCloseTo((100 * model.powerKw * pue) / 1000, 9);
    const now = g.sites[site.id]!;
    expect(load.freeMw).toBeCloseTo(Math.max(0, now.energisedMw - now.hostedMw - load.usedMw), 9);
    expect(view.world.unitPriceUsd[model.id]).toBe(view.me!.quotes.unitPriceUsd[model.id]);
    expect(view.book.blockDays).toBe(30);
  });
});
