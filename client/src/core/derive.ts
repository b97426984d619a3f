/** Display-only figures derived from a view (never fed back to the server). */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { SiteLoad } from '../ui/WorldMap.js';

/** MW drawn and racks installed at each of the viewer's sites, from its installed lots. */
export function siteLoads(view: PlayerView): Map<string, SiteLoad> {
  const out = new Map<string, SiteLoad>();
  const models = new Map(view.catalogue.map((m) => [m.id, m]));
  for (const lot of view.me?.lots ?? []) {
    if (lot.status !== 'installed' || !lot.siteId) continue;
    const m = models.get(lot.modelId);
    const load = out.get(lot.siteId) ?? { usedMw: 0, asics: 0, gpus: 0 };
    load.usedMw += (lot.count * (m?.powerKw ?? 0)) / 1000;
    if (m?.kind === 'gpu') load.gpus += lot.count;
    else load.asics += lot.count;
    out.set(lot.siteId, load);
  }
  return out;
}

/** Days until the next halving at ~144 blocks a day (display estimate only). */
export function daysToHalving(view: PlayerView): number {
  const blocksPerDay = 144 * (view.world.networkHashrateEhs / Math.max(1e-9, view.world.difficultyEhs));
  return (view.world.nextHalvingHeight - view.world.heightBlocks) / Math.max(1, blocksPerDay);
}
