/**
 * What happens to a seat when its session goes: a dropped player may come back inside the
 * reconnection window; after it (or on a consented leave) the seat is released to a bot or frozen
 * by the room's leaver policy. Kicks close the window for good.
 */
import type { Client, Deferred } from '@colyseus/core';
import type { ClientInfo, MatchHost } from './matchHost.js';
import type { Seat } from './seats.js';

export interface LeaveDeps {
  host: MatchHost;
  /** Seats whose person dropped and may still come back, by player id. */
  reconnections: Map<string, Deferred<Client>>;
  reconnectSeconds: number;
  allowReconnection(client: Client, seconds: number): Deferred<Client>;
  /** The session came back: register it and welcome it again. */
  welcomeBack(back: Client, info: ClientInfo): void;
}

/** After `info`'s session left (its info already forgotten): wait for it, or release its seat. */
export async function seatLeft(d: LeaveDeps, client: Client, info: ClientInfo, consented: boolean): Promise<void> {
  const { host } = d;
  const seat = info.playerId ? host.seats.seats.get(info.playerId) : undefined;
  if (!seat || seat.sessionId !== client.sessionId) return;
  if (!consented && !seat.kicked && host.meta.phase !== 'ended' && d.reconnectSeconds > 0) {
    const pending = d.allowReconnection(client, d.reconnectSeconds);
    d.reconnections.set(seat.playerId, pending);
    try {
      const back = await pending;
      // Kicked or taken back meanwhile: this session has nothing to come back to.
      if (seat.kicked || seat.sessionId !== client.sessionId) return back.leave(4000);
      d.welcomeBack(back, { ...info });
      host.log.info({ playerId: seat.playerId }, 'reconnected');
      return;
    } catch {
      // Timed out: the player is gone for good.
    } finally {
      if (d.reconnections.get(seat.playerId) === pending) d.reconnections.delete(seat.playerId);
    }
  }
  if (!seat.kicked && seat.sessionId === client.sessionId) {
    host.seats.release(seat, host.leaverPolicy(seat.playerId));
    host.log.info({ playerId: seat.playerId, control: seat.control }, 'seat released');
  }
  host.metaDirty = true;
}

/** The host's kick: the seat's reconnection window closes, its token dies, its session is told and closed. */
export function kickSeat(host: MatchHost, seat: Seat, reconnections: Map<string, Deferred<Client>>, victim: Client | undefined, forget: (sid: string) => void): void {
  // A dropped player's open reconnection window closes with the kick.
  const pending = reconnections.get(seat.playerId);
  reconnections.delete(seat.playerId);
  pending?.reject(new Error('kicked'));
  host.seats.kick(seat, host.leaverPolicy(seat.playerId));
  if (!victim) return;
  forget(victim.sessionId);
  victim.send('kicked', { reason: 'The host removed you from this match.' });
  victim.leave(4000);
}

/** A resumed match's people who did not come back within the grace count as leavers. */
export function releaseUnclaimedSeats(host: MatchHost, reconnecting: (playerId: string) => boolean, connected: (sid: string) => boolean): void {
  if (host.meta.phase === 'ended') return;
  for (const seat of host.seats.seats.values()) {
    if (seat.control === 'human' && !seat.kicked && !reconnecting(seat.playerId) && !connected(seat.sessionId)) {
      host.seats.release(seat, host.leaverPolicy(seat.playerId));
      host.metaDirty = true;
    }
  }
}
