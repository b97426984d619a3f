/**
 * `createGameServer`: Colyseus 0.16 + express on one HTTP port, the SQLite store, the `market` and
 * `lobby` rooms, the HTTP API, the monitor and the built client. Tests and tools boot it in-process;
 * `server/start.ts` boots it for `npm start`. On boot it resumes every unfinished stored match.
 */
import http from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { LobbyRoom, matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { RedisPresence } from '@colyseus/redis-presence';
import { RedisDriver } from '@colyseus/redis-driver';
import { monitor } from '@colyseus/monitor';
import { Encoder } from '@colyseus/schema';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { MatchStore } from './persistence/store.js';
import { MarketRoom } from './rooms/MarketRoom.js';
import { setRoomContext, type RoomContext } from './rooms/roomContext.js';
import { secretToken } from './rooms/roomCode.js';
import { ROOM_NAME } from '../shared/protocol/index.js';
import { apiRouter } from './http/api.js';
import { setBotsDir } from './game/bots.js';
import { statusPage } from './http/statusPage.js';
import { HeavyWork } from './http/heavyWork.js';
import { RequestGuard } from './http/requestGuard.js';
import { ensureLive } from './rooms/resume.js';

export interface GameServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  config: ServerConfig;
  store: MatchStore;
  logger: Logger;
  context: RoomContext;
  /** Room codes resumed from the store at boot. */
  resumed: string[];
  /** Body and room-creation limits in front of every HTTP route (its `stats` count refusals). */
  guard: RequestGuard;
  /** Graceful stop: rooms persist their progress, clients are disconnected, the DB closes. */
  close(): Promise<void>;
}

// Full states of big matches exceed the 8 KB default; growing the buffer each time logs a warning.
Encoder.BUFFER_SIZE = 256 * 1024;

function basicAuth(password: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '';
    const given = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded && given === password) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="colyseus monitor"');
    res.status(401).send('Authentication required.');
  };
}

/** A port nobody listens on now: the Redis setup must know its public address before listening. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** How often the server checkpoints its WAL in the background (store.ts). */
const CHECKPOINT_EVERY_MS = 500;

export async function createGameServer(overrides: Partial<ServerConfig> & { logger?: Logger } = {}): Promise<GameServer> {
  const { logger: givenLogger, ...rest } = overrides;
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...rest };
  const logger = givenLogger ?? createLogger(config.logLevel);
  const store = new MatchStore(config.dataDir, { checkpointEveryMs: CHECKPOINT_EVERY_MS });
  const heavy = new HeavyWork({ threads: config.exportThreads, queue: config.exportQueue });
  const context: RoomContext = { config, store, logger, resumeKey: secretToken(), live: new Map(), resuming: new Map(), heavy, shuttingDown: false };
  setRoomContext(context);
  setBotsDir(config.botsDir);

  const app = express();
  app.disable('x-powered-by');
  app.use(apiRouter(context));
  if (config.monitorPassword) app.use('/colyseus', basicAuth(config.monitorPassword), monitor());
  const indexHtml = join(config.clientDir, 'index.html');
  if (existsSync(indexHtml)) {
    app.use(express.static(config.clientDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes (e.g. /join/ABCDEF) get the app shell.
    app.get(/^\/(?!api\/|colyseus|matchmake).*/, (_req, res) => res.sendFile(indexHtml));
  } else {
    app.get('/', (_req, res) => res.type('html').send(statusPage()));
  }

  // Malformed requests (bad URL escapes, …) get a JSON error and a log line, not a stack trace on stderr.
  app.use((err: { status?: number; statusCode?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (res.headersSent) return next(err);
    if (status >= 500) logger.error({ err, url: req.path.slice(0, 200) }, 'request failed');
    else logger.warn({ status, url: req.path.slice(0, 200), reason: err.message }, 'bad request');
    res.status(status).json({ error: status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST', message: status >= 500 ? 'The server could not handle this request.' : 'Malformed request.' });
  });

  const httpServer = http.createServer(app);
  // Scale-out: rooms and seat reservations are shared through Redis; each process announces the
  // address clients must use to reach the rooms it hosts (else cross-process joins expire).
  let scaleOut: { presence: RedisPresence; driver: RedisDriver; publicAddress: string } | null = null;
  if (config.redisUrl) {
    if (config.port === 0) config.port = await freePort();
    scaleOut = {
      presence: new RedisPresence(config.redisUrl),
      driver: new RedisDriver(config.redisUrl),
      publicAddress: config.publicAddress || `127.0.0.1:${config.port}`,
    };
    config.publicAddress = scaleOut.publicAddress;
  }
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: config.maxPayloadBytes }),
    gracefullyShutdown: false,
    greet: false,
    logger: logger.child({ component: 'colyseus' }),
    ...(scaleOut ?? {}),
  });
  gameServer.define(ROOM_NAME, MarketRoom);
  gameServer.define('lobby', LobbyRoom);
  // After Colyseus added its /matchmake handler, so the guard runs before it too.
  const guard = new RequestGuard(
    config,
    { liveRooms: () => matchMaker.stats.local.roomCount, isLive: (id) => matchMaker.getLocalRoomById(id) !== undefined },
    logger.child({ component: 'http' }),
  );
  guard.install(httpServer);
  await gameServer.listen(config.port);
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const resumed: string[] = [];
  for (const m of store.unfinishedMatches()) {
    try {
      await ensureLive(context, m.id);
      resumed.push(m.id);
    } catch (err) {
      logger.error({ err, match: m.id }, 'could not resume match');
      store.setStatus(m.id, 'abandoned');
    }
  }
  logger.info({ port, dataDir: config.dataDir, resumed, publicAddress: scaleOut?.publicAddress, redis: Boolean(scaleOut) }, 'server listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      context.shuttingDown = true;
      await gameServer.gracefullyShutdown(false);
      // Rooms are gone by now; what is left are HTTP keep-alive sockets, which pages trying to
      // reconnect keep busy: without cutting them, close() can wait for as long as they poll.
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await heavy.close();
      store.close();
      setRoomContext(null);
      logger.info('server stopped');
    })();
    return closing;
  };
  return { port, config, store, logger, context, resumed, guard, close };
}
