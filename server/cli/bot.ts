/**
 * `npm run bot -- --url ws://HOST:PORT --room CODE --strategy NAME [--name N] [--seed S] [--quiet]`
 * Joins a live match as a player and plays it with a registered strategy, the same code the
 * league runs headless. Reconnects if the connection drops; exits when the match ends (Ctrl-C leaves).
 */
import { parseArgs } from 'node:util';
import { getStrategy, STRATEGY_NAMES } from '../../shared/bots/index.js';
import { startOnlineBot } from '../bots/onlineBot.js';

function die(message: string): never {
  console.error(`bot: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      url: { type: 'string', default: 'ws://127.0.0.1:2567' },
      room: { type: 'string' },
      strategy: { type: 'string' },
      name: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean' },
    },
    allowPositionals: false,
  }).values;
} catch (e) {
  die((e as Error).message);
}
if (!args.room) die('--room CODE is required');
if (!/^wss?:\/\//.test(args.url ?? '')) die('--url must start with ws:// or wss://');
const strategy = getStrategy(args.strategy ?? '');
if (!strategy) die(`--strategy must be one of: ${STRATEGY_NAMES.join(', ')}`);
const quiet = args.quiet === true;
const log = (line: string) => {
  if (!quiet) console.log(`[${strategy.name}] ${line}`);
};

let bot;
try {
  bot = await startOnlineBot({ url: args.url!, room: args.room, strategy, name: args.name ?? `${strategy.name} bot`, seed: args.seed, log });
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
console.log(`[${strategy.name}] done: ${JSON.stringify(stats)}`);
process.exit(0);
