/**
 * `npm start`: builds the client when it is missing or older than its sources, starts the game
 * server on PORT, prints the URL, and stops cleanly on SIGTERM/SIGINT. A client build failure
 * never stops the server: it then serves the previous build or a status page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createGameServer } from './app.js';
import { configFromEnv } from './config.js';
import { joinBase } from './http/joinBase.js';
import { createLogger, type Logger } from './logger.js';
import { cli, parseCli } from './cli/args.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLIENT = join(ROOT, 'client');

/** Newest modification time under `path` (files only), skipping build output and dependencies. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function buildClientIfStale(clientDir: string, log: Logger): void {
  if (process.env.SKIP_CLIENT_BUILD === '1') return;
  if (!existsSync(join(CLIENT, 'index.html'))) {
    log.info('no client/ sources yet: serving a status page');
    return;
  }
  const built = join(clientDir, 'index.html');
  const sources = Math.max(newestMtime(CLIENT), newestMtime(join(ROOT, 'shared')), newestMtime(join(ROOT, 'vite.config.ts')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  log.info('building the client (vite build)…');
  // The client's own Vite config decides the output dir; it is expected at client/dist.
  const cwd = ['vite.config.ts', 'vite.config.js', 'vite.config.mjs'].some((f) => existsSync(join(CLIENT, f))) ? CLIENT : ROOT;
  const r = spawnSync('npx', ['vite', 'build'], { cwd, stdio: 'inherit', env: process.env });
  if (r.status !== 0) log.warn({ status: r.status }, 'client build failed: serving what exists');
}

async function main(): Promise<void> {
  parseCli(cli('start', 'Start the game server (building the client first when it is stale).').addHelpText('after', `
Configured by environment variables: PORT, PUBLIC_URL (the address students open), PUBLIC_ADDRESS, DATA_DIR, CLIENT_DIR, LOG_LEVEL, REDIS_URL,
MONITOR_PASSWORD, RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST, RECONNECT_SECONDS, SKIP_CLIENT_BUILD=1,
BOTS_DIR (folder of protocol bots a host may seat; see docs/bots.md and docs/operations.md).`));
  const config = configFromEnv();
  const logger = createLogger(config.logLevel);
  buildClientIfStale(config.clientDir, logger);
  const server = await createGameServer({ ...config, logger });
  console.log(`Beauty Contest is running: open http://localhost:${server.port}/`);
  // The projector's join link and QR code use this address, so phones on the class network can open it.
  const students = joinBase(config.publicUrl, server.port);
  if (students.source === 'localhost') {
    console.log('Students: no network address found; phones cannot reach this machine. Connect it to the class network or set PUBLIC_URL.');
  } else {
    console.log(`Students join at ${students.url}${students.source === 'public-url' ? ' (PUBLIC_URL)' : ''}`);
    for (const other of students.lan.filter((u) => u !== students.url)) console.log(`  also reachable at ${other}`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
