/**
 * The `market` room: receive → validate → apply → tick → sync, as a thin adapter between Colyseus
 * and the match (matchHost.ts). Messages run through one table (messages.ts), seats through one
 * pure resolver (seatPolicy.ts), days through one loop (MatchHost.playDays).
 *
 * Player actions are applied at once when they arrive (between two days), so the sender gets the
 * engine's verdict immediately (`ack` or `error`); they are logged with the current day, which is
 * exactly where a replay applies them. Days advance on a fixed-step accumulator (`daysPerSecond`).
 */
import { Room, SimulationIntervalException, updateLobby, type AuthContext, type Client, type Deferred, type RoomException } from '@colyseus/core';
import { HOST_ACTION_TYPES, HOST_ACTOR } from '../../shared/rules/actions.js';
import { joinOptionsSchema, type ServerBody, type ServerMessage } from '../../shared/protocol/index.js';
import { CLOSE_CODES } from '../../shared/protocol/names.js';
import { MarketState } from '../../shared/sync/MarketState.js';
import { PrivateFeedSender } from '../../shared/sync/privateDelta.js';
import { loadStrategies } from '../game/bots.js';
import { dispatch, MESSAGE_TABLE, receive, refusalFor, type MessageCtx, type Verdict } from './messages.js';
import { kickSeat, releaseUnclaimedSeats, seatLeft } from './leaving.js';
import { flushClassroom, seatClassroom, takeSeat, welcome } from './joining.js';
import { MatchHost, type ClientInfo, type RoomPort } from './matchHost.js';
import { TokenBucket } from './rateLimit.js';
import { roomContext, type LiveMatch, type RoomContext } from './roomContext.js';
import { authorise, sameSecret, seatAuthOf, type SeatAuth } from './hostKey.js';
import { sessionSpectatorRefusal, spectatorRefusal } from './seatPolicy.js';
import type { Seat } from './seats.js';
import { createMatch, resumeMatch } from './setup.js';
import { roomTicks } from './tickSlices.js';
import { TICK_MS } from './clock.js';

const TICK_SAMPLES = 2000;
const LOBBY_REFRESH_DAYS = 10;

export class MarketRoom extends Room<MarketState> {
  private ctx!: RoomContext;
  private host!: MatchHost;
  private live!: LiveMatch;
  private hostToken = '';
  private creatorKey = '';
  private holdClock = false;
  private idleClosed = false;
  private lobbyDay = -Infinity;
  private lastRoster = '';
  private clientInfo = new Map<string, ClientInfo>();
  /** Seats whose person dropped and may still come back with a reconnection token, by player id. */
  private reconnections = new Map<string, Deferred<Client>>();
  private disposed = false;
  /** This room's place in the process's tick queue (tickSlices.ts): the timer queues, the slices tick. */
  private readonly tickSlot = roomTicks.slot((dtMs) => this.sliceTick(dtMs), () => !this.disposed);

  override async onCreate(options: Record<string, unknown>): Promise<void> {
    this.ctx = roomContext();
    await loadStrategies();
    const parts = options.resumeKey !== undefined ? resumeMatch(this.ctx, options) : createMatch(this.ctx, options);
    Object.assign(this, { roomId: parts.roomId, hostToken: parts.hostToken, creatorKey: parts.creatorKey, holdClock: parts.resumed });
    if (parts.resumed) this.autoDispose = false;
    this.host = new MatchHost(this.ctx, this.ctx.logger.child({ room: this.roomId }), parts.runner, parts.seats, parts.meta, parts.classroom, this.port);
    for (const [name, strategy] of parts.bots) this.host.seatNewPlayer(name, strategy);
    const { host } = this;
    this.live = {
      runner: host.runner, tickMs: [], dayTickMs: [], phase: () => host.meta.phase,
      connectedPlayers: () => [...this.clientInfo.values()].flatMap((i) => (i.playerId ? [i.playerId] : [])),
    };
    this.ctx.live.set(this.roomId, this.live);
    // What the listing shows; admission itself is seatPolicy.ts's (see hasReachedMaxClients).
    this.maxClients = host.meta.maxPlayers + this.ctx.config.maxSpectatorsPerRoom;
    // Private rooms and classroom sessions are never listed (lobby, /api/rooms): set before the first listing.
    if (host.meta.isPrivate || host.classroom) await this.setPrivate(true);
    this.setState(new MarketState());
    // Patches go out from `tick`, right after the sync that made them: in the same turn as that
    // sync's private deltas and events (one socket write per client instead of two), after the
    // days it sent as `history`, and no 20 Hz timer per room that mostly finds nothing to send.
    this.patchRate = 0;
    this.sync();
    // A crash between the last day (or the host's `end`) and saving the results: finish now.
    if (host.runner.ended && host.meta.phase !== 'ended') this.afterMessage(() => host.finish());
    for (const row of MESSAGE_TABLE.values()) this.onMessage(row.type, (client, payload: unknown) => this.receive(client, row.type, payload, (m) => dispatch(row, m, payload)));
    for (const type of [...HOST_ACTION_TYPES, '*']) {
      this.onMessage(type, (client, ...args: unknown[]) => {
        const name = type === '*' ? String(args[0]) : type;
        this.receive(client, name, args[type === '*' ? 1 : 0], () => refusalFor(name));
      });
    }
    this.setSimulationInterval((dt) => roomTicks.due(this.tickSlot, dt), TICK_MS);
    // A resumed room nobody comes back to closes after the grace; the match stays resumable from the store.
    if (this.holdClock) this.clock.setTimeout(() => this.holdClock && this.closeIdle(), this.ctx.config.resumeGraceSeconds * 1000);
    host.log.info({ scenario: host.runner.state.scenario.id, resumed: this.holdClock, day: host.runner.day }, 'room ready');
  }

  /** How the match reaches clients (matchHost.ts). */
  private readonly port: RoomPort = {
    broadcast: (type, body) => this.broadcast(type, body),
    sendToPlayer: (playerId, type, body) => {
      const sid = this.host.seats.seats.get(playerId)?.sessionId;
      if (sid) this.clients.find((c) => c.sessionId === sid)?.send(type, body);
    },
    sessions: () => this.sessions(),
  };

  /** Lazy: a tick with nothing to send builds nothing. */
  private *sessions(): Generator<{ sessionId: string; info: ClientInfo; send: <K extends ServerMessage>(type: K, body: ServerBody<K>) => void }> {
    for (const c of this.clients) {
      const info = this.clientInfo.get(c.sessionId);
      if (info) yield { sessionId: c.sessionId, info, send: <K extends ServerMessage>(type: K, body: ServerBody<K>) => c.send(type, body) };
    }
  }

  /** Runs once per create/join request, before any room exists for a create (hostKey.ts). */
  // eslint-disable-next-line @typescript-eslint/require-await -- Colyseus needs a promise here; `async` turns a throw into the rejection it reports to the client.
  static override async onAuth(_token: string, options: Record<string, unknown>, context: AuthContext): Promise<SeatAuth> {
    return authorise(options, context, roomContext().config.trustProxy);
  }

  /** Admission is seatPolicy.ts's, never the socket count: a full socket count must not lock out a seat's owner. */
  override hasReachedMaxClients(): boolean {
    return (this as unknown as { _internalState: number })._internalState === 2; // DISPOSING
  }

  override onJoin(client: Client, rawOptions: Record<string, unknown> = {}, auth?: unknown): void {
    const parsed = joinOptionsSchema.safeParse(rawOptions ?? {});
    if (!parsed.success) throw new Error('Bad join options.');
    const o = parsed.data;
    const who = seatAuthOf(auth);
    const { host } = this;
    // colyseus#917: a cached full state can be stale after changes made while nobody was connected.
    (this as unknown as { _serializer: { needFullEncode: boolean } })._serializer.needFullEncode = true;
    this.sync();
    const isCreator = this.creatorKey !== '' && sameSecret(who.creatorKey, this.creatorKey);
    const isHost = isCreator || (o.hostToken !== undefined && sameSecret(o.hostToken, this.hostToken));
    // A session's creator is the teacher: it watches unless it asks to play.
    let seat: Seat | null = null;
    if (o.spectate ?? (isCreator && host.classroom !== null)) {
      const { maxSpectatorsPerRoom: perRoom, maxSpectatorsPerAddress: perAddress } = this.ctx.config;
      const refusal = isHost ? null : sessionSpectatorRefusal(seatClassroom(host)) ?? spectatorRefusal(this.clientInfo.values(), who.ip, { perRoom, perAddress });
      if (refusal) throw new Error(refusal);
    } else {
      seat = takeSeat(host, o, this.reconnections, this.connected);
      host.seats.claim(seat, client.sessionId);
      if (isHost && !host.meta.hostPlayerId) {
        host.meta.hostPlayerId = seat.playerId;
        host.persistOptions();
      }
    }
    if (isCreator) this.creatorKey = '';
    const { config } = this.ctx;
    this.clientInfo.set(client.sessionId, {
      playerId: seat?.playerId ?? '', spectator: seat === null, isHost, ip: who.ip,
      bucket: new TokenBucket(config.rateLimitPerSecond, config.rateLimitBurst, Date.now()), rateErrorAtMs: 0, privateFeed: new PrivateFeedSender(),
    });
    if (this.holdClock) {
      this.holdClock = false;
      this.autoDispose = true;
      // People who do not come back to a resumed match count as leavers after the usual grace.
      this.clock.setTimeout(() => releaseUnclaimedSeats(host, (id) => this.reconnections.has(id), this.connected), config.reconnectSeconds * 1000);
    }
    host.metaDirty = true;
    this.welcome(client);
    host.log.info({ session: client.sessionId, playerId: seat?.playerId ?? null, isHost, ip: who.ip }, 'joined');
  }

  private welcome(client: Client): void {
    const info = this.clientInfo.get(client.sessionId);
    const room = { code: this.roomId, hostToken: this.hostToken, reconnectSeconds: this.ctx.config.reconnectSeconds, connected: this.connected };
    if (info) welcome(this.host, info, (type, body) => client.send(type, body), room);
  }

  private readonly connected = (sessionId: string) => this.clientInfo.has(sessionId);

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const info = this.clientInfo.get(client.sessionId);
    this.clientInfo.delete(client.sessionId);
    this.host.metaDirty = true;
    if (!info || this.ctx.shuttingDown) return;
    await seatLeft({
      host: this.host, reconnections: this.reconnections, reconnectSeconds: this.ctx.config.reconnectSeconds,
      allowReconnection: (c, seconds) => this.allowReconnection(c, seconds),
      welcomeBack: (back, backInfo) => {
        this.clientInfo.set(back.sessionId, backInfo);
        this.host.metaDirty = true;
        this.welcome(back);
      },
    }, client, info, consented);
  }

  /** A graceful shutdown tells clients the server is coming back (CLOSE_CODES), so they reconnect. */
  override disconnect(closeCode?: number): Promise<unknown> {
    return super.disconnect(this.ctx?.shuttingDown ? CLOSE_CODES.serverRestart : closeCode);
  }

  /** With this hook Colyseus catches exceptions in hooks and timers instead of crashing the process. */
  override onUncaughtException(err: RoomException<this>, methodName: string): void {
    // onCreate/onJoin errors are refusals the client sees (bad options, full room): not server faults.
    const log = this.host?.log ?? this.ctx?.logger;
    if (methodName === 'onCreate' || methodName === 'onJoin') log?.warn({ methodName, reason: err.message }, 'refused');
    else log?.error({ err: err.cause ?? err, methodName }, 'room exception');
  }

  private closeIdle(): void {
    this.idleClosed = true;
    this.host.log.info({ graceS: this.ctx.config.resumeGraceSeconds }, 'nobody came back: closing the resumed room');
    void this.disconnect();
  }

  override onDispose(): void {
    this.disposed = true;
    const { host, ctx } = this;
    ctx.live.delete(this.roomId);
    for (const seat of host.seats.seats.values()) seat.bot?.close(host.runner.day);
    updateLobby(this, true);
    if (host.meta.phase !== 'ended') {
      // Shut down or idle: the match stays resumable; otherwise everyone left and it is abandoned.
      const keep = ctx.shuttingDown || this.idleClosed;
      if (keep) host.runner.persistProgress();
      else host.runner.snapshot();
      ctx.store.setCurrentDay(this.roomId, host.runner.day);
      if (!keep) ctx.store.setStatus(this.roomId, 'abandoned');
    }
    host.log.info({ day: host.runner.day }, 'room disposed');
  }

  /** Rate limit and size cap, then the row; the verdict becomes `ack` or `error`. */
  private receive(client: Client, type: string, payload: unknown, run: (m: MessageCtx) => Verdict): void {
    const info = this.clientInfo.get(client.sessionId);
    if (!info) return;
    const { host } = this;
    const m: MessageCtx = { host, info, sessionId: client.sessionId, type, room: { broadcast: this.port.broadcast, reconnecting: (id) => this.reconnections.has(id), kick: (s) => kickSeat(host, s, this.reconnections, this.clients.find((c) => c.sessionId === s.sessionId), (sid) => this.clientInfo.delete(sid)) } };
    const answer = this.afterMessage(() => receive(m, payload, Date.now(), this.ctx.config.rateLimitPerSecond, run));
    if (!answer) return;
    client.send(answer.kind, answer.body);
    // The export's actions.csv shows refusals next to accepted actions.
    if (answer.kind === 'error') host.classroom?.logRejected(client.sessionId, host.runner.day, info.playerId || (info.isHost ? HOST_ACTOR : ''), type, answer.payload, answer.body.code, answer.body.message);
  }

  /** A match that ended inside `run` is synced and announced before the sender's answer. */
  private afterMessage<T>(run: () => T): T {
    const out = run();
    if (this.host.finished) this.sync();
    return out;
  }

  /** A tick runs outside the timer Colyseus guards: its exceptions go where the timer's would. */
  private sliceTick(dtMs: number): void {
    try {
      this.tick(dtMs);
    } catch (err) {
      this.onUncaughtException(new SimulationIntervalException(err as Error, 'tick') as RoomException<this>, 'setSimulationInterval');
    }
  }

  private tick(dtMs: number): void {
    const t0 = performance.now();
    const days = this.host.tick(dtMs, this.holdClock);
    let changed = false;
    let tickMs = 0;
    this.corked(() => {
      changed = this.sync();
      this.lastRoster = flushClassroom(this.host, this.port.sessions(), this.lastRoster, this.connected);
      // The tick figure stays engine + sync, as it was measured while patches had their own timer.
      tickMs = performance.now() - t0;
      this.broadcastPatch();
    });
    if (days === 0 && !changed) return;
    for (const ring of days > 0 ? [this.live.tickMs, this.live.dayTickMs] : [this.live.tickMs]) {
      ring.push(tickMs);
      if (ring.length > TICK_SAMPLES) ring.splice(0, ring.length - TICK_SAMPLES);
    }
  }

  /**
   * Holds every client's socket writes until `run` has sent all it sends (private delta, events,
   * patch…): one system call per client per tick instead of one per message.
   */
  private corked(run: () => void): void {
    const sockets: { cork(): void; uncork(): void }[] = [];
    for (const c of this.clients) {
      const socket = (c as unknown as { ref?: { _socket?: { cork(): void; uncork(): void } } }).ref?._socket;
      if (!socket) continue;
      socket.cork();
      sockets.push(socket);
    }
    try {
      run();
    } finally {
      for (const s of sockets) s.uncork();
    }
  }

  private sync(): boolean {
    const { host } = this;
    const metaChanged = host.metaDirty;
    if (!host.sync(this.state, this.connected)) return false;
    if (metaChanged || host.runner.day - this.lobbyDay >= LOBBY_REFRESH_DAYS) {
      this.lobbyDay = host.runner.day;
      void this.setMetadata(host.lobbyMetadata()).then(() => updateLobby(this));
    }
    return true;
  }
}
