/**
 * Seats of a match: who plays each company (a person, a bot, or nobody: frozen), their tokens, and
 * which session holds them. Persisted so a restarted server gives seats back to their owners.
 */
import { BotSeat, defaultStrategy } from '../game/bots.js';
import type { MatchStore, SeatControl, SeatRecord } from '../persistence/store.js';
import type { SeatStatus } from '../../shared/sync/syncView.js';
import { secretToken } from './roomCode.js';

export interface Seat {
  playerId: string;
  name: string;
  seatToken: string;
  control: SeatControl;
  kicked: boolean;
  /** Session currently holding the seat ('' when nobody). */
  sessionId: string;
  bot: BotSeat | null;
}

export class SeatBook {
  readonly seats = new Map<string, Seat>();

  constructor(private readonly store: MatchStore, private readonly matchId: string, private readonly seed: string) {}

  /** Rebuilds seats from the store (resume). People's seats wait for their owners: nobody holds them yet. */
  load(records: SeatRecord[]): void {
    for (const r of records) {
      this.seats.set(r.playerId, {
        playerId: r.playerId, name: r.name, seatToken: r.seatToken, control: r.control, kicked: r.kicked, sessionId: '',
        bot: r.control === 'bot' ? new BotSeat(r.playerId, r.strategy, this.seed) : null,
      });
    }
  }

  /** Adds a seat (already joined in the engine) and persists it. */
  add(playerId: string, name: string, strategy: string, joinedDay: number): Seat {
    const control: SeatControl = strategy ? 'bot' : 'human';
    const seat: Seat = {
      playerId, name, seatToken: secretToken(), control, kicked: false, sessionId: '',
      bot: strategy ? new BotSeat(playerId, strategy, this.seed) : null,
    };
    this.seats.set(playerId, seat);
    this.store.addSeat({ matchId: this.matchId, playerId, name, strategy, seatToken: seat.seatToken, control, kicked: false, joinedDay });
    return seat;
  }

  byToken(token: string): Seat | undefined {
    for (const s of this.seats.values()) if (s.seatToken === token) return s;
    return undefined;
  }

  bySession(sessionId: string): Seat | undefined {
    for (const s of this.seats.values()) if (s.sessionId === sessionId) return s;
    return undefined;
  }

  /** A person takes (or takes back) the seat. */
  claim(seat: Seat, sessionId: string): void {
    seat.sessionId = sessionId;
    this.setControl(seat, 'human', '');
  }

  /** The person is gone for good: the seat is run by a bot or frozen, by the host's policy. */
  release(seat: Seat, policy: 'bot' | 'freeze'): void {
    seat.sessionId = '';
    if (policy === 'bot') this.setControl(seat, 'bot', defaultStrategy());
    else this.setControl(seat, 'frozen', '');
  }

  /** The kicked seat's token dies with it: nobody can come back in on it. */
  kick(seat: Seat, policy: 'bot' | 'freeze'): void {
    seat.kicked = true;
    this.release(seat, policy);
    this.rotateToken(seat);
  }

  /** A new seat token (persisted); whoever held the old one can no longer take the seat. */
  rotateToken(seat: Seat): void {
    seat.seatToken = secretToken();
    this.store.setSeatToken(this.matchId, seat.playerId, seat.seatToken);
  }

  private setControl(seat: Seat, control: SeatControl, strategy: string): void {
    seat.control = control;
    seat.bot?.close(0);
    seat.bot = control === 'bot' ? new BotSeat(seat.playerId, strategy, this.seed) : null;
    this.store.updateSeat(this.matchId, seat.playerId, control, strategy, seat.kicked);
  }

  statuses(hostPlayerId: string, connected: (sessionId: string) => boolean): Map<string, SeatStatus> {
    const out = new Map<string, SeatStatus>();
    for (const s of this.seats.values()) {
      out.set(s.playerId, {
        control: s.control,
        connected: s.sessionId !== '' && connected(s.sessionId),
        isHost: s.playerId === hostPlayerId,
        strategy: s.bot?.strategy ?? '',
      });
    }
    return out;
  }
}
