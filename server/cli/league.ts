/**
 * `npm run league -- --bots a,b,c --matches N --scenario ID [options]` (see `--help`).
 * Plays a league of headless matches on worker threads, rates the bots with OpenSkill, writes
 * DIR/results.json, DIR/leaderboard.csv, DIR/head-to-head.csv, DIR/replays/<seed>.json and
 * DIR/logs/<seed>/<seat>-<bot>.log, and prints the leaderboard. A bot is a registry name, a path to
 * a Strategy module, or a path to a program speaking the bot protocol (docs/bots.md).
 * Finished matches are kept in SQLite: rerunning the same league (or a longer one) continues it.
 */
// Only what checks the arguments and starts the threads is imported up front: the threads boot
// (~75 ms) while the engine loads below.
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { getScenario, SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';
import { STRATEGY_NAMES } from '../../shared/bots/names.js';
import type { LeagueResults, runLeague as RunLeague } from '../league/runLeague.js';
import { startLeaguePool } from '../league/pool.js';
import { DEFAULT_RANK_BY, RANK_BY, type RankBy } from '../league/ratings.js';
import type { BotTotals } from '../league/storage.js';
import { cli, dieWith, parseCli } from './args.js';

const die: (message: string) => never = dieWith('league');

function intArg(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) die(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

const program = cli('league', 'Play a league of headless matches, rate the bots (OpenSkill) and write results, replays and per-bot logs.')
  .requiredOption('--bots <list>', `comma-separated bots: registry names (${STRATEGY_NAMES.join(', ')}), paths to Strategy modules (.ts/.js), or paths to programs speaking the bot protocol`)
  .requiredOption('--scenario <id>', `scenario (${SCENARIO_IDS.join(', ')})`)
  .option('--matches <n>', 'matches to play', '10')
  .option('--seed <s>', 'league seed (match i gets <s>-m<i+1>)', '1')
  .option('--players-per-match <k>', 'seats per match (default: every bot)')
  .option('--workers <w>', 'worker threads (0 = in-process: a hung in-process strategy cannot be interrupted)')
  .option('--out <dir>', 'output folder (default leagues/<scenario>-<seed>)')
  .option('--db <file>', 'SQLite file (default $DATA_DIR/beauty-contest.sqlite)')
  .option('--league <id>', 'league id in the database (default derived from the settings)')
  .option('--days <d>', 'play only the first D days of the scenario')
  .option('--rank-by <score>', `what ranks a match: ${RANK_BY.join(', ')} (stakeMarket: the founders' stake at market, the headline score)`, DEFAULT_RANK_BY)
  .option('--budget-ms <ms>', 'time per decision: wall clock for in-process bots, CPU time for process bots', '50')
  .option('--max-strikes <n>', 'strikes before a process bot is retired for the rest of a match', '10')
  .option('--watch', 'redraw the leaderboard after every finished match')
  .option('--quiet', 'no progress output')
  .option('--queue', 'queue the matches on Redis (REDIS_URL) for `npm run league:worker` processes')
  .addHelpText('after', `
Examples:
  npm run league -- --bots random,hodl-miner,ai-pivot --matches 20 --scenario halving-sprint --days 120
  npm run league -- --bots hodl-miner,./kits/python/bot.py,./kits/js/bot.mjs,./my-bot.ts --scenario halving-sprint --watch`);
parseCli(program);
const args = program.opts<{
  bots: string; scenario: string; matches: string; seed: string; playersPerMatch?: string; workers?: string; out?: string; db?: string; league?: string;
  days?: string; rankBy: string; budgetMs: string; maxStrikes: string; watch?: boolean; quiet?: boolean; queue?: boolean;
}>();
const bots = args.bots.split(',').map((s) => s.trim()).filter(Boolean);
if (bots.length < 2) die(`--bots needs at least two bots (registry: ${STRATEGY_NAMES.join(', ')})`);
if (new Set(bots).size !== bots.length) die('--bots lists a bot twice');
const scenario = getScenario(args.scenario);
if (!scenario) die(`unknown scenario "${args.scenario}" (one of: ${SCENARIO_IDS.join(', ')})`);
const seed = args.seed;
if (!/^[A-Za-z0-9_-]{1,48}$/.test(seed)) die(`bad seed "${seed}": use 1–48 letters, digits, _ or -`);
const matches = intArg('matches', args.matches, 10, 1);
const playersPerMatch = intArg('players-per-match', args.playersPerMatch, bots.length, 2);
const workers = intArg('workers', args.workers, Math.max(1, availableParallelism() - 1), 0);
const days = intArg('days', args.days, 0, 0);
if (days > scenario.days) die(`--days must be at most ${scenario.days} for ${scenario.id}`);
const rankBy = args.rankBy as RankBy;
if (!RANK_BY.includes(rankBy)) die(`--rank-by must be one of ${RANK_BY.join(', ')}`);
const decisionBudgetMs = intArg('budget-ms', args.budgetMs, 50, 1);
const maxStrikes = intArg('max-strikes', args.maxStrikes, 10, 1);
const outDir = resolve(args.out ?? join('leagues', `${scenario.id}-${seed}`));
const dbFile = resolve(args.db ?? join(process.env.DATA_DIR || './data', 'beauty-contest.sqlite'));
const redisUrl = process.env.REDIS_URL ?? '';
if (args.queue && !redisUrl) die('--queue needs REDIS_URL (redis://host:port) and `npm run league:worker` processes');

const pool = args.queue || workers === 0 ? undefined : startLeaguePool(Math.min(workers, matches));
const [{ botLabel, resolveBot }, { rejectionRate, runLeague }] = await Promise.all([import('../bots/resolve.js'), import('../league/runLeague.js')]);
for (const b of bots) {
  try {
    resolveBot(b);
  } catch (e) {
    die((e as Error).message);
  }
}

/** The leaderboard rows as printed (and redrawn by --watch). */
function table(results: LeagueResults, totals: BotTotals[]) {
  return results.ratings.map((r, i) => {
    const t = totals.find((x) => x.bot === r.bot) ?? { bot: r.bot, actions: 0, rejected: 0, strikes: 0 };
    return {
      place: i + 1, bot: botLabel(r.bot), ordinal: +r.ordinal.toFixed(2), mu: +r.mu.toFixed(2), sigma: +r.sigma.toFixed(2),
      matches: r.matches, 'mean rank': +r.meanRank.toFixed(2), actions: t.actions, 'rejected %': +(rejectionRate(t) * 100).toFixed(1), strikes: t.strikes,
    };
  });
}


/** Win share of the row bot against each column bot (matches where both played). */
function headToHeadTable(results: LeagueResults) {
  const h = results.headToHead;
  return Object.fromEntries(h.bots.map((b, i) => [botLabel(b), Object.fromEntries(h.bots.map((c, j) => [
    botLabel(c), i === j || h.games[i]![j] === 0 ? '' : `${Math.round((100 * h.wins[i]![j]!) / h.games[i]![j]!)}%`,
  ]))]));
}

// Loaded only for a terminal, like the queue below for --queue: a plain league starts without them.
const cliProgress = args.quiet || args.watch || !process.stderr.isTTY ? null : (await import('cli-progress')).default;
const bar = !cliProgress
  ? null
  : new cliProgress.SingleBar({
    format: 'league [{bar}] {value}/{total} matches | {percentage}% | elapsed {duration_formatted} | ETA {eta_formatted}',
    etaBuffer: 20,
    stream: process.stderr,
  }, cliProgress.Presets.shades_classic);
let started = false;
// Without a terminal (CI, logs), a line every 10% instead of a redrawn bar.
const plain = !args.quiet && !args.watch && !process.stderr.isTTY;
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

/** --watch: the table so far after every match (redrawn in place on a terminal, appended otherwise). */
function watch(results: LeagueResults, totals: BotTotals[], done: number, total: number): void {
  if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
  const elapsedS = (Date.now() - t0) / 1000;
  console.log(`league ${scenario!.id}: ${done}/${total} matches, ${elapsedS.toFixed(0)} s`);
  console.table(table(results, totals));
}

// With --queue the matches go to Redis for `npm run league:worker` processes anywhere to play.
const queued = args.queue ? (await import('../league/queue.js')).runLeagueQueued : null;
const run: typeof RunLeague = queued ? (o) => queued({ ...o, redisUrl }) : runLeague;
const summary = await run({
  bots, matches, scenarioId: scenario.id, seed, playersPerMatch, workers, outDir, dbFile, days, rankBy, decisionBudgetMs, leagueId: args.league, maxStrikes, pool,
  onResults: args.watch ? watch : undefined,
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
console.table(table(summary.results, summary.totals));
console.log('head-to-head: share of shared matches the row bot placed above the column bot');
console.table(headToHeadTable(summary.results));
console.log(`results: ${join(outDir, 'results.json')}, ${join(outDir, 'leaderboard.csv')}, ${join(outDir, 'head-to-head.csv')}; replays in ${join(outDir, 'replays')}, bot logs in ${join(outDir, 'logs')}`);
