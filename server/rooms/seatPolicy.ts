/**
 * Who may take which seat of a `market` room (docs/protocol.md, "Seats, hosts and links").
 *
 * Colyseus counts every socket against `maxClients` and locks the room when it is reached, which
 * let spectators (or unused reservations) lock players out of their own match. The room therefore
 * never locks; admission is decided here, per kind of join:
 * - a seat token, a student link or the host token always gets in (the holder owns that seat/room);
 * - spectators are capped per room and per address, and never take a seat;
 * - a fresh player takes a free seat, or else the seat of a player who left for good (run by a
 *   bot or frozen since), so join/leave cycles can never fill a room for good.
 */
import type { Seat } from './seats.js';
import { cleanName } from './names.js';

export interface SpectatorLimits {
  perRoom: number;
  perAddress: number;
}

export interface Watcher {
  spectator: boolean;
  isHost: boolean;
  ip: string;
}

/** Why a new spectator from `ip` is refused, or null when it may watch. Hosts are never counted. */
export function spectatorRefusal(watchers: Iterable<Watcher>, ip: string, limits: SpectatorLimits): string | null {
  let inRoom = 0;
  let fromAddress = 0;
  for (const w of watchers) {
    if (!w.spectator || w.isHost) continue;
    inRoom++;
    if (w.ip === ip) fromAddress++;
  }
  if (inRoom >= limits.perRoom) return `This room already has ${limits.perRoom} spectators, its limit.`;
  if (fromAddress >= limits.perAddress) return `Too many spectators from your address: at most ${limits.perAddress} per room.`;
  return null;
}

/**
 * The seat a fresh player may take over when every seat is taken: the earliest one a person left
 * for good (its reconnection window over, now run by a bot or frozen). Seats created as bots,
 * kicked seats, bankrupt companies and seats reserved for something else (`reserved`, e.g. a
 * classroom label) are never handed out.
 */
export function vacatedSeat(
  seats: Iterable<Seat>,
  createdAsBot: (playerId: string) => boolean,
  unavailable: (seat: Seat) => boolean,
): Seat | undefined {
  for (const s of seats) {
    if (s.control === 'human' || s.kicked || createdAsBot(s.playerId) || unavailable(s)) continue;
    return s;
  }
  return undefined;
}

/** What a joining player asked for (the join options that pick a seat). */
export interface SeatRequest {
  playerName?: string;
  seatToken?: string;
  label?: string;
  studentKey?: string;
}

/** A classroom session as the resolver reads it (server/classroom/session.ts). */
export interface SeatClassroom {
  hasLabels: boolean;
  guestsAllowed: boolean;
  /** Students choose their label from the list (a label alone takes its seat while nobody has it). */
  labelList: boolean;
  /** The label as the teacher wrote it, or null when it is not on the list. */
  canonicalLabel(label: string): string | null;
  /** The label a personal link's key opens, or null. */
  labelOfKey(key: string): string | null;
  /** The seat bound to a label (null: none yet); throws on an unknown label. */
  seatForLabel(label: string): string | null;
  /** The label a seat is bound to ('' = none). */
  labelOf(playerId: string): string;
}

/** What the resolver reads of the room: seats, settings and who is connected or may come back. */
export interface SeatWorld {
  seats: ReadonlyMap<string, Seat>;
  phase: 'waiting' | 'running' | 'paused' | 'ended';
  maxPlayers: number;
  classroom: SeatClassroom | null;
  /** Seats created as bots, and bankrupt companies: never handed to a newcomer. */
  createdAsBot: (playerId: string) => boolean;
  /** The seat's person dropped and its reconnection window is open. */
  reconnecting(playerId: string): boolean;
  /** A session is connected to this room now. */
  connected(sessionId: string): boolean;
}

/**
 * Where a joining player sits. `own`: its seat by seat token or student link (`takeBack`: the seat's
 * dropped holder loses its reconnection window); `new`: a fresh seat; `takeover`: the seat a player
 * left for good; `refuse`: the sentence the client sees.
 */
export type SeatDecision =
  | { kind: 'own'; seat: Seat; takeBack: boolean }
  | { kind: 'new'; name: string; label?: string }
  | { kind: 'takeover'; seat: Seat; name: string }
  | { kind: 'refuse'; message: string };

/** A listed label someone already has: its own device comes back with its seat token instead. */
const LABEL_TAKEN = (label: string) => `"${label}" is already taken. If that is you, ask your teacher for your personal link.`;

const ONLY_STUDENTS = 'This session admits only its students: open the personal link your teacher gave you.';

/** Pure: the same request against the same room always gets the same decision. */
export function resolveSeat(o: SeatRequest, world: SeatWorld): SeatDecision {
  const session = world.classroom;
  try {
    if (o.seatToken) return ownSeat([...world.seats.values()].find((s) => s.seatToken === o.seatToken), world);
    let label: string | undefined;
    if (session && o.studentKey !== undefined) {
      label = session.labelOfKey(o.studentKey) ?? undefined;
      if (label === undefined) return refuse('This student link is not valid for this session: ask your teacher for yours.');
      const owned = session.seatForLabel(label);
      if (owned) return ownSeat(world.seats.get(owned), world);
    } else if (session && o.label !== undefined) {
      // A label is printed on a list anyone can read: only the label's secret link is a key,
      // unless the teacher chose "choose your name from the list", where the first tap takes it.
      if (session.hasLabels && !session.labelList) return refuse('A label alone is not enough: open the personal link your teacher gave you.');
      const canonical = session.hasLabels ? session.canonicalLabel(o.label) : null;
      if (session.hasLabels && canonical === null) return refuse(`"${o.label.trim()}" is not on this class's list: choose your name from the list.`);
      if (session.seatForLabel(o.label)) return refuse(LABEL_TAKEN(canonical ?? o.label.trim()));
      label = canonical ?? undefined;
    } else if (session && !session.guestsAllowed) {
      return refuse(ONLY_STUDENTS);
    }
    if (world.phase === 'ended') return refuse('The match has ended; join as a spectator.');
    const name = cleanName(o.playerName) || label || `Player ${world.seats.size + 1}`;
    if (world.seats.size < world.maxPlayers) return label === undefined ? { kind: 'new', name } : { kind: 'new', name, label };
    const takeable = label === undefined
      // A class seat is a student's record: nobody else ever takes it over.
      ? vacatedSeat(world.seats.values(), world.createdAsBot, (s) => world.reconnecting(s.playerId) || session !== null)
      : undefined;
    if (!takeable) return refuse('The room is full; join as a spectator.');
    return { kind: 'takeover', seat: takeable, name };
  } catch (err) {
    return refuse((err as Error).message);
  }
}

/**
 * A seat its owner comes back to. One live session per seat: a live holder keeps it ("in use"),
 * while a holder that dropped and is inside its reconnection window loses that window, so its
 * reconnection cannot also succeed.
 */
function ownSeat(found: Seat | undefined, world: SeatWorld): SeatDecision {
  if (!found || found.kicked) return refuse('This seat is not yours any more.');
  if (world.reconnecting(found.playerId)) return { kind: 'own', seat: found, takeBack: true };
  if (found.sessionId && world.connected(found.sessionId)) return refuse('This seat is in use.');
  return { kind: 'own', seat: found, takeBack: false };
}

function refuse(message: string): SeatDecision {
  return { kind: 'refuse', message };
}

/** Why a spectator may not watch this session (a labelled session without guests), or null. */
export function sessionSpectatorRefusal(session: SeatClassroom | null): string | null {
  return session && session.hasLabels && !session.guestsAllowed ? ONLY_STUDENTS : null;
}
