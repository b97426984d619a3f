/**
 * Parent side of the load harness: starts `bench/serverProcess.ts` and `bench/loadClients.ts` as
 * child processes and talks to them by request/answer over IPC. Used by the soak test and `npm run bench`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import type { LoadReport } from './loadClients.js';
import type { ServerStats } from './serverProcess.js';

const ROOT = resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

/** A child answering `{ id, cmd }` requests with `{ id, ok, ... }`. */
export class IpcChild {
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  output = '';

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d) => (this.output += String(d)));
    child.stderr?.on('data', (d) => (this.output += String(d)));
    child.on('message', (msg: { id: number; ok: boolean; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg);
      else p.reject(new Error(msg.error ?? 'child request failed'));
    });
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`child exited (${code ?? signal}): ${this.output.slice(-2000)}`));
      this.pending.clear();
    });
  }

  request<T>(body: Record<string, unknown>, timeoutMs = 120_000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`IPC ${String(body.cmd)} timed out`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ ...body, id });
    });
  }

  async waitOutput(text: string, timeoutMs = 30_000): Promise<void> {
    const t0 = Date.now();
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`child exited: ${this.output.slice(-2000)}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for "${text}": ${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  kill(): Promise<void> {
    return new Promise((res) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return res();
      this.child.once('exit', () => res());
      this.child.kill('SIGKILL');
    });
  }
}

export interface ServerChild extends IpcChild {
  port: number;
  url: string;
  http: string;
  stats(reset?: boolean): Promise<ServerStats & { gc?: boolean }>;
  gc(): Promise<ServerStats & { gc: boolean }>;
  stop(): Promise<void>;
}

/** The game server in a child process (own temp DATA_DIR, `--expose-gc`). */
export async function startServerChild(env: Record<string, string> = {}): Promise<ServerChild> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bc-load-'));
  const child = fork(join(ROOT, 'bench/serverProcess.ts'), [], {
    cwd: ROOT,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    // Every load client comes from 127.0.0.1: the per-client and total room caps would stop the capacity search.
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', CLIENT_DIR: join(dataDir, 'none'), MAX_ROOMS_PER_CLIENT: '100000', MAX_ROOMS: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const ipc = new IpcChild(child) as ServerChild;
  ipc.port = port;
  ipc.url = `ws://127.0.0.1:${port}`;
  ipc.http = `http://127.0.0.1:${port}`;
  ipc.stats = (reset = false) => ipc.request({ cmd: 'stats', reset });
  ipc.gc = () => ipc.request({ cmd: 'gc' });
  ipc.stop = async () => {
    await ipc.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  await ipc.waitOutput('server process listening', 60_000);
  return ipc;
}

export interface LoadChild extends IpcChild {
  join(url: string, codes: string[], perRoom: number, actionEveryMs?: number): Promise<LoadReport>;
  report(reset?: boolean): Promise<LoadReport>;
  leave(): Promise<LoadReport>;
}

/**
 * The load clients stand in for browsers on other machines: at a lower CPU priority than the
 * server, so on a small box the scheduler does not hand the server's core to them and the server's
 * figures measure the server (they still use what the server leaves idle).
 */
const LOAD_CHILD_NICE = 10;

export async function startLoadChild(): Promise<LoadChild> {
  const child = fork(join(ROOT, 'bench/loadClients.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  try {
    if (child.pid !== undefined) setPriority(child.pid, LOAD_CHILD_NICE);
  } catch {
    // A sandbox that forbids it: the clients then compete with the server, as they did before.
  }
  const ipc = new IpcChild(child) as LoadChild;
  ipc.join = (url, codes, perRoom, actionEveryMs = 2000) => ipc.request({ cmd: 'join', url, codes, perRoom, actionEveryMs }, 300_000);
  ipc.report = (reset = false) => ipc.request({ cmd: 'report', reset });
  ipc.leave = async () => {
    const r = await ipc.request<LoadReport>({ cmd: 'leave' }, 30_000).catch(() => null);
    await ipc.kill();
    return r ?? ({} as LoadReport);
  };
  await ipc.waitOutput('load clients ready', 60_000);
  return ipc;
}

/** Creates `count` started rooms through a host client per room; returns codes and the hosts. */
export async function createStartedRooms(
  url: string,
  count: number,
  options: Record<string, unknown>,
): Promise<{ codes: string[]; leave: () => Promise<void> }> {
  const hosts: Room[] = [];
  for (let i = 0; i < count; i++) {
    const host = await new Client(url).create('market', { ...options, seed: `load-${i}`, playerName: 'Host' });
    host.onMessage('*', () => {});
    await new Promise<void>((res) => {
      host.onMessage('ack', () => res());
      host.send('start', {});
    });
    hosts.push(host);
  }
  return { codes: hosts.map((h) => h.roomId), leave: async () => void (await Promise.allSettled(hosts.map((h) => h.leave()))) };
}
