/**
 * Test helpers for multi-process tests: free ports, a throwaway `redis-server`, and `server/start.ts`
 * as child processes. Every process started here is recorded so `killAll()` can end it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './helpers.js';
import { freePort } from '../../bench/processes.js';

export { freePort };

export const ROOT = resolve(import.meta.dirname, '../..');

const started: ChildProcess[] = [];
const tempDirs: string[] = [];


export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Missing redis-server fails the Redis suites with this (`npm test` installs it as root or stops with the same advice). */
export const REDIS_MISSING_MESSAGE =
  'redis-server is not installed: `sudo apt-get install -y redis-server` (npm test installs it when run as root). The scale-out and league-queue tests need it.';

export interface Proc {
  child: ChildProcess;
  /** Everything it printed so far (stdout + stderr). */
  output: () => string;
}

function track(child: ChildProcess): Proc {
  started.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  return { child, output: () => out };
}

/** An in-memory Redis on a free loopback port (no RDB, no AOF). */
export async function startRedis(): Promise<Proc & { url: string }> {
  const port = await freePort();
  const proc = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  await waitFor(() => proc.output().includes('Ready to accept connections') || proc.child.exitCode !== null, 10_000, 'redis-server to start');
  if (proc.child.exitCode !== null) throw new Error(`redis-server exited: ${proc.output()}`);
  return { ...proc, url: `redis://127.0.0.1:${port}` };
}

export interface ServerProc extends Proc {
  port: number;
  url: string;
  http: string;
  dataDir: string;
}

/** `server/start.ts` in a child process; resolves once it listens. `nodeArgs` e.g. `--expose-gc`. */
export async function startServerProcess(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProc> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? tempDir('bc-proc-');
  const proc = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_CLIENT_BUILD: '1', LOG_LEVEL: 'warn', CLIENT_DIR: join(dataDir, 'none'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await waitFor(() => proc.output().includes('Beauty Contest is running') || proc.child.exitCode !== null, 30_000, `server child on port ${port} to start`);
  if (proc.child.exitCode !== null) throw new Error(`server exited: ${proc.output()}`);
  return { ...proc, port, url: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}`, dataDir };
}

/** SIGKILLs every process started here that still runs, then removes the temp dirs. */
export async function killAll(): Promise<void> {
  await Promise.all(
    started.splice(0).map(
      (c) =>
        new Promise<void>((res) => {
          if (c.exitCode !== null || c.signalCode !== null) return res();
          c.once('exit', () => res());
          c.kill('SIGKILL');
        }),
    ),
  );
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function getJson<T = any>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}
