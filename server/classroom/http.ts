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
import { labelKey, labelListOn, type ClassroomSettings } from './settings.js';
import { DEFAULT_PAYMENT_RULE, type PaymentRule } from './export.js';
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

/** Most sessions one across-sessions export may stack. */
export const MAX_STACKED_SESSIONS = 50;

/**
 * The payment rule from the export's query (`pay_rule`, `pay_basis`, `pay_max`, `pay_min`,
 * `pay_show_up`, `pay_unit`), over the defaults; a sentence for the teacher when a value is bad.
 */
export function paymentRuleOf(query: Request['query']): PaymentRule | string {
  const rule: PaymentRule = { ...DEFAULT_PAYMENT_RULE };
  const q = (k: string) => (typeof query[k] === 'string' && query[k] !== '' ? (query[k]) : undefined);
  const ruleQ = q('pay_rule');
  if (ruleQ !== undefined) {
    if (ruleQ !== 'rank' && ruleQ !== 'score') return 'pay_rule must be rank or score.';
    rule.rule = ruleQ;
  }
  const basis = q('pay_basis');
  if (basis !== undefined) {
    if (basis !== 'market' && basis !== 'nav') return 'pay_basis must be market or nav.';
    rule.basis = basis;
  }
  for (const [k, field] of [['pay_max', 'maxAmount'], ['pay_min', 'minAmount'], ['pay_show_up', 'showUpAmount']] as const) {
    const v = q(k);
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1e9) return `${k} must be a number from 0 to 1e9.`;
    rule[field] = n;
  }
  if (rule.minAmount > rule.maxAmount) return 'pay_min must not exceed pay_max.';
  const unit = q('pay_unit');
  if (unit !== undefined) {
    if (unit !== 'points' && !/^[A-Z]{3}$/.test(unit)) return 'pay_unit must be points or a three-letter currency code (EUR, USD, …).';
    rule.unit = unit;
  }
  return rule;
}

const zipHeaders = (name: string) => ({ 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}"` });

export function sessionRouter(ctx: RoomContext): Router {
  const r = express.Router();

  /**
   * Several sessions in one zip (same files, rows stacked, told apart by `session_code`): each
   * session needs its own teacher token, `?sessions=CODE:TOKEN,CODE:TOKEN` or a JSON body
   * `{ sessions: [{ id, token }] }` (POST).
   */
  const stacked = async (req: Request, res: Response, pairs: { id: string; token: string }[]) => {
    if (pairs.length === 0 || pairs.length > MAX_STACKED_SESSIONS) {
      res.status(400).json({ error: 'BAD_SESSIONS', message: `Name 1 to ${MAX_STACKED_SESSIONS} sessions as CODE:TOKEN.` });
      return;
    }
    const payments = paymentRuleOf(req.query);
    if (typeof payments === 'string') {
      res.status(400).json({ error: 'BAD_PAYMENT_RULE', message: payments });
      return;
    }
    const sessions: { matchId: string; finalDay: number; maxSeq: number }[] = [];
    for (const p of pairs) {
      const id = normaliseCode(p.id);
      const m = id ? ctx.store.getMatch(id) : undefined;
      if (!m || !m.options.classroom) {
        res.status(404).json({ error: 'NOT_FOUND', message: `Session ${p.id} not found.` });
        return;
      }
      if (p.token !== m.hostToken) {
        res.status(403).json({ error: 'NOT_HOST', message: `The token for session ${m.id} is not its teacher token.` });
        return;
      }
      if (sessions.some((s) => s.matchId === m.id)) continue;
      const live = ctx.live.get(m.id);
      sessions.push({
        matchId: m.id, finalDay: live?.runner.day ?? ctx.store.getResult(m.id)?.finalDay ?? m.currentDay, maxSeq: live ? live.runner.seq : Number.MAX_SAFE_INTEGER,
      });
    }
    await sendExport(ctx, req, res, 'sessionsZip', sessions[0]!.matchId, sessions[0]!.finalDay, zipHeaders('sessions.zip'), undefined, { payments, sessions });
  };
  const pairsOf = (text: string) => text.split(',').filter(Boolean).map((s) => {
    const i = s.indexOf(':');
    return i < 0 ? { id: s, token: '' } : { id: s.slice(0, i), token: s.slice(i + 1) };
  });
  r.get('/api/sessions/export.zip', asyncRoute((req, res) => stacked(req, res, pairsOf(typeof req.query.sessions === 'string' ? req.query.sessions : ''))));
  r.post('/api/sessions/export.zip', express.json({ limit: '64kb' }), asyncRoute((req, res) => {
    const list = (req.body as { sessions?: unknown } | undefined)?.sessions;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const pairs = Array.isArray(list) ? (list as ({ id?: unknown; token?: unknown } | null)[]).map((s) => ({ id: str(s?.id), token: str(s?.token) })) : [];
    return stacked(req, res, pairs);
  }));

  /**
   * "Choose your name from the list" (no token: the class's public join page reads it): the labels
   * nobody has taken yet, in the teacher's order. Only for sessions whose teacher chose that mode;
   * others keep their labels to the teacher (their students come by personal link).
   */
  r.get('/api/sessions/:id/labels', (req, res) => {
    const id = normaliseCode(String(req.params.id ?? ''));
    const m = id ? ctx.store.getMatch(id) : undefined;
    const settings = m?.options.classroom as ClassroomSettings | undefined;
    if (!m || !settings) {
      res.status(404).json({ error: 'NOT_FOUND', message: 'Session not found.' });
      return;
    }
    // Not an error for the join page, which asks every class it opens (no red line in the console).
    if (!labelListOn(settings) || m.status === 'ended') {
      res.set('Cache-Control', 'no-store').json({ id: m.id, labelList: false, ended: m.status === 'ended' });
      return;
    }
    const taken = new Set(classroomStore(ctx.store.db).labels(m.id).map((l) => labelKey(l.label)));
    const free = settings.labels.filter((l) => !taken.has(labelKey(l)));
    res.set('Cache-Control', 'no-store').json({ id: m.id, labelList: true, live: ctx.live.has(m.id), labels: free, taken: settings.labels.length - free.length });
  });

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
    const payments = paymentRuleOf(req.query);
    if (typeof payments === 'string') {
      res.status(400).json({ error: 'BAD_PAYMENT_RULE', message: payments });
      return;
    }
    await sendExport(ctx, req, res, 'sessionZip', m.id, finalDay, zipHeaders(`${m.id}-session.zip`), undefined, { payments });
  }));

  return r;
}
