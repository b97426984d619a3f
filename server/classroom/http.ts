/**
 * Teacher routes of a classroom session (docs/classroom.md): session info + roster, re-opening a
 * session whose room is gone, and the zip export. All need the teacher (host) token.
 */
import { asyncRoute } from '../http/asyncRoute.js';
import express, { type Request, type Response, type Router } from 'express';
import { currentRound } from '../../shared/classroom/guess.js';
import type { MatchRecord } from '../persistence/store.js';
import type { RoomContext } from '../rooms/roomContext.js';
import { normaliseCode } from '../rooms/roomCode.js';
import { ensureLive } from '../rooms/resume.js';
import { sendExport, tokenOf } from '../http/exports.js';
import type { ClassroomSettings } from './settings.js';
import { classroomStore } from './store.js';
import { ClassroomSession } from './session.js';


/** The session and its settings, or an error response already sent. */
function sessionOf(ctx: RoomContext, req: Request, res: Response): { m: MatchRecord; settings: ClassroomSettings } | null {
  const id = normaliseCode(String(req.params.id ?? ''));
  const m = id ? ctx.store.getMatch(id) : undefined;
  const settings = m?.options.classroom as ClassroomSettings | undefined;
  if (!m || !settings) {
    res.status(404).json({ error: 'NOT_FOUND', message: 'Session not found.' });
    return null;
  }
  if (tokenOf(req) !== m.hostToken) {
    res.status(403).json({ error: 'NOT_HOST', message: 'This needs the teacher token.' });
    return null;
  }
  return { m, settings };
}

export function sessionRouter(ctx: RoomContext): Router {
  const r = express.Router();

  r.get('/api/sessions/:id', (req, res) => {
    const found = sessionOf(ctx, req, res);
    if (!found) return;
    const { m, settings } = found;
    const cs = classroomStore(ctx.store.db);
    const live = ctx.live.get(m.id);
    const names = new Map(cs.realNames(m.id).map((n) => [n.playerId, n.name]));
    const labels = new Map(cs.labels(m.id).map((l) => [l.playerId, l.label]));
    const connected = new Set(live?.connectedPlayers?.() ?? []);
    // The end day is fixed at creation: the small day-0 state has it (the latest one can be large).
    const state = live?.runner.state ?? ctx.store.firstState(m.id);
    // Seated as a bot = joined with a strategy (a leaver's seat run by a bot stays a student's).
    const bots = new Set(ctx.store.joinEntries(m.id).flatMap((e) => (e.strategy ? [e.playerId] : [])));
    const roster = ctx.store.seats(m.id).map((s) => ({
      playerId: s.playerId, name: names.get(s.playerId) ?? s.name, displayName: s.name, label: labels.get(s.playerId) ?? '',
      kind: bots.has(s.playerId) ? 'bot' : 'student', control: s.control, connected: connected.has(s.playerId), joinedDay: s.joinedDay,
    }));
    const games = cs.games(m.id);
    res.json({
      id: m.id, name: m.name, scenarioId: m.scenarioId, status: m.status, live: Boolean(live), phase: live?.phase?.() ?? m.status,
      currentDay: live?.runner.day ?? m.currentDay, endDay: state?.endDay ?? null, createdAt: m.createdAt, settings,
      teacherLink: `/?teach=${m.id}&token=${m.hostToken}`,
      // One secret link per label (a label alone does not let anyone in): the teacher hands these out.
      studentLinks: new ClassroomSession(ctx.store.db, m.id, settings, m.seed).linksForTeacher(),
      roster,
      guess: {
        games: games.length,
        rounds: games.flatMap((g, gi) =>
          g.rounds.map((round, ri) => ({
            game: gi + 1, round: ri + 1, p: g.p, open: round.open && currentRound(g) === round, count: round.guesses.length,
            mean: round.mean, median: round.median, target: round.target, winner: round.winner,
          })),
        ),
      },
      result: ctx.store.getResult(m.id) ?? null,
    });
  });

  r.post('/api/sessions/:id/open', asyncRoute(async (req, res) => {
    const found = sessionOf(ctx, req, res);
    if (!found) return;
    const { m } = found;
    if (m.status === 'ended') {
      res.status(409).json({ error: 'ENDED', message: 'This session has ended: its data stays available (GET and export).' });
      return;
    }
    if (!ctx.live.has(m.id)) {
      try {
        await ensureLive(ctx, m.id);
      } catch (err) {
        ctx.logger.error({ err, match: m.id }, 'could not re-open session');
        res.status(500).json({ error: 'REOPEN_FAILED', message: 'The session could not be re-opened.' });
        return;
      }
    }
    res.json({ id: m.id, live: true });
  }));

  r.get('/api/sessions/:id/export.zip', asyncRoute(async (req, res) => {
    const found = sessionOf(ctx, req, res);
    if (!found) return;
    const { m } = found;
    const live = ctx.live.get(m.id);
    const finalDay = live?.runner.day ?? ctx.store.getResult(m.id)?.finalDay ?? m.currentDay;
    await sendExport(ctx, req, res, 'sessionZip', m.id, finalDay, { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${m.id}-session.zip"` });
  }));

  return r;
}
