/**
 * The classroom rows of the message table (docs/classroom.md): the teacher's ⅔ game and `advance`,
 * and what participants send (a guess, a chat line; chat is in every match).
 */
import {
  studentMessageSchemas, teacherCommandSchemas, type AdvanceKind, type Body, type RoomErrorCode, type StudentMessage, type TeacherCommand,
} from '../../shared/protocol/index.js';
import type { ClassroomSession, SessionError } from '../classroom/session.js';
import { ALL_SEATS, seatsToSwitch, setAwayBots } from '../classroom/seatControl.js';
import type { MatchHost } from './matchHost.js';
import { no, ok, type MessageCtx, type MessageRow, type Verdict } from './messages.js';

type Handler<K extends TeacherCommand | StudentMessage> = (m: MessageCtx, body: Body<K>) => Verdict;

type Failure = SessionError | { code: RoomErrorCode; message: string };

const verdict = (failure: Failure | null, ack?: Record<string, unknown>): Verdict => (failure ? no(failure.code, failure.message) : { ok: true, ...(ack ? { ack } : {}) });

/** Seats created as bots guess; a student's seat run by a bot after they left does not guess for them. */
function seatBots({ host }: MessageCtx): string[] {
  return [...host.seats.seats.values()].filter((s) => s.control === 'bot' && host.runner.state.players[s.playerId]?.strategy).map((s) => s.playerId);
}

const sessionOf = (m: MessageCtx): ClassroomSession => m.host.classroom!;

/** The teacher's `seatBots`: the choice is stored, and away seats follow it at once. */
function setSeatBots(host: MatchHost, target: string, on: boolean, reconnecting: (playerId: string) => boolean): Failure | null {
  const session = host.classroom!;
  const isStudentSeat = (id: string) => host.seats.seats.has(id) && !host.runner.state.players[id]?.strategy;
  if (target !== ALL_SEATS && !isStudentSeat(target)) return { code: 'NOT_FOUND', message: 'No such student seat.' };
  session.awayBots = setAwayBots(session.awayBots, target, on);
  host.persistOptions();
  for (const change of seatsToSwitch(host.seats.seats.values(), session.awayBots, isStudentSeat, reconnecting)) {
    host.seats.release(host.seats.seats.get(change.playerId)!, change.policy);
  }
  session.rosterDirty = true;
  return null;
}

const teacher: { [K in TeacherCommand]: Handler<K> } = {
  guessStart: (m, d) => verdict(sessionOf(m).startGame(d.p, d.rounds, d.bots ?? 0, seatBots(m), m.host.runner.day)),
  guessOpen: (m) => verdict(sessionOf(m).openNext(seatBots(m), m.host.runner.day)),
  guessClose: (m) => verdict(sessionOf(m).close(m.host.runner.day)),
  autoPause: (m, { on }) => {
    sessionOf(m).autoPause = on;
    m.host.persistOptions();
    sessionOf(m).rosterDirty = true;
    return ok;
  },
  seatBots: (m, { playerId, on }) => verdict(setSeatBots(m.host, playerId, on, m.room.reconnecting)),
  advance: (m, { what }) => {
    const { host } = m;
    const session = sessionOf(m);
    const p = host.phase;
    const advanced: AdvanceKind = what ?? (session.hasOpenRound() ? 'guess' : p === 'waiting' ? 'start' : 'contest');
    let failure: Failure | null = null;
    if (advanced === 'guess') failure = session.close(host.runner.day);
    else if (advanced === 'start') {
      if (p !== 'waiting') failure = { code: 'WRONG_PHASE', message: 'The match has already started.' };
      else host.setPhase('running');
    } else if (p === 'ended') failure = { code: 'MATCH_ENDED', message: 'The match has ended.' };
    else if (p === 'waiting') failure = { code: 'WRONG_PHASE', message: 'Start the match before advancing the contest.' };
    else host.playUntilContestResolves();
    if (!failure) host.log.info({ cmd: 'advance', advanced }, 'teacher command');
    return verdict(failure, { advanced });
  },
};

const student: { [K in StudentMessage]: Handler<K> } = {
  guess: (m, { value }) => {
    const r = sessionOf(m).guess(m.info.playerId, value as number, m.host.runner.day);
    if ('code' in r) return no(r.code, r.message);
    return { ok: true, ack: { round: r.round, value } };
  },
  chat: ({ host, info, room }, { text }) => {
    const name = host.runner.state.players[info.playerId]?.name ?? '';
    const at = new Date().toISOString();
    host.classroom?.logChat(info.playerId, name, text, host.runner.day, at);
    room.broadcast('chat', { playerId: info.playerId, name, text, day: host.runner.day, at });
    return ok;
  },
};

const rows = <K extends TeacherCommand | StudentMessage>(role: 'teacher' | 'participant', table: { [T in K]: Handler<T> }, schemas: Record<K, MessageRow['schema']>) =>
  (Object.keys(table) as K[]).map((type): MessageRow => ({ type, schema: schemas[type], role, handle: table[type] }));

export const classroomRows: MessageRow[] = [
  ...rows<TeacherCommand>('teacher', teacher, teacherCommandSchemas),
  ...rows<StudentMessage>('participant', student, studentMessageSchemas).map((row) => row.type === 'chat' ? {
    ...row,
    before: ({ host }: MessageCtx) => {
      const session = host.classroom;
      if (session ? !session.settings.chat : host.chatMuted) return no('CHAT_OFF', session ? 'Chat is switched off in this session.' : 'The host has muted the chat.');
      return null;
    },
  } : row),
];
