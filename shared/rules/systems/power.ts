/** Regional power prices, load and grid queues. */
import type { Phase } from '../context.js';
import type { GameState } from '../types.js';
import { withRng } from '../rng.js';
import { raw, rawAt, recordList, unitMw } from './capacity.js';
import { decaySpike, gridQueueDays, nextPowerLogNoise, npcCohortMw, regionPowerUsdPerMwh } from '../../economy/power.js';

/**
 * Load per region (MW): players' installed hardware and hosted tenants, plus NPC miners placed
 * there. Global NPC cohorts (regionId '') sit in no modelled region.
 */
export function regionLoadsMw(state: GameState): { loadMw: Record<string, number>; queuedMw: Record<string, number> } {
  const loadMw: Record<string, number> = {};
  const queuedMw: Record<string, number> = {};
  for (const r of raw(state.scenario.regions)) {
    loadMw[r.id] = 0;
    queuedMw[r.id] = 0;
  }
  const sites = raw(state.sites);
  for (const site of recordList(state.sites)) {
    if (loadMw[site.regionId] === undefined) continue;
    queuedMw[site.regionId]! += site.buildingMw;
    if (site.ownerId) loadMw[site.regionId]! += site.hostedMw;
  }
  // One pass over the lots rather than one per site.
  for (const lot of recordList(state.lots)) {
    if (lot.status !== 'installed' || !lot.siteId) continue;
    const site = rawAt(sites, lot.siteId);
    if (!site || site.ownerId !== lot.ownerId || loadMw[site.regionId] === undefined) continue;
    loadMw[site.regionId]! += unitMw(state, lot.modelId, site.regionId) * lot.count;
  }
  for (const c of raw(state.npc.cohorts)) {
    if (c.regionId && loadMw[c.regionId] !== undefined) loadMw[c.regionId]! += npcCohortMw(c.runningEhs, c.efficiencyJPerTh);
  }
  return { loadMw, queuedMw };
}

/**
 * Every region draws one normal per day in scenario order, whatever the players do, so the power
 * stream stays aligned across replays with different actions.
 */
export const powerPhase: Phase = (draft) => {
  const { loadMw, queuedMw } = regionLoadsMw(draft);
  const specs = raw(draft.scenario.regions);
  withRng(draft.rng, 'power', (rng) => {
    for (const spec of specs) {
      const z = rng.normal();
      const region = draft.regions[spec.id];
      if (!region) continue;
      region.loadMw = loadMw[spec.id] ?? 0;
      region.powerLogNoise = nextPowerLogNoise(region.powerLogNoise ?? 0, spec.powerVolDaily, z);
      region.powerUsdPerMwh = regionPowerUsdPerMwh({
        baseUsdPerMwh: spec.basePowerUsdPerMwh,
        slopeUsdPerMwhPerGw: spec.priceSlopeUsdPerMwhPerGw,
        loadMw: region.loadMw,
        logNoise: region.powerLogNoise,
        volDaily: spec.powerVolDaily,
        spikeMultiplier: region.spikeDaysLeft > 0 ? region.spikeMultiplier : 1,
      });
      const next = decaySpike(region.spikeMultiplier, region.spikeDaysLeft);
      region.spikeMultiplier = next.multiplier;
      region.spikeDaysLeft = next.daysLeft;
      region.gridQueueDays = gridQueueDays(spec.gridQueueBaseDays, spec.gridQueueDaysPer100Mw, queuedMw[spec.id] ?? 0);
    }
  });
};
