/**
 * Every message a `market` room sends, by name: zod schema, inferred body type and the frozen
 * name registry (`SERVER_MESSAGES`). The server sends through `ServerBody<K>`, the client and the
 * online bot read through the same types, so a renamed field breaks the build on both sides.
 * Large engine-shaped bodies (the player's private card, events) are typed with `z.custom`: they
 * are built by shared/ code the types already pin, and validating them again would cost every patch.
 */
import * as z from 'zod';
import type { GuessView } from '../classroom/guess.js';
import type { HardwareModelSpec, RegionSpec, Scenario } from '../economy/scenarios/types.js';
import type { DaySummary } from '../rules/summary.js';
import type { GameEvent } from '../rules/types.js';
import type { PrivatePayload } from '../sync/privateFeed.js';
import type { PrivateDelta, PrivateFull } from '../sync/privateDelta.js';
import { SERVER_MESSAGES } from './names.js';
import type { RoomErrorCode } from './room.js';

export { SERVER_MESSAGES };
export type ServerMessage = (typeof SERVER_MESSAGES)[keyof typeof SERVER_MESSAGES];

const ref = z.union([z.string(), z.number()]).nullable();

/** The static scenario data a screen needs once (the synced state carries only what changes). */
export type WelcomeScenario = Pick<Scenario, 'id' | 'name' | 'description' | 'startDate' | 'days' | 'halvingInterval' | 'capex' | 'finance' | 'contest' | 'hardware'> & {
  regions: RegionSpec[];
  catalogue: HardwareModelSpec[];
};

export const welcomeSchema = z.object({
  roomCode: z.string(),
  /** '' for a spectator. */
  playerId: z.string(),
  spectator: z.boolean(),
  isHost: z.boolean(),
  /** The seat's own token (rejoin after a restart); '' for a spectator. */
  seatToken: z.string(),
  /** Only the host is told the host token. */
  hostToken: z.string(),
  reconnectSeconds: z.number(),
  scenario: z.custom<WelcomeScenario>((v) => typeof v === 'object' && v !== null),
});
export type Welcome = z.infer<typeof welcomeSchema>;

export interface Standing {
  playerId: string;
  name: string;
  strategy: string;
  navUsd: number;
  marketCapUsd: number;
  multiple: number;
  bankrupt: boolean;
  /** The headline score: founders' stake at market and at NAV (shared/rules/score.ts). */
  scoreMarketUsd: number;
  scoreNavUsd: number;
}

/** The `guess` message: the ⅔ view plus which game it is (1-based). */
export type GuessMessage = GuessView & { game: number };

/** One line of the teacher-only `roster` message. */
export interface RosterEntry {
  playerId: string;
  /** The real name (the name the student typed, or the label). */
  name: string;
  /** What other players see (the anonymous name when names are anonymous). */
  displayName: string;
  /** '' when the seat has no label. */
  label: string;
  kind: 'student' | 'bot';
  control: string;
  connected: boolean;
  /** A bot runs this student's company while they are away (the teacher's `seatBots` switch; off by default). */
  awayBot: boolean;
}

/** A scheduled event still to come (server/classroom/schedule.ts): it fires in the step played from `day`. */
export interface UpcomingEvent {
  day: number;
  kind: string;
  headline: string;
}

/** A label's personal join link (`/?join=CODE&key=KEY`): only the teacher is given these. */
export interface StudentLink {
  label: string;
  key: string;
}

export const chatLineSchema = z.object({ playerId: z.string(), name: z.string(), text: z.string(), day: z.number(), at: z.string() });
export type ChatLine = z.infer<typeof chatLineSchema>;

export const serverMessageSchemas = {
  welcome: welcomeSchema,
  /** The whole chart series so far, once per join (the synced chart holds recent days only). */
  history: z.object({ days: z.custom<DaySummary[]>(Array.isArray) }),
  /** The whole private payload and the feed's `seq` (on join, reconnection, `resyncPrivate`, or when a delta would be larger). */
  private: z.custom<PrivateFull>((v) => typeof v === 'object' && v !== null),
  /** Only what changed since the message with `seq - 1` (shared/sync/privateDelta.ts). */
  privateDelta: z.custom<PrivateDelta>((v) => typeof v === 'object' && v !== null),
  events: z.object({ events: z.custom<GameEvent[]>(Array.isArray) }),
  myEvents: z.object({ events: z.custom<GameEvent[]>(Array.isArray) }),
  ack: z.object({
    ref, type: z.string(), day: z.number(),
    /** `advance`: what the teacher's advance did. */
    advanced: z.enum(['guess', 'start', 'contest']).optional(),
    /** `guess`: the round the guess counted in and the value. */
    round: z.number().optional(),
    value: z.unknown().optional(),
  }),
  error: z.object({ code: z.custom<RoomErrorCode>((v) => typeof v === 'string'), message: z.string(), ref, type: z.string() }),
  ended: z.object({ finalDay: z.number(), stateHash: z.string(), standings: z.custom<Standing[]>(Array.isArray) }),
  kicked: z.object({ reason: z.string() }),
  guess: z.custom<GuessMessage>((v) => typeof v === 'object' && v !== null),
  roster: z.object({
    students: z.custom<RosterEntry[]>(Array.isArray), links: z.custom<StudentLink[]>(Array.isArray),
    /** Teacher's calendar: scheduled events to come, and the auto-pause switch. */
    schedule: z.custom<UpcomingEvent[]>(Array.isArray), autoPause: z.boolean(),
  }),
  chat: chatLineSchema,
} as const satisfies Record<ServerMessage, z.ZodType>;

/** The body of server message `K`. */
export type ServerBody<K extends ServerMessage> = z.infer<(typeof serverMessageSchemas)[K]>;
export type ErrorMessage = ServerBody<'error'>;
export type MatchEnd = ServerBody<'ended'>;
export type { PrivateDelta, PrivateFull, PrivatePayload };
