/**
 * The HTTP API: health, scenarios, the live lobby, stored matches, results, CSV export and replay
 * files. Read-only; everything that changes a match goes through the room.
 */
import express, { type Request, type Response, type Router } from 'express';
import { matchMaker } from '@colyseus/core';
import { SCENARIO_IDS, getScenario } from '../../shared/economy/scenarios/index.js';
import { replayFileFor } from '../game/match.js';
import type { RoomContext } from '../rooms/roomContext.js';
import { normaliseCode } from '../rooms/roomCode.js';
import { ROOM_NAME } from '../rooms/protocol.js';
import { exportCsv } from './csv.js';
import { availableBots } from '../game/bots.js';
import { sessionRouter } from '../classroom/http.js';

/** Host token from `?token=` or `Authorization: Bearer …`. */
function tokenOf(req: Request): string {
  const q = req.query.token;
  if (typeof q === 'string' && q) return q;
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
}

function notFound(res: Response, what: string): void {
  res.status(404).json({ error: 'NOT_FOUND', message: `${what} not found.` });
}

export function apiRouter(ctx: RoomContext): Router {
  const r = express.Router();
  const startedAt = Date.now();

  r.get('/healthz', (_req, res) => {
    // Memory figures let operators (and the soak test) watch for leaks without a debugger.
    const mem = process.memoryUsage();
    res.json({
      ok: true, uptimeS: Math.round((Date.now() - startedAt) / 1000), rooms: ctx.live.size, pid: process.pid,
      publicAddress: ctx.config.publicAddress || null,
      memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal, externalBytes: mem.external },
    });
  });

  r.get('/api/scenarios', (_req, res) => {
    res.json(
      SCENARIO_IDS.map((id) => getScenario(id)!).map((s) => ({ id: s.id, name: s.name, description: s.description, startDate: s.startDate, days: s.days })),
    );
  });

  /** Bots a host can seat: the registry's, and the server's bot folder (BOTS_DIR). */
  r.get('/api/bots', async (_req, res) => {
    res.json(await availableBots());
  });

  /** Live lobby: public rooms of this process (private rooms are reachable by code only). */
  r.get('/api/rooms', async (_req, res) => {
    const rooms = await matchMaker.query({ name: ROOM_NAME });
    res.json(
      rooms
        .filter((room) => !room.private)
        .map((room) => ({ roomId: room.roomId, clients: room.clients, maxClients: room.maxClients, locked: room.locked, ...(room.metadata ?? {}) })),
    );
  });

  /** Resolves a typed code (any case) to the room id clients join with `joinById`. */
  r.get('/api/rooms/:code', async (req, res) => {
    const code = normaliseCode(req.params.code ?? '');
    const room = code ? await matchMaker.getRoomById(code) : undefined;
    if (!code || !room) return notFound(res, 'Room');
    res.json({ roomId: room.roomId, clients: room.clients, maxClients: room.maxClients, ...(room.metadata ?? {}) });
  });

  r.get('/api/matches', (_req, res) => {
    res.json(
      ctx.store.listMatches().map((m) => ({
        id: m.id, name: m.name, scenarioId: m.scenarioId, status: m.status, currentDay: m.currentDay, createdAt: m.createdAt, updatedAt: m.updatedAt,
      })),
    );
  });

  r.get('/api/matches/:id', (req, res) => {
    const id = normaliseCode(req.params.id ?? '');
    const m = id ? ctx.store.getMatch(id) : undefined;
    if (!id || !m) return notFound(res, 'Match');
    const live = ctx.live.get(id);
    res.json({
      // The seed would let a player simulate the price path ahead: only shown once the match is over.
      id: m.id, name: m.name, scenarioId: m.scenarioId, seed: m.status === 'ended' ? m.seed : null, status: m.status, createdAt: m.createdAt, updatedAt: m.updatedAt,
      currentDay: live?.runner.day ?? m.currentDay,
      players: ctx.store.seats(id).map((s) => ({ playerId: s.playerId, name: s.name, strategy: s.strategy, control: s.control, kicked: s.kicked, joinedDay: s.joinedDay })),
      standings: live?.runner.standings() ?? null,
      result: ctx.store.getResult(id) ?? null,
    });
  });

  /** The action log and final hash. Sealed tender bids are in it, so a live match needs the host token. */
  r.get('/api/matches/:id/replay.json', (req, res) => {
    const id = normaliseCode(req.params.id ?? '');
    const m = id ? ctx.store.getMatch(id) : undefined;
    if (!id || !m) return notFound(res, 'Match');
    if (m.status !== 'ended' && tokenOf(req) !== m.hostToken) {
      res.status(403).json({ error: 'NOT_HOST', message: 'A running match\'s replay needs the host token.' });
      return;
    }
    const live = ctx.live.get(id);
    let file;
    if (live) file = live.runner.replayFile();
    else {
      const snap = ctx.store.latestSnapshot(id);
      if (!snap) return notFound(res, 'Match data');
      const result = ctx.store.getResult(id);
      file = replayFileFor(ctx.store, id, snap.state.scenario, snap.state.seed, result?.finalDay ?? m.currentDay, result?.stateHash);
    }
    res.setHeader('Content-Disposition', `attachment; filename="${id}.replay.json"`);
    res.json(file);
  });

  r.get('/api/matches/:id/export.csv', (req, res) => {
    const id = normaliseCode(req.params.id ?? '');
    const m = id ? ctx.store.getMatch(id) : undefined;
    if (!id || !m) return notFound(res, 'Match');
    if (tokenOf(req) !== m.hostToken) {
      res.status(403).json({ error: 'NOT_HOST', message: 'The CSV export needs the host token.' });
      return;
    }
    const snap = ctx.store.latestSnapshot(id);
    if (!snap) return notFound(res, 'Match data');
    const live = ctx.live.get(id);
    const finalDay = live?.runner.day ?? ctx.store.getResult(id)?.finalDay ?? m.currentDay;
    const replay = replayFileFor(ctx.store, id, snap.state.scenario, snap.state.seed, finalDay);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${id}.csv"`);
    res.send(exportCsv(replay, ctx.store.actionRows(id)));
  });

  // Classroom sessions: /api/sessions/* (docs/classroom.md).
  r.use(sessionRouter(ctx));

  return r;
}
