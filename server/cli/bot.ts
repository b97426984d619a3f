/**
 * `npm run bot -- --room CODE --strategy BOT [--url ws://HOST:PORT] [--name N] [--seed S] [--quiet]`
 * Joins a live match as a player and plays it with a bot: a registry name, a path to a Strategy
 * module, or a path to a program speaking the bot protocol (run in a child process with the same
 * limits as in a league). Reconnects if the connection drops; exits when the match ends.
 */
import { getStrategy, STRATEGY_NAMES } from '../../shared/bots/index.js';
import type { Strategy } from '../../shared/bots/types.js';
import { startOnlineBot } from '../bots/onlineBot.js';
import { botLabel, loadModuleStrategy, resolveBot } from '../bots/resolve.js';
import { limitsFor, processStrategy, type ProcessStrategy } from '../bots/process/processBot.js';
import { cli, dieWith, parseCli } from './args.js';

const die: (message: string) => never = dieWith('bot');

const program = cli('bot', 'Join a live match as a player and play it with a bot.')
  .requiredOption('--room <code>', 'room code to join')
  .requiredOption('--strategy <bot>', `registry name (${STRATEGY_NAMES.join(', ')}), Strategy module path, or protocol program path`)
  .option('--url <url>', 'server address', 'ws://127.0.0.1:2567')
  .option('--name <name>', 'player name (default "<bot> bot")')
  .option('--seed <s>', 'the bot\'s seed (default: the room code)')
  .option('--budget-ms <ms>', 'CPU time per decision for a process bot', '200')
  .option('--quiet', 'no progress lines');
parseCli(program);
const args = program.opts<{ room: string; strategy: string; url: string; name?: string; seed?: string; budgetMs: string; quiet?: boolean }>();
if (!/^wss?:\/\//.test(args.url)) die('--url must start with ws:// or wss://');
const budgetMs = Number(args.budgetMs);
if (!Number.isInteger(budgetMs) || budgetMs < 1) die('--budget-ms must be a whole number ≥ 1');

let src;
try {
  src = resolveBot(args.strategy);
} catch (e) {
  die((e as Error).message);
}
const label = botLabel(args.strategy);
let proc: ProcessStrategy | null = null;
let strategy: Strategy;
if (src.kind === 'registry') strategy = getStrategy(src.name)!;
else if (src.kind === 'module') strategy = await loadModuleStrategy(src.file, label);
else {
  proc = processStrategy({
    spawn: src.spawn, label, seed: args.seed ?? args.room, limits: limitsFor(budgetMs),
  });
  strategy = proc;
}
const quiet = args.quiet === true;
const log = (line: string) => {
  if (!quiet) console.log(`[${label}] ${line}`);
};

let bot;
try {
  bot = await startOnlineBot({ url: args.url, room: args.room, strategy, name: args.name ?? `${label} bot`, seed: args.seed, log });
} catch (e) {
  die(`could not join room ${args.room} at ${args.url}: ${(e as Error).message}`);
}
log(`joined room ${args.room} as ${bot.stats.playerId || '(waiting for welcome)'}`);
const report = setInterval(() => {
  const s = bot.stats;
  log(`day ${s.lastDay}: ${s.decisions} decisions, ${s.sent} sent, ${s.acked} accepted, ${s.refused} refused ${JSON.stringify(s.refusedByCode)}`);
}, 10_000);
process.on('SIGINT', () => void bot.stop());
process.on('SIGTERM', () => void bot.stop());
const stats = await bot.done;
clearInterval(report);
proc?.close(stats.lastDay, 'match over');
console.log(`[${label}] done: ${JSON.stringify(stats)}`);
process.exit(0);
