/**
 * Who created a room. Host rights go to the holder of the create request's own seat reservation,
 * never to whoever connects first: the lobby and `GET /api/rooms` show a new code at once, and a
 * creator on a slow phone opens its socket hundreds of milliseconds after its create reply.
 *
 * The matchmaker calls the room's static `onAuth` once per create/join request, before the room
 * exists for a create. For a create it mints a key that travels, server-side only, both into
 * `onCreate` (in the options) and into that request's reservation (in the auth data). A join can
 * never carry one: the key is minted here, clients' own `creatorKey` values are dropped, and the
 * reservation's auth data is not something a client can write.
 */
import type { AuthContext } from '@colyseus/core';
import { timingSafeEqual } from 'node:crypto';
import { secretToken } from './roomCode.js';

/** The option key `onCreate` reads the creator key from. */
export const CREATOR_KEY_OPTION = 'creatorKey';

/** What every reservation of a `market` room carries (Colyseus hands it to `onJoin` as `auth`). */
export interface SeatAuth {
  /** Set only on the reservation made by the create request itself. */
  creatorKey: string;
  /** The caller's address, for per-address limits (first hop of X-Forwarded-For when behind a proxy). */
  ip: string;
}

const CREATE_ROUTE = /\/matchmake\/(create|joinOrCreate)\//;

/**
 * The caller's address. Colyseus' own `context.ip` prefers X-Real-IP / X-Forwarded-For, which any
 * client can write; they count only behind a proxy the operator declared (`TRUST_PROXY=1`).
 */
export function addressOf(context: AuthContext | undefined, trustProxy: boolean): string {
  const forwarded = context?.headers?.['x-forwarded-for'] ?? context?.headers?.['x-real-ip'];
  const header = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  if (trustProxy && header) return header.split(',')[0]!.trim() || 'unknown';
  return context?.req?.socket?.remoteAddress ?? 'unknown';
}

/** Static `onAuth` body: mints the creator key on create requests, strips forged ones everywhere. */
export function authorise(options: Record<string, unknown> | undefined, context: AuthContext | undefined, trustProxy: boolean): SeatAuth {
  const isCreate = CREATE_ROUTE.test(context?.req?.url ?? '');
  const creatorKey = isCreate ? secretToken() : '';
  if (options && typeof options === 'object') {
    if (isCreate) options[CREATOR_KEY_OPTION] = creatorKey;
    else delete options[CREATOR_KEY_OPTION];
  }
  return { creatorKey, ip: addressOf(context, trustProxy) };
}

/** The auth data of a reservation, whatever shape it came in (in-process callers pass none). */
export function seatAuthOf(auth: unknown): SeatAuth {
  const a = (auth ?? {}) as Partial<SeatAuth>;
  return { creatorKey: typeof a.creatorKey === 'string' ? a.creatorKey : '', ip: typeof a.ip === 'string' ? a.ip : 'unknown' };
}

/** Constant-time comparison of two secrets (an empty expected secret never matches). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return b.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}
