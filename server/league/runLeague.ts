/**
 * Runs a league: schedules matches, plays the ones the database does not have yet (on worker
 * threads, or in-process with workers = 0), rates everything in match order, and writes
 * results.json, leaderboard.csv and one replay per match.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Piscina } from 'piscina';
import { DEFAULT_DECISION_BUDGET_MS } from '../../shared/bots/runMatch.js';
import { computeRatings, DEFAULT_RANK_BY, rankPlayers, ratingsInOrder, type MatchResultRow, type RankBy, type RatingRow } from './ratings.js';
import { schedule, type ScheduledMatch } from './scheduler.js';
import { LeagueStore, type BotTotals, type LeagueDefinition, type StoredMatch } from './storage.js';
import { HEARTBEAT_SLOTS, playMatch, type MatchOutcome, type MatchTask } from './worker.js';
import { botDigest, resolveBot } from '../bots/resolve.js';
import { startLeaguePool } from './pool.js';

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
  /** Called after each finished match with the table so far (`--watch`). */
  onResults?: (results: LeagueResults, totals: BotTotals[], done: number, total: number) => void;
  /** Folder relative bot paths are resolved from (default: the process's cwd). */
  botCwd?: string;
  /**
   * Wall time (ms) after which an in-process decision counts as hung: its worker is terminated and
   * the match replayed with that bot retired from that day. Default max(2 s, 40 × budget).
   */
  hangMs?: number;
  /** Strikes before a process bot is retired for the rest of a match (default 10). */
  maxStrikes?: number;
  /**
   * Heap cap of each worker thread (MB, default 1536): a strategy that hoards memory kills its
   * worker, not the league, and is retired like a hung one.
   */
  workerMemoryMb?: number;
  /**
   * Threads the caller has started already (`startLeaguePool`), so that their start-up overlaps its
   * own: the CLI starts them before it loads the engine. Destroyed here if no match needs them.
   */
  pool?: Promise<Piscina>;
}

export interface LeagueResults {
  matches: MatchResultRow[];
  ratings: RatingRow[];
  headToHead: HeadToHead;
}

/** `wins[i][j]`: matches in which bot i placed above bot j; `games[i][j]`: matches they both played. */
export interface HeadToHead {
  bots: string[];
  wins: number[][];
  games: number[][];
}

/** Pairwise record over the matches (each pair of seats once; a bot is never paired with itself). */
export function headToHead(bots: string[], matches: MatchResultRow[]): HeadToHead {
  const at = new Map(bots.map((b, i) => [b, i]));
  const wins = bots.map(() => bots.map(() => 0));
  const games = bots.map(() => bots.map(() => 0));
  for (const m of matches) {
    for (const a of m.players) {
      for (const b of m.players) {
        const i = at.get(a.bot);
        const j = at.get(b.bot);
        if (i === undefined || j === undefined || i === j) continue;
        games[i]![j]! += 1;
        if (a.rank < b.rank) wins[i]![j]! += 1;
      }
    }
  }
  return { bots, wins, games };
}

export function headToHeadCsv(h: HeadToHead): string {
  const lines = [['bot', ...h.bots.map((b) => `vs ${b}`)].join(',')];
  h.bots.forEach((b, i) => lines.push([b, ...h.bots.map((_, j) => (i === j ? '' : `${h.wins[i]![j]}/${h.games[i]![j]}`))].join(',')));
  return `${lines.join('\n')}\n`;
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
  // A bot from a file is known by its code: editing it starts a new league instead of reusing stale matches.
  const digests = Object.fromEntries(opts.bots.flatMap((b) => {
    const d = botDigest(resolveBot(b, { cwd: opts.botCwd }));
    return d ? [[b, d]] : [];
  }));
  if (Object.keys(digests).length) def.botFiles = digests;
  return { def, leagueId: opts.leagueId ?? leagueIdFor(def), rankBy };
}

/** Piscina's error for the tasks of a thread that ended (terminated for a hang, or out of memory). */
function isThreadLoss(e: unknown): boolean {
  return e instanceof Error && e.message.startsWith('worker exited with code');
}

export async function runLeague(opts: LeagueOptions): Promise<LeagueSummary> {
  const t0 = performance.now();
  const { def, leagueId, rankBy } = leagueOf(opts);
  const { days } = def;
  const store = new LeagueStore(opts.dbFile);
  let pool: Piscina | null = null;
  let given = opts.pool;
  let stopping: Promise<void> | null = null;
  try {
    store.openLeague({ id: leagueId, ...def });
    const done = new Map(store.matches(leagueId).map((m) => [m.index, m]));
    const todo = schedule(opts.bots, opts.playersPerMatch, opts.seed, 0, opts.matches).filter((m) => !done.has(m.index));
    const replayDir = join(opts.outDir, 'replays');
    const task = (m: ScheduledMatch): MatchTask => ({
      index: m.index, seed: m.seed, seats: m.seats, scenarioId: opts.scenarioId, days,
      decisionBudgetMs: opts.decisionBudgetMs ?? DEFAULT_DECISION_BUDGET_MS, replayDir,
      logDir: join(opts.outDir, 'logs'), botCwd: opts.botCwd ?? process.cwd(), maxStrikes: opts.maxStrikes,
    });
    const budgetMs = opts.decisionBudgetMs ?? DEFAULT_DECISION_BUDGET_MS;
    const hangMs = opts.hangMs ?? Math.max(2000, 40 * budgetMs);
    let finished = opts.matches - todo.length;
    opts.onProgress?.(finished, opts.matches);
    // Ratings in match order, whatever order the threads finish in: a match is rated as soon as the
    // ones before it are in, while the threads still play, so the end waits for the last few only.
    const ratings = ratingsInOrder(opts.bots);
    let rated = 0;
    const rateInOrder = () => {
      for (let m = done.get(rated); m && rated < opts.matches; m = done.get(rated)) {
        ratings.add(m);
        rated += 1;
      }
    };
    rateInOrder();
    const record = (o: MatchOutcome) => {
      const stored = toStored(o, rankBy);
      store.saveMatch(leagueId, stored);
      done.set(stored.index, stored);
      rateInOrder();
      finished += 1;
      opts.onProgress?.(finished, opts.matches);
      if (opts.onResults) {
        const sofar = [...done.values()].filter((x) => x.index < opts.matches);
        opts.onResults(resultsOf(opts.bots, sofar), totalsOf(opts.bots, sofar), finished, opts.matches);
      }
    };
    // Only as many threads as there are matches to play (none when the database has them all).
    if (todo.length && opts.workers > 0) {
      pool = await (given ?? startLeaguePool(Math.min(opts.workers, todo.length), opts.workerMemoryMb));
      given = undefined;
    }
    if (!pool) {
      // In-process there is no other thread to notice a hung decision: keep decisions bounded, or use workers.
      for (const m of todo) record(await playMatch(task(m)));
    } else {
      const threads = pool;
      const watched = async (m: ScheduledMatch): Promise<MatchOutcome> => {
        const retire: Record<string, number> = {};
        // Each attempt retires one more hung seat, so at most one attempt per seat is needed.
        let attempt = 0;
        let bystander = 0;
        for (;;) {
          const watch = new SharedArrayBuffer(8 * HEARTBEAT_SLOTS);
          const beat = new Float64Array(watch);
          let hung: { seat: number; day: number } | null = null;
          const timer = setInterval(() => {
            const started = beat[0]!;
            if (!hung && started > 0 && performance.timeOrigin + performance.now() - started > hangMs) {
              hung = { seat: beat[1]!, day: beat[2]! };
              // Not an AbortSignal: piscina queues nothing on a thread running an abortable task.
              void threads.threads.find((t) => t.threadId === beat[3])?.terminate();
            }
          }, 100);
          try {
            return (await threads.run({ ...task(m), retire: { ...retire }, watch })) as MatchOutcome;
          } catch (e) {
            // A worker that died inside a decision (out of memory) is charged to that decision's bot.
            const h = (hung as { seat: number; day: number } | null) ?? (beat[0]! > 0 ? { seat: beat[1]!, day: beat[2]! } : null);
            // Lost outside any decision of its own: its thread was stopped for another match's bot.
            // Play it again as it was. Each time is another match's hang or memory kill, so there are
            // at most as many as seats in the league.
            if (!h && isThreadLoss(e) && bystander < todo.length * m.seats.length) {
              bystander += 1;
              continue;
            }
            if (!h || attempt >= m.seats.length) throw e;
            retire[m.seats[h.seat]!.id] = h.day;
            attempt += 1;
          } finally {
            clearInterval(timer);
          }
        }
      };
      await Promise.all(todo.map((m) => watched(m).then(record)));
      // The threads take tens of ms to stop: let them while the ratings and files are made.
      stopping = threads.destroy();
      pool = null;
    }
    store.flush();
    const all = [...done.values()].filter((m) => m.index < opts.matches).sort((a, b) => a.index - b.index);
    const results = resultsOf(opts.bots, all, rated === all.length ? ratings.rows() : undefined);
    store.saveRatings(leagueId, results.ratings);
    const totals = totalsOf(opts.bots, all);
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, 'results.json'), JSON.stringify(results, null, 1));
    writeFileSync(join(opts.outDir, 'leaderboard.csv'), leaderboardCsv(results.ratings, totals));
    writeFileSync(join(opts.outDir, 'head-to-head.csv'), headToHeadCsv(results.headToHead));
    return { leagueId, results, played: todo.length, totals, wallMs: performance.now() - t0 };
  } finally {
    store.close();
    await (stopping ?? pool?.destroy());
    if (given) await (await given).destroy();
  }
}

/** Per-bot accepted and rejected actions and strikes over stored matches. */
export function totalsOf(bots: string[], stored: StoredMatch[]): BotTotals[] {
  return bots.map((bot) => {
    const t: BotTotals = { bot, actions: 0, rejected: 0, strikes: 0 };
    for (const m of stored) for (const s of m.stats) if (s.bot === bot) { t.actions += s.actions; t.rejected += s.rejected; t.strikes += s.strikes; }
    return t;
  });
}

/** Ratings and head-to-head over stored matches, in match order (`ratings`: already computed over them). */
export function resultsOf(bots: string[], stored: StoredMatch[], ratings?: RatingRow[]): LeagueResults {
  const all = [...stored].sort((a, b) => a.index - b.index);
  const matches = all.map((m) => ({ seed: m.seed, players: m.players }));
  return { matches, ratings: ratings ?? computeRatings(bots, all), headToHead: headToHead(bots, matches) };
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
