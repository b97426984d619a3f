import { describe, expect, it } from 'vitest';
import { getScenario, SCENARIO_IDS } from '../../../shared/economy/scenarios/index.js';
import { REFERENCE_STRATEGIES, STRATEGIES, getStrategy } from '../../../shared/bots/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import { playerView } from '../../../shared/rules/view.js';
import { createGame } from '../../../shared/rules/engine.js';
import { seedRng } from '../../../shared/rules/rng.js';

/** Long enough for orders to arrive, sites to be bought and a contest round to resolve. */
const MAX_DAYS = 120;
const MAX_REJECTION_RATE = 0.2;

describe('strategy registry', () => {
  it('holds idle, the template and the seven archetypes, each named by its key', () => {
    expect(REFERENCE_STRATEGIES).toHaveLength(7);
    for (const name of [...REFERENCE_STRATEGIES, 'idle', 'template']) expect(getStrategy(name)?.name).toBe(name);
    for (const [key, s] of Object.entries(STRATEGIES)) {
      expect(s.name).toBe(key);
      expect(s.description.length).toBeGreaterThan(10);
    }
    expect(getStrategy('toString')).toBeUndefined();
  });

  it('idle does nothing; a spectator view gets no actions from anyone', () => {
    const scenario = getScenario(SCENARIO_IDS[0]!)!;
    const state = createGame(scenario, '1');
    for (const s of Object.values(STRATEGIES)) {
      const out = s.decide(playerView(state, null), { rng: seedRng('spectator'), day: 0, memory: {}, log: () => {} });
      expect(out).toEqual([]);
    }
  });
});

describe.each(SCENARIO_IDS)('every archetype on %s', (scenarioId) => {
  it('finishes the match with few rejected actions and no strikes', () => {
    const base = getScenario(scenarioId)!;
    const scenario = { ...base, days: Math.min(base.days, MAX_DAYS) };
    const bots = [...REFERENCE_STRATEGIES, 'template'].map((s, i) => ({ id: `p${i + 1}`, name: s, strategy: s }));
    const r = runMatch({ scenario, seed: `strategies-${scenarioId}`, bots });
    expect(r.state.phase).toBe('ended');
    const report = bots.map((b) => {
      const st = r.stats[b.id]!;
      const tried = st.actions + st.rejected;
      return { bot: b.strategy, actions: st.actions, rejected: st.rejected, rate: tried ? st.rejected / tried : 0, codes: st.rejectedByCode };
    });
    console.log(`${scenarioId} (${scenario.days} days):\n${report.map((x) => `  ${x.bot.padEnd(18)} accepted ${String(x.actions).padStart(4)}  rejected ${String(x.rejected).padStart(4)} (${(x.rate * 100).toFixed(1)}%) ${JSON.stringify(x.codes)}`).join('\n')}`);
    for (const x of report) {
      expect(r.stats[bots.find((b) => b.strategy === x.bot)!.id]!.strikes, x.bot).toBe(0);
      expect(x.rate, `${x.bot} rejection rate ${JSON.stringify(x.codes)}`).toBeLessThan(MAX_REJECTION_RATE);
    }
    // Each archetype does something over the match (random may idle on a short one).
    for (const x of report) if (x.bot !== 'random') expect(x.actions, x.bot).toBeGreaterThan(0);
  });
});
