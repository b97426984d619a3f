/**
 * Real colyseus.js players in a child process, driven by IPC from a load test or bench:
 * - `{ id, cmd: 'join', url, codes, perRoom, actionEveryMs }` joins `perRoom` players to each room
 *   code (10 joins at a time); each then sends a cheap action every `actionEveryMs` on average;
 * - `{ id, cmd: 'report', reset? }` → bytes and messages received, errors by code, open sockets;
 * - `{ id, cmd: 'leave' }` leaves every room, answers, and exits.
 * Run: `node --import tsx bench/loadClients.ts` with `stdio[3] = 'ipc'`.
 */
import { Client, type Room } from 'colyseus.js';
import { countParts, emptyParts, type WirePart } from './wireParts.js';

export interface LoadReport {
  clients: number;
  open: number;
  joinFailures: number;
  bytes: number;
  /** The same bytes by part (bench/wireParts.ts). */
  bytesByPart: Record<WirePart, number>;
  messages: number;
  sentActions: number;
  errors: Record<string, number>;
  seconds: number;
}

const rooms: Room[] = [];
let joinFailures = 0;
let bytes = 0;
let bytesByPart = emptyParts();
let messages = 0;
let sentActions = 0;
let errors: Record<string, number> = {};
let windowStart = Date.now();
let chatter: ReturnType<typeof setInterval> | null = null;

function watch(room: Room): void {
  const ws = (room.connection as unknown as { transport: { ws: { addEventListener(t: string, f: (e: { data: ArrayBuffer }) => void): void } } }).transport.ws;
  ws.addEventListener('message', (e) => (bytes += e.data.byteLength ?? 0));
  countParts(ws, () => bytesByPart);
  room.onMessage('*', (type, payload: { code?: string }) => {
    messages++;
    if (type === 'error') errors[payload?.code ?? '?'] = (errors[payload?.code ?? '?'] ?? 0) + 1;
  });
}

async function join(url: string, codes: string[], perRoom: number, actionEveryMs: number): Promise<void> {
  const jobs: (() => Promise<void>)[] = [];
  codes.forEach((code, r) => {
    for (let i = 0; i < perRoom; i++) {
      jobs.push(async () => {
        try {
          const room = await new Client(url).joinById(code, { playerName: `Load ${process.pid % 1000}-${r}-${i}` });
          watch(room);
          rooms.push(room);
        } catch {
          joinFailures++;
        }
      });
    }
  });
  const workers = Array.from({ length: 10 }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job();
  });
  await Promise.all(workers);
  const narratives = ['crypto', 'ai', 'none'] as const;
  const tickMs = 100;
  chatter ??= setInterval(() => {
    for (const room of rooms) {
      if (!room.connection.isOpen || Math.random() >= tickMs / actionEveryMs) continue;
      sentActions++;
      if (sentActions % 2) room.send('setTreasuryPolicy', { sellMinedPct: sentActions % 100 });
      else room.send('announceNarrative', { narrative: narratives[sentActions % 3] });
    }
  }, tickMs);
}

function report(reset: boolean): LoadReport {
  const r: LoadReport = {
    clients: rooms.length, open: rooms.filter((room) => room.connection.isOpen).length, joinFailures, bytes, bytesByPart, messages, sentActions, errors,
    seconds: (Date.now() - windowStart) / 1000,
  };
  if (reset) {
    bytes = 0;
    bytesByPart = emptyParts();
    messages = 0;
    sentActions = 0;
    errors = {};
    windowStart = Date.now();
  }
  return r;
}

process.on('message', (msg: { id: number; cmd: string; url?: string; codes?: string[]; perRoom?: number; actionEveryMs?: number; reset?: boolean }) => {
  const answer = (body: object) => process.send?.({ id: msg.id, ok: true, ...body });
  if (msg.cmd === 'join') {
    join(msg.url!, msg.codes!, msg.perRoom!, msg.actionEveryMs ?? 2000).then(
      () => answer(report(false)),
      (err: unknown) => process.send?.({ id: msg.id, ok: false, error: String(err) }),
    );
  } else if (msg.cmd === 'report') {
    answer(report(msg.reset ?? false));
  } else if (msg.cmd === 'leave') {
    if (chatter) clearInterval(chatter);
    void Promise.allSettled(rooms.map((room) => room.leave())).then(() => {
      answer(report(false));
      setTimeout(() => process.exit(0), 50);
    });
  }
});
process.on('disconnect', () => process.exit(0));
console.log('load clients ready');
