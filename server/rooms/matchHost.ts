/**
 * Everything a `market` room does that is not Colyseus: the engine runner, the seats, the room's
 * settings and phase, the classroom session, persistence, the one day loop and the sync into the
 * schema. The room (MarketRoom.ts) hands it a `RoomPort` to reach its clients and stays an adapter.
 */
import { HOST_ACTOR, type Action } from '../../shared/rules/actions.js';
import type { ApplyResult, GameEvent, GameState } from '../../shared/rules/types.js';
import type { ServerBody, ServerMessage } from '../../shared/protocol/index.js';
import type { MarketState } from '../../shared/sync/MarketState.js';
import { syncView, type RoomMeta } from '../../shared/sync/syncView.js';
import { privatePayload, samePrivateInputs, wireBasisOf } from '../../shared/sync/privateFeed.js';
import { PrivateFeedSender } from '../../shared/sync/privateDelta.js';
import type { MatchRunner } from '../game/match.js';
import type { Logger } from '../logger.js';
import type { ClassroomSession } from '../classroom/session.js';
import type { ClassroomSettings } from '../classroom/settings.js';
import { awayPolicy, type AwayBots } from '../classroom/seatControl.js';
import { pauseBeforeNextDay } from '../classroom/schedule.js';
import { DayClock } from './clock.js';
import { splitEvents, type SplitEvents } from './events.js';
import type { RoomContext } from './roomContext.js';
import type { Seat, SeatBook } from './seats.js';
import type { TokenBucket } from './rateLimit.js';

/** Who really sent an action (the export's `controlled_by`). */
type Controller = 'student' | 'bot' | 'teacher';

/** Catch-up cap: after a stall the room drops the backlog instead of fast-forwarding. */
const MAX_DAYS_PER_TICK = 10;

export interface ClientInfo {
  playerId: string;
  spectator: boolean;
  isHost: boolean;
  /** The caller's address (per-address spectator limit). */
  ip: string;
  bucket: TokenBucket;
  rateErrorAtMs: number;
  /** What this session holds of its private feed (sends only changes). */
  privateFeed: PrivateFeedSender;
}

/** Room options after validation; persisted with the match so a resumed room behaves the same. */
export interface StoredOptions {
  daysPerSecond: number;
  maxPlayers: number;
  private: boolean;
  leaverPolicy: 'bot' | 'freeze';
  /** Classroom sessions only (docs/classroom.md). */
  classroom?: ClassroomSettings;
  /** The discussion question on screen while paused. */
  question?: string;
  /** Classroom: the teacher's "bots for absent students" switch (server/classroom/seatControl.ts). */
  awayBots?: AwayBots;
  /** Classroom: pause before scheduled events, and the day it last did (server/classroom/schedule.ts). */
  autoPause?: boolean;
  autoPausedDay?: number;
}

/** How the match reaches the room's clients. */
export interface RoomPort {
  broadcast: <K extends ServerMessage>(type: K, body: ServerBody<K>) => void;
  /** Sends to the session holding `playerId`'s seat, if it is connected. */
  sendToPlayer<K extends ServerMessage>(playerId: string, type: K, body: ServerBody<K>): void;
  /** Connected sessions with what the room knows about them. */
  sessions(): Iterable<{ sessionId: string; info: ClientInfo; send: <K extends ServerMessage>(type: K, body: ServerBody<K>) => void }>;
}

export class MatchHost {
  readonly dayClock = new DayClock(MAX_DAYS_PER_TICK);
  pendingEvents: SplitEvents = { public: [], byOwner: new Map() };
  /** Host switch for the match chat (not persisted: a restarted room reopens it). */
  chatMuted = false;
  metaDirty = true;
  private syncedState: unknown = null;
  private syncedCues = '';
  /** What clients hold besides their private feed (wireBasisOf), once per state for every seat. */
  private basis: { state: unknown; figures: ReturnType<typeof wireBasisOf> } | null = null;
  /** The state each session's last private payload was built from. */
  private readonly privateBuiltFrom = new WeakMap<PrivateFeedSender, GameState>();
  /** Day of the last sync: the days a multi-day tick plays before its last are sent as `history` (the schema holds only today). */
  private syncedDay = -1;

  constructor(
    readonly ctx: RoomContext,
    readonly log: Logger,
    readonly runner: MatchRunner,
    readonly seats: SeatBook,
    readonly meta: RoomMeta,
    readonly classroom: ClassroomSession | null,
    private readonly port: RoomPort,
  ) {}

  get phase(): RoomMeta['phase'] {
    return this.meta.phase;
  }

  setPhase(phase: RoomMeta['phase']): void {
    this.meta.phase = phase;
    this.classroom?.logPhase(phase, this.runner.day);
    if (phase !== 'ended') this.ctx.store.setStatus(this.meta.code, phase);
    this.dayClock.reset();
    this.metaDirty = true;
  }

  storedOptions(): StoredOptions {
    const m = this.meta;
    return {
      daysPerSecond: m.daysPerSecond, maxPlayers: m.maxPlayers, private: m.isPrivate, leaverPolicy: m.leaverPolicy,
      ...(this.classroom ? {
        classroom: this.classroom.settings, awayBots: this.classroom.awayBots, autoPause: this.classroom.autoPause, autoPausedDay: this.classroom.autoPausedDay,
      } : {}), ...(m.question ? { question: m.question } : {}),
    };
  }

  persistOptions(): void {
    this.ctx.store.setOptions(this.meta.code, { ...this.storedOptions(), hostPlayerId: this.meta.hostPlayerId });
  }

  setQuestion(question: string): void {
    if (this.meta.question === question.trim()) return;
    this.meta.question = question.trim();
    this.classroom?.logQuestion(this.meta.question, this.runner.day);
    this.persistOptions();
  }

  /** A class seat freezes unless the teacher turned bots on for it (seatControl.ts). */
  leaverPolicy(playerId: string): 'bot' | 'freeze' {
    return this.classroom ? awayPolicy(this.classroom.awayBots, playerId) : this.meta.leaverPolicy;
  }

  /** Applies an action through the runner (write-ahead logged, with who controlled it); its events go out with the next sync. */
  apply(actor: string, action: Action, controller: Controller): ApplyResult {
    const result = this.runner.apply(actor, action, controller);
    if (result.ok) {
      splitEvents(result.events, this.pendingEvents);
      if (actor === HOST_ACTOR && this.runner.ended) this.finish();
    }
    return result;
  }

  /**
   * The one day loop: plays up to `days` days (or until `until` says stop), one durable commit for
   * all of them. Bots decide at the start of each day. An engine bug pauses the match, never kills it.
   */
  playDays(days: number, until: () => boolean = () => false): void {
    let failure: unknown = null;
    let eventAhead = false;
    this.ctx.store.transaction(() => {
      for (let i = 0; i < days && !this.runner.ended && !until() && !failure; i++) {
        const session = this.classroom;
        if (session && pauseBeforeNextDay(this.runner.state, session.autoPause, session.autoPausedDay)) {
          session.autoPausedDay = this.runner.day;
          eventAhead = true;
          break;
        }
        try {
          this.playDay();
        } catch (err) {
          failure = err;
        }
      }
      this.runner.persistProgress();
    });
    if (failure) {
      this.log.error({ err: failure, day: this.runner.day }, 'day failed: match paused');
      this.setPhase('paused');
    } else if (eventAhead) {
      // Auto-pause: the clock stops just before a scheduled event; resuming plays it.
      this.setPhase('paused');
      this.persistOptions();
      this.log.info({ day: this.runner.day }, 'paused before a scheduled event');
    }
    // The teacher's list of upcoming events shrinks as they fire (sent only when it changed).
    if (this.classroom) this.classroom.rosterDirty = true;
    if (this.runner.ended) this.finish();
  }

  /** Wall time → days at the room's pace; returns how many were played. */
  tick(dtMs: number, hold: boolean): number {
    if (this.meta.phase !== 'running' || hold) return 0;
    const days = this.dayClock.advance(dtMs, this.meta.daysPerSecond);
    if (days > 0) this.playDays(days);
    else if (this.runner.ended) this.finish();
    return days;
  }

  /** `advance` on the market: plays the days up to the current contest round's resolution at once. */
  playUntilContestResolves(): void {
    const resolved = this.runner.state.contest.history.length;
    this.playDays(this.runner.state.scenario.contest.periodDays + 1, () => this.runner.state.contest.history.length !== resolved);
    this.dayClock.reset();
  }

  private playDay(): void {
    // Every bot decides from the day's start, as the headless runner's do (shared/bots/runMatch.ts).
    const dayStart = this.runner.state;
    for (const seat of this.seats.seats.values()) {
      if (!seat.bot || dayStart.players[seat.playerId]?.bankrupt) continue;
      // Closed markets and host-only actions are the engine's to refuse (shared/rules/markets.ts).
      for (const action of seat.bot.decide(dayStart)) this.apply(seat.playerId, action, 'bot');
    }
    splitEvents(this.runner.stepDay(), this.pendingEvents);
  }

  finish(): void {
    if (this.meta.phase === 'ended') return;
    this.setPhase('ended');
    const { store } = this.ctx;
    const standings = this.runner.standings();
    const hash = this.runner.hash();
    this.runner.snapshot();
    store.transaction(() => {
      store.setCurrentDay(this.meta.code, this.runner.day);
      store.setStatus(this.meta.code, 'ended');
      store.saveResult({ matchId: this.meta.code, finalDay: this.runner.day, stateHash: hash, standings, endedAt: new Date().toISOString() });
    });
    this.finished = { finalDay: this.runner.day, stateHash: hash, standings };
    this.log.info({ day: this.runner.day, hash }, 'match ended');
  }

  /** Set by `finish`; the room broadcasts it after the final sync. */
  finished: ServerBody<'ended'> | null = null;

  /** `label`: the classroom label the seat is bound to (the same label always returns to it). */
  seatNewPlayer(name: string, strategy: string, label?: string): Seat {
    const index = this.runner.state.playerOrder.length;
    const playerId = `p${index + 1}`;
    // Anonymous sessions: the engine (and so every screen and the match tables) only knows "Company A…".
    const shown = this.classroom?.engineName(name, index) ?? name;
    this.runner.join(playerId, shown, strategy);
    const seat = this.seats.add(playerId, shown, strategy, this.runner.day);
    this.classroom?.seatCreated(playerId, name, label);
    return seat;
  }

  /** Copies engine → schema and sends owners their private data, when anything changed. */
  sync(ms: MarketState, connected: (sessionId: string) => boolean): boolean {
    const state = this.runner.state;
    const cues = this.classroom?.cues() ?? null;
    const cuesJson = cues ? JSON.stringify(cues) : '';
    if (state === this.syncedState && !this.metaDirty && cuesJson === this.syncedCues) return false;
    this.syncedState = state;
    this.syncedCues = cuesJson;
    syncView(ms, state, this.meta, this.seats.statuses(this.meta.hostPlayerId, connected), cues);
    if (this.metaDirty && this.classroom) this.classroom.rosterDirty = true;
    this.metaDirty = false;
    this.sendSkippedDays(state.day);
    for (const s of this.port.sessions()) this.sendPrivate(s.info, s.send);
    this.flushEvents();
    if (this.finished) {
      this.port.broadcast('ended', this.finished);
      this.finished = null;
    }
    return true;
  }

  /**
   * Charts follow the synced world day by day; days a tick played before its last one never show
   * in a patch, so their summaries go out once (sent before the patch that shows the last day).
   */
  private sendSkippedDays(day: number): void {
    const from = this.syncedDay;
    this.syncedDay = day;
    if (from < 0 || day <= from + 1) return;
    const days = this.runner.history.filter((d) => d.day > from && d.day < day);
    if (days.length) this.port.broadcast('history', { days });
  }

  /**
   * The owner's private payload when it changed: whole the first time (and after a reconnection
   * or a `resyncPrivate`), else as a delta unless the delta would be the larger message.
   */
  sendPrivate(info: ClientInfo, send: <K extends ServerMessage>(type: K, body: ServerBody<K>) => void): void {
    if (info.spectator || !info.playerId) return;
    const state = this.runner.state;
    // After another seat's action that touched only that seat, this one's payload is the one it holds.
    const builtFrom = this.privateBuiltFrom.get(info.privateFeed);
    if (builtFrom && info.privateFeed.holdsPayload && samePrivateInputs(builtFrom, state, info.playerId)) return;
    this.privateBuiltFrom.set(info.privateFeed, state);
    if (this.basis?.state !== state) this.basis = { state, figures: wireBasisOf(state) };
    const m = info.privateFeed.next(privatePayload(state, info.playerId), this.basis.figures);
    if (m?.type === 'private') send('private', m.body);
    else if (m) send('privateDelta', m.body);
  }

  /** `resyncPrivate`: the session's next private payload, sent now, is whole. */
  resendPrivate(sessionId: string): void {
    for (const s of this.port.sessions()) {
      if (s.sessionId !== sessionId) continue;
      s.info.privateFeed.reset();
      this.sendPrivate(s.info, s.send);
    }
  }

  private flushEvents(): void {
    const { public: pub, byOwner } = this.pendingEvents;
    if (pub.length) this.port.broadcast('events', { events: pub as GameEvent[] });
    for (const [playerId, events] of byOwner) this.port.sendToPlayer(playerId, 'myEvents', { events });
    this.pendingEvents = { public: [], byOwner: new Map<string, GameEvent[]>() };
  }

  /** Listing metadata for `GET /api/rooms` and the LobbyRoom. */
  lobbyMetadata() {
    const humans = [...this.seats.seats.values()].filter((s) => s.control === 'human').length;
    return {
      code: this.meta.code, name: this.meta.name, scenarioId: this.runner.state.scenario.id, phase: this.meta.phase,
      day: this.runner.day, endDay: this.runner.state.endDay, seats: this.seats.seats.size, humans, maxPlayers: this.meta.maxPlayers,
      // A title-screen join by code sends a class's students to the class join page (personal links, labels).
      ...(this.classroom ? { classroom: true } : {}),
    };
  }
}
