/**
 * Who runs a class seat while its student is away (docs/classroom.md, "Seats that wait").
 *
 * In an ordinary match a leaver's company is handed to a bot so the others keep a rival. In a class
 * the company is the student's graded work: a bot selling their BTC while they reload a page (or
 * while the server restarts) is worse than a company that stands still. So a class seat freezes
 * when its student is away, unless the teacher turned "bots for absent students" on, for that
 * seat or for the whole class. Seats created as bots are not students' seats and are untouched.
 */
import type { SeatControl } from '../persistence/store.js';

/** Who sent an action that the engine accepted, for the export's `controlled_by`. */
export type Controller = 'student' | 'bot' | 'teacher';

/** The teacher's choice, persisted with the match options (`awayBots`). */
export interface AwayBots {
  /** Bots for every absent student. */
  all: boolean;
  /** Bots for these seats (player ids) when `all` is off. */
  seats: string[];
}

export const NO_AWAY_BOTS: AwayBots = Object.freeze({ all: false, seats: [] });

/** `'*'` addresses every student seat. */
export const ALL_SEATS = '*';

export function awayBotsFrom(raw: unknown): AwayBots {
  if (!raw || typeof raw !== 'object') return { all: false, seats: [] };
  const r = raw as { all?: unknown; seats?: unknown };
  const seats = Array.isArray(r.seats) ? r.seats.filter((s): s is string => typeof s === 'string') : [];
  return { all: r.all === true, seats: [...new Set(seats)] };
}

/** What happens to a student's seat when the student is gone for good (left, or did not come back). */
export function awayPolicy(choice: AwayBots, playerId: string): 'bot' | 'freeze' {
  return choice.all || choice.seats.includes(playerId) ? 'bot' : 'freeze';
}

/**
 * The teacher's choice after switching bots on or off for `target` (a player id or `'*'`). Turning
 * the whole class off also clears per-seat choices: "off" on the class switch means no bot at all.
 */
export function setAwayBots(choice: AwayBots, target: string, on: boolean): AwayBots {
  if (target === ALL_SEATS) return { all: on, seats: on ? choice.seats : [] };
  const seats = choice.seats.filter((s) => s !== target);
  return { all: choice.all, seats: on ? [...seats, target] : seats };
}

export interface SeatLike {
  playerId: string;
  control: SeatControl;
  kicked: boolean;
}

/**
 * The student seats whose control changes now because of `choice`: an away seat (frozen or
 * bot-run, its student not in a reconnection window) follows the policy at once; a seat its
 * student holds is never touched (they get the policy when they leave).
 */
export function seatsToSwitch(
  seats: Iterable<SeatLike>,
  choice: AwayBots,
  isStudentSeat: (playerId: string) => boolean,
  reconnecting: (playerId: string) => boolean,
): { playerId: string; policy: 'bot' | 'freeze' }[] {
  const out: { playerId: string; policy: 'bot' | 'freeze' }[] = [];
  for (const s of seats) {
    if (s.control === 'human' || s.kicked || !isStudentSeat(s.playerId) || reconnecting(s.playerId)) continue;
    const policy = awayPolicy(choice, s.playerId);
    if ((policy === 'bot') !== (s.control === 'bot')) out.push({ playerId: s.playerId, policy });
  }
  return out;
}

/** Who controlled an action sent for `actor`: the host actor is the teacher, a seat's bot a bot. */
export function controllerOf(actorIsHost: boolean, seatControl: SeatControl | undefined): Controller {
  if (actorIsHost) return 'teacher';
  return seatControl === 'bot' ? 'bot' : 'student';
}
