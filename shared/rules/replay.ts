/**
 * Command log + scenario + seed = replay. The same format feeds crash recovery, replay files from
 * the server and the league, `npm run sim -- --replay`, and the client's replay viewer.
 */
import type { Action } from './actions.js';
import { addPlayer, applyAction, applyUntrusted, createGame, stateHash, step } from './engine.js';
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
    if (state.players[entry.playerId]) return { state, rejected: 'DUPLICATE_JOIN', events: [] };
    return { state: addPlayer(state, { id: entry.playerId, name: entry.name, strategy: entry.strategy }), events: [] };
  }
  const result = trusted ? applyAction(state, entry.playerId, entry.action) : applyUntrusted(state, entry.playerId, entry.action);
  return result.ok ? { state: result.state, events: result.events } : { state, rejected: result.error.code, events: [] };
}

/** Re-runs a log from day 0. Entries must be in the order they were accepted. */
export function runReplay(file: Pick<ReplayFile, 'scenario' | 'seed' | 'finalDay' | 'entries'>, observer: ReplayObserver = {}): GameState {
  let state = createGame(file.scenario, file.seed);
  for (const entry of file.entries) {
    while (state.day < entry.day && state.phase === 'running') {
      const r = step(state);
      state = r.state;
      observer.onDay?.(state, r.events);
    }
    const applied = applyEntry(state, entry, observer.trusted === true);
    if (applied.rejected) observer.onRejected?.(entry, applied.rejected);
    state = applied.state;
  }
  while (state.day < file.finalDay && state.phase === 'running') {
    const r = step(state);
    state = r.state;
    observer.onDay?.(state, r.events);
  }
  return state;
}

export function replayHash(file: ReplayFile): string {
  return stateHash(runReplay(file));
}
