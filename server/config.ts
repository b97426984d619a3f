/** Server settings, read once from the environment (`npm start`) or passed in by tests and tools. */
import { resolve } from 'node:path';

export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Where `beauty-contest.sqlite` lives. */
  dataDir: string;
  logLevel: string;
  /** Basic-auth password for `/colyseus`; the monitor is off when empty. */
  monitorPassword: string;
  /** Seconds a dropped player has to come back with its reconnection token. */
  reconnectSeconds: number;
  /** When set, rooms are shared across processes through Redis (presence + matchmaker driver). */
  redisUrl: string;
  /** `host:port[/prefix]` clients use to reach THIS process (with Redis); default `127.0.0.1:PORT`. */
  publicAddress: string;
  /** Built client to serve at `/` (may not exist: a status page is served instead). */
  clientDir: string;
  /** WebSocket frames above this close the socket (transport-level cap). */
  maxPayloadBytes: number;
  /** Per-client message budget: tokens per second and bucket size. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Spectators per room, and per room from one address (hosts, seat and student-link holders never count). */
  maxSpectatorsPerRoom: number;
  maxSpectatorsPerAddress: number;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For / X-Real-IP (else they are ignored: anyone can send them). */
  trustProxy: boolean;
  /** Largest HTTP request body accepted on any route, /matchmake included (413 above it). */
  maxHttpBodyBytes: number;
  /** Live rooms one client address may have created (429 above it). */
  maxRoomsPerClient: number;
  /** Live rooms in this process (503 above it). */
  maxRooms: number;
  /** Seconds a room resumed at boot (or re-opened) waits for anyone before it closes (stays resumable). */
  resumeGraceSeconds: number;
  /** Worker threads for exports and replay files, and how many requests may wait for one. */
  exportThreads: number;
  exportQueue: number;
  /** Refused messages kept in `rejected_actions` per client and per match; the rest are only counted. */
  rejectedLogPerClient: number;
  rejectedLogPerMatch: number;
  /** Folder of bots a host may seat by name (protocol programs or Strategy modules); '' = none. */
  botsDir: string;
  /** The address students open (join links, QR codes), e.g. `https://class.example.org/`; '' = this machine's LAN address. */
  publicUrl: string;
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 2567,
  dataDir: './data',
  logLevel: 'info',
  monitorPassword: '',
  reconnectSeconds: 120,
  redisUrl: '',
  publicAddress: '',
  clientDir: './client/dist',
  maxPayloadBytes: 16 * 1024,
  rateLimitPerSecond: 20,
  rateLimitBurst: 40,
  maxSpectatorsPerRoom: 100,
  maxSpectatorsPerAddress: 20,
  trustProxy: false,
  maxHttpBodyBytes: 64 * 1024,
  maxRoomsPerClient: 20,
  maxRooms: 300,
  resumeGraceSeconds: 600,
  exportThreads: 1,
  exportQueue: 4,
  rejectedLogPerClient: 100,
  rejectedLogPerMatch: 2000,
  botsDir: '',
  publicUrl: '',
};

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    port: intFrom(env.PORT, DEFAULT_CONFIG.port),
    dataDir: resolve(env.DATA_DIR || DEFAULT_CONFIG.dataDir),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    monitorPassword: env.MONITOR_PASSWORD ?? '',
    reconnectSeconds: intFrom(env.RECONNECT_SECONDS, DEFAULT_CONFIG.reconnectSeconds),
    redisUrl: env.REDIS_URL ?? '',
    publicAddress: env.PUBLIC_ADDRESS ?? '',
    clientDir: resolve(env.CLIENT_DIR || DEFAULT_CONFIG.clientDir),
    // Load tests and fuzzers raise these; players never need to.
    rateLimitPerSecond: intFrom(env.RATE_LIMIT_PER_SECOND, DEFAULT_CONFIG.rateLimitPerSecond),
    rateLimitBurst: intFrom(env.RATE_LIMIT_BURST, DEFAULT_CONFIG.rateLimitBurst),
    maxSpectatorsPerRoom: intFrom(env.MAX_SPECTATORS_PER_ROOM, DEFAULT_CONFIG.maxSpectatorsPerRoom),
    maxSpectatorsPerAddress: intFrom(env.MAX_SPECTATORS_PER_ADDRESS, DEFAULT_CONFIG.maxSpectatorsPerAddress),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    maxHttpBodyBytes: intFrom(env.MAX_HTTP_BODY_BYTES, DEFAULT_CONFIG.maxHttpBodyBytes),
    maxRoomsPerClient: intFrom(env.MAX_ROOMS_PER_CLIENT, DEFAULT_CONFIG.maxRoomsPerClient),
    maxRooms: intFrom(env.MAX_ROOMS, DEFAULT_CONFIG.maxRooms),
    resumeGraceSeconds: intFrom(env.RESUME_GRACE_SECONDS, DEFAULT_CONFIG.resumeGraceSeconds),
    exportThreads: Math.max(1, intFrom(env.EXPORT_THREADS, DEFAULT_CONFIG.exportThreads)),
    exportQueue: intFrom(env.EXPORT_QUEUE, DEFAULT_CONFIG.exportQueue),
    rejectedLogPerClient: intFrom(env.REJECTED_LOG_PER_CLIENT, DEFAULT_CONFIG.rejectedLogPerClient),
    rejectedLogPerMatch: intFrom(env.REJECTED_LOG_PER_MATCH, DEFAULT_CONFIG.rejectedLogPerMatch),
    botsDir: env.BOTS_DIR ? resolve(env.BOTS_DIR) : '',
    publicUrl: env.PUBLIC_URL ?? '',
  };
}
