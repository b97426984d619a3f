/**
 * Plays a ReplayFile back in the browser: re-simulates it once with the shared engine (keeping
 * every day's state, which immer's structural sharing makes cheap), then serves views for any day
 * so the scrubber is instant. Implements MatchFeed read-only, so the game widgets draw it.
 */
import { createGame, step, stateHash } from '../../../shared/rules/engine.js';
import { applyEntry, REPLAY_FORMAT, type ReplayFile } from '../../../shared/rules/replay.js';
import type { GameEvent, GameState } from '../../../shared/rules/types.js';
import { playerView, type PlayerView } from '../../../shared/rules/view.js';
import { Emitter } from '../util/Emitter.js';
import { SeriesStore } from '../core/SeriesStore.js';
import type { ActionResult, FeedEvents, MatchFeed, RoomInfo } from '../core/MatchFeed.js';

export interface ReplaySummary {
  days: number;
  players: number;
  rejected: number;
  hashMatches: boolean | null;
}

export class ReplayPlayer implements MatchFeed {
  readonly bus = new Emitter<FeedEvents>();
  readonly series = new SeriesStore();
  readonly canAct = false;
  readonly isHost = false;
  view: PlayerView | null = null;
  room: RoomInfo | null = null;
  playing = false;
  daysPerSecond = 10;
  day = 0;
  viewerId: string | null = null;

  private states: GameState[] = [];
  private dayEvents: GameEvent[][] = [];
  private carryMs = 0;

  /** Validates and re-simulates `file`; throws a readable Error when it is not a replay. */
  load(file: ReplayFile): ReplaySummary {
    if (!file || file.format !== REPLAY_FORMAT || !file.scenario || !Array.isArray(file.entries)) {
      throw new Error(`Not a replay file (expected format "${REPLAY_FORMAT}").`);
    }
    let state = createGame(file.scenario, file.seed);
    let rejected = 0;
    let pendingEvents: GameEvent[] = [];
    this.states = [];
    this.dayEvents = [];
    const record = (s: GameState) => {
      this.states[s.day] = s;
      this.dayEvents[s.day] = pendingEvents;
      pendingEvents = [];
    };
    for (const entry of file.entries) {
      while (state.day < entry.day && state.phase === 'running') {
        record(state);
        const r = step(state);
        state = r.state;
        pendingEvents = r.events;
      }
      const applied = applyEntry(state, entry);
      if (applied.rejected) rejected += 1;
      pendingEvents.push(...applied.events);
      state = applied.state;
    }
    while (state.day < file.finalDay && state.phase === 'running') {
      record(state);
      const r = step(state);
      state = r.state;
      pendingEvents = r.events;
    }
    record(state);
    this.series.clear();
    for (const s of this.states) if (s) this.series.addView(playerView(s, null));
    this.viewerId = state.playerOrder[0] ?? null;
    this.room = {
      code: 'replay',
      status: 'paused',
      scenarioId: file.scenario.id,
      daysPerSecond: this.daysPerSecond,
      hostId: '',
      seats: state.playerOrder.map((id) => {
        const p = state.players[id];
        return { id, name: p?.name ?? id, colorIndex: p?.colorIndex ?? 0, bot: Boolean(p?.strategy), connected: true };
      }),
    };
    this.seek(0);
    return {
      days: this.lastDay,
      players: state.playerOrder.length,
      rejected,
      hashMatches: file.stateHash ? stateHash(state) === file.stateHash : null,
    };
  }

  get lastDay(): number {
    return Math.max(0, this.states.length - 1);
  }

  get finalState(): GameState | null {
    return this.states[this.lastDay] ?? null;
  }

  seek(day: number): void {
    this.day = Math.max(0, Math.min(this.lastDay, Math.round(day)));
    this.carryMs = 0;
    this.publish([]);
  }

  setViewer(id: string | null): void {
    this.viewerId = id;
    this.publish([]);
  }

  /** Called every frame with the elapsed milliseconds; moves whole days at the chosen pace. */
  tick(dtMs: number): void {
    if (!this.playing) return;
    this.carryMs += dtMs;
    const msPerDay = 1000 / this.daysPerSecond;
    const events: GameEvent[] = [];
    let moved = false;
    while (this.carryMs >= msPerDay && this.day < this.lastDay) {
      this.carryMs -= msPerDay;
      this.day += 1;
      events.push(...(this.dayEvents[this.day] ?? []));
      moved = true;
    }
    if (this.day >= this.lastDay) this.playing = false;
    if (moved) this.publish(events);
  }

  send(): Promise<ActionResult> {
    return Promise.resolve({ ok: false, code: 'REPLAY', message: 'This is a replay: actions are disabled.' });
  }

  host(): Promise<ActionResult> {
    return this.send();
  }

  private publish(events: GameEvent[]): void {
    const state = this.states[this.day];
    if (!state) return;
    this.view = playerView(state, this.viewerId);
    if (events.length) this.bus.emit('events', events);
    this.bus.emit('view', this.view);
  }
}
