/**
 * A starter strategy: copy this file, rename it, register it in shared/bots/index.ts, and run
 * `npm run league -- --bots my-bot,random --matches 4 --scenario <id>`.
 *
 * It buys the cheapest mining site it can afford, fills it with the most efficient ASIC on sale,
 * installs machines as they arrive, sells half of what it mines, and backs the side that won the
 * last contest round.
 */
import type { Action } from '../../rules/actions.js';
import type { Strategy } from '../types.js';
import { affordableListings, bestAsic, Budget, contestPick, installStored, momentumNarrative, mySites, orderForSite, treasuryPolicy } from '../helpers.js';

export const template: Strategy = {
  name: 'template',
  description: 'Starter bot: one mining site, efficient ASICs, sells half its BTC.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    // Keep $2M for power bills; the Budget stops us spending the same dollar twice today.
    const budget = new Budget(view, 2_000_000);
    treasuryPolicy(view, 50, out);
    if (mySites(view).length === 0) {
      const site = affordableListings(view, budget, 'mining')[0];
      if (site && budget.spend(site.listPriceUsd)) out.push({ type: 'buySite', siteId: site.id });
    }
    installStored(view, budget, out);
    for (const site of mySites(view)) {
      const model = bestAsic(view, site.regionId);
      if (model) orderForSite(view, budget, site, model, budget.cashUsd, out);
    }
    // ctx.memory survives between days; ctx.rng is this bot's own seeded generator.
    ctx.memory.daysPlayed = ((ctx.memory.daysPlayed as number | undefined) ?? 0) + 1;
    contestPick(view, momentumNarrative(view), 100_000, out);
    return out;
  },
};
