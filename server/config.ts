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
  /** Folder of bots a host may seat by name (protocol programs or Strategy modules); '' = none. */
  botsDir: string;
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
  botsDir: '',
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
    botsDir: env.BOTS_DIR ? resolve(env.BOTS_DIR) : '',
  };
}
