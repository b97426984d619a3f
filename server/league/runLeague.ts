/**
 * Runs a league: schedules matches, plays the ones the database does not have yet (on worker
 * threads, or in-process with workers = 0), rates everything in match order, and writes
 * results.json, leaderboard.csv and one replay per match.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { DEFAULT_DECISION_BUDGET_MS } from '../../shared/bots/runMatch.js';
import { computeRatings, DEFAULT_RANK_BY, rankPlayers, type MatchResultRow, type RankBy, type RatingRow } from './ratings.js';
import { schedule, type ScheduledMatch } from './scheduler.js';
import { LeagueStore, type BotTotals, type LeagueDefinition, type StoredMatch } from './storage.js';
import { playMatch, type MatchOutcome, type MatchTask } from './worker.js';

export interface LeagueOptions {
  bots: string[];
  matches: number;
  scenarioId: string;
  seed: string;
  playersPerMatch: number;
  workers: number;
  outDir: string;
  dbFile: string;
  /** Scenario length override (days); 0 = the scenario's own. */
  days?: number;
  rankBy?: RankBy;
  decisionBudgetMs?: number;
  /** League id in the database; default derived from the settings. */
  leagueId?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface LeagueResults {
  matches: MatchResultRow[];
  ratings: RatingRow[];
}

export interface LeagueSummary {
  leagueId: string;
  results: LeagueResults;
  /** Matches played in this run (the rest came from the database). */
  played: number;
  /** Per-bot totals across all matches: accepted and rejected actions, strikes. */
  totals: BotTotals[];
  wallMs: number;
}

export function leagueIdFor(def: Omit<LeagueDefinition, 'id'>): string {
  const digest = createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 10);
  return `${def.scenarioId}-${def.seed}-${digest}`;
}

/** What the database keeps of a finished match (local and queued leagues store the same). */
export function toStored(o: MatchOutcome, rankBy: RankBy): StoredMatch {
  return {
    index: o.index,
    seed: o.seed,
    stateHash: o.stateHash,
    finalDay: o.finalDay,
    players: rankPlayers(o.players, rankBy).map((p) => ({ bot: p.bot, rank: p.rank, navUsd: Math.round(p.navUsd), marketCapUsd: Math.round(p.marketCapUsd) })),
    stats: o.stats,
  };
}

/** The league's stored definition (with defaults) and its id: the same options name the same league. */
export function leagueOf(opts: LeagueOptions): { def: Omit<LeagueDefinition, 'id'>; leagueId: string; rankBy: RankBy } {
  const rankBy = opts.rankBy ?? DEFAULT_RANK_BY;
  const def: Omit<LeagueDefinition, 'id'> = {
    bots: opts.bots, scenarioId: opts.scenarioId, days: opts.days ?? 0, seed: opts.seed, playersPerMatch: opts.playersPerMatch, rankBy,
  };
  return { def, leagueId: opts.leagueId ?? leagueIdFor(def), rankBy };
}

export async function runLeague(opts: LeagueOptions): Promise<LeagueSummary> {
  const t0 = performance.now();
  const { def, leagueId, rankBy } = leagueOf(opts);
  const { days } = def;
  const store = new LeagueStore(opts.dbFile);
  try {
    store.openLeague({ id: leagueId, ...def });
    const done = new Map(store.matches(leagueId).map((m) => [m.index, m]));
    const todo = schedule(opts.bots, opts.playersPerMatch, opts.seed, 0, opts.matches).filter((m) => !done.has(m.index));
    const replayDir = join(opts.outDir, 'replays');
    const task = (m: ScheduledMatch): MatchTask => ({
      index: m.index, seed: m.seed, seats: m.seats, scenarioId: opts.scenarioId, days,
      decisionBudgetMs: opts.decisionBudgetMs ?? DEFAULT_DECISION_BUDGET_MS, replayDir,
    });
    let finished = opts.matches - todo.length;
    opts.onProgress?.(finished, opts.matches);
    const record = (o: MatchOutcome) => {
      const stored = toStored(o, rankBy);
      store.saveMatch(leagueId, stored);
      done.set(stored.index, stored);
      finished += 1;
      opts.onProgress?.(finished, opts.matches);
    };
    if (opts.workers <= 0) {
      for (const m of todo) record(playMatch(task(m)));
    } else {
      const pool = new Piscina({
        filename: new URL('./worker.ts', import.meta.url).href,
        execArgv: ['--import', 'tsx'],
        minThreads: Math.min(opts.workers, Math.max(1, todo.length)),
        maxThreads: opts.workers,
      });
      try {
        await Promise.all(todo.map((m) => (pool.run(task(m)) as Promise<MatchOutcome>).then(record)));
      } finally {
        await pool.destroy();
      }
    }
    // Ratings in match order, whatever order the workers finished in.
    const all = [...done.values()].filter((m) => m.index < opts.matches).sort((a, b) => a.index - b.index);
    const results: LeagueResults = {
      matches: all.map((m) => ({ seed: m.seed, players: m.players })),
      ratings: computeRatings(opts.bots, all),
    };
    store.saveRatings(leagueId, results.ratings);
    const totals = opts.bots.map((bot) => {
      const t: BotTotals = { bot, actions: 0, rejected: 0, strikes: 0 };
      for (const m of all) for (const s of m.stats) if (s.bot === bot) { t.actions += s.actions; t.rejected += s.rejected; t.strikes += s.strikes; }
      return t;
    });
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, 'results.json'), JSON.stringify(results, null, 1));
    writeFileSync(join(opts.outDir, 'leaderboard.csv'), leaderboardCsv(results.ratings, totals));
    return { leagueId, results, played: todo.length, totals, wallMs: performance.now() - t0 };
  } finally {
    store.close();
  }
}

export function rejectionRate(t: BotTotals): number {
  const tried = t.actions + t.rejected;
  return tried > 0 ? t.rejected / tried : 0;
}

export function leaderboardCsv(ratings: RatingRow[], totals: BotTotals[]): string {
  const lines = ['place,bot,ordinal,mu,sigma,matches,mean_rank,actions,rejected,rejection_rate,strikes'];
  ratings.forEach((r, i) => {
    const t = totals.find((x) => x.bot === r.bot) ?? { bot: r.bot, actions: 0, rejected: 0, strikes: 0 };
    lines.push([i + 1, r.bot, r.ordinal.toFixed(3), r.mu.toFixed(3), r.sigma.toFixed(3), r.matches, r.meanRank.toFixed(3), t.actions, t.rejected, rejectionRate(t).toFixed(4), t.strikes].join(','));
  });
  return `${lines.join('\n')}\n`;
}
