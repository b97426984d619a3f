/**
 * League results in SQLite (the server's file by default, in tables of their own): one row per
 * finished match, so a later run of the same league skips what is done and only plays the rest.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MatchResultRow, RatingRow } from './ratings.js';

export interface StoredMatch extends MatchResultRow {
  index: number;
  stateHash: string;
  finalDay: number;
  /** Per-bot action counts, rejections and strikes, for the rejection-rate report. */
  stats: BotTotals[];
}

export interface BotTotals {
  bot: string;
  actions: number;
  rejected: number;
  strikes: number;
}

export interface LeagueDefinition {
  id: string;
  bots: string[];
  scenarioId: string;
  days: number;
  seed: string;
  playersPerMatch: number;
  rankBy: string;
  /** Content digests of bots given as files (absent when every bot is from the registry). */
  botFiles?: Record<string, string>;
}

/**
 * Finished matches wait in memory and are written together, in one transaction: one commit (one
 * fsync of the WAL) per batch instead of per match. A crash loses at most the unwritten batch,
 * which a rerun plays again with the same results.
 */
const FLUSH_EVERY_MATCHES = 32;
const FLUSH_EVERY_MS = 1000;

export class LeagueStore {
  private readonly db: Database.Database;
  private readonly insertMatch: Database.Statement;
  private pending: { leagueId: string; m: StoredMatch }[] = [];
  private pendingSinceMs = 0;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS league_leagues (
        id TEXT PRIMARY KEY,
        definition TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS league_matches (
        league_id TEXT NOT NULL,
        match_index INTEGER NOT NULL,
        seed TEXT NOT NULL,
        state_hash TEXT NOT NULL,
        final_day INTEGER NOT NULL,
        players TEXT NOT NULL,
        stats TEXT NOT NULL,
        PRIMARY KEY (league_id, match_index)
      );
      CREATE TABLE IF NOT EXISTS league_ratings (
        league_id TEXT NOT NULL,
        bot TEXT NOT NULL,
        mu REAL NOT NULL,
        sigma REAL NOT NULL,
        ordinal REAL NOT NULL,
        matches INTEGER NOT NULL,
        mean_rank REAL NOT NULL,
        PRIMARY KEY (league_id, bot)
      );
    `);
    this.insertMatch = this.db.prepare('INSERT OR REPLACE INTO league_matches (league_id, match_index, seed, state_hash, final_day, players, stats) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Registers a league, or checks that an existing id was defined the same way. */
  openLeague(def: LeagueDefinition): void {
    const row = this.db.prepare('SELECT definition FROM league_leagues WHERE id = ?').get(def.id) as { definition: string } | undefined;
    const json = JSON.stringify(def);
    if (!row) {
      this.db.prepare('INSERT INTO league_leagues (id, definition, created_at) VALUES (?, ?, ?)').run(def.id, json, new Date().toISOString());
    } else if (row.definition !== json) {
      throw new Error(`league "${def.id}" exists with other settings: ${row.definition}`);
    }
  }

  matches(leagueId: string): StoredMatch[] {
    this.flush();
    const rows = this.db
      .prepare('SELECT match_index, seed, state_hash, final_day, players, stats FROM league_matches WHERE league_id = ? ORDER BY match_index')
      .all(leagueId) as { match_index: number; seed: string; state_hash: string; final_day: number; players: string; stats: string }[];
    return rows.map((r) => ({
      index: r.match_index,
      seed: r.seed,
      stateHash: r.state_hash,
      finalDay: r.final_day,
      players: JSON.parse(r.players) as StoredMatch['players'],
      stats: JSON.parse(r.stats) as BotTotals[],
    }));
  }

  /** Stores a finished match: at once or with the next batch (see FLUSH_EVERY_MATCHES); close() writes the rest. */
  saveMatch(leagueId: string, m: StoredMatch): void {
    const nowMs = performance.now();
    if (!this.pending.length) this.pendingSinceMs = nowMs;
    this.pending.push({ leagueId, m });
    if (this.pending.length >= FLUSH_EVERY_MATCHES || nowMs - this.pendingSinceMs >= FLUSH_EVERY_MS) this.flush();
  }

  /** Writes the matches saveMatch is holding, in one transaction. */
  flush(): void {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const { leagueId, m } of batch) this.insertMatch.run(leagueId, m.index, m.seed, m.stateHash, m.finalDay, JSON.stringify(m.players), JSON.stringify(m.stats));
    })();
  }

  saveRatings(leagueId: string, ratings: RatingRow[]): void {
    const del = this.db.prepare('DELETE FROM league_ratings WHERE league_id = ?');
    const ins = this.db.prepare('INSERT INTO league_ratings (league_id, bot, mu, sigma, ordinal, matches, mean_rank) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      del.run(leagueId);
      for (const r of ratings) ins.run(leagueId, r.bot, r.mu, r.sigma, r.ordinal, r.matches, r.meanRank);
    })();
  }

  close(): void {
    this.flush();
    this.db.close();
  }
}
