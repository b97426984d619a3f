/** Display-only figures read from a view (never fed back to the server); the engine's own figures come ready-made. */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { SiteLoad } from '../../../shared/rules/view.js';

/** The engine's load of each of the viewer's own sites (none for a spectator): computed once, in shared/. */
export function siteLoads(view: PlayerView): Map<string, SiteLoad> {
  return new Map(Object.entries(view.me?.siteLoads ?? {}));
}

/** Days until the next halving at ~144 blocks a day (display estimate only). */
export function daysToHalving(view: PlayerView): number {
  const blocksPerDay = 144 * (view.world.networkHashrateEhs / Math.max(1e-9, view.world.difficultyEhs));
  return (view.world.nextHalvingHeight - view.world.heightBlocks) / Math.max(1, blocksPerDay);
}
