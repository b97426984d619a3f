/**
 * How a `market` room comes to hold a match: a new one from the create options, or a stored one
 * brought back (resume). Both return the same parts; the room wires them to Colyseus.
 */
import { getScenario } from '../../shared/economy/scenarios/index.js';
import { createOptionsSchema, defaultDaysPerSecond } from '../../shared/protocol/index.js';
import type { RoomMeta } from '../../shared/sync/syncView.js';
import { MatchRunner } from '../game/match.js';
import { hasStrategy } from '../game/bots.js';
import { applyTreatment, parseClassroomOptions } from '../classroom/settings.js';
import { ClassroomSession } from '../classroom/session.js';
import { awayBotsFrom } from '../classroom/seatControl.js';
import { CREATOR_KEY_OPTION } from './hostKey.js';
import { cleanName } from './names.js';
import type { RoomContext } from './roomContext.js';
import { secretToken, uniqueCode } from './roomCode.js';
import { SeatBook } from './seats.js';
import type { StoredOptions } from './matchHost.js';

export interface MatchParts {
  roomId: string;
  hostToken: string;
  /** Minted by `onAuth` for the create request; only that request's reservation carries it (hostKey.ts). */
  creatorKey: string;
  /** A resumed room keeps its clock still until someone comes back. */
  resumed: boolean;
  runner: MatchRunner;
  seats: SeatBook;
  meta: RoomMeta;
  classroom: ClassroomSession | null;
  /** Bots to seat once the room exists: `[name, strategy]`. */
  bots: [string, string][];
}

function rejectedLimits(ctx: RoomContext) {
  return { perClient: ctx.config.rejectedLogPerClient, perMatch: ctx.config.rejectedLogPerMatch };
}

/** A new match from the create options; throws a refusal the creator sees. */
export function createMatch(ctx: RoomContext, raw: Record<string, unknown>): MatchParts {
  const parsed = createOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Bad room options: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const o = parsed.data;
  const scenario = getScenario(o.scenario);
  if (!scenario) throw new Error(`Unknown scenario "${o.scenario}".`);
  for (const b of o.bots ?? []) if (!hasStrategy(b.strategy)) throw new Error(`Unknown bot strategy "${b.strategy}".`);
  const botCount = (o.bots ?? []).reduce((n, b) => n + b.count, 0);
  const maxPlayers = o.maxPlayers ?? Math.max(8, botCount + 1);
  if (botCount >= maxPlayers + 1) throw new Error('More bots than seats.');
  const stored: StoredOptions = {
    daysPerSecond: o.daysPerSecond ?? defaultDaysPerSecond(scenario.days), maxPlayers, private: o.private ?? false, leaverPolicy: o.leaverPolicy ?? (o.classroom !== undefined ? 'freeze' : 'bot'),
  };
  const { store } = ctx;
  const roomId = uniqueCode((code) => ctx.live.has(code) || store.getMatch(code) !== undefined);
  const hostToken = secretToken();
  const creatorKey = raw[CREATOR_KEY_OPTION];
  const seed = o.seed !== undefined ? String(o.seed) : secretToken().slice(0, 12);
  const name = cleanName(o.name) || `${scenario.name} ${roomId}`;
  const settings = o.classroom !== undefined ? parseClassroomOptions(o.classroom) : null;
  // Treatment settings that are engine parameters travel in the scenario copy (replays stay exact).
  const played = settings ? applyTreatment(scenario, settings, seed) : scenario;
  if (settings) stored.classroom = settings;
  store.createMatch({ id: roomId, name, scenarioId: scenario.id, seed, options: { ...stored }, hostToken, status: 'waiting', currentDay: 0 });
  let classroom: ClassroomSession | null = null;
  if (settings) {
    classroom = new ClassroomSession(store.db, roomId, settings, seed, rejectedLimits(ctx));
    classroom.issueLinks();
    // A class seat waits for its student; leaverPolicy 'bot' at creation is the teacher's "bots on".
    classroom.awayBots = { all: o.leaverPolicy === 'bot', seats: [] };
  }
  return {
    roomId, hostToken, creatorKey: typeof creatorKey === 'string' ? creatorKey : '', resumed: false, classroom,
    runner: MatchRunner.create(store, roomId, played, seed),
    seats: new SeatBook(store, roomId, seed),
    meta: {
      code: roomId, name, phase: 'waiting', daysPerSecond: stored.daysPerSecond, hostPlayerId: '', maxPlayers,
      isPrivate: stored.private, leaverPolicy: stored.leaverPolicy, question: '',
    },
    bots: (o.bots ?? []).flatMap((b) => Array.from({ length: b.count }, (_, i): [string, string] => [`${b.strategy} ${i + 1}`, b.strategy])),
  };
}

/** A stored match brought back (server/rooms/resume.ts); only this process may ask, with its resume key. */
export function resumeMatch(ctx: RoomContext, raw: Record<string, unknown>): MatchParts {
  if (raw.resumeKey !== ctx.resumeKey || typeof raw.matchId !== 'string') throw new Error('Not allowed.');
  const { store } = ctx;
  const m = store.getMatch(raw.matchId);
  if (!m) throw new Error(`No stored match ${raw.matchId}.`);
  // One room instance per match, always: a second one would fork the log.
  if (ctx.live.has(m.id)) throw new Error(`Match ${m.id} is already live.`);
  const o = m.options as unknown as StoredOptions;
  const seats = new SeatBook(store, m.id, m.seed);
  seats.load(store.seats(m.id));
  let classroom: ClassroomSession | null = null;
  if (o.classroom) {
    classroom = new ClassroomSession(store.db, m.id, o.classroom, m.seed, rejectedLimits(ctx));
    classroom.load();
    classroom.awayBots = awayBotsFrom(o.awayBots);
    classroom.autoPause = o.autoPause === true;
    classroom.autoPausedDay = o.autoPausedDay ?? -1;
  }
  let phase: RoomMeta['phase'] = m.status === 'waiting' ? 'waiting' : m.status === 'paused' ? 'paused' : 'running';
  // A re-opened class waits for its teacher instead of running on by itself.
  if (o.classroom && m.status === 'abandoned') {
    phase = m.currentDay === 0 ? 'waiting' : 'paused';
    store.setStatus(m.id, phase);
  }
  classroom?.logPhase(phase, m.currentDay, true);
  return {
    roomId: m.id, hostToken: m.hostToken, creatorKey: '', resumed: true, classroom, seats, bots: [],
    runner: MatchRunner.resume(store, m.id, m.currentDay),
    meta: {
      code: m.id, name: m.name, phase, daysPerSecond: o.daysPerSecond, hostPlayerId: typeof m.options.hostPlayerId === 'string' ? m.options.hostPlayerId : '',
      maxPlayers: o.maxPlayers, isPrivate: o.private, leaverPolicy: o.leaverPolicy, question: o.question ?? '',
    },
  };
}
