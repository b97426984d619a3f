/**
 * The HTTP API: health, scenarios, the live lobby, stored matches, results, CSV export and replay
 * files. Read-only; everything that changes a match goes through the room.
 */
import { asyncRoute } from './asyncRoute.js';
import express, { type Response, type Router } from 'express';
import { matchMaker } from '@colyseus/core';
import { SCENARIO_IDS, getScenario } from '../../shared/economy/scenarios/index.js';
import { defaultDaysPerSecond } from '../../shared/rules/pace.js';
import type { RoomContext } from '../rooms/roomContext.js';
import { ensureLive } from '../rooms/resume.js';
import { sendExport, tokenOf } from './exports.js';
import { normaliseCode } from '../rooms/roomCode.js';
import { sameSecret } from '../rooms/hostKey.js';
import { ROOM_NAME } from '../../shared/protocol/index.js';
import { availableBots } from '../game/bots.js';
import { sessionRouter } from '../classroom/http.js';
import { joinBase } from './joinBase.js';


/** Whether a stored match may appear in public lists (private rooms and classroom sessions do not). */
function isListed(options: Record<string, unknown>): boolean {
  return options.private !== true && options.classroom === undefined;
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

  // Where students' phones reach this server: the projector builds its join link and QR code from it.
  r.get('/api/join-base', (req, res) => {
    res.json(joinBase(ctx.config.publicUrl, req.socket.localPort ?? ctx.config.port));
  });

  r.get('/api/scenarios', (_req, res) => {
    res.json(
      SCENARIO_IDS.map((id) => getScenario(id)!).map((s) => ({ id: s.id, name: s.name, description: s.description, startDate: s.startDate, days: s.days, defaultDaysPerSecond: defaultDaysPerSecond(s.days) })),
    );
  });

  /** Bots a host can seat: the registry's, and the server's bot folder (BOTS_DIR). */
  r.get('/api/bots', asyncRoute(async (_req, res) => {
    res.json(await availableBots());
  }));

  /** Live lobby: public rooms of this process (private rooms are reachable by code only). */
  r.get('/api/rooms', asyncRoute(async (_req, res) => {
    const rooms = await matchMaker.query({ name: ROOM_NAME });
    res.json(
      rooms
        .filter((room) => !room.private)
        .map((room) => ({ roomId: room.roomId, clients: room.clients, maxClients: room.maxClients, locked: room.locked, ...((room.metadata as Record<string, unknown> | undefined) ?? {}) })),
    );
  }));

  /** Resolves a typed code (any case) to the room id clients join with `joinById`. */
  r.get('/api/rooms/:code', asyncRoute(async (req, res) => {
    const code = normaliseCode(req.params.code ?? '');
    const room = code ? await matchMaker.getRoomById(code) : undefined;
    if (!code || !room) return notFound(res, 'Room');
    res.json({ roomId: room.roomId, clients: room.clients, maxClients: room.maxClients, ...(room.metadata ?? {}) });
  }));

  /** Stored matches. Private rooms and classroom sessions are unlisted: shown only to a caller holding their host token. */
  r.get('/api/matches', (req, res) => {
    const token = tokenOf(req);
    res.json(
      ctx.store.listMatches().filter((m) => isListed(m.options) || sameSecret(token, m.hostToken)).map((m) => ({
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
  r.get('/api/matches/:id/replay.json', asyncRoute(async (req, res) => {
    const id = normaliseCode(req.params.id ?? '');
    const m = id ? ctx.store.getMatch(id) : undefined;
    if (!id || !m) return notFound(res, 'Match');
    if (m.status !== 'ended' && tokenOf(req) !== m.hostToken) {
      res.status(403).json({ error: 'NOT_HOST', message: 'A running match\'s replay needs the host token.' });
      return;
    }
    const live = ctx.live.get(id);
    const result = ctx.store.getResult(id);
    const finalDay = live?.runner.day ?? result?.finalDay ?? m.currentDay;
    await sendExport(ctx, req, res, 'replayJson', id, finalDay, {
      'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${id}.replay.json"`,
    }, live ? live.runner.hash() : result?.stateHash);
  }));

  r.get('/api/matches/:id/export.csv', asyncRoute(async (req, res) => {
    const id = normaliseCode(req.params.id ?? '');
    const m = id ? ctx.store.getMatch(id) : undefined;
    if (!id || !m) return notFound(res, 'Match');
    if (tokenOf(req) !== m.hostToken) {
      res.status(403).json({ error: 'NOT_HOST', message: 'The CSV export needs the host token.' });
      return;
    }
    const live = ctx.live.get(id);
    const finalDay = live?.runner.day ?? ctx.store.getResult(id)?.finalDay ?? m.currentDay;
    await sendExport(ctx, req, res, 'matchCsv', id, finalDay, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${id}.csv"` });
  }));

  /** Brings back a stored, unfinished match whose room closed (nobody came back in time); host token. */
  r.post('/api/matches/:id/open', asyncRoute(async (req, res) => {
    const id = normaliseCode(req.params.id ?? '');
    const m = id ? ctx.store.getMatch(id) : undefined;
    if (!id || !m) return notFound(res, 'Match');
    if (tokenOf(req) !== m.hostToken) {
      res.status(403).json({ error: 'NOT_HOST', message: 'Re-opening a match needs the host token.' });
      return;
    }
    if (m.status === 'ended') {
      res.status(409).json({ error: 'ENDED', message: 'This match has ended: its data stays available (replay and export).' });
      return;
    }
    try {
      await ensureLive(ctx, id);
    } catch (err) {
      ctx.logger.error({ err, match: id }, 'could not re-open match');
      res.status(500).json({ error: 'REOPEN_FAILED', message: 'The match could not be re-opened.' });
      return;
    }
    res.json({ id, live: true });
  }));

  // Classroom sessions: /api/sessions/* (docs/classroom.md).
  r.use(sessionRouter(ctx));

  return r;
}
