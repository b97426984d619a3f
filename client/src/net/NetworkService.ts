/**
 * The one path from the network into scenes. Wraps colyseus.js: matchmaking, the `market` room,
 * schema patches → PlayerView, owner-only private data, action acks/errors matched by `ref`, host
 * commands, and reconnection (0.16 has none built in) with the tokens kept in sessionStorage so a
 * page reload returns to the same seat.
 */
import { Client, type Room } from 'colyseus.js';
import type { Action } from '../../../shared/rules/actions.js';
import type { GameEvent } from '../../../shared/rules/types.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { DaySummary } from '../../../shared/rules/summary.js';
import { Emitter } from '../util/Emitter.js';
import { CLOSE_CODES } from '../../../shared/protocol/names.js';
import { SeriesStore } from '../core/SeriesStore.js';
import { keepUndrawnDay } from '../core/undrawnDay.js';
import { followPrivateFeed } from '../../../shared/sync/privateDelta.js';
import type { ActionResult, ConnectionState, FeedEvents, GuessMessage, HostCommand, MatchEnd, MatchFeed, RoomInfo } from '../core/MatchFeed.js';
import { classroomFrom, roomInfoFrom, viewFromState, type PrivateMessage, type StateJson, type Welcome } from './viewAdapter.js';
import {
  HOST_MSG, MSG, ROOM_NAME, SESSION_KEY, serverEndpoint, type Body, type ChatLine, type ClassroomState, type ClientMessage, type CreateOptions, type RosterEntry,
  type RoomListing, type ScenarioListing, type StoredSession, type StudentLink, type BotListing, type UpcomingEvent,
} from './protocol.js';

/** No answer within this window: treat as lost (the server always answers `ack` or `error`). */
const ACK_TIMEOUT_MS = 8000;
const RECONNECT_MAX_DELAY_MS = 3000;
/** Refusals a retry cannot change: stop trying and say so. */
const FINAL_REFUSAL = /not yours any more|has ended|not valid|removed you/i;
const CHAT_KEEP = 60;
/** localStorage: the label (and its seat token) this device took in a session, per room code. */
const LABEL_CLAIM_KEY = 'bc.labelSeat.';

function labelClaim(code: string): { label: string; seatToken: string } | null {
  try {
    const raw = JSON.parse(localStorage.getItem(LABEL_CLAIM_KEY + code) ?? 'null') as { label?: unknown; seatToken?: unknown } | null;
    return raw && typeof raw.label === 'string' && typeof raw.seatToken === 'string' ? { label: raw.label, seatToken: raw.seatToken } : null;
  } catch {
    return null;
  }
}

interface Pending {
  resolve: (r: ActionResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class NetworkService implements MatchFeed {
  readonly bus = new Emitter<FeedEvents>();
  readonly series = new SeriesStore();
  view: PlayerView | null = null;
  room: RoomInfo | null = null;
  welcome: Welcome | null = null;
  ended: MatchEnd | null = null;
  connection: ConnectionState = 'offline';
  /** When the current outage began (ms since epoch), for the on-screen status. */
  reconnectSince = 0;
  /** Classroom sessions: the latest ⅔ view, the teacher's roster and the synced classroom cues. */
  guess: GuessMessage | null = null;
  roster: RosterEntry[] = [];
  /** Teacher only: scheduled events still to come, and whether the class pauses before each. */
  schedule: UpcomingEvent[] = [];
  autoPause = false;
  /** The teacher's personal link keys, one per label (from the `roster` message). */
  studentLinks: StudentLink[] = [];
  classroom: ClassroomState | null = null;
  /** The latest chat lines of a session with chat on, oldest first. */
  chat: ChatLine[] = [];

  private readonly client: Client;
  private readonly http: string;
  private active: Room | null = null;
  private priv: PrivateMessage | null = null;
  private session: StoredSession | null = null;
  /** A label just tapped on the class list: its seat token is kept for this device once the welcome brings it. */
  private claimedLabel: { code: string; label: string } | null = null;
  private pending = new Map<string, Pending>();
  private refSeq = 0;
  private closing = false;
  private lastJson: StateJson | null = null;
  /** The synced state the current view was built from. */
  private drawnJson: StateJson | null = null;
  private publishQueued = false;

  constructor(endpoint = serverEndpoint()) {
    this.client = new Client(endpoint.ws);
    this.http = endpoint.http;
  }

  get canAct(): boolean {
    return Boolean(this.welcome && !this.welcome.spectator);
  }

  get isHost(): boolean {
    return Boolean(this.welcome?.isHost);
  }

  get playerId(): string {
    return this.welcome?.playerId ?? '';
  }

  get roomCode(): string {
    return this.welcome?.roomCode ?? this.active?.roomId ?? '';
  }

  get hostToken(): string {
    return this.session?.hostToken ?? '';
  }

  async listRooms(): Promise<RoomListing[]> {
    return this.getJson<RoomListing[]>('/api/rooms');
  }

  /** The listing of one room by its code (private ones too), or null when there is none. */
  async findRoom(code: string): Promise<RoomListing | null> {
    const res = await fetch(`${this.http}/api/rooms/${encodeURIComponent(code.trim().toUpperCase())}`);
    return res.ok ? ((await res.json()) as RoomListing) : null;
  }

  async listScenarios(): Promise<ScenarioListing[]> {
    return this.getJson<ScenarioListing[]>('/api/scenarios');
  }

  /** Bots a host may seat: the built-in strategies and the programs in the server's bot folder. */
  async listBots(): Promise<BotListing[]> {
    return this.getJson<BotListing[]>('/api/bots');
  }

  private async getJson<T>(path: string): Promise<T> {
    const res = await fetch(`${this.http}${path}`);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  }

  async create(opts: CreateOptions): Promise<void> {
    const room = await this.client.create(ROOM_NAME, opts);
    this.attach(room, opts.playerName, '');
  }

  async join(code: string, name: string, spectate = false): Promise<void> {
    const room = await this.client.joinById(code.trim().toUpperCase(), { playerName: name, ...(spectate ? { spectate } : {}) });
    this.attach(room, name, '');
  }

  /**
   * A student joining a session: with the key of their personal link (`/?join=CODE&key=KEY`, the
   * seat of their label) or, where the teacher admits guests, with a name alone.
   */
  async joinSession(code: string, name: string, key: string, label = ''): Promise<void> {
    const id = code.trim().toUpperCase();
    const options: Record<string, string> = {};
    if (name.trim()) options.playerName = name.trim();
    if (key.trim()) options.studentKey = key.trim();
    if (label) {
      options.label = label;
      // The device that took this label comes back with the seat token it got, even in a new tab.
      const claim = labelClaim(id);
      if (claim && claim.label.toLowerCase() === label.toLowerCase()) options.seatToken = claim.seatToken;
    }
    let room: Room;
    try {
      room = await this.client.joinById(id, options);
    } catch (e) {
      if (!options.seatToken || !/not yours/i.test((e as Error).message ?? '')) throw e;
      // A seat token the teacher revoked: the label itself decides (taken or free).
      localStorage.removeItem(LABEL_CLAIM_KEY + id);
      delete options.seatToken;
      room = await this.client.joinById(id, options);
    }
    this.claimedLabel = label ? { code: id, label } : null;
    this.attach(room, name.trim() || label, '');
  }

  /** The label this device took in a "choose your name from the list" session, if any. */
  labelClaimFor(code: string): string | null {
    return labelClaim(code.trim().toUpperCase())?.label ?? null;
  }

  /**
   * The teacher link (`/?teach=CODE&token=TOKEN`): asks the server about the session first, so no
   * request fails in the console. A live room is joined as host and spectator; an unfinished session
   * whose room is gone (everyone left, a server restart) is reopened first; an ended one that is no
   * longer live has nothing to join (`'ended'`: its debrief and export still work over HTTP).
   */
  async teach(code: string, token: string): Promise<'joined' | 'ended'> {
    const id = code.trim().toUpperCase();
    const q = `token=${encodeURIComponent(token)}`;
    const res = await fetch(`${this.http}/api/sessions/${id}?${q}`);
    if (!res.ok) throw new Error(await errorText(res));
    const info = (await res.json()) as { live?: boolean; status?: string };
    if (!info.live) {
      if (info.status === 'ended') return 'ended';
      const open = await fetch(`${this.http}/api/sessions/${id}/open?${q}`, { method: 'POST' });
      if (!open.ok) throw new Error(await errorText(open));
    }
    this.attach(await this.client.joinById(id, { hostToken: token, spectate: true }), 'teacher', token);
    return 'joined';
  }

  /** Any room message with an ack (classroom commands, chat, a student's guess), typed by shared/protocol. */
  command<K extends ClientMessage>(type: K, body: Body<K>): Promise<ActionResult> {
    return this.request(type, body);
  }

  get httpBase(): string {
    return this.http;
  }

  storedSession(): StoredSession | null {
    try {
      const raw = sessionStorage.getItem(SESSION_KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }

  /** After a page reload: back into the same seat, by reconnection token or else by seat token. */
  async resume(): Promise<boolean> {
    const stored = this.storedSession();
    if (!stored) return false;
    this.session = stored;
    if ((await this.rejoin()) === true) return true;
    sessionStorage.removeItem(SESSION_KEY);
    this.session = null;
    return false;
  }

  /**
   * The reconnection token works while the server holds the seat; after a server restart tokens are
   * gone, and the seat token (plus the host token) claims the seat back under the same room code. A
   * teacher's projector comes back with its host token, reopening the session if its room is gone.
   * Returns 'final' when the server refused for good (seat taken away, match over).
   */
  private async rejoin(): Promise<boolean | 'final'> {
    const s = this.session;
    if (!s) return false;
    try {
      this.attach(await this.client.reconnect(s.reconnectionToken), s.name, s.hostToken);
      return true;
    } catch {
      try {
        if (s.seatToken && !s.spectator) {
          const options: Record<string, string> = { playerName: s.name, seatToken: s.seatToken };
          if (s.hostToken) options.hostToken = s.hostToken;
          this.attach(await this.client.joinById(s.roomId, options), s.name, s.hostToken);
        } else if (s.hostToken) {
          if ((await this.teach(s.roomId, s.hostToken)) === 'ended') return 'final';
        } else if (s.spectator) {
          this.attach(await this.client.joinById(s.roomId, { spectate: true }), s.name, '');
        } else return false;
        return true;
      } catch (e) {
        return FINAL_REFUSAL.test((e as Error).message ?? '') ? 'final' : false;
      }
    }
  }

  async leave(): Promise<void> {
    this.closing = true;
    sessionStorage.removeItem(SESSION_KEY);
    // Also ends a reconnect loop in progress: there is no session to go back to.
    this.session = null;
    const room = this.active;
    const wasConnected = this.connection === 'connected';
    this.active = null;
    this.reset();
    // A socket that is already gone never answers a leave: do not wait for it.
    if (room && wasConnected) await room.leave(true).catch(() => undefined);
    this.setConnection('offline');
    this.closing = false;
  }

  private reset(): void {
    this.view = null;
    this.room = null;
    this.welcome = null;
    this.ended = null;
    this.priv = null;
    this.lastJson = null;
    this.drawnJson = null;
    this.guess = null;
    this.roster = [];
    this.schedule = [];
    this.autoPause = false;
    this.studentLinks = [];
    this.classroom = null;
    this.chat = [];
    this.series.clear();
  }

  send(action: Action): Promise<ActionResult> {
    const { type, ...body } = action;
    return this.request(type as ClientMessage, body);
  }

  host(cmd: HostCommand): Promise<ActionResult> {
    const { type, ...body } = cmd;
    return this.request(HOST_MSG[type], body);
  }

  private request(type: ClientMessage, body: Record<string, unknown>): Promise<ActionResult> {
    const room = this.active;
    if (!room || this.connection !== 'connected') return Promise.resolve({ ok: false, code: 'OFFLINE', message: 'Not connected; wait for the reconnect.' });
    const ref = `r${++this.refSeq}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(ref, { ok: false, code: 'TIMEOUT', message: 'No answer from the server.' }), ACK_TIMEOUT_MS);
      this.pending.set(ref, { resolve, timer });
      room.send(type, { ...body, ref });
    });
  }

  private settle(ref: unknown, result: ActionResult): void {
    const p = typeof ref === 'string' ? this.pending.get(ref) : undefined;
    if (!p || typeof ref !== 'string') return;
    clearTimeout(p.timer);
    this.pending.delete(ref);
    p.resolve(result);
  }

  private attach(room: Room, name: string, hostToken: string): void {
    this.active = room;
    this.session = { roomId: room.roomId, reconnectionToken: room.reconnectionToken, seatToken: this.session?.seatToken ?? '', hostToken: hostToken || this.session?.hostToken || '', name };
    this.persist();
    room.onStateChange((state) => {
      const json = (state as unknown as { toJSON(): StateJson }).toJSON();
      // A day no frame drew (a background tab, a slow device) still belongs in the charts.
      keepUndrawnDay(this.series, this.undrawn(), json.world?.day, (j) => this.viewOf(j));
      this.lastJson = json;
      this.schedulePublish();
    });
    room.onMessage(MSG.welcome, (w: Welcome) => {
      this.welcome = w;
      if (this.session) {
        this.session.seatToken = w.seatToken || this.session.seatToken;
        this.session.hostToken = w.hostToken || this.session.hostToken;
        this.session.spectator = w.spectator;
        this.persist();
      }
      if (this.claimedLabel && w.seatToken) {
        localStorage.setItem(LABEL_CLAIM_KEY + this.claimedLabel.code, JSON.stringify({ label: this.claimedLabel.label, seatToken: w.seatToken }));
        this.claimedLabel = null;
      }
      this.schedulePublish();
    });
    // Whole on join, then deltas (shared/sync/privateDelta.ts); a gap asks the server for a whole one.
    followPrivateFeed(room, (p) => {
      this.priv = p;
      this.schedulePublish();
    });
    room.onMessage(MSG.history, (msg: { days: DaySummary[] }) => {
      // These days come after the state not drawn yet: its own day first, or the series would skip it.
      keepUndrawnDay(this.series, this.undrawn(), undefined, (j) => this.viewOf(j));
      for (const d of msg.days ?? []) this.series.addMarket(d);
    });
    // The contest history is in the synced state (and own payouts in `private`): events only animate.
    const onEvents = (msg: { events: GameEvent[] }) => this.bus.emit('events', msg.events ?? []);
    room.onMessage(MSG.events, onEvents);
    room.onMessage(MSG.myEvents, onEvents);
    room.onMessage(MSG.error, (err: { code: string; message: string; ref?: string | null }) => {
      if (typeof err.ref === 'string' && this.pending.has(err.ref)) this.settle(err.ref, { ok: false, code: err.code, message: err.message });
      else this.bus.emit('notice', { code: err.code, message: err.message });
    });
    room.onMessage(MSG.guess, (msg: GuessMessage) => {
      this.guess = msg;
      this.bus.emit('guess', msg);
    });
    room.onMessage(MSG.roster, (msg: { students?: RosterEntry[]; links?: StudentLink[]; schedule?: UpcomingEvent[]; autoPause?: boolean }) => {
      this.roster = msg.students ?? [];
      if (msg.links) this.studentLinks = msg.links;
      this.schedule = msg.schedule ?? [];
      this.autoPause = msg.autoPause === true;
      this.bus.emit('roster', this.roster);
    });
    room.onMessage(MSG.chat, (line: ChatLine) => {
      this.chat.push(line);
      if (this.chat.length > CHAT_KEEP) this.chat.shift();
      this.bus.emit('chat', line);
    });
    room.onMessage(MSG.ack, (msg: { ref?: string }) => this.settle(msg.ref, { ok: true }));
    room.onMessage(MSG.ended, (msg: MatchEnd) => {
      this.ended = msg;
      // An ended match has no seat to come back to: the title must not try to rejoin it.
      sessionStorage.removeItem(SESSION_KEY);
      this.bus.emit('ended', msg);
    });
    room.onMessage(MSG.kicked, (msg: { reason: string }) => {
      sessionStorage.removeItem(SESSION_KEY);
      this.bus.emit('notice', { code: 'KICKED', message: msg.reason });
    });
    room.onLeave((code) => {
      if (this.active !== room || this.closing) return;
      // 1000/4000: a normal or consented close (left, kicked, room closed): nothing to come back to.
      // A server going down to restart says so (CLOSE_CODES.serverRestart): that one comes back.
      // An ended match is a record: a restarted server does not bring its room back.
      if (code === 1000 || code === CLOSE_CODES.consented || this.ended) {
        this.setConnection('lost');
        return;
      }
      void this.reconnectLoop();
    });
    this.setConnection('connected');
  }

  /** Patches arrive up to 20× a second; views are rebuilt at most once per animation frame. */
  private schedulePublish(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    requestAnimationFrame(() => {
      this.publishQueued = false;
      this.publish();
    });
  }

  /** The synced state no view was built from yet, if any. */
  private undrawn(): StateJson | null {
    return this.lastJson !== this.drawnJson ? this.lastJson : null;
  }

  private viewOf(json: StateJson): PlayerView | null {
    return this.welcome && json.world?.date ? viewFromState(json, this.welcome, this.priv) : null;
  }

  private publish(): void {
    const json = this.lastJson;
    if (!json) return;
    const info = roomInfoFrom(json);
    if (!this.room || JSON.stringify(info) !== JSON.stringify(this.room)) {
      this.room = info;
      this.bus.emit('room', info);
    }
    const cls = classroomFrom(json);
    if (cls && JSON.stringify(cls) !== JSON.stringify(this.classroom)) {
      this.classroom = cls;
      this.bus.emit('classroom', cls);
    }
    if (!this.welcome || !json.world?.date) return;
    const view = viewFromState(json, this.welcome, this.priv);
    this.drawnJson = json;
    this.view = view;
    this.series.addView(view);
    this.bus.emit('view', view);
  }

  /**
   * Tries again until it is back in, the server refuses for good, or the user leaves: a server
   * restart can take longer than any fixed window, and the class waits for it.
   */
  private async reconnectLoop(): Promise<void> {
    this.reconnectSince = Date.now();
    this.setConnection('reconnecting');
    let delay = 250;
    while (!this.closing && this.session) {
      await new Promise((r) => setTimeout(r, delay));
      if (this.closing || !this.session) break;
      const back = await this.rejoin();
      if (back === true) return;
      if (back === 'final') break;
      delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS);
    }
    if (!this.closing) {
      this.session = null;
      sessionStorage.removeItem(SESSION_KEY);
      this.setConnection('lost');
    }
  }

  private setConnection(c: ConnectionState): void {
    if (c === this.connection) return;
    this.connection = c;
    this.bus.emit('connection', c);
  }

  private persist(): void {
    if (this.session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(this.session));
  }
}


async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { message?: string; error?: string } | null;
  return body?.message ?? body?.error ?? `HTTP ${res.status}`;
}
