/**
 * DESIGN.md §6.2: no single click decides a match. Replaying what the reference and exploit bots
 * do, every accepted action is re-valued on the spot: NAV may grow by at most the cash the crowd
 * paid in (equity proceeds) plus, for a lease trade, the price band's share of it; and the market's
 * premium over NAV stays within the operating business at earning power times the multiple's
 * bounds, less the same business at book.
 */
import { describe, expect, it } from 'vitest';
import { addPlayer, applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { getStrategy, REFERENCE_STRATEGIES, EXPLOIT_STRATEGIES } from '../../../shared/bots/index.js';
import { playerView } from '../../../shared/rules/view.js';
import { seedRng } from '../../../shared/rules/rng.js';
import { navPartsByPlayer, multipleInputs } from '../../../shared/rules/systems/valuation.js';
import { LEASE_PRICE_BAND_PCT } from '../../../shared/economy/leaseMakers.js';
import { blockCents } from '../../../shared/economy/leaseBook.js';
import { MAX_MULTIPLE, MIN_MULTIPLE, marketCapUsd, navUsd, operatingUsd, sentimentMultiple } from '../../../shared/economy/valuation.js';
import type { GameState, PlayerId } from '../../../shared/rules/types.js';

function fresh(state: GameState, id: PlayerId) {
  const parts = navPartsByPlayer(state).get(id)!;
  const multiple = sentimentMultiple(multipleInputs(state, state.players[id]!));
  const book = Math.max(0, parts.operatingHardwareUsd + parts.operatingSitesUsd + parts.contractsPvUsd);
  return { nav: navUsd(parts), cap: marketCapUsd(parts, multiple), operating: Math.max(0, operatingUsd(parts)), book, equityCents: state.ledger.flowsUsdCents.equity ?? 0 };
}

/** Dollars of every lease in the state (all of them: a new one shows as growth). */
function leaseNotionalUsd(state: GameState): number {
  let usd = 0;
  for (const l of Object.values(state.leases)) usd += (l.gpus * blockCents(l.priceUsdPerGpuHour)) / 100;
  return usd;
}

describe('score bounds', () => {
  it.each([['halving-sprint', 120], ['history-2023-2025', 400]] as const)('on %s, no action raises NAV by more than the equity it sold, and the premium stays bounded by the business', (scenarioId, days) => {
    const lineup = [...REFERENCE_STRATEGIES, 'random', 'random', ...EXPLOIT_STRATEGIES.filter((s) => s !== 'idle')];
    let state = createGame({ ...getScenario(scenarioId)!, days }, 'bounds');
    const seats = lineup.map((name, i) => ({ id: `p${i + 1}`, strategy: getStrategy(name)!, rng: seedRng(`bounds/${i}`), memory: {} }));
    for (const s of seats) state = addPlayer(state, { id: s.id, name: s.strategy.name, strategy: s.strategy.name });
    let checked = 0;
    let worst = 0;
    while (state.phase === 'running') {
      for (const seat of seats) {
        for (const action of seat.strategy.decide(playerView(state, seat.id), { rng: seat.rng, day: state.day, memory: seat.memory, log: () => undefined })) {
          const before = fresh(state, seat.id);
          const r = applyAction(state, seat.id, action);
          if (!r.ok) continue;
          const prev = state;
          state = r.state;
          const after = fresh(state, seat.id);
          const paidIn = (after.equityCents - before.equityCents) / 100;
          // A lease traded inside the price band may be a bargain for one side: by at most the band.
          const bargain = (leaseNotionalUsd(r.state) - leaseNotionalUsd(prev)) * (LEASE_PRICE_BAND_PCT / 100);
          worst = Math.max(worst, after.nav - before.nav - paidIn);
          expect(after.nav - before.nav, `${action.type} on day ${state.day}`).toBeLessThanOrEqual(paidIn + bargain + 1);
          const premium = after.cap - after.nav;
          // The crowd swaps the business at book for the business at earning power × multiple.
          expect(premium).toBeLessThanOrEqual(after.operating * MAX_MULTIPLE - after.book + 1);
          expect(premium).toBeGreaterThanOrEqual(Math.max(-after.nav, after.operating * MIN_MULTIPLE - after.book) - 1);
          checked += 1;
        }
      }
      state = step(state).state;
    }
    console.log(`score bounds on ${scenarioId}: ${checked} accepted actions re-valued; largest NAV gain beyond equity proceeds (lease bargains inside the band included) $${worst.toFixed(2)}`);
    expect(checked).toBeGreaterThan(100);
  }, 300_000);
});
