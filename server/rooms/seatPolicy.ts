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
