/**
 * The room's message table: one row `{type, schema, role, handle}` per client message of
 * shared/protocol. `dispatch` runs a row: the role's gate, the body's schema, then the handler,
 * which returns a verdict the room turns into `ack` or `error`. Nothing here touches Colyseus.
 */
import type * as z from 'zod';
import { parseAction, PLAYER_ACTION_TYPES, type Action } from '../../shared/rules/actions.js';
import {
  bodyOf, clientMessageSchemas, HOST_ACTION_MESSAGES, jsonSize, MAX_MESSAGE_JSON_BYTES, refIsValid, refOf,
  type ClientMessage, type MessageRole, type RoomErrorCode, type ServerBody,
} from '../../shared/protocol/index.js';
import type { ClientInfo, MatchHost, RoomPort } from './matchHost.js';
import type { Seat } from './seats.js';
import { hostRows } from './hostCommands.js';
import { classroomRows } from './classroomCommands.js';

/** What a handler may use: the match, the sender, and the two things only the room can do. */
export interface MessageCtx {
  host: MatchHost;
  info: ClientInfo;
  sessionId: string;
  /** The message's name as received (a table row's type, or an unknown one). */
  type: string;
  room: Pick<RoomPort, 'broadcast'> & { kick: (seat: Seat) => void; reconnecting: (playerId: string) => boolean };
}

export type Refusal = { ok: false; code: RoomErrorCode; message: string };
export type Verdict = { ok: true; ack?: Partial<ServerBody<'ack'>> } | Refusal;

export interface MessageRow<K extends ClientMessage = ClientMessage> {
  type: K;
  schema: z.ZodType;
  role: MessageRole;
  /** A refusal that comes before the body is read (chat switched off). */
  before?(m: MessageCtx): Refusal | null;
  /** Reads the body (default: `schema`, refusing with the first issue). */
  parse?(body: Record<string, unknown>): { ok: true; data: unknown } | Refusal;
  handle(m: MessageCtx, body: never): Verdict;
}

export const ok: Verdict = { ok: true };
export const no = (code: RoomErrorCode, message: string): Refusal => ({ ok: false, code, message });

/** Players' actions go to the engine as they are: its own parser gives the sentence a player sees. */
const actionRows: MessageRow[] = PLAYER_ACTION_TYPES.map((type) => ({
  type: type as ClientMessage,
  schema: clientMessageSchemas[type as ClientMessage],
  role: 'player' as const,
  parse: (body: Record<string, unknown>) => {
    const parsed = parseAction({ ...body, type });
    return parsed.ok ? { ok: true as const, data: parsed.action } : no('BAD_ACTION', parsed.message);
  },
  handle: (m: MessageCtx, action: Action) => {
    const result = m.host.apply(m.info.playerId, action, m.info.isHost && m.host.classroom ? 'teacher' : 'student');
    return result.ok ? ok : no(result.error.code, result.error.message);
  },
}));

/** A client whose private copy fell out of step (a `seq` gap) gets the whole payload again, before the ack. */
const syncRows: MessageRow[] = [{
  type: 'resyncPrivate',
  schema: clientMessageSchemas.resyncPrivate,
  role: 'seat',
  handle: (m: MessageCtx) => {
    m.host.resendPrivate(m.sessionId);
    return ok;
  },
}];

/** Every client message the room answers, by name (built once; checked complete by a test). */
export const MESSAGE_TABLE: ReadonlyMap<string, MessageRow> = new Map(
  [...actionRows, ...hostRows, ...classroomRows, ...syncRows].map((row) => [row.type, row]),
);

/** The engine's host actions sent by name, and names nobody defined: refused with what to send instead. */
export function refusalFor(type: string): Refusal {
  const hint = (HOST_ACTION_MESSAGES as Record<string, string>)[type];
  if (hint) return no('NOT_HOST', `${type} is a host command: the host sends "${hint}".`);
  return no('UNKNOWN_MESSAGE', `Unknown message type "${type.slice(0, 40)}".`);
}

function gate(role: MessageRole, m: MessageCtx): Refusal | null {
  const { info, host, type } = m;
  switch (role) {
    case 'player': {
      if (info.spectator) return no('SPECTATOR', 'Spectators cannot act.');
      const seat = host.seats.seats.get(info.playerId);
      if (!seat || seat.control !== 'human') return no('UNKNOWN_PLAYER', 'You have no seat in this match.');
      if (host.phase === 'waiting') return no('WRONG_PHASE', 'The match has not started yet.');
      if (host.phase === 'ended') return no('MATCH_ENDED', 'The match has ended.');
      return null;
    }
    case 'host':
      return info.isHost ? null : no('NOT_HOST', `Only the host may ${type}.`);
    case 'teacher':
      if (!info.isHost) return no('NOT_HOST', `Only the teacher may ${type}.`);
      return host.classroom ? null : no('NOT_CLASSROOM', `${type} is for classroom sessions.`);
    case 'participant':
      // Chat is in every match; the ⅔ guess is classroom-only.
      if (!host.classroom && type !== 'chat') return no('NOT_CLASSROOM', `${type} is for classroom sessions.`);
      return info.spectator ? no('SPECTATOR', 'Spectators cannot take part.') : null;
    case 'seat':
      if (info.spectator) return no('SPECTATOR', 'Spectators have no private feed.');
      return host.seats.seats.has(info.playerId) ? null : no('UNKNOWN_PLAYER', 'You have no seat in this match.');
  }
}

/** Runs one message: gate, schema, handler. Host and teacher commands mark the room's settings changed. */
export function dispatch(row: MessageRow, m: MessageCtx, payload: unknown): Verdict {
  const refused = gate(row.role, m) ?? row.before?.(m);
  if (refused) return refused;
  const body = bodyOf(payload);
  if (!body) return no('BAD_ACTION', row.role === 'player' ? 'A message payload must be an object.' : `${row.type}: payload must be an object`);
  if (!refIsValid(payload)) return no('BAD_ACTION', `${row.type}: ref must be a string of at most 64 characters or a number.`);
  const parsed = row.parse ? row.parse(body) : schemaParse(row, body);
  if (!parsed.ok) return parsed;
  const verdict = row.handle(m, parsed.data as never);
  if (verdict.ok && (row.role === 'host' || row.role === 'teacher')) m.host.metaDirty = true;
  return verdict;
}

function schemaParse(row: MessageRow, body: Record<string, unknown>): { ok: true; data: unknown } | Refusal {
  const r = row.schema.safeParse(body);
  return r.success ? { ok: true, data: r.data } : no('BAD_ACTION', `${row.type}: ${r.error.issues[0]?.message ?? 'bad payload'}`);
}

/** Why a message is refused before it is read: the sender's rate or the message's size ('drop': silently). */
export function admission(info: ClientInfo, payload: unknown, nowMs: number, perSecond: number): Refusal | 'drop' | null {
  if (!info.bucket.take(nowMs)) {
    // One error per second at most: a flood must not double itself on the way back.
    if (nowMs - info.rateErrorAtMs < 1000) return 'drop';
    info.rateErrorAtMs = nowMs;
    return no('RATE_LIMITED', `Too many messages: at most ${perSecond} per second.`);
  }
  if (jsonSize(payload) > MAX_MESSAGE_JSON_BYTES) return no('TOO_LARGE', `Messages are limited to ${MAX_MESSAGE_JSON_BYTES} bytes.`);
  return null;
}

export type Answer = { kind: 'ack'; body: ServerBody<'ack'> } | { kind: 'error'; body: ServerBody<'error'>; payload: unknown };

/**
 * One received message, start to end: admission, the row (`run`), and the answer to send (null:
 * dropped in a flood). A handler that throws is a server fault the sender sees as BAD_ACTION.
 */
export function receive(m: MessageCtx, payload: unknown, nowMs: number, perSecond: number, run: (m: MessageCtx) => Verdict): Answer | null {
  const early = admission(m.info, payload, nowMs, perSecond);
  if (early === 'drop') return null;
  let verdict: Verdict = early ?? no('BAD_ACTION', 'The server could not process this message.');
  if (!early) {
    try {
      verdict = run(m);
    } catch (err) {
      m.host.log.error({ err, type: m.type }, 'message handler failed');
    }
  }
  if (verdict.ok) return { kind: 'ack', body: { ref: refOf(payload), type: m.type, day: m.host.runner.day, ...verdict.ack } };
  // An oversized payload is neither echoed nor logged.
  const kept = early?.code === 'TOO_LARGE' ? null : payload;
  return { kind: 'error', body: { code: verdict.code, message: verdict.message, ref: refOf(kept), type: m.type }, payload: kept };
}
