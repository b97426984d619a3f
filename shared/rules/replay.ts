/**
 * Command log + scenario + seed = replay. The same format feeds crash recovery, replay files from
 * the server and the league, `npm run sim -- --replay`, and the client's replay viewer.
 */
import { parseAction, type Action } from './actions.js';
import { matchCursor, type MatchCursor } from './matchCursor.js';
import { own } from './own.js';
import { addPlayer, applyAction, createGame, stateHash } from './engine.js';
import type { GameEvent, GameState, PlayerId, Scenario } from './types.js';

export const REPLAY_FORMAT = 'beauty-contest-replay/1';

export type LogEntry =
  | { day: number; kind: 'join'; playerId: PlayerId; name: string; strategy: string }
  | {
    day: number; kind: 'action'; playerId: PlayerId; action: Action;
    /** Who sent it for `playerId` (the student, the bot running the seat, or the teacher); not read by the engine. */
    controller?: 'student' | 'bot' | 'teacher';
  };

export interface ReplayFile {
  format: typeof REPLAY_FORMAT;
  scenario: Scenario;
  seed: string;
  /** The day the recorded match stopped at (its last state). */
  finalDay: number;
  entries: LogEntry[];
  /** The recorded match's final hash, for checking. */
  stateHash?: string;
}

export interface ReplayObserver {
  /** The log was recorded by the engine (a league, a bench): its actions skip re-validation. */
  trusted?: boolean;
  onDay?(state: GameState, events: GameEvent[]): void;
  onRejected?(entry: LogEntry, code: string): void;
}

/**
 * Applies one log entry; returns the new state, or the old one with the rule error's code. A log
 * read from a file is untrusted (its actions are parsed); one the engine itself recorded (a
 * league's, a room's own crash log) may pass `trusted`.
 */
export function applyEntry(state: GameState, entry: LogEntry, trusted = false): { state: GameState; rejected?: string; events: GameEvent[] } {
  if (entry.kind === 'join') {
    if (own(state.players, entry.playerId)) return { state, rejected: 'DUPLICATE_JOIN', events: [] };
    return { state: addPlayer(state, { id: entry.playerId, name: entry.name, strategy: entry.strategy }), events: [] };
  }
  const action = loggedAction(entry.action, trusted);
  if (!action) return { state, rejected: 'BAD_ACTION', events: [] };
  const result = applyAction(state, entry.playerId, action);
  return result.ok ? { state: result.state, events: result.events } : { state, rejected: result.error.code, events: [] };
}

/** A logged action as the engine may apply it: parsed unless the log is the engine's own; null if it does not parse. */
function loggedAction(logged: Action, trusted: boolean): Action | null {
  if (trusted) return logged;
  const parsed = parseAction(logged);
  return parsed.ok ? parsed.action : null;
}

/** Re-runs a log from day 0. Entries must be in the order they were accepted. */
export function runReplay(file: Pick<ReplayFile, 'scenario' | 'seed' | 'finalDay' | 'entries'>, observer: ReplayObserver = {}): GameState {
  // With nobody reading the days in between, the whole replay may run on one state.
  const match = matchCursor(createGame(file.scenario, file.seed), { inPlace: !observer.onDay });
  const playDay = () => {
    const r = match.step();
    observer.onDay?.(r.state, r.events);
  };
  for (const entry of file.entries) {
    while (match.state.day < entry.day && match.state.phase === 'running') playDay();
    const code = applyEntryTo(match, entry, observer.trusted === true);
    if (code) observer.onRejected?.(entry, code);
  }
  while (match.state.day < file.finalDay && match.state.phase === 'running') playDay();
  return match.state;
}

/** `applyEntry` on a match cursor; returns the rule error's code when the entry is refused. */
function applyEntryTo(match: MatchCursor, entry: LogEntry, trusted: boolean): string | undefined {
  if (entry.kind === 'join') {
    if (own(match.state.players, entry.playerId)) return 'DUPLICATE_JOIN';
    match.addPlayer({ id: entry.playerId, name: entry.name, strategy: entry.strategy });
    return undefined;
  }
  const action = loggedAction(entry.action, trusted);
  if (!action) return 'BAD_ACTION';
  const r = match.apply(entry.playerId, action);
  return r.ok ? undefined : r.error.code;
}

export function replayHash(file: ReplayFile): string {
  return stateHash(runReplay(file));
}
