/**
 * What the game screen needs from a source of views: the live network service and the replay
 * player both implement it, so the same widgets draw a live match and a recorded one.
 */
import type { Action } from '../../../shared/rules/actions.js';
import type { GameEvent } from '../../../shared/rules/types.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { Emitter } from '../util/Emitter.js';
import type { SeriesStore } from './SeriesStore.js';
import type { ChatLine, ClassroomState, GuessMessage, MatchEnd, RosterEntry, Standing } from '../net/protocol.js';

export type ActionResult = { ok: true } | { ok: false; code: string; message: string };

export type ConnectionState = 'connected' | 'reconnecting' | 'lost' | 'offline';

/** Room-level status the engine does not know about: the waiting room, pause and pace. */
export interface RoomInfo {
  code: string;
  /** The server's room phase: 'waiting' until the host starts. */
  status: 'waiting' | 'running' | 'paused' | 'ended';
  scenarioId: string;
  daysPerSecond: number;
  hostId: string;
  seats: { id: string; name: string; colorIndex: number; bot: boolean; connected: boolean }[];
}

export interface FeedEvents {
  view: PlayerView;
  events: GameEvent[];
  room: RoomInfo;
  connection: ConnectionState;
  /** A problem not tied to a form (kicked, room gone, unknown message). */
  notice: { code: string; message: string };
  /** The server's final standings (sorted by market cap). */
  ended: MatchEnd;
  /** Classroom sessions only (docs/classroom.md): the ⅔ game, the teacher's roster, the synced cues. */
  guess: GuessMessage;
  roster: RosterEntry[];
  classroom: ClassroomState;
  chat: ChatLine;
}

/** The `guess`, `ended` messages and a standings row: defined once in shared/protocol. */
export type { GuessMessage, MatchEnd, Standing };

/** A host command as the screens send it; NetworkService maps the engine's `injectEvent` / `endMatch` to the room's `inject` / `end`. */
export type HostCommand =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'speed'; daysPerSecond: number }
  | { type: 'kick'; playerId: string }
  | { type: 'muteChat'; muted: boolean }
  | Extract<Action, { type: 'injectEvent' | 'endMatch' }>;

export interface MatchFeed {
  readonly bus: Emitter<FeedEvents>;
  readonly series: SeriesStore;
  readonly view: PlayerView | null;
  readonly room: RoomInfo | null;
  /** False for replays and spectators: forms are shown read-only. */
  readonly canAct: boolean;
  readonly isHost: boolean;
  send(action: Action): Promise<ActionResult>;
  host(cmd: HostCommand): Promise<ActionResult>;
}
