/**
 * The `market` room: receive → validate → apply → tick → sync.
 *
 * Player actions are applied at once when they arrive (between two days), so the sender gets the
 * engine's verdict immediately (`ack` or `error`); they are logged with the current day, which is
 * exactly where a replay applies them. Days advance on a fixed-step accumulator
 * (`daysPerSecond`); bots decide at the start of each day, then the engine steps.
 */
import { Room, updateLobby, type AuthContext, type Client, type Deferred, type RoomException } from '@colyseus/core';
import { HOST_ACTOR, HOST_ACTION_TYPES, PLAYER_ACTION_TYPES, parseAction, type Action } from '../../shared/rules/actions.js';
import { getScenario } from '../../shared/economy/scenarios/index.js';
import type { GameEvent, GameState } from '../../shared/rules/types.js';
import { MatchRunner } from '../game/match.js';
import { hasStrategy, loadStrategies } from '../game/bots.js';
import type { Logger } from '../logger.js';
import { MarketState } from '../schema/MarketState.js';
import { syncView, type RoomMeta } from '../schema/sync.js';
import { splitEvents, type SplitEvents } from './events.js';
import {
  bodyOf, createOptionsSchema, defaultDaysPerSecond, HOST_COMMANDS, hostCommandSchemas, jsonSize, joinOptionsSchema,
  MAX_MESSAGE_JSON_BYTES, refOf, SERVER_MESSAGES as MSG, type HostCommand, type JoinOptions, type RoomErrorCode,
} from './protocol.js';
import { TokenBucket } from './rateLimit.js';
import { DayClock } from './clock.js';
import { privatePayload } from './privateFeed.js';
import { roomContext, type LiveMatch, type RoomContext } from './roomContext.js';
import { secretToken, uniqueCode } from './roomCode.js';
import { SeatBook, type Seat } from './seats.js';
import { authorise, CREATOR_KEY_OPTION, sameSecret, seatAuthOf, type SeatAuth } from './hostKey.js';
import { spectatorRefusal, vacatedSeat } from './seatPolicy.js';
import { cleanName } from './names.js';
import { applyTreatment, guestsAllowed, parseClassroomOptions, type ClassroomSettings } from '../classroom/settings.js';
import { ClassroomSession } from '../classroom/session.js';
import {
  CLASSROOM_MESSAGES, STUDENT_MESSAGES, studentMessageSchemas, TEACHER_COMMANDS, teacherCommandSchemas,
  type AdvanceKind, type StudentMessage, type TeacherCommand,
} from '../classroom/protocol.js';

const TICK_MS = 100;
/** Catch-up cap: after a stall the room drops the backlog instead of fast-forwarding. */
const MAX_DAYS_PER_TICK = 10;
const TICK_SAMPLES = 2000;
const LOBBY_REFRESH_DAYS = 10;

interface ClientInfo {
  playerId: string;
  spectator: boolean;
  isHost: boolean;
  /** The caller's address (per-address spectator limit). */
  ip: string;
  bucket: TokenBucket;
  rateErrorAtMs: number;
  /** JSON of the last `private` payload sent, to send only changes. */
  lastPrivate: string;
}

/** Room options after validation; persisted with the match so a resumed room behaves the same. */
interface StoredOptions {
  daysPerSecond: number;
  maxPlayers: number;
  private: boolean;
  leaverPolicy: 'bot' | 'freeze';
  /** Classroom sessions only (docs/classroom.md). */
  classroom?: ClassroomSettings;
  /** The discussion question on screen while paused. */
  question?: string;
}

export class MarketRoom extends Room<MarketState> {
  private ctx!: RoomContext;
  private log!: Logger;
  private runner!: MatchRunner;
  private live!: LiveMatch;
  private seats!: SeatBook;
  private meta!: RoomMeta;
  private hostToken = '';
  private clientInfo = new Map<string, ClientInfo>();
  /** Seats whose person dropped and may still come back with a reconnection token, by player id. */
  private reconnections = new Map<string, Deferred<Client>>();
  /** Minted by `onAuth` for the create request; only that request's reservation carries it (hostKey.ts). */
  private creatorKey = '';
  /** A resumed room keeps its clock still until someone comes back. */
  private holdClock = false;
  /** Host switch for the match chat (not persisted: a restarted room reopens it). */
  private chatMuted = false;
  private readonly dayClock = new DayClock(MAX_DAYS_PER_TICK);
  private syncedState: GameState | null = null;
  private metaDirty = true;
  private pendingEvents: SplitEvents = { public: [], byOwner: new Map() };
  /** Set when the room is a classroom session. */
  private classroom: ClassroomSession | null = null;
  /** JSON of the last roster sent to the teacher, to send only changes. */
  private lastRoster = '';

  override async onCreate(options: Record<string, unknown>): Promise<void> {
    this.ctx = roomContext();
    await loadStrategies();
    if (options.resumeKey !== undefined) this.resumeMatch(options);
    else this.createMatch(options);
    this.log = this.ctx.logger.child({ room: this.roomId });
    this.live = {
      runner: this.runner, tickMs: [], dayTickMs: [], phase: () => this.meta.phase,
      connectedPlayers: () => [...this.clientInfo.values()].flatMap((i) => (i.playerId ? [i.playerId] : [])),
    };
    this.ctx.live.set(this.roomId, this.live);
    // What the listing shows; admission itself is seatPolicy.ts's (see hasReachedMaxClients).
    this.maxClients = this.meta.maxPlayers + this.ctx.config.maxSpectatorsPerRoom;
    // Private rooms and classroom sessions are never listed (lobby, /api/rooms): set before the first listing.
    if (this.meta.isPrivate || this.classroom) await this.setPrivate(true);
    this.setState(new MarketState());
    this.sync();
    // A crash between the last day (or the host's `end`) and saving the results: finish now.
    if (this.runner.ended && this.meta.phase !== 'ended') this.finish();
    this.registerHandlers();
    this.setSimulationInterval((dt) => this.tick(dt), TICK_MS);
    // A resumed room nobody comes back to closes after the grace; the match stays resumable from the store.
    if (this.holdClock) this.clock.setTimeout(() => this.holdClock && this.closeIdle(), this.ctx.config.resumeGraceSeconds * 1000);
    this.log.info({ scenario: this.runner.state.scenario.id, resumed: this.holdClock, day: this.runner.day }, 'room ready');
  }

  private createMatch(raw: Record<string, unknown>): void {
    const parsed = createOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`Bad room options: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    const o = parsed.data;
    const scenario = getScenario(o.scenario);
    if (!scenario) throw new Error(`Unknown scenario "${o.scenario}".`);
    for (const b of o.bots ?? []) if (!hasStrategy(b.strategy)) throw new Error(`Unknown bot strategy "${b.strategy}".`);
    const botCount = (o.bots ?? []).reduce((n, b) => n + b.count, 0);
    const maxPlayers = o.maxPlayers ?? Math.max(8, botCount + 1);
    if (botCount >= maxPlayers + 1) throw new Error('More bots than seats.');
    const stored: StoredOptions = {
      daysPerSecond: o.daysPerSecond ?? defaultDaysPerSecond(scenario.days), maxPlayers, private: o.private ?? false, leaverPolicy: o.leaverPolicy ?? 'bot',
    };
    const store = this.ctx.store;
    this.roomId = uniqueCode((code) => this.ctx.live.has(code) || store.getMatch(code) !== undefined);
    this.hostToken = secretToken();
    const creatorKey = raw[CREATOR_KEY_OPTION];
    this.creatorKey = typeof creatorKey === 'string' ? creatorKey : '';
    const seed = o.seed !== undefined ? String(o.seed) : secretToken().slice(0, 12);
    const name = cleanName(o.name) || `${scenario.name} ${this.roomId}`;
    const classroom = o.classroom !== undefined ? parseClassroomOptions(o.classroom) : null;
    // Treatment settings that are engine parameters travel in the scenario copy (replays stay exact).
    const played = classroom ? applyTreatment(scenario, classroom, seed) : scenario;
    if (classroom) stored.classroom = classroom;
    store.createMatch({
      id: this.roomId, name, scenarioId: scenario.id, seed, options: { ...stored }, hostToken: this.hostToken, status: 'waiting', currentDay: 0,
    });
    if (classroom) {
      this.classroom = new ClassroomSession(store.db, this.roomId, classroom, seed, this.rejectedLimits());
      this.classroom.issueLinks();
    }
    this.runner = MatchRunner.create(store, this.roomId, played, seed);
    this.seats = new SeatBook(store, this.roomId, seed);
    this.meta = {
      code: this.roomId, name, phase: 'waiting', daysPerSecond: stored.daysPerSecond, hostPlayerId: '', maxPlayers,
      isPrivate: stored.private, leaverPolicy: stored.leaverPolicy, question: '',
    };
    for (const b of o.bots ?? []) {
      for (let i = 0; i < b.count; i++) this.seatNewPlayer(`${b.strategy} ${i + 1}`, b.strategy);
    }
  }

  private resumeMatch(raw: Record<string, unknown>): void {
    if (raw.resumeKey !== this.ctx.resumeKey || typeof raw.matchId !== 'string') throw new Error('Not allowed.');
    const store = this.ctx.store;
    const m = store.getMatch(raw.matchId);
    if (!m) throw new Error(`No stored match ${raw.matchId}.`);
    // One room instance per match, always: a second one would fork the log.
    if (this.ctx.live.has(m.id)) throw new Error(`Match ${m.id} is already live.`);
    const o = m.options as unknown as StoredOptions;
    this.roomId = m.id;
    this.hostToken = m.hostToken;
    this.holdClock = true;
    this.autoDispose = false;
    this.runner = MatchRunner.resume(store, m.id, m.currentDay);
    this.seats = new SeatBook(store, m.id, m.seed);
    this.seats.load(store.seats(m.id));
    if (o.classroom) {
      this.classroom = new ClassroomSession(store.db, m.id, o.classroom, m.seed, this.rejectedLimits());
      this.classroom.load();
    }
    let phase: RoomMeta['phase'] = m.status === 'waiting' ? 'waiting' : m.status === 'paused' ? 'paused' : 'running';
    // A re-opened class waits for its teacher instead of running on by itself.
    if (o.classroom && m.status === 'abandoned') {
      phase = m.currentDay === 0 ? 'waiting' : 'paused';
      store.setStatus(m.id, phase);
    }
    this.meta = {
      code: m.id, name: m.name, phase, daysPerSecond: o.daysPerSecond, hostPlayerId: typeof m.options.hostPlayerId === 'string' ? m.options.hostPlayerId : '',
      maxPlayers: o.maxPlayers, isPrivate: o.private, leaverPolicy: o.leaverPolicy, question: o.question ?? '',
    };
  }

  /** `label`: the classroom label the seat is bound to (the same label always returns to it). */
  private seatNewPlayer(name: string, strategy: string, label?: string): Seat {
    const index = this.runner.state.playerOrder.length;
    const playerId = `p${index + 1}`;
    // Anonymous sessions: the engine (and so every screen and the match tables) only knows "Company A…".
    const shown = this.classroom?.engineName(name, index) ?? name;
    this.runner.join(playerId, shown, strategy);
    const seat = this.seats.add(playerId, shown, strategy, this.runner.day);
    this.classroom?.seatCreated(playerId, name, label);
    return seat;
  }

  // ── joining and leaving ────────────────────────────────────────────────────────────────────────

  /** Runs once per create/join request, before any room exists for a create (hostKey.ts). */
  // eslint-disable-next-line @typescript-eslint/require-await -- Colyseus wants a promise here, and `async` turns a throw in authorise() into the rejection it reports to the client.
  static override async onAuth(_token: string, options: Record<string, unknown>, context: AuthContext): Promise<SeatAuth> {
    return authorise(options, context, roomContext().config.trustProxy);
  }

  /**
   * Admission is decided in `onJoin` (seatPolicy.ts), never by the socket count: Colyseus would
   * lock a room whose spectators (or unused reservations) reach `maxClients`, and then refuse even
   * the seat-token and host-token rejoins of its own players.
   */
  override hasReachedMaxClients(): boolean {
    return (this as unknown as { _internalState: number })._internalState === 2; // DISPOSING
  }

  override onJoin(client: Client, rawOptions: Record<string, unknown> = {}, auth?: unknown): void {
    const parsed = joinOptionsSchema.safeParse(rawOptions ?? {});
    if (!parsed.success) throw new Error('Bad join options.');
    const o = parsed.data;
    const who = seatAuthOf(auth);
    // colyseus#917: a cached full state can be stale after changes made while nobody was connected.
    (this as unknown as { _serializer: { needFullEncode: boolean } })._serializer.needFullEncode = true;
    this.sync();
    const isCreator = this.creatorKey !== '' && sameSecret(who.creatorKey, this.creatorKey);
    const isHost = isCreator || (o.hostToken !== undefined && sameSecret(o.hostToken, this.hostToken));
    // A session's creator is the teacher: it watches unless it asks to play.
    const spectate = o.spectate ?? (isCreator && this.classroom !== null);
    let seat: Seat | null = null;
    if (spectate) {
      if (!isHost) this.admitSpectator(who.ip);
    } else {
      seat = this.admitPlayer(o);
      this.seats.claim(seat, client.sessionId);
      if (isHost && !this.meta.hostPlayerId) {
        this.meta.hostPlayerId = seat.playerId;
        this.ctx.store.setOptions(this.roomId, { ...this.storedOptions(), hostPlayerId: seat.playerId });
      }
    }
    if (isCreator) this.creatorKey = '';
    const { config } = this.ctx;
    this.clientInfo.set(client.sessionId, {
      playerId: seat?.playerId ?? '', spectator: seat === null, isHost, ip: who.ip,
      bucket: new TokenBucket(config.rateLimitPerSecond, config.rateLimitBurst, Date.now()), rateErrorAtMs: 0, lastPrivate: '',
    });
    if (this.holdClock) {
      this.holdClock = false;
      this.autoDispose = true;
      // People who do not come back to a resumed match count as leavers after the usual grace.
      this.clock.setTimeout(() => this.releaseUnclaimedSeats(), this.ctx.config.reconnectSeconds * 1000);
    }
    this.metaDirty = true;
    this.welcome(client);
    this.log.info({ session: client.sessionId, playerId: seat?.playerId ?? null, isHost, ip: who.ip }, 'joined');
  }

  /** Throws (a refusal the client sees) when one more spectator would pass a limit. */
  private admitSpectator(ip: string): void {
    const session = this.classroom;
    if (session && session.settings.labels.length > 0 && !guestsAllowed(session.settings)) {
      throw new Error('This session admits only its students: open the personal link your teacher gave you.');
    }
    const { maxSpectatorsPerRoom: perRoom, maxSpectatorsPerAddress: perAddress } = this.ctx.config;
    const refusal = spectatorRefusal(this.clientInfo.values(), ip, { perRoom, perAddress });
    if (refusal) throw new Error(refusal);
  }

  /**
   * The seat a joining player gets (seatPolicy.ts): its own by seat token or student link, else a
   * free one, else one a player left for good. Throws a refusal the client sees.
   */
  private admitPlayer(o: JoinOptions): Seat {
    const session = this.classroom;
    if (o.seatToken) return this.ownSeat(this.seats.byToken(o.seatToken));
    let label: string | undefined;
    if (session && o.studentKey !== undefined) {
      label = session.labelOfKey(o.studentKey) ?? undefined;
      if (label === undefined) throw new Error('This student link is not valid for this session: ask your teacher for yours.');
      const owned = session.seatForLabel(label);
      if (owned) return this.ownSeat(this.seats.seats.get(owned));
    } else if (session && o.label !== undefined) {
      // A label is printed on a list anyone can read: only the label's secret link is a key.
      if (session.settings.labels.length > 0) throw new Error('A label alone is not enough: open the personal link your teacher gave you.');
      session.seatForLabel(o.label);
    } else if (session && !guestsAllowed(session.settings)) {
      throw new Error('This session admits only its students: open the personal link your teacher gave you.');
    }
    if (this.meta.phase === 'ended') throw new Error('The match has ended; join as a spectator.');
    const name = cleanName(o.playerName) || label || `Player ${this.seats.seats.size + 1}`;
    if (this.seats.seats.size < this.meta.maxPlayers) return this.seatNewPlayer(name, '', label);
    const takeable = label === undefined
      ? vacatedSeat(
        this.seats.seats.values(),
        (id) => Boolean(this.runner.state.players[id]?.strategy) || Boolean(this.runner.state.players[id]?.bankrupt),
        (s) => this.reconnections.has(s.playerId) || (session !== null && session.labelOf(s.playerId) !== ''),
      )
      : undefined;
    if (!takeable) throw new Error('The room is full; join as a spectator.');
    // The company changes hands: the leaver's token dies, the newcomer gets its own.
    this.seats.rotateToken(takeable);
    this.classroom?.seatCreated(takeable.playerId, name);
    this.log.info({ playerId: takeable.playerId }, 'vacated seat taken over');
    return takeable;
  }

  /**
   * A seat its owner comes back to. One live session per seat: a live holder keeps it ("in use"),
   * while a holder that dropped and is inside its reconnection window loses that window, so its
   * reconnection cannot also succeed.
   */
  private ownSeat(found: Seat | undefined): Seat {
    if (!found || found.kicked) throw new Error('This seat is not yours any more.');
    const pending = this.reconnections.get(found.playerId);
    if (pending) {
      this.reconnections.delete(found.playerId);
      (pending.reject as (reason: Error) => void)(new Error('seat taken back with its token'));
      found.sessionId = '';
    } else if (found.sessionId && this.clientInfo.has(found.sessionId)) {
      throw new Error('This seat is in use.');
    }
    return found;
  }

  private welcome(client: Client): void {
    const info = this.clientInfo.get(client.sessionId);
    if (!info) return;
    const seat = info.playerId ? this.seats.seats.get(info.playerId) : undefined;
    const s = this.runner.state.scenario;
    client.send(MSG.welcome, {
      roomCode: this.roomId, playerId: info.playerId, spectator: info.spectator, isHost: info.isHost,
      seatToken: seat?.seatToken ?? '', hostToken: info.isHost ? this.hostToken : '',
      reconnectSeconds: this.ctx.config.reconnectSeconds,
      scenario: {
        id: s.id, name: s.name, description: s.description, startDate: s.startDate, days: s.days, halvingInterval: s.halvingInterval,
        regions: s.regions, catalogue: s.catalogue, capex: s.capex, finance: s.finance, contest: s.contest,
      },
    });
    client.send(MSG.history, { days: this.runner.history });
    info.lastPrivate = '';
    this.sendPrivate(client, info);
    if (this.classroom) {
      const view = this.classroom.guessMessage(info.spectator ? null : info.playerId);
      if (view) client.send(CLASSROOM_MESSAGES.guess, view);
      if (info.isHost) client.send(CLASSROOM_MESSAGES.roster, { students: this.roster(), links: this.classroom.studentLinks() });
    }
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const info = this.clientInfo.get(client.sessionId);
    this.clientInfo.delete(client.sessionId);
    this.metaDirty = true;
    const seat = info?.playerId ? this.seats.seats.get(info.playerId) : undefined;
    if (!info || !seat || seat.sessionId !== client.sessionId || this.ctx.shuttingDown) return;
    if (!consented && !seat.kicked && this.meta.phase !== 'ended' && this.ctx.config.reconnectSeconds > 0) {
      const pending = this.allowReconnection(client, this.ctx.config.reconnectSeconds);
      this.reconnections.set(seat.playerId, pending);
      try {
        const back = await pending;
        if (seat.kicked || seat.sessionId !== client.sessionId) {
          // Kicked or taken back meanwhile: this session has nothing to come back to.
          back.leave(4000);
          return;
        }
        this.clientInfo.set(back.sessionId, { ...info, lastPrivate: '' });
        this.metaDirty = true;
        this.welcome(back);
        this.log.info({ playerId: seat.playerId }, 'reconnected');
        return;
      } catch {
        // Timed out: the player is gone for good.
      } finally {
        if (this.reconnections.get(seat.playerId) === pending) this.reconnections.delete(seat.playerId);
      }
    }
    if (!seat.kicked && seat.sessionId === client.sessionId) {
      this.seats.release(seat, this.meta.leaverPolicy);
      this.log.info({ playerId: seat.playerId, control: seat.control }, 'seat released');
    }
    this.metaDirty = true;
  }

  /** With this hook Colyseus catches exceptions in hooks and timers instead of crashing the process. */
  override onUncaughtException(err: RoomException<this>, methodName: string): void {
    // onCreate/onJoin errors are refusals the client sees (bad options, full room): not server faults.
    const refusal = methodName === 'onCreate' || methodName === 'onJoin';
    const log = this.log ?? this.ctx?.logger;
    if (refusal) log?.warn({ methodName, reason: err.message }, 'refused');
    else log?.error({ err: err.cause ?? err, methodName }, 'room exception');
  }

  private releaseUnclaimedSeats(): void {
    if (this.meta.phase === 'ended') return;
    for (const seat of this.seats.seats.values()) {
      if (seat.control === 'human' && !seat.kicked && !this.reconnections.has(seat.playerId) && !this.clientInfo.has(seat.sessionId)) {
        this.seats.release(seat, this.meta.leaverPolicy);
        this.metaDirty = true;
      }
    }
  }

  private rejectedLimits() {
    return { perClient: this.ctx.config.rejectedLogPerClient, perMatch: this.ctx.config.rejectedLogPerMatch };
  }

  /** Set when a resumed room closes for want of anyone: its match keeps its status (resumable). */
  private idleClosed = false;

  private closeIdle(): void {
    this.idleClosed = true;
    this.log.info({ graceS: this.ctx.config.resumeGraceSeconds }, 'nobody came back: closing the resumed room');
    void this.disconnect();
  }

  override onDispose(): void {
    this.ctx.live.delete(this.roomId);
    for (const seat of this.seats.seats.values()) seat.bot?.close(this.runner.day);
    updateLobby(this, true);
    if ((this.ctx.shuttingDown || this.idleClosed) && this.meta.phase !== 'ended') {
      this.runner.persistProgress();
      this.ctx.store.setCurrentDay(this.roomId, this.runner.day);
    } else if (this.meta.phase !== 'ended') {
      this.runner.snapshot();
      this.ctx.store.setCurrentDay(this.roomId, this.runner.day);
      this.ctx.store.setStatus(this.roomId, 'abandoned');
    }
    this.log.info({ day: this.runner.day }, 'room disposed');
  }

  // ── messages ───────────────────────────────────────────────────────────────────────────────────

  private registerHandlers(): void {
    for (const type of PLAYER_ACTION_TYPES) this.onMessage(type, (client, payload: unknown) => this.guard(client, type, payload, () => this.onAction(client, type, payload)));
    for (const type of HOST_ACTION_TYPES) {
      this.onMessage(type, (client, payload: unknown) =>
        this.guard(client, type, payload, () => this.refuse(client, type, payload, 'NOT_HOST', `${type} is a host command: the host sends "${type === 'endMatch' ? 'end' : 'inject'}".`)),
      );
    }
    for (const cmd of HOST_COMMANDS) this.onMessage(cmd, (client, payload: unknown) => this.guard(client, cmd, payload, () => this.onHostCommand(client, cmd, payload)));
    for (const cmd of TEACHER_COMMANDS) this.onMessage(cmd, (client, payload: unknown) => this.guard(client, cmd, payload, () => this.onTeacherCommand(client, cmd, payload)));
    for (const type of STUDENT_MESSAGES) this.onMessage(type, (client, payload: unknown) => this.guard(client, type, payload, () => this.onStudentMessage(client, type, payload)));
    this.onMessage('*', (client, type, payload: unknown) =>
      this.guard(client, String(type), payload, () => this.refuse(client, String(type), payload, 'UNKNOWN_MESSAGE', `Unknown message type "${String(type).slice(0, 40)}".`)),
    );
  }

  /** Rate limit and size cap, common to every message. */
  private guard(client: Client, type: string, payload: unknown, handle: () => void): void {
    const info = this.clientInfo.get(client.sessionId);
    if (!info) return;
    const nowMs = Date.now();
    if (!info.bucket.take(nowMs)) {
      // One error per second at most: a flood must not double itself on the way back.
      if (nowMs - info.rateErrorAtMs >= 1000) {
        info.rateErrorAtMs = nowMs;
        this.refuse(client, type, payload, 'RATE_LIMITED', `Too many messages: at most ${this.ctx.config.rateLimitPerSecond} per second.`);
      }
      return;
    }
    if (jsonSize(payload) > MAX_MESSAGE_JSON_BYTES) {
      this.refuse(client, type, null, 'TOO_LARGE', `Messages are limited to ${MAX_MESSAGE_JSON_BYTES} bytes.`);
      return;
    }
    try {
      handle();
    } catch (err) {
      this.log.error({ err, type }, 'message handler failed');
      this.refuse(client, type, payload, 'BAD_ACTION', 'The server could not process this message.');
    }
  }

  private refuse(client: Client, type: string, payload: unknown, code: RoomErrorCode, message: string): void {
    client.send(MSG.error, { code, message, ref: refOf(payload), type });
    if (this.classroom) {
      // The export's actions.csv shows refusals next to accepted actions.
      const info = this.clientInfo.get(client.sessionId);
      this.classroom.logRejected(client.sessionId, this.runner.day, info?.playerId || (info?.isHost ? HOST_ACTOR : ''), type, payload, code, message);
    }
  }

  private onAction(client: Client, type: string, payload: unknown): void {
    const info = this.clientInfo.get(client.sessionId)!;
    if (info.spectator) return this.refuse(client, type, payload, 'SPECTATOR', 'Spectators cannot act.');
    const seat = this.seats.seats.get(info.playerId);
    if (!seat || seat.control !== 'human') return this.refuse(client, type, payload, 'UNKNOWN_PLAYER', 'You have no seat in this match.');
    if (this.meta.phase === 'waiting') return this.refuse(client, type, payload, 'WRONG_PHASE', 'The match has not started yet.');
    if (this.meta.phase === 'ended') return this.refuse(client, type, payload, 'MATCH_ENDED', 'The match has ended.');
    const body = bodyOf(payload);
    if (!body) return this.refuse(client, type, payload, 'BAD_ACTION', 'A message payload must be an object.');
    const parsed = parseAction({ ...body, type });
    if (!parsed.ok) return this.refuse(client, type, payload, 'BAD_ACTION', parsed.message);
    const closed = this.classroom?.checkMarket(this.runner.state, parsed.action);
    if (closed) return this.refuse(client, type, payload, closed.code, closed.message);
    const result = this.runner.apply(info.playerId, parsed.action);
    if (!result.ok) return this.refuse(client, type, payload, result.error.code, result.error.message);
    splitEvents(result.events, this.pendingEvents);
    client.send(MSG.ack, { ref: refOf(payload), type, day: this.runner.day });
  }

  private onHostCommand(client: Client, cmd: HostCommand, payload: unknown): void {
    const info = this.clientInfo.get(client.sessionId)!;
    if (!info.isHost) return this.refuse(client, cmd, payload, 'NOT_HOST', `Only the host may ${cmd}.`);
    const body = bodyOf(payload);
    const parsed = body ? hostCommandSchemas[cmd].safeParse(body) : null;
    if (!parsed?.success) return this.refuse(client, cmd, payload, 'BAD_ACTION', `${cmd}: ${parsed?.error.issues[0]?.message ?? 'payload must be an object'}`);
    const p = this.meta.phase;
    const wrong = (msg: string) => this.refuse(client, cmd, payload, 'WRONG_PHASE', msg);
    // An ended match is a record: nothing the host does may change it (or its seats) any more.
    if (p === 'ended') return this.refuse(client, cmd, payload, 'MATCH_ENDED', 'The match has ended.');
    switch (cmd) {
      case 'start':
        if (p !== 'waiting') return wrong('The match has already started.');
        this.setPhase('running');
        break;
      case 'pause': {
        const question = (parsed.data as { question?: string }).question;
        // Pausing again with a question changes the question on screen.
        if (p === 'paused' && question !== undefined) {
          this.setQuestion(question);
          break;
        }
        if (p !== 'running') return wrong('Only a running match can be paused.');
        this.setPhase('paused');
        this.setQuestion(question ?? '');
        break;
      }
      case 'resume':
        if (p !== 'paused') return wrong('The match is not paused.');
        this.setPhase('running');
        this.setQuestion('');
        break;
      case 'speed': {
        this.meta.daysPerSecond = (parsed.data as { daysPerSecond: number }).daysPerSecond;
        this.ctx.store.setOptions(this.roomId, { ...this.storedOptions(), hostPlayerId: this.meta.hostPlayerId });
        break;
      }
      case 'inject':
      case 'end': {
        if (p === 'waiting' && cmd === 'inject') return wrong('Start the match before injecting events.');
        const action = (cmd === 'end' ? { type: 'endMatch' } : { type: 'injectEvent', ...(parsed.data as object) }) as Action;
        const result = this.runner.apply(HOST_ACTOR, action);
        if (!result.ok) return this.refuse(client, cmd, payload, result.error.code, result.error.message);
        this.log.info({ cmd, action }, 'host action');
        splitEvents(result.events, this.pendingEvents);
        if (this.runner.ended) this.finish();
        break;
      }
      case 'muteChat':
        this.chatMuted = (parsed.data as { muted: boolean }).muted;
        break;
      case 'kick': {
        const seat = this.seats.seats.get((parsed.data as { playerId: string }).playerId);
        if (!seat) return this.refuse(client, cmd, payload, 'NOT_FOUND', 'No such player.');
        if (seat.playerId === info.playerId) return this.refuse(client, cmd, payload, 'WRONG_STATE', 'The host cannot kick itself.');
        const victim = this.clients.find((c) => c.sessionId === seat.sessionId);
        // A dropped player's open reconnection window closes with the kick.
        const pending = this.reconnections.get(seat.playerId);
        this.reconnections.delete(seat.playerId);
        pending?.reject(new Error('kicked'));
        this.seats.kick(seat, this.meta.leaverPolicy);
        if (victim) {
          this.clientInfo.delete(victim.sessionId);
          victim.send(MSG.kicked, { reason: 'The host removed you from this match.' });
          victim.leave(4000);
        }
        this.log.info({ playerId: seat.playerId }, 'kicked');
        break;
      }
    }
    this.metaDirty = true;
    client.send(MSG.ack, { ref: refOf(payload), type: cmd, day: this.runner.day });
  }

  private setPhase(phase: RoomMeta['phase']): void {
    this.meta.phase = phase;
    if (phase !== 'ended') this.ctx.store.setStatus(this.roomId, phase);
    this.dayClock.reset();
  }

  private storedOptions(): StoredOptions {
    return {
      daysPerSecond: this.meta.daysPerSecond, maxPlayers: this.meta.maxPlayers, private: this.meta.isPrivate, leaverPolicy: this.meta.leaverPolicy,
      ...(this.classroom ? { classroom: this.classroom.settings } : {}), ...(this.meta.question ? { question: this.meta.question } : {}),
    };
  }

  private setQuestion(question: string): void {
    if (this.meta.question === question.trim()) return;
    this.meta.question = question.trim();
    this.ctx.store.setOptions(this.roomId, { ...this.storedOptions(), hostPlayerId: this.meta.hostPlayerId });
  }

  // ── classroom sessions (docs/classroom.md) ─────────────────────────────────────────────────────

  private onTeacherCommand(client: Client, cmd: TeacherCommand, payload: unknown): void {
    const info = this.clientInfo.get(client.sessionId)!;
    if (!info.isHost) return this.refuse(client, cmd, payload, 'NOT_HOST', `Only the teacher may ${cmd}.`);
    const session = this.classroom;
    if (!session) return this.refuse(client, cmd, payload, 'NOT_CLASSROOM', `${cmd} is for classroom sessions.`);
    const body = bodyOf(payload);
    const parsed = body ? teacherCommandSchemas[cmd].safeParse(body) : null;
    if (!parsed?.success) return this.refuse(client, cmd, payload, 'BAD_ACTION', `${cmd}: ${parsed?.error.issues[0]?.message ?? 'payload must be an object'}`);
    const p = this.meta.phase;
    const day = this.runner.day;
    // Seats created as bots guess; a student's seat run by a bot after they left does not guess for them.
    const seatBots = () =>
      [...this.seats.seats.values()].filter((s) => s.control === 'bot' && this.runner.state.players[s.playerId]?.strategy).map((s) => s.playerId);
    let failure: { code: RoomErrorCode; message: string } | null = null;
    let advanced: AdvanceKind | undefined;
    switch (cmd) {
      case 'guessStart': {
        const d = parsed.data as { p: number; rounds: number; bots?: number };
        failure = session.startGame(d.p, d.rounds, d.bots ?? 0, seatBots(), day);
        break;
      }
      case 'guessOpen':
        failure = session.openNext(seatBots(), day);
        break;
      case 'guessClose':
        failure = session.close();
        break;
      case 'advance': {
        advanced = (parsed.data as { what?: AdvanceKind }).what ?? (session.hasOpenRound() ? 'guess' : p === 'waiting' ? 'start' : 'contest');
        if (advanced === 'guess') failure = session.close();
        else if (advanced === 'start') {
          if (p !== 'waiting') failure = { code: 'WRONG_PHASE', message: 'The match has already started.' };
          else this.setPhase('running');
        } else if (p === 'ended') failure = { code: 'MATCH_ENDED', message: 'The match has ended.' };
        else if (p === 'waiting') failure = { code: 'WRONG_PHASE', message: 'Start the match before advancing the contest.' };
        else this.playUntilContestResolves();
        break;
      }
    }
    if (failure) return this.refuse(client, cmd, payload, failure.code, failure.message);
    this.log.info({ cmd, advanced }, 'teacher command');
    this.metaDirty = true;
    client.send(MSG.ack, { ref: refOf(payload), type: cmd, day: this.runner.day, ...(advanced ? { advanced } : {}) });
  }

  /** `advance` on the market: plays the days up to the current contest round's resolution at once. */
  private playUntilContestResolves(): void {
    const resolved = this.runner.state.contest.history.length;
    const maxDays = this.runner.state.scenario.contest.periodDays + 1;
    let failure: unknown = null;
    this.ctx.store.transaction(() => {
      for (let i = 0; i < maxDays && !this.runner.ended && this.runner.state.contest.history.length === resolved && !failure; i++) {
        try {
          this.playDay();
        } catch (err) {
          failure = err;
        }
      }
      this.runner.persistProgress();
    });
    this.dayClock.reset();
    if (failure) {
      this.log.error({ err: failure, day: this.runner.day }, 'day failed: match paused');
      this.setPhase('paused');
    }
    if (this.runner.ended) this.finish();
  }

  private onStudentMessage(client: Client, type: StudentMessage, payload: unknown): void {
    const info = this.clientInfo.get(client.sessionId)!;
    const session = this.classroom;
    // Chat is in every match (same schema, rate limit and plain-text broadcast); the ⅔ guess is classroom-only.
    if (!session && type !== 'chat') return this.refuse(client, type, payload, 'NOT_CLASSROOM', `${type} is for classroom sessions.`);
    if (info.spectator) return this.refuse(client, type, payload, 'SPECTATOR', 'Spectators cannot take part.');
    const body = bodyOf(payload);
    if (type === 'guess' && session) {
      const value = body && typeof body === 'object' ? body.value : undefined;
      const r = session.guess(info.playerId, value as number, this.runner.day);
      if ('code' in r) return this.refuse(client, type, payload, r.code, r.message);
      client.send(MSG.ack, { ref: refOf(payload), type, day: this.runner.day, round: r.round, value });
      return;
    }
    if (session ? !session.settings.chat : this.chatMuted) return this.refuse(client, type, payload, 'CHAT_OFF', session ? 'Chat is switched off in this session.' : 'The host has muted the chat.');
    const parsed = body ? studentMessageSchemas.chat.safeParse(body) : null;
    if (!parsed?.success) return this.refuse(client, type, payload, 'BAD_ACTION', `chat: ${parsed?.error.issues[0]?.message ?? 'payload must be an object'}`);
    const name = this.runner.state.players[info.playerId]?.name ?? '';
    this.broadcast(CLASSROOM_MESSAGES.chat, { playerId: info.playerId, name, text: parsed.data.text, day: this.runner.day, at: new Date().toISOString() });
    client.send(MSG.ack, { ref: refOf(payload), type, day: this.runner.day });
  }

  private roster() {
    return this.classroom ? this.classroom.roster(this.seats.seats.values(), this.runner.state, (sid) => this.clientInfo.has(sid)) : [];
  }

  /** Per tick: the ⅔ cues into the schema, throttled `guess` views, and roster changes to the teacher. */
  private flushClassroom(): void {
    const session = this.classroom;
    if (!session) return;
    session.syncInfo(this.state.classroom);
    if (session.guessBroadcastDue(Date.now())) {
      for (const client of this.clients) {
        const info = this.clientInfo.get(client.sessionId);
        if (!info) continue;
        const view = session.guessMessage(info.spectator ? null : info.playerId);
        if (view) client.send(CLASSROOM_MESSAGES.guess, view);
      }
    }
    if (session.rosterDirty) {
      session.rosterDirty = false;
      const students = this.roster();
      const json = JSON.stringify(students);
      if (json !== this.lastRoster) {
        this.lastRoster = json;
        const links = session.studentLinks();
        for (const client of this.clients) if (this.clientInfo.get(client.sessionId)?.isHost) client.send(CLASSROOM_MESSAGES.roster, { students, links });
      }
    }
  }

  // ── the clock ──────────────────────────────────────────────────────────────────────────────────

  private tick(dtMs: number): void {
    const t0 = performance.now();
    let days = 0;
    if (this.meta.phase === 'running' && !this.holdClock) {
      days = this.dayClock.advance(dtMs, this.meta.daysPerSecond);
      // One commit per tick: nothing from these days reaches a client before it is durable.
      if (days > 0) {
        let failure: unknown = null;
        this.ctx.store.transaction(() => {
          for (let i = 0; i < days && !this.runner.ended && !failure; i++) {
            try {
              this.playDay();
            } catch (err) {
              failure = err;
            }
          }
          this.runner.persistProgress();
        });
        // An engine bug must not kill the room: stop the clock, keep everything played so far.
        if (failure) {
          this.log.error({ err: failure, day: this.runner.day }, 'day failed: match paused');
          this.setPhase('paused');
          this.metaDirty = true;
        }
      }
      if (this.runner.ended) this.finish();
    }
    const changed = this.sync();
    this.flushClassroom();
    if (days > 0 || changed) {
      const ms = performance.now() - t0;
      for (const ring of days > 0 ? [this.live.tickMs, this.live.dayTickMs] : [this.live.tickMs]) {
        ring.push(ms);
        if (ring.length > TICK_SAMPLES) ring.splice(0, ring.length - TICK_SAMPLES);
      }
    }
  }

  private playDay(): void {
    for (const seat of this.seats.seats.values()) {
      if (!seat.bot || this.runner.state.players[seat.playerId]?.bankrupt) continue;
      for (const action of seat.bot.decide(this.runner.state)) {
        if (HOST_ACTION_TYPES.has(action.type)) continue;
        // Closed markets are closed for bots too.
        if (this.classroom?.checkMarket(this.runner.state, action)) continue;
        const r = this.runner.apply(seat.playerId, action);
        if (r.ok) splitEvents(r.events, this.pendingEvents);
      }
    }
    splitEvents(this.runner.stepDay(), this.pendingEvents);
  }

  private finish(): void {
    this.setPhase('ended');
    const standings = this.runner.standings();
    const hash = this.runner.hash();
    this.runner.snapshot();
    this.ctx.store.transaction(() => {
      this.ctx.store.setCurrentDay(this.roomId, this.runner.day);
      this.ctx.store.setStatus(this.roomId, 'ended');
      this.ctx.store.saveResult({ matchId: this.roomId, finalDay: this.runner.day, stateHash: hash, standings, endedAt: new Date().toISOString() });
    });
    this.metaDirty = true;
    this.sync();
    this.broadcast(MSG.ended, { finalDay: this.runner.day, stateHash: hash, standings });
    this.log.info({ day: this.runner.day, hash }, 'match ended');
  }

  // ── sync ───────────────────────────────────────────────────────────────────────────────────────

  /** Copies engine → schema and sends owners their private data, when anything changed. */
  private sync(): boolean {
    const state = this.runner.state;
    if (state === this.syncedState && !this.metaDirty) return false;
    this.syncedState = state;
    const connected = (sid: string) => this.clientInfo.has(sid);
    syncView(this.state, state, this.meta, this.seats.statuses(this.meta.hostPlayerId, connected));
    if (this.metaDirty || state.day - this.lobbyDay >= LOBBY_REFRESH_DAYS) this.refreshLobby();
    if (this.metaDirty && this.classroom) this.classroom.rosterDirty = true;
    this.metaDirty = false;
    for (const client of this.clients) {
      const info = this.clientInfo.get(client.sessionId);
      if (info && !info.spectator) this.sendPrivate(client, info);
    }
    this.flushEvents();
    return true;
  }

  private sendPrivate(client: Client, info: ClientInfo): void {
    if (info.spectator || !info.playerId) return;
    const payload = privatePayload(this.runner.state, info.playerId);
    const json = JSON.stringify(payload);
    if (json === info.lastPrivate) return;
    info.lastPrivate = json;
    client.send(MSG.private, payload);
  }

  private flushEvents(): void {
    const { public: pub, byOwner } = this.pendingEvents;
    if (pub.length) this.broadcast(MSG.events, { events: pub });
    for (const [playerId, events] of byOwner) {
      const seat = this.seats.seats.get(playerId);
      const client = seat?.sessionId ? this.clients.find((c) => c.sessionId === seat.sessionId) : undefined;
      client?.send(MSG.myEvents, { events });
    }
    this.pendingEvents = { public: [], byOwner: new Map<string, GameEvent[]>() };
  }

  private lobbyDay = -Infinity;

  /** Listing metadata for `GET /api/rooms` and the LobbyRoom. */
  private refreshLobby(): void {
    this.lobbyDay = this.runner.day;
    void this.setMetadata(this.lobbyMetadata()).then(() => updateLobby(this));
  }

  private lobbyMetadata() {
    const humans = [...this.seats.seats.values()].filter((s) => s.control === 'human').length;
    return {
      code: this.roomId, name: this.meta.name, scenarioId: this.runner.state.scenario.id, phase: this.meta.phase,
      day: this.runner.day, endDay: this.runner.state.endDay, seats: this.seats.seats.size, humans, maxPlayers: this.meta.maxPlayers,
    };
  }
}
