/**
 * What a join does to the room once the pure resolver (seatPolicy.ts) has decided, and what a
 * joining (or returning) session is sent first. Colyseus-free: the room passes in what it holds.
 */
import type { Deferred } from '@colyseus/core';
import type { ServerBody, ServerMessage } from '../../shared/protocol/index.js';
import { welcomeScenarioOf } from '../../shared/sync/privateFeed.js';
import { guestsAllowed, labelListOn } from '../classroom/settings.js';
import { upcomingEvents } from '../classroom/schedule.js';
import type { ClientInfo, MatchHost } from './matchHost.js';
import { resolveSeat, type SeatClassroom, type SeatRequest } from './seatPolicy.js';
import type { Seat } from './seats.js';

type Send = <K extends ServerMessage>(type: K, body: ServerBody<K>) => void;

/** The classroom session as the seat resolver reads it. */
export function seatClassroom(host: MatchHost): SeatClassroom | null {
  const s = host.classroom;
  if (!s) return null;
  return {
    hasLabels: s.settings.labels.length > 0, guestsAllowed: guestsAllowed(s.settings), labelList: labelListOn(s.settings),
    canonicalLabel: (l) => s.canonicalLabel(l), labelOfKey: (k) => s.labelOfKey(k), seatForLabel: (l) => s.seatForLabel(l), labelOf: (id) => s.labelOf(id),
  };
}

/** The seat the resolver picks, made so; throws its refusal for the client. */
export function takeSeat(host: MatchHost, o: SeatRequest, reconnections: Map<string, Deferred<unknown>>, connected: (sid: string) => boolean): Seat {
  const players = host.runner.state.players;
  const d = resolveSeat(o, {
    seats: host.seats.seats, phase: host.meta.phase, maxPlayers: host.meta.maxPlayers, classroom: seatClassroom(host),
    createdAsBot: (id) => Boolean(players[id]?.strategy) || Boolean(players[id]?.bankrupt),
    reconnecting: (id) => reconnections.has(id), connected,
  });
  switch (d.kind) {
    case 'refuse':
      throw new Error(d.message);
    case 'new':
      return host.seatNewPlayer(d.name, '', d.label);
    case 'own':
      if (d.takeBack) {
        reconnections.get(d.seat.playerId)?.reject(new Error('seat taken back with its token'));
        reconnections.delete(d.seat.playerId);
        d.seat.sessionId = '';
      }
      return d.seat;
    case 'takeover':
      // The company changes hands: the leaver's token dies, the newcomer gets its own.
      host.seats.rotateToken(d.seat);
      host.classroom?.seatCreated(d.seat.playerId, d.name);
      host.log.info({ playerId: d.seat.playerId }, 'vacated seat taken over');
      return d.seat;
  }
}

/** What only the teacher's screen shows besides the roster: upcoming events and the auto-pause switch. */
function teacherExtras(host: MatchHost) {
  return { schedule: upcomingEvents(host.runner.state), autoPause: host.classroom?.autoPause ?? false };
}

/** The teacher's roster of a classroom session ([] otherwise). */
export function roster(host: MatchHost, connected: (sid: string) => boolean): ServerBody<'roster'>['students'] {
  return host.classroom ? host.classroom.roster(host.seats.seats.values(), host.runner.state, connected) : [];
}

/** What a session gets on joining or coming back: who it is, the scenario, the chart so far, its secrets. */
export function welcome(
  host: MatchHost, info: ClientInfo, send: Send, room: { code: string; hostToken: string; reconnectSeconds: number; connected: (sid: string) => boolean },
): void {
  const seat = info.playerId ? host.seats.seats.get(info.playerId) : undefined;
  send('welcome', {
    roomCode: room.code, playerId: info.playerId, spectator: info.spectator, isHost: info.isHost, seatToken: seat?.seatToken ?? '',
    hostToken: info.isHost ? room.hostToken : '', reconnectSeconds: room.reconnectSeconds, scenario: welcomeScenarioOf(host.runner.state.scenario),
  });
  send('history', { days: host.runner.history });
  info.privateFeed.reset();
  host.sendPrivate(info, send);
  const session = host.classroom;
  if (!session) return;
  const view = session.guessMessage(info.spectator ? null : info.playerId);
  if (view) send('guess', view);
  if (info.isHost) send('roster', { students: roster(host, room.connected), links: session.studentLinks(), ...teacherExtras(host) });
}

/** Per tick: throttled `guess` views to everyone, and roster changes to the teacher. `lastRoster` is the JSON sent last. */
export function flushClassroom(host: MatchHost, sessions: Iterable<{ info: ClientInfo; send: Send }>, lastRoster: string, connected: (sid: string) => boolean): string {
  const session = host.classroom;
  if (!session) return lastRoster;
  const all = [...sessions];
  if (session.guessBroadcastDue(Date.now())) {
    for (const { info, send } of all) {
      const view = session.guessMessage(info.spectator ? null : info.playerId);
      if (view) send('guess', view);
    }
  }
  if (!session.rosterDirty) return lastRoster;
  session.rosterDirty = false;
  const students = roster(host, connected);
  const extras = teacherExtras(host);
  const json = JSON.stringify([students, extras]);
  if (json === lastRoster) return lastRoster;
  const links = session.studentLinks();
  for (const { info, send } of all) if (info.isHost) send('roster', { students, links, ...extras });
  return json;
}
