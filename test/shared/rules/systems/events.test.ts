import { describe, expect, it } from 'vitest';
import { createDraft, finishDraft } from 'immer';
import { applyAction, createGame, stateHash } from '../../../../shared/rules/engine.js';
import { HOST_ACTOR } from '../../../../shared/rules/actions.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { eventsPhase } from '../../../../shared/rules/systems/events.js';
import type { GameEvent, GameState, Scenario } from '../../../../shared/rules/types.js';

const scenario = getScenario('history-2023-2025')!;
const quiet: Scenario = { ...scenario, events: [], randomEvents: {} };

function runEvents(s: GameState): { state: GameState; events: GameEvent[] } {
  const ctx = { events: [] as GameEvent[] };
  const d = createDraft(s);
  eventsPhase(d, ctx);
  return { state: finishDraft(d), events: ctx.events };
}

describe('injectEvent', () => {
  it('rejects an unknown region with the state untouched', () => {
    const s = createGame(quiet, 'e');
    const before = stateHash(s);
    const r = applyAction(s, HOST_ACTOR, { type: 'injectEvent', kind: 'miningBan', params: { regionId: 'atlantis' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'BAD_ACTION', message: expect.stringMatching(/Unknown region "atlantis"/) });
    expect(stateHash(s)).toBe(before);
  });

  it('fires at the next step with its effect, news and a market event, then is gone', () => {
    const r = applyAction(createGame(quiet, 'e'), HOST_ACTOR, { type: 'injectEvent', kind: 'miningBan', params: { regionId: 'kazakhstan', days: 180 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { state, events } = runEvents(r.state);
    expect(state.regions.kazakhstan!.miningBanUntilDay).toBe(180);
    expect(state.events).toEqual([]);
    expect(state.news.at(-1)?.headline).toBe('Kazakhstan bans mining for 180 days');
    expect(events).toContainEqual({ type: 'marketEvent', day: 0, kind: 'miningBan', headline: 'Kazakhstan bans mining for 180 days', params: { regionId: 'kazakhstan', days: 180 } });
  });

  it('keeps a host headline when one is given', () => {
    const r = applyAction(createGame(quiet, 'e'), HOST_ACTOR, { type: 'injectEvent', kind: 'pump', headline: 'Teacher buys the dip' });
    if (!r.ok) throw new Error(r.error.message);
    const { state } = runEvents(r.state);
    expect(state.news.at(-1)?.headline).toBe('Teacher buys the dip');
    expect(state.btc.pendingJumpLog).toBeCloseTo(Math.log(1.1), 12);
  });
});

describe('eventsPhase', () => {
  it('fires scripted events on their day only', () => {
    let s = createGame({ ...scenario, randomEvents: {} }, 'e');
    const first = s.events[0]!;
    s = createDraftDay(s, first.day - 1);
    expect(runEvents(s).events.filter((e) => e.type === 'marketEvent')).toEqual([]);
    const on = runEvents(createDraftDay(s, first.day));
    expect(on.events.filter((e) => e.type === 'marketEvent').map((e) => (e as { headline: string }).headline)).toContain(first.headline);
    expect(on.state.events).toHaveLength(s.events.length - 1);
  });

  it('draws random events from the events stream, reproducibly', () => {
    const busy: Scenario = { ...quiet, randomEvents: { pump: 365, heatwave: 36.5 } };
    const run = (seed: string) => {
      let s = createGame(busy, seed);
      const kinds: string[] = [];
      for (let day = 0; day < 40; day++) {
        const r = runEvents(createDraftDay(s, day));
        s = r.state;
        for (const e of r.events) if (e.type === 'marketEvent') kinds.push(e.kind);
      }
      return kinds;
    };
    const a = run('seed-1');
    expect(a).toEqual(run('seed-1'));
    // pump at 365/yr fires with probability 1 − e^−1 ≈ 63% a day
    const pumps = a.filter((k) => k === 'pump').length;
    expect(pumps).toBeGreaterThan(15);
    expect(pumps).toBeLessThan(38);
    expect(a).toContain('heatwave');
  });

  it('lets hype drift back toward the scenario base', () => {
    const s = createDraftDay(createGame(quiet, 'e'), 0, (d) => {
      d.hype.crypto = 0.9;
    });
    expect(runEvents(s).state.hype.crypto).toBeLessThan(0.9);
  });
});

function createDraftDay(s: GameState, day: number, fn?: (d: GameState) => void): GameState {
  const d = createDraft(s);
  d.day = day;
  fn?.(d);
  return finishDraft(d);
}
