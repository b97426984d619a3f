/**
 * `npm run league -- --bots a,b,c --matches N --scenario ID [--seed S] [--players-per-match K]
 *   [--workers W] [--out DIR] [--db FILE] [--league ID] [--days D] [--rank-by stakeMarket|stakeNav|marketCap|nav]
 *   [--budget-ms MS] [--quiet] [--queue]`
 * Plays a league of headless matches on worker threads, rates the bots with OpenSkill, writes
 * DIR/results.json, DIR/leaderboard.csv and DIR/replays/<seed>.json, and prints the leaderboard.
 * Finished matches are kept in SQLite: rerunning the same league (or a longer one) continues it.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { getScenario, SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';
import { getStrategy, STRATEGY_NAMES } from '../../shared/bots/index.js';
import { rejectionRate, runLeague } from '../league/runLeague.js';
import { runLeagueQueued } from '../league/queue.js';
import { DEFAULT_RANK_BY, RANK_BY, type RankBy } from '../league/ratings.js';

function die(message: string): never {
  console.error(`league: ${message}`);
  process.exit(2);
}

function intArg(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) die(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

function parse() {
  try {
    return parseArgs({
      options: {
        bots: { type: 'string' },
        matches: { type: 'string' },
        scenario: { type: 'string' },
        seed: { type: 'string' },
        'players-per-match': { type: 'string' },
        workers: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        league: { type: 'string' },
        days: { type: 'string' },
        'rank-by': { type: 'string' },
        'budget-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        queue: { type: 'boolean' },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    die((e as Error).message);
  }
}

const args = parse();
const bots = (args.bots ?? '').split(',').map((s) => s.trim()).filter(Boolean);
if (bots.length < 2) die(`--bots needs at least two strategies (known: ${STRATEGY_NAMES.join(', ')})`);
for (const b of bots) if (!getStrategy(b)) die(`unknown bot "${b}" (known: ${STRATEGY_NAMES.join(', ')})`);
if (new Set(bots).size !== bots.length) die('--bots lists a strategy twice');
if (!args.scenario) die(`--scenario is required (one of: ${SCENARIO_IDS.join(', ')})`);
const scenario = getScenario(args.scenario);
if (!scenario) die(`unknown scenario "${args.scenario}" (one of: ${SCENARIO_IDS.join(', ')})`);
const seed = args.seed ?? '1';
if (!/^[A-Za-z0-9_-]{1,48}$/.test(seed)) die(`bad seed "${seed}": use 1–48 letters, digits, _ or -`);
const matches = intArg('matches', args.matches, 10, 1);
const playersPerMatch = intArg('players-per-match', args['players-per-match'], bots.length, 2);
const workers = intArg('workers', args.workers, Math.max(1, availableParallelism() - 1), 0);
const days = intArg('days', args.days, 0, 0);
if (days > scenario.days) die(`--days must be at most ${scenario.days} for ${scenario.id}`);
const rankBy = (args['rank-by'] ?? DEFAULT_RANK_BY) as RankBy;
if (!RANK_BY.includes(rankBy)) die(`--rank-by must be one of ${RANK_BY.join(', ')}`);
const decisionBudgetMs = intArg('budget-ms', args['budget-ms'], 50, 1);
const outDir = resolve(args.out ?? join('leagues', `${scenario.id}-${seed}`));
const dbFile = resolve(args.db ?? join(process.env.DATA_DIR || './data', 'beauty-contest.sqlite'));

const bar = args.quiet || !process.stderr.isTTY
  ? null
  : new cliProgress.SingleBar({
    format: 'league [{bar}] {value}/{total} matches | {percentage}% | elapsed {duration_formatted} | ETA {eta_formatted}',
    etaBuffer: 20,
    stream: process.stderr,
  }, cliProgress.Presets.shades_classic);
let started = false;
// Without a terminal (CI, logs), a line every 10% instead of a redrawn bar.
const plain = !args.quiet && !process.stderr.isTTY;
const t0 = Date.now();
let lastTenth = -1;
const plainProgress = (done: number, total: number) => {
  const tenth = Math.floor((done / total) * 10);
  if (tenth === lastTenth) return;
  lastTenth = tenth;
  const elapsedS = (Date.now() - t0) / 1000;
  const etaS = done > 0 ? (elapsedS / done) * (total - done) : NaN;
  process.stderr.write(`league: ${done}/${total} matches, ${elapsedS.toFixed(0)} s elapsed, ETA ${Number.isFinite(etaS) ? `${etaS.toFixed(0)} s` : '?'}\n`);
};

const redisUrl = process.env.REDIS_URL ?? '';
if (args.queue && !redisUrl) die('--queue needs REDIS_URL (redis://host:port) and `npm run league:worker` processes');
// With --queue the matches go to Redis for `npm run league:worker` processes anywhere to play.
const run: typeof runLeague = args.queue ? (o) => runLeagueQueued({ ...o, redisUrl }) : runLeague;
const summary = await run({
  bots, matches, scenarioId: scenario.id, seed, playersPerMatch, workers, outDir, dbFile, days, rankBy, decisionBudgetMs, leagueId: args.league,
  onProgress: (done, total) => {
    if (plain) return plainProgress(done, total);
    if (!bar) return;
    if (!started) {
      bar.start(total, done);
      started = true;
    } else bar.update(done);
  },
});
bar?.stop();

const minutes = summary.wallMs / 60_000;
console.log(`\nLeague ${summary.leagueId}: ${matches} matches of ${scenario.id}${days ? ` (${days} days)` : ''}, ${playersPerMatch} players each, ranked by ${rankBy}`);
console.log(`played ${summary.played} now (${matches - summary.played} from the database) in ${(summary.wallMs / 1000).toFixed(1)} s` +
  (summary.played ? `, ${(summary.played / minutes).toFixed(1)} matches/min ${args.queue ? 'via the Redis queue' : `on ${workers || 'no'} worker thread(s)`}` : ''));
console.table(summary.results.ratings.map((r, i) => {
  const t = summary.totals.find((x) => x.bot === r.bot)!;
  return {
    place: i + 1, bot: r.bot, ordinal: +r.ordinal.toFixed(2), mu: +r.mu.toFixed(2), sigma: +r.sigma.toFixed(2),
    matches: r.matches, 'mean rank': +r.meanRank.toFixed(2), actions: t.actions, 'rejected %': +(rejectionRate(t) * 100).toFixed(1), strikes: t.strikes,
  };
}));
console.log(`results: ${join(outDir, 'results.json')}, ${join(outDir, 'leaderboard.csv')}, replays in ${join(outDir, 'replays')}`);
