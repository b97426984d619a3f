/** What the HTTP API lists (server/http/api.ts): rows the title screen and the teacher's setup read. */
import { REFERENCE_STRATEGIES } from '../bots/reference.js';

/** The strategies the title screen offers (shared/bots/reference.ts: a plain list, no bot code). */
export const BOT_STRATEGIES = REFERENCE_STRATEGIES;

/** One row of `GET /api/bots`: a registry strategy or a program in the server's bot folder (BOTS_DIR). */
export interface BotListing {
  name: string;
  kind: 'registry' | 'folder';
  description: string;
}

/** One row of `GET /api/rooms`: Colyseus's listing plus the room's metadata (MarketRoom lobbyMetadata). */
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
