/**
 * Write-ahead persistence in one SQLite file (WAL): matches, seats, the accepted-action log (the
 * engine's `LogEntry` format, written before the action takes effect), snapshots every
 * SNAPSHOT_EVERY_DAYS game days and final results. Resume = latest snapshot + the log after it.
 * The chart history (one `DaySummary` a day) is appended to `day_summaries` as days pass, so a
 * snapshot never rewrites the whole history (older files may still carry it in `history_json`).
 *
 * better-sqlite3 is synchronous: a write returns once it is committed to the WAL, which survives
 * the process being killed (synchronous=NORMAL only risks the last commits on an OS crash). The
 * server's store checkpoints the WAL on a thread of its own (checkpointWorker.mjs), so no commit
 * waits for a checkpoint's fsyncs.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LogEntry } from '../../shared/rules/replay.js';
import type { DaySummary } from '../../shared/rules/summary.js';
import type { GameState } from '../../shared/rules/types.js';

export const DB_FILE = 'beauty-contest.sqlite';
export const SNAPSHOT_EVERY_DAYS = 30;

export type MatchStatus = 'waiting' | 'running' | 'paused' | 'ended' | 'abandoned';
export type SeatControl = 'human' | 'bot' | 'frozen';

export interface MatchRecord {
  id: string;
  name: string;
  scenarioId: string;
  seed: string;
  /** Room options as created (JSON), so a resumed room behaves like the original. */
  options: Record<string, unknown>;
  hostToken: string;
  status: MatchStatus;
  currentDay: number;
  createdAt: string;
  updatedAt: string;
}

export interface SeatRecord {
  matchId: string;
  playerId: string;
  name: string;
  /** Bot strategy driving the seat ('' for a person). */
  strategy: string;
  seatToken: string;
  control: SeatControl;
  kicked: boolean;
  joinedDay: number;
}

export interface Snapshot {
  day: number;
  /** Number of log entries already folded into `state`. */
  seq: number;
  state: GameState;
  history: DaySummary[];
}

export interface ResultRecord {
  matchId: string;
  finalDay: number;
  stateHash: string;
  standings: unknown;
  endedAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS matches (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, scenario_id TEXT NOT NULL, seed TEXT NOT NULL,
  options_json TEXT NOT NULL, host_token TEXT NOT NULL, status TEXT NOT NULL,
  current_day INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS players (
  match_id TEXT NOT NULL, player_id TEXT NOT NULL, name TEXT NOT NULL, strategy TEXT NOT NULL,
  seat_token TEXT NOT NULL, control TEXT NOT NULL, kicked INTEGER NOT NULL DEFAULT 0, joined_day INTEGER NOT NULL,
  PRIMARY KEY (match_id, player_id));
CREATE TABLE IF NOT EXISTS actions (
  match_id TEXT NOT NULL, seq INTEGER NOT NULL, day INTEGER NOT NULL, player_id TEXT NOT NULL,
  kind TEXT NOT NULL, entry_json TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (match_id, seq));
CREATE TABLE IF NOT EXISTS snapshots (
  match_id TEXT NOT NULL, day INTEGER NOT NULL, seq INTEGER NOT NULL, state_json TEXT NOT NULL,
  history_json TEXT NOT NULL, PRIMARY KEY (match_id, day));
CREATE TABLE IF NOT EXISTS day_summaries (
  match_id TEXT NOT NULL, day INTEGER NOT NULL, summary_json TEXT NOT NULL, PRIMARY KEY (match_id, day));
CREATE TABLE IF NOT EXISTS results (
  match_id TEXT PRIMARY KEY, final_day INTEGER NOT NULL, state_hash TEXT NOT NULL,
  standings_json TEXT NOT NULL, ended_at TEXT NOT NULL);
`;

interface MatchRow {
  id: string; name: string; scenario_id: string; seed: string; options_json: string; host_token: string;
  status: MatchStatus; current_day: number; created_at: string; updated_at: string;
}
interface SeatRow {
  match_id: string; player_id: string; name: string; strategy: string; seat_token: string;
  control: SeatControl; kicked: number; joined_day: number;
}

function toMatch(r: MatchRow): MatchRecord {
  return {
    id: r.id, name: r.name, scenarioId: r.scenario_id, seed: r.seed, options: JSON.parse(r.options_json) as Record<string, unknown>,
    hostToken: r.host_token, status: r.status, currentDay: r.current_day, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
function toSeat(r: SeatRow): SeatRecord {
  return {
    matchId: r.match_id, playerId: r.player_id, name: r.name, strategy: r.strategy, seatToken: r.seat_token,
    control: r.control, kicked: r.kicked === 1, joinedDay: r.joined_day,
  };
}

const now = () => new Date().toISOString();

/**
 * WAL pages after which a commit checkpoints by itself even with a background checkpointer (SQLite's
 * default is 1,000). Under steady writes the thread's checkpoint always ends a few commits behind the
 * WAL's end, and SQLite only starts the WAL over once a checkpoint reached it: the writer's own
 * checkpoint here, which finds nearly everything already copied (`npm run bench -- --only store`,
 * steady writes: one commit in 10,000 over 5 ms, against 21 without the thread). Also the backstop
 * should the thread die. The WAL file grows to this size (64 MB) and stays there.
 */
const BACKSTOP_CHECKPOINT_PAGES = 16_000;

/** One background checkpoint: WAL frames, how many of them are now in the database, whether a lock stopped it. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
  busy: number;
}

export interface StoreOptions {
  /** Checkpoint on a background thread this often (ms) instead of inside the commit that fills the WAL. */
  checkpointEveryMs?: number;
}

export class MatchStore {
  readonly db: Database.Database;
  private readonly stmts;
  private readonly checkpointer: Worker | null = null;
  private readonly checkpointWaiters: ((r: CheckpointReport) => void)[] = [];

  constructor(dataDir: string, options: StoreOptions = {}) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DB_FILE);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    if (options.checkpointEveryMs) {
      this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      this.checkpointer = this.startCheckpointer(file, options.checkpointEveryMs);
    }
    const db = this.db;
    this.stmts = {
      insertMatch: db.prepare(`INSERT INTO matches (id, name, scenario_id, seed, options_json, host_token, status, current_day, created_at, updated_at)
        VALUES (@id, @name, @scenarioId, @seed, @optionsJson, @hostToken, @status, @currentDay, @createdAt, @updatedAt)`),
      matchById: db.prepare('SELECT * FROM matches WHERE id = ?'),
      allMatches: db.prepare('SELECT * FROM matches ORDER BY created_at DESC LIMIT ?'),
      unfinished: db.prepare(`SELECT * FROM matches WHERE status IN ('waiting', 'running', 'paused') ORDER BY created_at`),
      setStatus: db.prepare('UPDATE matches SET status = ?, updated_at = ? WHERE id = ?'),
      setDay: db.prepare('UPDATE matches SET current_day = ?, updated_at = ? WHERE id = ?'),
      setOptions: db.prepare('UPDATE matches SET options_json = ?, updated_at = ? WHERE id = ?'),
      insertSeat: db.prepare(`INSERT INTO players (match_id, player_id, name, strategy, seat_token, control, kicked, joined_day)
        VALUES (@matchId, @playerId, @name, @strategy, @seatToken, @control, @kicked, @joinedDay)`),
      updateSeat: db.prepare('UPDATE players SET control = ?, strategy = ?, kicked = ? WHERE match_id = ? AND player_id = ?'),
      setSeatToken: db.prepare('UPDATE players SET seat_token = ? WHERE match_id = ? AND player_id = ?'),
      seats: db.prepare('SELECT * FROM players WHERE match_id = ? ORDER BY rowid'),
      insertEntry: db.prepare('INSERT INTO actions (match_id, seq, day, player_id, kind, entry_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      entriesFrom: db.prepare('SELECT entry_json FROM actions WHERE match_id = ? AND seq > ? ORDER BY seq'),
      joinEntries: db.prepare("SELECT entry_json FROM actions WHERE match_id = ? AND kind = 'join' ORDER BY seq"),
      actionRows: db.prepare('SELECT seq, day, player_id, kind, entry_json, created_at FROM actions WHERE match_id = ? ORDER BY seq'),
      insertSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (match_id, day, seq, state_json, history_json) VALUES (?, ?, ?, ?, ?)'),
      latestSnapshot: db.prepare('SELECT day, seq, state_json, history_json FROM snapshots WHERE match_id = ? ORDER BY day DESC, seq DESC LIMIT 1'),
      insertResult: db.prepare('INSERT OR REPLACE INTO results (match_id, final_day, state_hash, standings_json, ended_at) VALUES (?, ?, ?, ?, ?)'),
      result: db.prepare('SELECT * FROM results WHERE match_id = ?'),
      insertSummary: db.prepare('INSERT OR REPLACE INTO day_summaries (match_id, day, summary_json) VALUES (?, ?, ?)'),
      summariesUpTo: db.prepare('SELECT summary_json FROM (SELECT day, summary_json FROM day_summaries WHERE match_id = ? AND day <= ? ORDER BY day DESC LIMIT ?) ORDER BY day'),
      firstSnapshotState: db.prepare('SELECT state_json FROM snapshots WHERE match_id = ? ORDER BY day ASC, seq ASC LIMIT 1'),
    };
  }

  createMatch(m: Omit<MatchRecord, 'createdAt' | 'updatedAt'>): void {
    const t = now();
    this.stmts.insertMatch.run({ ...m, optionsJson: JSON.stringify(m.options), createdAt: t, updatedAt: t });
  }

  getMatch(id: string): MatchRecord | undefined {
    const row = this.stmts.matchById.get(id) as MatchRow | undefined;
    return row ? toMatch(row) : undefined;
  }

  listMatches(limit = 200): MatchRecord[] {
    return (this.stmts.allMatches.all(limit) as MatchRow[]).map(toMatch);
  }

  unfinishedMatches(): MatchRecord[] {
    return (this.stmts.unfinished.all() as MatchRow[]).map(toMatch);
  }

  setStatus(id: string, status: MatchStatus): void {
    this.stmts.setStatus.run(status, now(), id);
  }

  setCurrentDay(id: string, day: number): void {
    this.stmts.setDay.run(day, now(), id);
  }

  setOptions(id: string, options: Record<string, unknown>): void {
    this.stmts.setOptions.run(JSON.stringify(options), now(), id);
  }

  addSeat(s: SeatRecord): void {
    this.stmts.insertSeat.run({ ...s, kicked: s.kicked ? 1 : 0 });
  }

  updateSeat(matchId: string, playerId: string, control: SeatControl, strategy: string, kicked: boolean): void {
    this.stmts.updateSeat.run(control, strategy, kicked ? 1 : 0, matchId, playerId);
  }

  /** A new token for a seat: the old one stops working (kick, seat handed to someone else). */
  setSeatToken(matchId: string, playerId: string, seatToken: string): void {
    this.stmts.setSeatToken.run(seatToken, matchId, playerId);
  }

  seats(matchId: string): SeatRecord[] {
    return (this.stmts.seats.all(matchId) as SeatRow[]).map(toSeat);
  }

  /** Appends log entry number `seq` (1-based). Throws if that number is taken: the log never forks. */
  appendEntry(matchId: string, seq: number, entry: LogEntry): void {
    this.stmts.insertEntry.run(matchId, seq, entry.day, entry.playerId, entry.kind === 'join' ? 'join' : entry.action.type, JSON.stringify(entry), now());
  }

  /** Entries after `afterSeq`, in order. */
  entries(matchId: string, afterSeq = 0): LogEntry[] {
    return (this.stmts.entriesFrom.all(matchId, afterSeq) as { entry_json: string }[]).map((r) => JSON.parse(r.entry_json) as LogEntry);
  }

  /** The seat joins of a match only (not its whole log). */
  joinEntries(matchId: string): Extract<LogEntry, { kind: 'join' }>[] {
    return (this.stmts.joinEntries.all(matchId) as { entry_json: string }[]).map((r) => JSON.parse(r.entry_json) as Extract<LogEntry, { kind: 'join' }>);
  }

  actionRows(matchId: string): { seq: number; day: number; player_id: string; kind: string; entry_json: string; created_at: string }[] {
    return this.stmts.actionRows.all(matchId) as { seq: number; day: number; player_id: string; kind: string; entry_json: string; created_at: string }[];
  }

  /**
   * Saves the state at `snap.day`. Its history is not written here: `appendSummaries` must already
   * hold every summary up to that day (MatchRunner does both in one transaction).
   */
  saveSnapshot(matchId: string, snap: Omit<Snapshot, 'history'>): void {
    // '' marks a snapshot whose history lives in day_summaries.
    this.stmts.insertSnapshot.run(matchId, snap.day, snap.seq, JSON.stringify(snap.state), '');
  }

  /** Appends (or rewrites) chart summaries, one row per game day. */
  appendSummaries(matchId: string, summaries: readonly DaySummary[]): void {
    for (const s of summaries) this.stmts.insertSummary.run(matchId, s.day, JSON.stringify(s));
  }

  /** The latest `limit` summaries up to `day`, oldest first. */
  summariesUpTo(matchId: string, day: number, limit: number): DaySummary[] {
    return (this.stmts.summariesUpTo.all(matchId, day, limit) as { summary_json: string }[]).map((r) => JSON.parse(r.summary_json) as DaySummary);
  }

  /** `historyLimit`: most summaries returned with the snapshot (the room keeps that many in memory). */
  latestSnapshot(matchId: string, historyLimit = 5000): Snapshot | undefined {
    const row = this.stmts.latestSnapshot.get(matchId) as { day: number; seq: number; state_json: string; history_json: string } | undefined;
    if (!row) return undefined;
    const history = row.history_json === '' ? this.summariesUpTo(matchId, row.day, historyLimit) : (JSON.parse(row.history_json) as DaySummary[]);
    return { day: row.day, seq: row.seq, state: JSON.parse(row.state_json) as GameState, history };
  }

  /** The state a match started from (day 0: scenario copy and seed), without reading the latest one. */
  firstState(matchId: string): GameState | undefined {
    const row = this.stmts.firstSnapshotState.get(matchId) as { state_json: string } | undefined;
    return row ? (JSON.parse(row.state_json) as GameState) : undefined;
  }

  saveResult(r: ResultRecord): void {
    this.stmts.insertResult.run(r.matchId, r.finalDay, r.stateHash, JSON.stringify(r.standings), r.endedAt);
  }

  getResult(matchId: string): ResultRecord | undefined {
    const row = this.stmts.result.get(matchId) as { match_id: string; final_day: number; state_hash: string; standings_json: string; ended_at: string } | undefined;
    if (!row) return undefined;
    return { matchId: row.match_id, finalDay: row.final_day, stateHash: row.state_hash, standings: JSON.parse(row.standings_json), endedAt: row.ended_at };
  }

  /** Runs several writes as one commit. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private startCheckpointer(file: string, everyMs: number): Worker {
    const worker = new Worker(new URL('./checkpointWorker.mjs', import.meta.url), { workerData: { file, everyMs }, execArgv: [] });
    worker.unref();
    worker.on('message', (m: CheckpointReport) => {
      for (const resolve of this.checkpointWaiters.splice(0)) resolve(m);
    });
    // Without the thread, commits checkpoint at the backstop threshold: slower, never unsafe.
    worker.on('error', (err) => process.emitWarning(`SQLite checkpoint thread stopped (${err.message}): commits checkpoint the WAL themselves from now on`));
    return worker;
  }

  /** The next background checkpoint's report (tests; never resolves without a checkpointer). */
  nextCheckpoint(): Promise<CheckpointReport> {
    return new Promise((resolve) => this.checkpointWaiters.push(resolve));
  }

  close(): void {
    if (!this.db.open) return;
    this.checkpointer?.postMessage('stop');
    this.db.close();
  }
}
