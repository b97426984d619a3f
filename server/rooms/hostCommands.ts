/**
 * The host's rows of the message table (docs/protocol.md, "Host commands"): the room's phase and
 * pace, events injected into the engine, the end, kicks and the chat switch.
 */
import { HOST_ACTOR, type Action } from '../../shared/rules/actions.js';
import { hostCommandSchemas, type Body, type HostCommand } from '../../shared/protocol/index.js';
import { no, ok, type MessageCtx, type MessageRow, type Verdict } from './messages.js';

type Handler<K extends HostCommand> = (m: MessageCtx, body: Body<K>) => Verdict;

const wrong = (message: string) => no('WRONG_PHASE', message);

const handlers: { [K in HostCommand]: Handler<K> } = {
  start: ({ host }) => {
    if (host.phase !== 'waiting') return wrong('The match has already started.');
    host.setPhase('running');
    return ok;
  },
  pause: ({ host }, { question }) => {
    // Pausing again with a question changes the question on screen.
    if (host.phase === 'paused' && question !== undefined) {
      host.setQuestion(question);
      return ok;
    }
    if (host.phase !== 'running') return wrong('Only a running match can be paused.');
    host.setPhase('paused');
    host.setQuestion(question ?? '');
    return ok;
  },
  resume: ({ host }) => {
    if (host.phase !== 'paused') return wrong('The match is not paused.');
    host.setPhase('running');
    host.setQuestion('');
    return ok;
  },
  speed: ({ host }, { daysPerSecond }) => {
    host.meta.daysPerSecond = daysPerSecond;
    host.persistOptions();
    return ok;
  },
  inject: (m, body) => {
    if (m.host.phase === 'waiting') return wrong('Start the match before injecting events.');
    const { ref: _ref, ...event } = body;
    return engineCommand(m, { type: 'injectEvent', ...event });
  },
  end: (m) => engineCommand(m, { type: 'endMatch' }),
  muteChat: ({ host }, { muted }) => {
    host.chatMuted = muted;
    return ok;
  },
  kick: ({ host, info, room }, { playerId }) => {
    const seat = host.seats.seats.get(playerId);
    if (!seat) return no('NOT_FOUND', 'No such player.');
    if (seat.playerId === info.playerId) return no('WRONG_STATE', 'The host cannot kick itself.');
    room.kick(seat);
    host.log.info({ playerId: seat.playerId }, 'kicked');
    return ok;
  },
};

function engineCommand(m: MessageCtx, action: Action): Verdict {
  const result = m.host.apply(HOST_ACTOR, action, 'teacher');
  if (!result.ok) return no(result.error.code, result.error.message);
  m.host.log.info({ cmd: m.type, action }, 'host action');
  return ok;
}

export const hostRows: MessageRow[] = (Object.keys(handlers) as HostCommand[]).map((type) => ({
  type,
  schema: hostCommandSchemas[type],
  role: 'host' as const,
  // An ended match is a record: nothing the host does may change it (or its seats) any more.
  before: ({ host }) => (host.phase === 'ended' ? no('MATCH_ENDED', 'The match has ended.') : null),
  handle: handlers[type],
}));
