/**
 * Message names and shapes exchanged with the `market` room (server/rooms/protocol.ts,
 * docs/protocol.md). Server message names come from shared/rules/messages.ts, the table the server
 * sends by, so the two cannot drift apart.
 */
import { SERVER_MESSAGES } from '../../../shared/rules/messages.js';

export const ROOM_NAME = 'market';

/** Set by client/vite.config.ts (`define`). */
declare const __BC_DEV_SERVER__: boolean;

export const MSG = SERVER_MESSAGES;

/** Classroom commands and student messages (docs/classroom.md). */
export const CLASS_MSG = Object.freeze({
  pause: 'pause',
  advance: 'advance',
  guessStart: 'guessStart',
  guessOpen: 'guessOpen',
  guessClose: 'guessClose',
  guess: 'guess',
  seatBots: 'seatBots',
  autoPause: 'autoPause',
});

/** Host commands as the server names them (the engine's injectEvent/endMatch are sent as inject/end). */
export const HOST_MSG = Object.freeze({
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  speed: 'speed',
  kick: 'kick',
  muteChat: 'muteChat',
  injectEvent: 'inject',
  endMatch: 'end',
});

/** shared/bots REFERENCE_STRATEGIES (a test keeps the two equal; the client does not bundle the bots). */
/** One row of `GET /api/bots`: a registry strategy or a program in the server's bot folder (BOTS_DIR). */
export interface BotListing {
  name: string;
  kind: 'registry' | 'folder';
  description: string;
}

export const BOT_STRATEGIES = Object.freeze(['random', 'hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser']);

export const SESSION_KEY = 'bc.session';

export interface StoredSession {
  roomId: string;
  reconnectionToken: string;
  seatToken: string;
  hostToken: string;
  name: string;
  /** Joined to watch (the teacher's projector, a spectator): after a restart it rejoins as one. */
  spectator?: boolean;
}

export interface CreateOptions {
  /** The creator's company name (join option); `name` names the room. */
  playerName: string;
  name?: string;
  scenario: string;
  daysPerSecond: number;
  bots: { strategy: string; count: number }[];
  private?: boolean;
  seed?: string;
  maxPlayers?: number;
  /** The creator watches instead of playing (a classroom teacher does by default). */
  spectate?: boolean;
  /** Makes the room a classroom session (docs/classroom.md). */
  classroom?: ClassroomOptions;
}

export type MarketKey = 'btcTrading' | 'leaseBook' | 'tenders' | 'hosting' | 'loans' | 'equity' | 'contest';
export const MARKET_KEYS: readonly MarketKey[] = Object.freeze(['btcTrading', 'leaseBook', 'tenders', 'hosting', 'loans', 'equity', 'contest']);

/** The `classroom` create option (docs/classroom.md, "Creating a session"). */
export interface ClassroomOptions {
  startingCashUsd?: number;
  marketsOpen?: Partial<Record<MarketKey, boolean>>;
  events?: { day: number; kind: string; params?: Record<string, unknown>; headline?: string }[];
  contestPeriodDays?: number;
  maxStakeUsd?: number;
  anonymousNames?: boolean;
  chat?: boolean;
  /** Each label gets a personal link (`roster.links`); a label alone lets nobody in. */
  labels?: string[];
  /** With labels: also admit people without a personal link, as new unlabelled seats. */
  allowGuests?: boolean;
  /** The teacher's name or course, for session.csv. */
  teacher?: string;
}

/** The synced `classroom` block plus the room's discussion question. */
export interface ClassroomState {
  enabled: boolean;
  anonymousNames: boolean;
  chat: boolean;
  markets: Record<MarketKey, boolean>;
  guessGame: number;
  guessRound: number;
  guessOpen: boolean;
  guessCount: number;
  question: string;
}

/** A `chat` broadcast (sessions with chat on). */
export interface ChatLine {
  playerId: string;
  name: string;
  text: string;
  day: number;
  at: string;
}

/** The teacher-only `roster` message. */
export interface RosterEntry {
  playerId: string;
  name: string;
  displayName: string;
  label: string | null;
  kind: 'student' | 'bot';
  control: string;
  connected: boolean;
  joinedDay: number;
  /** A bot runs this student's company while they are away (the teacher's switch; off by default). */
  awayBot?: boolean;
}

/** A scheduled event still to come (server/classroom/schedule.ts): it fires in the step played from `day`. */
export interface UpcomingEvent {
  day: number;
  kind: string;
  headline: string;
}

/** One label's personal join link, in the teacher-only `roster` message. */
export interface StudentLink {
  label: string;
  key: string;
}

export interface RoomListing {
  roomId: string;
  clients: number;
  maxClients: number;
  code?: string;
  name?: string;
  scenarioId?: string;
  phase?: string;
  day?: number;
  endDay?: number;
  seats?: number;
  humans?: number;
  maxPlayers?: number;
  /** A classroom session: students join it through the class join page. */
  classroom?: boolean;
}

export interface ScenarioListing {
  id: string;
  name: string;
  description: string;
  startDate: string;
  days: number;
  /** The room's pace when the creator names none (~25 minutes a match); older servers omit it. */
  defaultDaysPerSecond?: number;
}

/**
 * Where the server lives: the page's own origin (the server serves the built client), the game
 * server's default port under `npm run dev:client`, or `?server=host:port`.
 */
export function serverEndpoint(loc: Location = window.location): { ws: string; http: string } {
  const override = new URLSearchParams(loc.search).get('server');
  const dev = typeof __BC_DEV_SERVER__ !== 'undefined' && __BC_DEV_SERVER__;
  const host = override ?? (dev ? `${loc.hostname}:2567` : loc.host);
  const secure = loc.protocol === 'https:';
  // Under the dev server the REST API goes through Vite's /api proxy (same origin, no CORS).
  const httpHost = override ?? loc.host;
  return { ws: `${secure ? 'wss' : 'ws'}://${host}`, http: `${secure ? 'https' : 'http'}://${httpHost}` };
}
