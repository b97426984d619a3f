/**
 * The client's side of the wire: everything about messages comes from shared/protocol (the one
 * definition the server and the online bot use too); what is here is the browser's own (where the
 * server lives, the tokens kept across a reload).
 */
import { HOST_ACTION_MESSAGES, SERVER_MESSAGES, type Body, type ClientMessage, type CreateRequest } from '../../../shared/protocol/index.js';
import type { ActionResult } from '../core/MatchFeed.js';

export {
  BOT_STRATEGIES, CLIENT_MESSAGES, MARKET_KEYS, ROOM_NAME,
  type BotListing, type Body, type ChatLine, type ClassroomOptions, type ClientMessage, type GuessMessage, type MarketKey, type MatchEnd,
  type RosterEntry, type RoomListing, type ScenarioListing, type Standing, type StudentLink, type UpcomingEvent, type Welcome,
} from '../../../shared/protocol/index.js';
export type { ClassroomState, PrivateMessage, StateJson } from '../../../shared/sync/viewAdapter.js';

/** Set by client/vite.config.ts (`define`). */
declare const __BC_DEV_SERVER__: boolean;

export const MSG = SERVER_MESSAGES;

/** A typed send with an ack: the body must be the one shared/protocol defines for `type`. */
export type Command = <K extends ClientMessage>(type: K, body: Body<K>) => Promise<ActionResult>;

/** What the title screen and the teacher's setup send to create a room (room options + the creator's join options). */
export type CreateOptions = CreateRequest & { playerName: string };

/** Host commands as the server names them (the engine's injectEvent/endMatch are sent as inject/end). */
export const HOST_MSG = Object.freeze({
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  speed: 'speed',
  kick: 'kick',
  muteChat: 'muteChat',
  ...HOST_ACTION_MESSAGES,
} as const);

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
