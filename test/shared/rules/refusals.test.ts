import { describe, expect, it } from 'vitest';
import { applyActionInPlace, REFUSES_BEFORE_WRITING, stateHash } from '../../../shared/rules/engine.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import { seedRng } from '../../../shared/rules/rng.js';
import { workingCopy } from '../../../shared/rules/workingCopy.js';
import type { Action } from '../../../shared/rules/actions.js';
import type { GameState } from '../../../shared/rules/types.js';

const BOTS = ['hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser', 'random', 'idle'];

/** An action of the same type with its numbers scaled (down, up, far up) and its ids from elsewhere: mostly refusals. */
function variant(action: Action, rng: ReturnType<typeof seedRng>, ids: string[]): Action {
  const out: Record<string, unknown> = { ...action };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'number' && k !== 'termDays') out[k] = Math.max(0, Math.round(v * [0.5, 3, 40, 1000][rng.int(0, 3)]! * 100) / 100);
    else if (typeof v === 'string' && /Id$/.test(k) && rng.next() < 0.5) out[k] = ids[rng.int(0, ids.length - 1)]!;
  }
  return out as unknown as Action;
}

describe('refusals in place', () => {
  it('leave the state exactly as it was for every reducer that refuses before it writes', () => {
    const scenario = getScenario('history-2023-2025')!;
    const states: GameState[] = [];
    const match = runMatch({
      scenario, seed: 'refusals', untilDay: 240,
      bots: BOTS.map((s, i) => ({ id: `p${i}`, name: s, strategy: s })),
      onDay: (s) => { if (s.day % 40 === 0) states.push(s); },
    });
    const examples = match.log.flatMap((e) => (e.kind === 'action' && REFUSES_BEFORE_WRITING.has(e.action.type) ? [e.action] : []));
    const rng = seedRng('refusals');
    const refusedByType = new Map<string, number>();
    for (const state of states) {
      const before = stateHash(state);
      const ids = [...Object.keys(state.sites), ...Object.keys(state.lots), ...Object.keys(state.leaseOrders), ...Object.keys(state.tenders), 'nope', '__proto__'];
      for (let i = 0; i < 400; i++) {
        const action = variant(examples[rng.int(0, examples.length - 1)]!, rng, ids);
        const seat = state.playerOrder[rng.int(0, state.playerOrder.length - 1)]!;
        const work = workingCopy(state);
        const r = applyActionInPlace(work, seat, action);
        if (r.ok) continue;
        expect(r.touched, action.type).toBe(false);
        expect(stateHash(work), `${action.type} refused (${r.error.code}) by ${seat} on day ${state.day}`).toBe(before);
        refusedByType.set(action.type, (refusedByType.get(action.type) ?? 0) + 1);
      }
    }
    // The bots' own refusals come from these types: each must have been refused here many times.
    for (const type of ['tradeBtc', 'takeLoan', 'placeLeaseOrder', 'bidTender', 'buildSite', 'rentColocation', 'contestPick', 'orderHardware', 'setPowerContract', 'raiseEquity', 'repayLoan']) expect(refusedByType.get(type) ?? 0, type).toBeGreaterThan(10);
  });
});
