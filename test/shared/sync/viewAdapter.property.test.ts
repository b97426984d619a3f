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
import { privatePayload, privateWire, samePrivateInputs, welcomeScenarioOf, wireBasisOf, type PrivateWire } from '../../../shared/sync/privateFeed.js';
import { PrivateFeedCopy, PrivateFeedSender, type PrivateFeedMessage } from '../../../shared/sync/privateDelta.js';
import { viewFromState } from '../../../shared/sync/viewAdapter.js';
import type { Welcome } from '../../../shared/protocol/index.js';

const STRATEGIES = ['random', 'hodl-miner', 'ai-pivot', 'narrative-chaser', 'lease-speculator', 'power-landlord', 'disciplined-miner'];

function metaOf(state: GameState): RoomMeta {
  return {
    code: 'ROOM01', name: 'test', phase: state.phase === 'ended' ? 'ended' : 'running', daysPerSecond: 1, hostPlayerId: '', maxPlayers: 8,
    isPrivate: false, leaverPolicy: 'bot', question: '',
  };
}

/**
 * One seat's private feed end to end: the server's sender, the wire (JSON, as messages travel) and
 * the client's copy, which asks for a whole payload when a delta does not follow (`resyncPrivate`).
 */
class Feed {
  readonly sender = new PrivateFeedSender();
  copy = new PrivateFeedCopy();
  kinds = { private: 0, privateDelta: 0, resync: 0 };
  /** A message was lost and none has come since: the copy is behind until the next one shows the gap. */
  stale = false;

  constructor(readonly playerId: string) {}

  /** The server syncs: whatever it sends reaches the client, unless `drop`. */
  sync(state: GameState, drop = false): void {
    const m = this.sender.next(privatePayload(state, this.playerId), wireBasisOf(state));
    if (m && drop) this.stale = true;
    if (m && !drop) this.receive(JSON.parse(JSON.stringify(m)) as PrivateFeedMessage, state);
  }

  private receive(m: PrivateFeedMessage, state: GameState): void {
    this.kinds[m.type] += 1;
    this.stale = false;
    if (m.type === 'private') this.copy.full(m.body);
    else if (!this.copy.delta(m.body)) {
      this.kinds.resync += 1;
      this.sender.reset();
      this.sync(state);
    }
  }

  /** A new session for the same seat: a fresh copy, and the server starts over with a whole payload. */
  reconnect(state: GameState): void {
    this.copy = new PrivateFeedCopy();
    this.stale = false;
    this.sender.reset();
    this.sync(state);
  }
}

/** What a client holds after decoding: the wire bytes (msgpack of the schema, JSON of messages), never the objects. */
function wireView(decoded: MarketState, state: GameState, playerId: string | null, priv: PrivateWire | null): ReturnType<typeof playerView> {
  const welcome: Welcome = {
    roomCode: 'ROOM01', playerId: playerId ?? '', spectator: playerId === null, isHost: false, seatToken: '', hostToken: '', reconnectSeconds: 0,
    scenario: JSON.parse(JSON.stringify(welcomeScenarioOf(state.scenario))) as Welcome['scenario'],
  };
  return viewFromState(decoded, welcome, playerId ? priv : null);
}

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The engine's view, through JSON as the wire would carry it (undefined fields vanish, -0 becomes 0). */
function engineView(state: GameState, playerId: string | null) {
  return JSON.parse(JSON.stringify(playerView(state, playerId))) as ReturnType<typeof playerView>;
}

function expectSameViews(decoded: MarketState, state: GameState, label: string, feeds: ReadonlyMap<string, Feed>): void {
  for (const id of [...state.playerOrder, null]) {
    if (id && feeds.get(id)?.stale) continue;
    const priv = id ? feeds.get(id)?.copy.payload ?? null : null;
    if (id) expect(priv, `${label}, seat ${id}: a private payload arrived`).not.toBeNull();
    const got = JSON.parse(JSON.stringify(wireView(decoded, state, id, priv))) as Record<string, unknown>;
    const want = engineView(state, id) as unknown as Record<string, unknown>;
    // Field by field, so a failure names the part of the view that differs.
    for (const key of Object.keys(want)) expect(got[key], `${label}, seat ${id ?? 'spectator'}, field ${key}`).toEqual(want[key]);
    expect(Object.keys(got).sort(), `${label}: view keys`).toEqual(Object.keys(want).sort());
  }
}

describe('the wire adapter', () => {
  it("rebuilds playerView exactly from syncView's bytes and the private deltas, for every seat, live, after a late join, a missed delta and a reconnection", () => {
    // A lost delta is repaired by the next whole payload: asked for (counted here), or sent anyway because a delta would be larger.
    let resyncs = 0;
    let deltas = 0;
    let midDayOverrides = 0;
    let sameInputs = 0;
    let changedInputs = 0;
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.string({ minLength: 1, maxLength: 8 }),
          scenario: fc.constantFrom('halving-sprint', 'history-2023'),
          bots: fc.array(fc.constantFrom(...STRATEGIES), { minLength: 1, maxLength: 4 }),
          days: fc.integer({ min: 25, max: 70 }),
          lateJoinDay: fc.integer({ min: 0, max: 60 }),
          /** A delta one seat never gets (its next one no longer follows), and a seat whose person reconnects. */
          dropDay: fc.integer({ min: 1, max: 20 }),
          reconnectDay: fc.integer({ min: 1, max: 24 }),
          botSeed: fc.integer(),
        }),
        ({ seed, scenario, bots, days, lateJoinDay, dropDay, reconnectDay, botSeed }) => {
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
          const feeds = new Map(state.playerOrder.map((id) => [id, new Feed(id)]));
          for (const f of feeds.values()) f.sync(state);
          const dropped = seats[dropDay % seats.length]!.id;
          let missed = 0;
          for (let day = 0; day < days && state.phase === 'running'; day++) {
            for (const s of seats) {
              const actions = s.strategy.decide(playerView(state, s.id), { rng: s.rng, day: state.day, memory: s.memory, log: () => {} });
              for (const a of actions) {
                const r = applyAction(state, s.id, a);
                if (!r.ok) continue;
                // The room skips a seat whose payload's inputs an action left alone (samePrivateInputs): it must be the same payload.
                for (const id of state.playerOrder) {
                  if (!samePrivateInputs(state, r.state, id)) {
                    changedInputs += 1;
                    continue;
                  }
                  sameInputs += 1;
                  expect(json(privatePayload(r.state, id)), `${a.type} by ${s.id}, seat ${id}`).toEqual(json(privatePayload(state, id)));
                }
                state = r.state;
              }
            }
            // The room syncs between days too: an action's effect goes out before the day is played.
            for (const f of feeds.values()) f.sync(state);
            if (day === reconnectDay) {
              // Mid-day, a new narrative's multiple is not what a client rebuilds: the override carries it.
              const teller = seats[0]!.id;
              const told = applyAction(state, teller, { type: 'announceNarrative', narrative: state.players[teller]!.narrative === 'ai' ? 'crypto' : 'ai' });
              if (told.ok) state = told.state;
              for (const f of feeds.values()) f.sync(state);
              syncView(ms, state, metaOf(state), new Map());
              const patch = encoder.encode();
              liveDecoder.decode(patch);
              lateDecoder?.decode(patch);
              encoder.discardChanges();
              expectSameViews(live, state, `day ${state.day} before it is played, live decoder`, feeds);
              midDayOverrides += live.overrides.size;
            }
            // Someone joins mid-match: a new seat, and a fresh decoder that only ever sees the full state.
            if (day === lateJoinDay) {
              const id = `p${state.playerOrder.length + 1}`;
              state = addPlayer(state, { id, name: 'late', strategy: '' });
            }
            state = step(state).state;
            syncView(ms, state, metaOf(state), new Map());
            for (const id of state.playerOrder) if (!feeds.has(id)) feeds.set(id, new Feed(id));
            for (const [id, f] of feeds) {
              const drop = day === dropDay && id === dropped;
              if (drop && f.copy.payload) missed = f.copy.seq;
              f.sync(state, drop);
            }
            if (day === reconnectDay) feeds.get(seats[reconnectDay % seats.length]!.id)!.reconnect(state);
            // Every seat's copy equals what the server meant to send after every day, but one whose delta was lost and not yet followed by another.
            for (const [id, f] of feeds) {
              if (f.stale) continue;
              expect(f.copy.payload, `day ${state.day}, seat ${id}: private copy`).toEqual(JSON.parse(JSON.stringify(privateWire(privatePayload(state, id), wireBasisOf(state)))));
            }
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
          expectSameViews(live, state, `day ${state.day}, live decoder`, feeds);
          // Hardware prices are rebuilt on the client, not synced daily (shared/sync/marketPrices.ts).
          expect(live.world.unitPriceUsd.size, 'unit prices the client could not rebuild').toBe(0);
          // So are multiples, power prices and the energy index (shared/sync/derivedFigures.ts): after a day is played, bankrupt companies aside.
          const bankrupt = new Set(state.playerOrder.filter((id) => state.players[id]!.bankrupt).map((id) => `players.${id}.multiple`));
          expect([...live.overrides.keys()].filter((k) => !bankrupt.has(k) && !k.startsWith('regions.')), 'figures the client could not rebuild').toEqual([]);
          if (late) expectSameViews(late, state, `day ${state.day}, late joiner`, feeds);
          const kinds = [...feeds.values()].map((f) => f.kinds);
          // Whole payloads only start or repair a copy (first sync, reconnection, resync, the lost delta); the rest are deltas or nothing.
          const reconnected = seats[reconnectDay % seats.length]!.id;
          for (const [id, f] of feeds) {
            const repairs = 1 + (id === reconnected && reconnectDay < days ? 1 : 0) + f.kinds.resync + (id === dropped ? 1 : 0);
            expect(f.kinds.private, `seat ${id}: whole payloads`).toBeLessThanOrEqual(repairs);
          }
          deltas += kinds.reduce((n, k) => n + k.privateDelta, 0);
          if (missed > 0) resyncs += feeds.get(dropped)!.kinds.resync;
        },
      ),
      { numRuns: 6, seed: 1317 },
    );
    expect(resyncs).toBeGreaterThan(0);
    expect(deltas).toBeGreaterThan(0);
    expect(midDayOverrides, 'overrides exercised').toBeGreaterThan(0);
    expect([sameInputs, changedInputs], 'seats an action left alone, and seats it did not').not.toContain(0);
  }, 120_000);
});
