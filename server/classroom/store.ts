/**
 * Session data the match tables do not hold, in the same SQLite file: label → seat, real names
 * (with anonymous names the match tables hold only "Company A…"), the ⅔ games
 * (the whole game as JSON, rewritten on each change, plus one row per submitted guess with its
 * time) and refused actions (the engine's log keeps accepted actions only; the export needs both).
 */
import type Database from 'better-sqlite3';
import type { GuessGame } from '../../shared/classroom/guess.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS session_labels (
  match_id TEXT NOT NULL, label_key TEXT NOT NULL, label TEXT NOT NULL, player_id TEXT NOT NULL,
  PRIMARY KEY (match_id, label_key));
CREATE TABLE IF NOT EXISTS session_label_links (
  match_id TEXT NOT NULL, label_key TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (match_id, label_key));
CREATE TABLE IF NOT EXISTS session_names (
  match_id TEXT NOT NULL, player_id TEXT NOT NULL, real_name TEXT NOT NULL, PRIMARY KEY (match_id, player_id));
CREATE TABLE IF NOT EXISTS guess_games (
  match_id TEXT NOT NULL, game_no INTEGER NOT NULL, game_json TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (match_id, game_no));
CREATE TABLE IF NOT EXISTS guess_log (
  match_id TEXT NOT NULL, id INTEGER PRIMARY KEY AUTOINCREMENT, game_no INTEGER NOT NULL, round INTEGER NOT NULL,
  player_id TEXT NOT NULL, value REAL NOT NULL, seq INTEGER NOT NULL, day INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS guess_log_match ON guess_log (match_id);
CREATE TABLE IF NOT EXISTS rejected_actions (
  match_id TEXT NOT NULL, id INTEGER PRIMARY KEY AUTOINCREMENT, day INTEGER NOT NULL, player_id TEXT NOT NULL,
  type TEXT NOT NULL, payload_json TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rejected_actions_match ON rejected_actions (match_id);
CREATE TABLE IF NOT EXISTS session_events (
  match_id TEXT NOT NULL, id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, day INTEGER NOT NULL,
  player_id TEXT NOT NULL, data_json TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS session_events_match ON session_events (match_id);
`;

export interface LabelRow { label: string; playerId: string }
export interface GuessLogRow { gameNo: number; round: number; playerId: string; value: number; seq: number; day: number; createdAt: string }
export interface RejectedRow { day: number; playerId: string; type: string; payloadJson: string; code: string; message: string; createdAt: string }

/**
 * What happened in the room around the game, with its wall-clock time, for the export: phase
 * changes (`phase`: waiting/running/paused/ended), the discussion question shown while paused
 * (`question`), chat lines (`chat`) and ⅔ rounds opening and closing (`guessOpen`, `guessClose`).
 */
export type SessionEventKind = 'phase' | 'question' | 'chat' | 'guessOpen' | 'guessClose';
export interface SessionEventRow { kind: SessionEventKind; day: number; playerId: string; data: Record<string, unknown>; createdAt: string }

export class ClassroomStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.stmts = {
      insertLabel: db.prepare('INSERT INTO session_labels (match_id, label_key, label, player_id) VALUES (?, ?, ?, ?)'),
      insertLink: db.prepare('INSERT OR IGNORE INTO session_label_links (match_id, label_key, token) VALUES (?, ?, ?)'),
      links: db.prepare('SELECT label_key AS labelKey, token FROM session_label_links WHERE match_id = ?'),
      insertName: db.prepare('INSERT OR REPLACE INTO session_names (match_id, player_id, real_name) VALUES (?, ?, ?)'),
      names: db.prepare('SELECT player_id AS playerId, real_name AS name FROM session_names WHERE match_id = ?'),
      labels: db.prepare('SELECT label, player_id AS playerId FROM session_labels WHERE match_id = ?'),
      saveGame: db.prepare('INSERT OR REPLACE INTO guess_games (match_id, game_no, game_json, updated_at) VALUES (?, ?, ?, ?)'),
      games: db.prepare('SELECT game_json FROM guess_games WHERE match_id = ? ORDER BY game_no'),
      insertGuess: db.prepare('INSERT INTO guess_log (match_id, game_no, round, player_id, value, seq, day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      guesses: db.prepare('SELECT game_no AS gameNo, round, player_id AS playerId, value, seq, day, created_at AS createdAt FROM guess_log WHERE match_id = ? ORDER BY id'),
      insertRejected: db.prepare('INSERT INTO rejected_actions (match_id, day, player_id, type, payload_json, code, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      rejectedCounts: db.prepare('SELECT player_id AS playerId, COUNT(*) AS n FROM rejected_actions WHERE match_id = ? GROUP BY player_id'),
      insertEvent: db.prepare('INSERT INTO session_events (match_id, kind, day, player_id, data_json, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      events: db.prepare('SELECT kind, day, player_id AS playerId, data_json AS dataJson, created_at AS createdAt FROM session_events WHERE match_id = ? ORDER BY id'),
      rejected: db.prepare('SELECT day, player_id AS playerId, type, payload_json AS payloadJson, code, message, created_at AS createdAt FROM rejected_actions WHERE match_id = ? ORDER BY id'),
    };
  }

  addLabel(matchId: string, key: string, label: string, playerId: string): void {
    this.stmts.insertLabel.run(matchId, key, label, playerId);
  }

  /** A label's secret link token; a label that already has one keeps it. */
  addLink(matchId: string, key: string, token: string): void {
    this.stmts.insertLink.run(matchId, key, token);
  }

  links(matchId: string): { labelKey: string; token: string }[] {
    return this.stmts.links.all(matchId) as { labelKey: string; token: string }[];
  }

  setRealName(matchId: string, playerId: string, name: string): void {
    this.stmts.insertName.run(matchId, playerId, name);
  }

  realNames(matchId: string): { playerId: string; name: string }[] {
    return this.stmts.names.all(matchId) as { playerId: string; name: string }[];
  }

  labels(matchId: string): LabelRow[] {
    return this.stmts.labels.all(matchId) as LabelRow[];
  }

  /** Game numbers are 1-based. */
  saveGame(matchId: string, gameNo: number, game: GuessGame): void {
    this.stmts.saveGame.run(matchId, gameNo, JSON.stringify(game), new Date().toISOString());
  }

  games(matchId: string): GuessGame[] {
    return (this.stmts.games.all(matchId) as { game_json: string }[]).map((r) => JSON.parse(r.game_json) as GuessGame);
  }

  logGuess(matchId: string, g: Omit<GuessLogRow, 'createdAt'>): void {
    this.stmts.insertGuess.run(matchId, g.gameNo, g.round, g.playerId, g.value, g.seq, g.day, new Date().toISOString());
  }

  guessLog(matchId: string): GuessLogRow[] {
    return this.stmts.guesses.all(matchId) as GuessLogRow[];
  }

  logRejected(matchId: string, r: Omit<RejectedRow, 'createdAt'>): void {
    this.stmts.insertRejected.run(matchId, r.day, r.playerId, r.type, r.payloadJson, r.code, r.message, new Date().toISOString());
  }

  /** Rows already logged per player id ('' = spectators), for the caps after a restart. */
  rejectedCounts(matchId: string): { playerId: string; n: number }[] {
    return this.stmts.rejectedCounts.all(matchId) as { playerId: string; n: number }[];
  }

  rejected(matchId: string): RejectedRow[] {
    return this.stmts.rejected.all(matchId) as RejectedRow[];
  }

  logEvent(matchId: string, kind: SessionEventKind, day: number, playerId: string, data: Record<string, unknown>, at = new Date().toISOString()): void {
    this.stmts.insertEvent.run(matchId, kind, day, playerId, JSON.stringify(data), at);
  }

  events(matchId: string): SessionEventRow[] {
    return (this.stmts.events.all(matchId) as { kind: SessionEventKind; day: number; playerId: string; dataJson: string; createdAt: string }[]).map(
      ({ dataJson, ...r }) => ({ ...r, data: JSON.parse(dataJson) as Record<string, unknown> }),
    );
  }
}

const cache = new WeakMap<Database.Database, ClassroomStore>();

/** One ClassroomStore per database handle (the tables are created once). */
export function classroomStore(db: Database.Database): ClassroomStore {
  let s = cache.get(db);
  if (!s) {
    s = new ClassroomStore(db);
    cache.set(db, s);
  }
  return s;
}
