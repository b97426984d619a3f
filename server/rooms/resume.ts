/**
 * The one way to bring a stored match back to life (boot, `POST …/open`): at most one room
 * instance per match, whoever asks and however often. Concurrent callers share one creation.
 */
import { matchMaker } from '@colyseus/core';
import { ROOM_NAME } from '../../shared/protocol/index.js';
import type { RoomContext } from './roomContext.js';

/** Resolves once `matchId` has a live room in this process (creating it if needed). */
export function ensureLive(ctx: RoomContext, matchId: string): Promise<void> {
  if (ctx.live.has(matchId)) return Promise.resolve();
  let pending = ctx.resuming.get(matchId);
  if (!pending) {
    // Locally: this process owns the store (with Redis, createRoom could pick another process).
    pending = matchMaker
      .handleCreateRoom(ROOM_NAME, { resumeKey: ctx.resumeKey, matchId })
      .then(() => undefined)
      .finally(() => ctx.resuming.delete(matchId));
    ctx.resuming.set(matchId, pending);
  }
  return pending;
}
