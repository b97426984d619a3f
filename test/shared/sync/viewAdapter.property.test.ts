import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoder, Encoder } from '@colyseus/schema';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { addPlayer, applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { playerView } from '../../../shared/rules/view.js';
import { seedRng } from '../../../shared/rules/rng.js';
import { getStrategy } from '../../../shared/bots/index.js';
import type { GameState } from '../../../shared/rules/types.js';
import { MarketState } from '../../../shared/sync/MarketState.js';
import { syncView, type RoomMeta } from '../../../shared/sync/syncView.js';
import { privatePayload, welcomeScenarioOf } from '../../../shared/sync/privateFeed.js';
import { viewFromState } from '../../../shared/sync/viewAdapter.js';
import type { Welcome } from '../../../shared/protocol/index.js';

const STRATEGIES = ['random', 'hodl-miner', 'ai-pivot', 'narrative-chaser', 'lease-speculator', 'power-landlord', 'disciplined-miner'];

function metaOf(state: GameState): RoomMeta {
  return {
    code: 'ROOM01', name: 'test', phase: state.phase === 'ended' ? 'ended' : 'running', daysPerSecond: 1, hostPlayerId: '', maxPlayers: 8,
    isPrivate: false, leaverPolicy: 'bot', question: '',
  };
}

/** What a client holds after decoding: the wire bytes (msgpack of the schema, JSON of messages), never the objects. */
function wireView(decoded: MarketState, state: GameState, playerId: string | null): ReturnType<typeof playerView> {
  const welcome: Welcome = {
    roomCode: 'ROOM01', playerId: playerId ?? '', spectator: playerId === null, isHost: false, seatToken: '', hostToken: '', reconnectSeconds: 0,
    scenario: JSON.parse(JSON.stringify(welcomeScenarioOf(state.scenario))) as Welcome['scenario'],
  };
  const priv = playerId ? (JSON.parse(JSON.stringify(privatePayload(state, playerId))) as ReturnType<typeof privatePayload>) : null;
  return viewFromState(decoded, welcome, priv);
}

/** The engine's view, through JSON as the wire would carry it (undefined fields vanish, -0 becomes 0). */
function engineView(state: GameState, playerId: string | null) {
  return JSON.parse(JSON.stringify(playerView(state, playerId))) as ReturnType<typeof playerView>;
}

function expectSameViews(decoded: MarketState, state: GameState, label: string): void {
  for (const id of [...state.playerOrder, null]) {
    const got = JSON.parse(JSON.stringify(wireView(decoded, state, id))) as Record<string, unknown>;
    const want = engineView(state, id) as unknown as Record<string, unknown>;
    // Field by field, so a failure names the part of the view that differs.
    for (const key of Object.keys(want)) expect(got[key], `${label}, seat ${id ?? 'spectator'}, field ${key}`).toEqual(want[key]);
    expect(Object.keys(got).sort(), `${label}: view keys`).toEqual(Object.keys(want).sort());
  }
}

describe('the wire adapter', () => {
  it("rebuilds playerView exactly from syncView's bytes, for every seat, live and after a late join", () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.string({ minLength: 1, maxLength: 8 }),
          scenario: fc.constantFrom('halving-sprint', 'history-2023'),
          bots: fc.array(fc.constantFrom(...STRATEGIES), { minLength: 1, maxLength: 4 }),
          days: fc.integer({ min: 25, max: 70 }),
          lateJoinDay: fc.integer({ min: 0, max: 60 }),
          botSeed: fc.integer(),
        }),
        ({ seed, scenario, bots, days, lateJoinDay, botSeed }) => {
          let state = createGame(getScenario(scenario)!, seed);
          const seats = bots.map((name, i) => ({ id: `p${i + 1}`, strategy: getStrategy(name)!, rng: seedRng(`${botSeed}/${i}`), memory: {} }));
          for (const s of seats) state = addPlayer(state, { id: s.id, name: s.strategy.name, strategy: s.strategy.name });
          const ms = new MarketState();
          const encoder = new Encoder(ms);
          syncView(ms, state, metaOf(state), new Map());
          const live = new MarketState();
          const liveDecoder = new Decoder(live);
          liveDecoder.decode(encoder.encodeAll());
          encoder.discardChanges();
          let late: MarketState | null = null;
          let lateDecoder: Decoder | null = null;
          for (let day = 0; day < days && state.phase === 'running'; day++) {
            for (const s of seats) {
              const actions = s.strategy.decide(playerView(state, s.id), { rng: s.rng, day: state.day, memory: s.memory, log: () => {} });
              for (const a of actions) {
                const r = applyAction(state, s.id, a);
                if (r.ok) state = r.state;
              }
            }
            // Someone joins mid-match: a new seat, and a fresh decoder that only ever sees the full state.
            if (day === lateJoinDay) {
              const id = `p${state.playerOrder.length + 1}`;
              state = addPlayer(state, { id, name: 'late', strategy: '' });
            }
            state = step(state).state;
            syncView(ms, state, metaOf(state), new Map());
            const patch = encoder.encode();
            liveDecoder.decode(patch);
            if (lateDecoder) lateDecoder.decode(patch);
            encoder.discardChanges();
            if (day === lateJoinDay) {
              late = new MarketState();
              lateDecoder = new Decoder(late);
              lateDecoder.decode(encoder.encodeAll());
            }
          }
          expectSameViews(live, state, `day ${state.day}, live decoder`);
          if (late) expectSameViews(late, state, `day ${state.day}, late joiner`);
        },
      ),
      { numRuns: 6, seed: 1317 },
    );
  }, 120_000);
});
