/**
 * The `market` room's wire vocabulary: create/join options, host commands and server messages.
 * docs/protocol.md describes the same things for people writing clients.
 */
import * as z from 'zod';
import { EVENT_KINDS } from '../economy/scenarios/types.js';
import type { ErrorCode } from '../rules/types.js';
import { MAX_DAYS_PER_SECOND, MIN_DAYS_PER_SECOND } from '../rules/pace.js';
import type { ClassroomErrorCode, ClassroomOptions } from './classroom.js';

/** Every code a room may send in `error`: the engine's plus the server's own (classroom sessions). */
export type RoomErrorCode = ErrorCode | ClassroomErrorCode;

export const ROOM_NAME = 'market';

/** Pace bounds live in shared/rules/pace.ts so the client's menus offer exactly what rooms accept. */
export { MIN_DAYS_PER_SECOND, MAX_DAYS_PER_SECOND, defaultDaysPerSecond } from '../rules/pace.js';
export const MAX_PLAYERS_LIMIT = 100;
/** Decoded client messages above this many bytes of JSON are refused with TOO_LARGE. */
export const MAX_MESSAGE_JSON_BYTES = 4096;

const daysPerSecond = z.number().finite().min(MIN_DAYS_PER_SECOND).max(MAX_DAYS_PER_SECOND);

export const createOptionsSchema = z.object({
  scenario: z.string().min(1).max(64),
  seed: z.union([z.string().max(64), z.number().finite()]).optional(),
  daysPerSecond: daysPerSecond.optional(),
  maxPlayers: z.number().int().min(1).max(MAX_PLAYERS_LIMIT).optional(),
  bots: z.array(z.object({ strategy: z.string().min(1).max(64), count: z.number().int().min(0).max(MAX_PLAYERS_LIMIT) })).max(32).optional(),
  private: z.boolean().optional(),
  name: z.string().max(60).optional(),
  leaverPolicy: z.enum(['bot', 'freeze']).optional(),
  /** Makes the room a classroom session; validated by server/classroom/settings.ts. */
  classroom: z.record(z.string(), z.unknown()).optional(),
});
export type CreateOptions = z.infer<typeof createOptionsSchema>;

export const joinOptionsSchema = z.object({
  /** Company name shown to everyone (the create option `name` names the room). */
  playerName: z.string().max(40).optional(),
  spectate: z.boolean().optional(),
  seatToken: z.string().max(64).optional(),
  hostToken: z.string().max(64).optional(),
  /** A label of a session whose teacher lets students choose their name from the list (`classroom.labelList`); else reached by `studentKey`. */
  label: z.string().max(40).optional(),
  /** Classroom sessions: the key of a student's personal link (`/?join=CODE&key=…`); the same key always gets the same seat. */
  studentKey: z.string().max(64).optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

/**
 * What a creating client sends: Colyseus hands the same options to `onCreate` (room options) and
 * `onJoin` (the creator's join options), so the creator names its company and may watch.
 */
export type CreateRequest = Omit<CreateOptions, 'classroom'> & JoinOptions & { classroom?: ClassroomOptions };

/** Host-only messages and their payloads. */
export const hostCommandSchemas = {
  start: z.object({}).strict(),
  /** `question`: shown to everyone while paused (`state.room.question`). */
  pause: z.object({ question: z.string().max(280).optional() }).strict(),
  resume: z.object({}).strict(),
  speed: z.object({ daysPerSecond }).strict(),
  inject: z
    .object({
      kind: z.enum(EVENT_KINDS),
      params: z.record(z.string().max(32), z.union([z.number().finite(), z.string().max(64)])).optional(),
      headline: z.string().max(140).optional(),
    })
    .strict(),
  end: z.object({}).strict(),
  kick: z.object({ playerId: z.string().min(1).max(64) }).strict(),
  /** Match chat (every match; classroom sessions use their own switch): the host mutes or reopens it. */
  muteChat: z.object({ muted: z.boolean() }).strict(),
} as const;
export type HostCommand = keyof typeof hostCommandSchemas;
export const HOST_COMMANDS = Object.freeze(Object.keys(hostCommandSchemas) as HostCommand[]);

export { SERVER_MESSAGES } from './names.js';

/** Reads the optional correlation id a client may add to any message. */
export function refOf(payload: unknown): string | number | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const ref = (payload as { ref?: unknown }).ref;
  if (typeof ref === 'number' && Number.isFinite(ref)) return ref;
  if (typeof ref === 'string') return ref.slice(0, 64);
  return null;
}

/** True when the payload has no `ref` or a usable one (a string of at most 64 characters, a finite number). */
export function refIsValid(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || !Object.prototype.hasOwnProperty.call(payload, 'ref')) return true;
  const ref = (payload as { ref?: unknown }).ref;
  return ref === undefined || (typeof ref === 'number' && Number.isFinite(ref)) || (typeof ref === 'string' && ref.length <= 64);
}

/** The payload without `ref`, as a plain object (undefined / null payloads become {}). */
export function bodyOf(payload: unknown): Record<string, unknown> | null {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || Array.isArray(payload)) return null;
  const { ref: _ref, ...body } = payload as Record<string, unknown>;
  return body;
}

/** Size of a decoded message as JSON; Infinity when it cannot be serialised (cycles, BigInt). */
export function jsonSize(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null).length;
  } catch {
    return Infinity;
  }
}
