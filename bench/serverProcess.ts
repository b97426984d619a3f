/**
 * The game server as a child process for load tests and benches (settings from the environment,
 * like `npm start`), answering IPC requests from its parent:
 * - `{ id, cmd: 'stats', reset? }` → tick durations (p50/p99 of ticks that did work and of day ticks),
 *   event-loop delay p99, the process's CPU time (user + system), memory, live rooms; `reset` starts
 *   a new measuring window;
 * - `{ id, cmd: 'gc' }` → a full GC first (needs `--expose-gc`), then the memory figures.
 * Run: `node --expose-gc --import tsx bench/serverProcess.ts` with `stdio[3] = 'ipc'`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createGameServer } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { createLogger } from '../server/logger.js';

export interface ServerStats {
  rooms: number;
  ticks: number;
  tickP50Ms: number;
  tickP99Ms: number;
  dayTicks: number;
  dayTickP50Ms: number;
  dayTickP99Ms: number;
  eventLoopP99Ms: number;
  /** CPU time the server process used in the window (user + system), and the window's wall time: a load figure that other processes on the machine do not inflate. */
  cpuMs: number;
  windowMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  days: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await createGameServer({ ...config, logger: createLogger(config.logLevel) });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const dayAt = new Map<string, number>();
  let cpuAt = process.cpuUsage();
  let windowAt = performance.now();
  const resetWindow = () => {
    cpuAt = process.cpuUsage();
    windowAt = performance.now();
    for (const [code, live] of server.context.live) {
      live.tickMs.length = 0;
      live.dayTickMs.length = 0;
      dayAt.set(code, live.runner.day);
    }
    loop.reset();
  };
  const stats = (): ServerStats => {
    const lives = [...server.context.live.entries()];
    const ticks = lives.flatMap(([, l]) => l.tickMs).sort((a, b) => a - b);
    const dayTicks = lives.flatMap(([, l]) => l.dayTickMs).sort((a, b) => a - b);
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage(cpuAt);
    return {
      cpuMs: (cpu.user + cpu.system) / 1000, windowMs: performance.now() - windowAt,
      rooms: lives.length, ticks: ticks.length, tickP50Ms: percentile(ticks, 50), tickP99Ms: percentile(ticks, 99),
      dayTicks: dayTicks.length, dayTickP50Ms: percentile(dayTicks, 50), dayTickP99Ms: percentile(dayTicks, 99),
      eventLoopP99Ms: loop.percentile(99) / 1e6, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed,
      days: lives.reduce((s, [code, l]) => s + l.runner.day - (dayAt.get(code) ?? 0), 0),
    };
  };
  process.on('message', (msg: { id: number; cmd: string; reset?: boolean }) => {
    if (msg.cmd === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      process.send?.({ id: msg.id, ok: true, gc: Boolean(gc), ...stats() });
    } else if (msg.cmd === 'stats') {
      const s = stats();
      if (msg.reset) resetWindow();
      process.send?.({ id: msg.id, ok: true, ...s });
    }
  });
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  console.log(`server process listening on ${server.port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
