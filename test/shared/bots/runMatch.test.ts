import { describe, expect, it } from 'vitest';
import { getScenario, SCENARIO_IDS } from '../../../shared/economy/scenarios/index.js';
import { runMatch, validateDecision } from '../../../shared/bots/runMatch.js';
import { BotFault, type Strategy } from '../../../shared/bots/types.js';
import { runReplay } from '../../../shared/rules/replay.js';
import { stateHash } from '../../../shared/rules/engine.js';

const base = getScenario(SCENARIO_IDS[0]!)!;
const scenario = { ...base, days: 20 };

const thrower: Strategy = {
  name: 'thrower',
  description: 'throws on even days',
  decide(view) {
    if (view.day % 2 === 0) throw new Error('boom');
    return [{ type: 'setTreasuryPolicy', sellMinedPct: 50 }];
  },
};

const garbage: Strategy = {
  name: 'garbage',
  description: 'returns junk',
  decide: (view) => (view.day % 2 === 0 ? ([{ type: 'fly', to: 'moon' }] as never) : ('hello' as never)),
};

describe('runMatch', () => {
  it('plays to the end with the listed bots and records joins first', () => {
    const r = runMatch({ scenario, seed: 'a', bots: [{ id: 'p1', name: 'Idle', strategy: 'idle' }, { id: 'p2', name: 'Hodl', strategy: 'hodl-miner' }] });
    expect(r.state.day).toBe(20);
    expect(r.state.phase).toBe('ended');
    expect(r.log.slice(0, 2).map((e) => e.kind)).toEqual(['join', 'join']);
    expect(r.stats.p1).toMatchObject({ actions: 0, rejected: 0, strikes: 0 });
  });

  it('strikes a throwing bot and a garbage bot every bad day while the match goes on', () => {
    const r = runMatch({
      scenario, seed: 'b',
      bots: [{ id: 't', name: 'T', strategy: thrower }, { id: 'g', name: 'G', strategy: garbage }, { id: 'h', name: 'H', strategy: 'hodl-miner' }],
    });
    expect(r.state.day).toBe(20);
    expect(r.stats.t!.strikes).toBe(10);
    expect(r.strikes.filter((s) => s.botId === 't').every((s) => s.reason === 'threw' && s.message === 'boom')).toBe(true);
    expect(r.stats.g!.strikes).toBe(20);
    expect(r.strikes.find((s) => s.botId === 'g')?.reason).toBe('garbage');
    // The thrower's odd days still act (the treasury policy is accepted or rejected, never struck).
    expect(r.stats.t!.actions + r.stats.t!.rejected).toBe(10);
  });

  it('strikes a bot that overruns the budget on the injected clock and drops its actions', () => {
    let nowMs = 0;
    const staller: Strategy = {
      name: 'staller',
      description: 'stalls on day 3',
      decide(view) {
        nowMs += view.day === 3 ? 500 : 1;
        return [{ type: 'announceNarrative', narrative: view.day % 2 ? 'ai' : 'crypto' }];
      },
    };
    const r = runMatch({ scenario, seed: 'c', bots: [{ id: 's', name: 'S', strategy: staller }], clock: () => nowMs, decisionBudgetMs: 50 });
    expect(r.state.day).toBe(20);
    expect(r.stats.s!.strikes).toBe(1);
    expect(r.strikes[0]).toMatchObject({ day: 3, botId: 's', reason: 'timeout' });
    expect(r.log.some((e) => e.kind === 'action' && e.day === 3)).toBe(false);
    // 19 ordinary days of 1 ms, and day 3 decided twice at 500 ms.
    expect(r.stats.s!.decideMs).toBe(1019);
  });

  it('forgives one slow decision (a GC pause) when the retry from the same RNG state is in budget', () => {
    let nowMs = 0;
    let calls = 0;
    const draws: number[] = [];
    const spiky: Strategy = {
      name: 'spiky',
      description: 'one slow call on day 4',
      decide(view, ctx) {
        calls += 1;
        nowMs += view.day === 4 && draws.length === 4 && calls === 5 ? 200 : 1;
        ctx.memory.n = ((ctx.memory.n as number | undefined) ?? 0) + 1;
        if (view.day === 4 && calls === 5) return [];
        draws.push(ctx.rng.next());
        expect(ctx.memory.n).toBe(view.day + 1);
        return [{ type: 'announceNarrative', narrative: view.day % 2 ? 'ai' : 'crypto' }];
      },
    };
    const r = runMatch({ scenario: { ...scenario, days: 8 }, seed: 'c', bots: [{ id: 's', name: 'S', strategy: spiky }], clock: () => nowMs });
    expect(r.stats.s!.strikes).toBe(0);
    expect(calls).toBe(9);
    expect(r.log.filter((e) => e.kind === 'action')).toHaveLength(8);
    // The retry drew the same numbers as an undisturbed run would.
    const calm: number[] = [];
    runMatch({ scenario: { ...scenario, days: 8 }, seed: 'c', bots: [{ id: 's', name: 'S', strategy: { name: 'calm', description: '', decide: (_v, ctx) => (calm.push(ctx.rng.next()), []) } }] });
    expect(draws).toEqual(calm);
  });

  it('keeps each bot its own RNG and memory across days, seeded from the match seed', () => {
    const draws: number[][] = [[], []];
    const mk = (i: number): Strategy => ({
      name: `d${i}`, description: '',
      decide(_view, ctx) {
        ctx.memory.n = ((ctx.memory.n as number | undefined) ?? 0) + 1;
        draws[i]!.push(ctx.rng.next() + (ctx.memory.n as number) * 0);
        expect(ctx.memory.n).toBe(ctx.day + 1);
        return [];
      },
    });
    runMatch({ scenario: { ...scenario, days: 5 }, seed: 'r', bots: [{ id: 'x', name: 'X', strategy: mk(0) }, { id: 'y', name: 'Y', strategy: mk(1) }] });
    expect(new Set(draws[0]).size).toBe(5);
    expect(draws[0]).not.toEqual(draws[1]);
  });

  it('records a log that replays to the same stateHash', () => {
    const bots = ['random', 'hodl-miner', 'disciplined-miner', 'ai-pivot'].map((s, i) => ({ id: `p${i + 1}`, name: s, strategy: s }));
    const r = runMatch({ scenario: { ...base, days: 40 }, seed: 'replay', bots });
    const replayed = runReplay({ scenario: { ...base, days: 40 }, seed: 'replay', finalDay: r.state.day, entries: r.log });
    expect(stateHash(replayed)).toBe(stateHash(r.state));
    const again = runMatch({ scenario: { ...base, days: 40 }, seed: 'replay', bots });
    expect(stateHash(again.state)).toBe(stateHash(r.state));
  });

  it('validates decisions: arrays of player actions only', () => {
    expect(validateDecision([]).ok).toBe(true);
    expect(validateDecision(null).ok).toBe(false);
    expect(validateDecision([{ type: 'endMatch' }]).ok).toBe(false);
    expect(validateDecision(Array.from({ length: 65 }, () => ({ type: 'announceNarrative', narrative: 'ai' }))).ok).toBe(false);
    expect(validateDecision([{ type: 'tradeBtc', side: 'buy', amountBtc: 1 }])).toEqual({ ok: true, actions: [{ type: 'tradeBtc', side: 'buy', amountBtc: 1 }] });
  });

  it('keeps each bot\'s log lines by day, and strikes a BotFault with its own reason', () => {
    const chatty: Strategy = {
      name: 'chatty', description: 'logs, then faults on day 2',
      decide(view, ctx) {
        ctx.log(`thinking about day ${view.day}`);
        if (view.day === 2) throw new BotFault('crashed', 'process exited');
        return [];
      },
    };
    const r = runMatch({ scenario, seed: 'log', untilDay: 3, bots: [{ id: 'c', name: 'C', strategy: chatty }] });
    expect(r.logs.c).toEqual(['d0 thinking about day 0', 'd1 thinking about day 1', 'd2 thinking about day 2', 'd2 strike crashed: process exited']);
    expect(r.strikes).toEqual([{ day: 2, botId: 'c', reason: 'crashed', message: 'process exited' }]);
  });

  it('neither times nor retries a selfTimed strategy (it enforces its own limits)', () => {
    let now = 0;
    let calls = 0;
    const slow = (selfTimed: boolean): Strategy => ({
      name: 'slow', description: 'takes 100 ms by the clock', selfTimed,
      decide() {
        calls += 1;
        now += 100;
        return [];
      },
    });
    const timed = runMatch({ scenario, seed: 's', untilDay: 2, clock: () => now, decisionBudgetMs: 50, bots: [{ id: 'a', name: 'A', strategy: slow(false) }] });
    expect([calls, timed.stats.a!.strikes]).toEqual([4, 2]);
    calls = 0;
    const self = runMatch({ scenario, seed: 's', untilDay: 2, clock: () => now, decisionBudgetMs: 50, bots: [{ id: 'a', name: 'A', strategy: slow(true) }] });
    expect([calls, self.stats.a!.strikes]).toEqual([2, 0]);
  });

  it('names the bad action by its index', () => {
    expect(validateDecision([{ type: 'setTreasuryPolicy', sellMinedPct: 50 }, { type: 'buySite' }])).toEqual({ ok: false, message: expect.stringMatching(/^action 1: siteId: /) });
  });
});
