/**
 * `npm run league:worker [-- --concurrency N]`: plays league matches from the Redis queue
 * (`REDIS_URL`, required) until stopped with SIGTERM/SIGINT, which finishes the current match
 * first. Start one per core on as many machines as you like; the coordinator is
 * `npm run league -- … --queue` (see server/league/queue.ts).
 */
import { cli, parseCli } from './args.js';
import { startLeagueWorker } from '../league/queue.js';

const program = cli('league:worker', 'Play league matches from the Redis queue (REDIS_URL) until stopped; SIGTERM finishes the current match first.')
  .option('--concurrency <n>', 'matches at once in this process (run more processes for more cores)', '1')
  .option('--quiet', 'no line per match');
const values = parseCli(program).opts<{ concurrency: string; quiet?: boolean }>();
const redisUrl = process.env.REDIS_URL ?? '';
if (!redisUrl) {
  console.error('league:worker: set REDIS_URL (e.g. redis://127.0.0.1:6379) to the coordinator\'s Redis');
  process.exit(2);
}
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error('league:worker: --concurrency must be a whole number ≥ 1');
  process.exit(2);
}

let matches = 0;
const worker = startLeagueWorker({
  redisUrl,
  concurrency,
  onMatch: (o) => {
    matches += 1;
    if (!values.quiet) console.log(`league:worker ${process.pid}: match ${o.seed} (index ${o.index}) done in ${(o.wallMs / 1000).toFixed(1)} s, hash ${o.stateHash.slice(0, 12)}`);
  },
});
worker.on('failed', (job, err) => console.error(`league:worker ${process.pid}: job ${job?.id ?? '?'} failed: ${err.message}`));
worker.on('error', (err) => console.error(`league:worker ${process.pid}: ${err.message}`));
await worker.waitUntilReady();
console.log(`league:worker ${process.pid} ready (concurrency ${concurrency})`);

const stop = (signal: string) => {
  console.log(`league:worker ${process.pid}: ${signal}, finishing the current match (${matches} played)`);
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
