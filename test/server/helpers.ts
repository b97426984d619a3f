/** Test helpers: an in-process server on a free port, and colyseus.js clients that record messages. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { createGameServer, type GameServer } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { SCENARIO_IDS, getScenario } from '../../shared/economy/scenarios/index.js';
import { PrivateFeedCopy } from '../../shared/sync/privateDelta.js';

/** The sprint scenario when it exists, else the first one. */
export const SCENARIO = SCENARIO_IDS.includes('halving-sprint') ? 'halving-sprint' : SCENARIO_IDS[0]!;
/** The shortest scenario, for playing whole matches. */
export const SHORTEST = [...SCENARIO_IDS].sort((a, b) => getScenario(a)!.days - getScenario(b)!.days)[0]!;

export interface TestServer {
  server: GameServer;
  url: string;
  http: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function bootServer(overrides: Parameters<typeof createGameServer>[0] = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'bc-server-'));
  const server = await createGameServer({ port: 0, dataDir, logger: createLogger('silent'), clientDir: join(dataDir, 'no-client'), ...overrides });
  return {
    server,
    url: `ws://127.0.0.1:${server.port}`,
    http: `http://127.0.0.1:${server.port}`,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Received {
  type: string;
  payload: any;
  /** Not on the wire: the private payload after the `privateDelta` just before it (see `record`). */
  folded?: boolean;
}

/** A joined room plus everything the server sent it, in order. */
export interface Recorded {
  room: Room<any>;
  messages: Received[];
  /** Raw bytes received on the socket. */
  bytes: () => number;
  /** Everything received on the socket, concatenated (to search for leaked strings). */
  raw: () => Buffer;
}

/**
 * Records what `room` receives. Each `privateDelta` that applies is followed by the payload it
 * yields as a `private` marked `folded`, so a wait for a private field sees it however it came.
 */
export function record(room: Room<any>, keepRaw = true): Recorded {
  const messages: Received[] = [];
  const feed = new PrivateFeedCopy();
  room.onMessage('*', (type, payload) => {
    messages.push({ type: String(type), payload });
    if (type === 'private') feed.full(payload);
    else if (type === 'privateDelta' && feed.delta(payload)) messages.push({ type: 'private', payload: { seq: feed.seq, ...feed.payload }, folded: true });
  });
  let bytes = 0;
  const frames: Buffer[] = [];
  const ws = (room.connection as unknown as { transport: { ws: { addEventListener(t: string, f: (e: { data: ArrayBuffer }) => void): void } } }).transport.ws;
  ws.addEventListener('message', (e) => {
    bytes += e.data.byteLength ?? 0;
    if (keepRaw) frames.push(Buffer.from(e.data));
  });
  return { room, messages, bytes: () => bytes, raw: () => Buffer.concat(frames) };
}

/**
 * Waits until a wait gives up: long enough that a machine running ten times slower than usual
 * (load ~17 on 2 cores) still gets there, short enough to fail with a message naming what never
 * came before the test's own ceiling (vitest.config.ts) cuts it off silently.
 */
export const WAIT_CEILING_MS = 90_000;

/**
 * Polls `probe` (which may be async, e.g. a fetch) until it returns something truthy. A wait is
 * for a state or an event, never for an amount of time: `ceilingMs` is only the guard against a
 * hang, raised to WAIT_CEILING_MS because how fast a loaded machine gets there says nothing about
 * the code.
 */
export async function waitFor<T>(probe: () => T | undefined | false | null | Promise<T | undefined | false | null>, ceilingMs = WAIT_CEILING_MS, what = 'condition'): Promise<T> {
  const t0 = Date.now();
  const giveUpMs = Math.max(ceilingMs, WAIT_CEILING_MS);
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > giveUpMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The first message of `type` (after index `from`) matching `pred`. */
export function waitMessage(rec: Recorded, type: string, pred: (p: any) => boolean = () => true, from = 0, ceilingMs = WAIT_CEILING_MS): Promise<any> {
  return waitFor(() => rec.messages.slice(from).find((m) => m.type === type && pred(m.payload))?.payload, ceilingMs, `message ${type}`);
}

/**
 * `fetch` for an idempotent request, retried once when the kept-alive socket it reused had just
 * been closed by the server ("other side closed"): browsers retry such a request themselves,
 * undici's fetch does not, and on a loaded machine its idle-socket timer fires late enough to hit it.
 */
export async function fetchIdempotent(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, init);
  }
}

export async function createRoom(url: string, options: Record<string, unknown>): Promise<Recorded> {
  const room = await new Client(url).create('market', { scenario: SCENARIO, seed: 'test', ...options });
  return record(room);
}

export async function joinRoom(url: string, code: string, options: Record<string, unknown> = {}): Promise<Recorded> {
  const room = await new Client(url).joinById(code, options);
  return record(room);
}

export function welcomeOf(rec: Recorded): Promise<{ playerId: string; seatToken: string; hostToken: string; isHost: boolean; spectator: boolean }> {
  return waitMessage(rec, 'welcome');
}

/** A session's personal student links (label → key), from the teacher's first roster message. */
export async function studentKeys(teacher: Recorded): Promise<Map<string, string>> {
  const roster = await waitMessage(teacher, 'roster', (r) => Array.isArray(r.links));
  return new Map((roster.links as { label: string; key: string }[]).map((l) => [l.label, l.key]));
}
