/**
 * Every message a client may send to a `market` room: one frozen registry of names
 * (`CLIENT_MESSAGES`), one zod schema per name (the body, without the optional `ref`), and the
 * role that may send it. The room's message table, the browser client's typed `send` and the
 * online bot all read this file.
 */
import * as z from 'zod';
import { actionSchemas, PLAYER_ACTION_TYPES, type ActionType } from '../rules/actions.js';
import { hostCommandSchemas, type HostCommand } from './room.js';
import { studentMessageSchemas, teacherCommandSchemas, type StudentMessage, type TeacherCommand } from './classroom.js';

type PlayerActionType = Exclude<ActionType, 'injectEvent' | 'endMatch'>;

type Omitted<T> = T extends z.ZodObject<infer S> ? z.ZodObject<Omit<S, 'type'>> : never;

/** A player action's body: the action without its `type`, which is the message name. */
const actionBodySchemas = Object.fromEntries(
  PLAYER_ACTION_TYPES.map((t) => [t, (actionSchemas[t] as z.ZodObject).omit({ type: true })]),
) as unknown as { [K in PlayerActionType]: Omitted<(typeof actionSchemas)[K]> };

/** Who may send a message: any seated player, the host, the classroom's teacher, a participant (student or player), or the owner of a seat in any phase. */
export type MessageRole = 'player' | 'host' | 'teacher' | 'participant' | 'seat';

/** Messages about the wire itself, not the game. */
export const syncMessageSchemas = {
  /** "My copy of the private feed is stale (a `seq` gap): send me a full `private`." */
  resyncPrivate: z.object({}).strict(),
} as const;

export const clientMessageSchemas = {
  ...actionBodySchemas,
  ...hostCommandSchemas,
  ...teacherCommandSchemas,
  ...studentMessageSchemas,
  ...syncMessageSchemas,
} as const;

export type ClientMessage = keyof typeof clientMessageSchemas;

function roleOf(type: ClientMessage): MessageRole {
  if (type in hostCommandSchemas) return 'host';
  if (type in teacherCommandSchemas) return 'teacher';
  if (type in studentMessageSchemas) return 'participant';
  if (type in syncMessageSchemas) return 'seat';
  return 'player';
}

/** Names of every client message, e.g. `CLIENT_MESSAGES.buySite === 'buySite'`. */
export const CLIENT_MESSAGES = Object.freeze(
  Object.fromEntries(Object.keys(clientMessageSchemas).map((k) => [k, k])) as { readonly [K in ClientMessage]: K },
);

/** The role each client message needs (the room's message table checks it before the handler). */
export const CLIENT_MESSAGE_ROLES: Readonly<Record<ClientMessage, MessageRole>> = Object.freeze(
  Object.fromEntries(Object.keys(clientMessageSchemas).map((k) => [k, roleOf(k as ClientMessage)])) as Record<ClientMessage, MessageRole>,
);

/** The body of client message `K` as a sender writes it (any message may add a correlation `ref`). */
export type Body<K extends ClientMessage> = z.input<(typeof clientMessageSchemas)[K]> & { ref?: string | number };

/**
 * The engine's host actions have no message of their own: the host sends `inject` / `end`
 * (client/src tells the player which; the room answers NOT_HOST to the engine names).
 */
export const HOST_ACTION_MESSAGES = Object.freeze({ injectEvent: 'inject', endMatch: 'end' } as const satisfies Record<string, HostCommand>);

export type { HostCommand, StudentMessage, TeacherCommand };
