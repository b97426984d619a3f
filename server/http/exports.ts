/** Export and replay-file responses: built on the worker pool, one at a time per token. */
import type { Request, Response } from 'express';
import type { RoomContext } from '../rooms/roomContext.js';
import { clientAddress } from './requestGuard.js';
import { BusyError } from './heavyWork.js';
import type { ExportKind, ExportTask } from './exportWorker.js';

/** Host token from `?token=` or `Authorization: Bearer …`. */
export function tokenOf(req: Request): string {
  const q = req.query.token;
  if (typeof q === 'string' && q) return q;
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
}

/**
 * Builds an export on the worker pool and sends it; one at a time per token (or, without one, per
 * client address). The day and log position are taken now, so the file describes one state.
 */
export async function sendExport(
  ctx: RoomContext, req: Request, res: Response, kind: ExportKind, matchId: string, finalDay: number,
  headers: Record<string, string>, stateHash?: string, extra: Pick<ExportTask, 'payments' | 'sessions'> = {},
): Promise<void> {
  const live = ctx.live.get(matchId);
  const maxSeq = live ? live.runner.seq : Number.MAX_SAFE_INTEGER;
  const key = tokenOf(req) || `addr:${clientAddress(req)}`;
  const t0 = performance.now();
  try {
    const bytes = await ctx.heavy.run(key, { kind, dataDir: ctx.config.dataDir, matchId, finalDay, maxSeq, ...(stateHash ? { stateHash } : {}), ...extra });
    ctx.logger.info({ kind, match: matchId, bytes: bytes.byteLength, ms: Math.round(performance.now() - t0) }, 'export');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    if (err instanceof BusyError) {
      ctx.logger.warn({ kind, match: matchId, code: err.code, addr: clientAddress(req) }, 'export refused');
      res.status(err.status).setHeader('Retry-After', '5').json({ error: err.code, message: err.message });
      return;
    }
    ctx.logger.error({ err, kind, match: matchId }, 'export failed');
    res.status(500).json({ error: 'EXPORT_FAILED', message: 'The export could not be built.' });
  }
}
