/**
 * `npm run bench:server [-- --seconds 10 --dps 2]`: boots the game server in-process on a free port,
 * fills rooms with real colyseus.js clients (8 per room; each sends an action now and then), and
 * prints tick time p50/p99 (server-side, ticks that did work; day ticks, which also step the engine,
 * separately) and downstream bytes per client per
 * second, in all and by part (schema patches, private feed, chart, other: bench/wireParts.ts), for
 * one room and for 20 rooms. Figures only, no asserts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { createGameServer } from '../app.js';
import { createLogger } from '../logger.js';
import { SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';
import { cli, parseCli } from './args.js';
import { countParts, emptyParts, WIRE_PARTS, type WirePart } from '../../bench/wireParts.js';

const opts = parseCli(cli('bench:server', 'Boot the server in-process, fill rooms with real clients, print tick times and bytes per client.')
  .option('--seconds <s>', 'seconds per case', '10')
  .option('--dps <n>', 'game days per second', '2')
  .option('--port <n>', 'port for the in-process server (0 = any free one)', '0')).opts<{ seconds: string; dps: string; port: string }>();

function arg(name: 'seconds' | 'dps', fallback: number): number {
  const v = Number(opts[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const SECONDS = arg('seconds', 10);
const DAYS_PER_SECOND = arg('dps', 2);
const PORT = Number.isInteger(Number(opts.port)) ? Number(opts.port) : 0;
const PLAYERS = 8;
const SCENARIO = SCENARIO_IDS.includes('halving-sprint') ? 'halving-sprint' : SCENARIO_IDS[0]!;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Row {
  label: string;
  rooms: number;
  clients: number;
  ticks: number;
  p50: number;
  p99: number;
  dayP50: number;
  dayP99: number;
  bytesPerClientS: number;
  byPartPerClientS: Record<WirePart, number>;
  daysPerRoom: number;
}

async function runCase(label: string, roomCount: number): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
  const server = await createGameServer({ port: PORT, dataDir, logger: createLogger('silent'), clientDir: join(dataDir, 'none'), rateLimitPerSecond: 1000, rateLimitBurst: 1000, maxRoomsPerClient: 1000 });
  const url = `ws://127.0.0.1:${server.port}`;
  const rooms: Room[] = [];
  let bytes = 0;
  let byPart = emptyParts();
  const count = (room: Room) => {
    const ws = (room.connection as unknown as { transport: { ws: { addEventListener(t: string, f: (e: { data: ArrayBuffer }) => void): void } } }).transport.ws;
    ws.addEventListener('message', (e) => (bytes += e.data.byteLength));
    countParts(ws, () => byPart);
    room.onMessage('*', () => {});
  };
  const codes: string[] = [];
  for (let r = 0; r < roomCount; r++) {
    const host = await new Client(url).create('market', { scenario: SCENARIO, seed: `bench-${r}`, daysPerSecond: DAYS_PER_SECOND, maxPlayers: PLAYERS, playerName: 'Host' });
    count(host);
    rooms.push(host);
    codes.push(host.roomId);
    for (let p = 1; p < PLAYERS; p++) {
      const c = await new Client(url).joinById(host.roomId, { playerName: `P${p}` });
      count(c);
      rooms.push(c);
    }
    host.send('start', {});
  }
  // Warm-up, then measure from a clean slate.
  await new Promise((r) => setTimeout(r, 1000));
  for (const code of codes) {
    server.context.live.get(code)!.tickMs.length = 0;
    server.context.live.get(code)!.dayTickMs.length = 0;
  }
  const day0 = codes.map((c) => server.context.live.get(c)!.runner.day);
  bytes = 0;
  byPart = emptyParts();
  const narratives = ['crypto', 'ai', 'none'] as const;
  let n = 0;
  const chatter = setInterval(() => {
    // About one action per client per 2 s, spread over time.
    for (const room of rooms) {
      if (Math.random() >= 0.05) continue;
      const k = n++;
      if (k % 2) room.send('setTreasuryPolicy', { sellMinedPct: k % 100 });
      else room.send('announceNarrative', { narrative: narratives[k % 3] });
    }
  }, 100);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(chatter);
  const ticks = codes.flatMap((c) => server.context.live.get(c)!.tickMs).sort((a, b) => a - b);
  const dayTicks = codes.flatMap((c) => server.context.live.get(c)!.dayTickMs).sort((a, b) => a - b);
  const days = codes.map((c, i) => server.context.live.get(c)!.runner.day - day0[i]!);
  const row: Row = {
    label, rooms: roomCount, clients: rooms.length, ticks: ticks.length, p50: percentile(ticks, 50), p99: percentile(ticks, 99),
    dayP50: percentile(dayTicks, 50), dayP99: percentile(dayTicks, 99),
    bytesPerClientS: bytes / rooms.length / SECONDS,
    byPartPerClientS: Object.fromEntries(WIRE_PARTS.map((k) => [k, byPart[k] / rooms.length / SECONDS])) as Record<WirePart, number>, daysPerRoom: days.reduce((s, d) => s + d, 0) / days.length,
  };
  await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  return row;
}

async function main(): Promise<void> {
  console.log(`bench:server — scenario ${SCENARIO}, ${PLAYERS} clients per room, ${DAYS_PER_SECOND} days/s, ${SECONDS} s measured per case`);
  const rows = [await runCase('1 room × 8', 1), await runCase('20 rooms × 8', 20)];
  const header = ['case', 'rooms', 'clients', 'ticks', 'tick p50 ms', 'tick p99 ms', 'day-tick p50', 'day-tick p99', 'down B/client/s', ...WIRE_PARTS.map((k) => `${k} B/c/s`), 'days/room'];
  const lines = rows.map((r) =>
    [r.label, r.rooms, r.clients, r.ticks, r.p50.toFixed(2), r.p99.toFixed(2), r.dayP50.toFixed(2), r.dayP99.toFixed(2), Math.round(r.bytesPerClientS), ...WIRE_PARTS.map((k) => Math.round(r.byPartPerClientS[k])), r.daysPerRoom.toFixed(1)].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join(' | ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const l of lines) console.log(fmt(l));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
