/**
 * The players' lease market (DESIGN.md §3.4): a continuous double auction for standard blocks of
 * 1 H100-equivalent × `LEASE_BLOCK_DAYS`. Price-time priority, partial fills, trades at the resting
 * order's price, and no self-trades (an incoming order skips its owner's resting orders).
 * Pure: orders in, fills and a new book out; the caller's arrays and orders are never mutated.
 */
import type { LeaseOrder, LeaseSide, PlayerId } from '../rules/types.js';
import { usdToCents } from './money.js';

/** Days one lease block runs. */
export const LEASE_BLOCK_DAYS = 30;
export const HOURS_PER_DAY = 24;

/** Cost of one block at `priceUsdPerGpuHour`, in cents: the unit every escrow is counted in, so sums stay exact. */
export function blockCents(priceUsdPerGpuHour: number): number {
  return usdToCents(priceUsdPerGpuHour * HOURS_PER_DAY * LEASE_BLOCK_DAYS);
}

/** Cents due on day `dayIndex` (0-based) of a lease worth `totalCents`: the days sum exactly to the total. */
export function leaseDayCents(totalCents: number, dayIndex: number, days = LEASE_BLOCK_DAYS): number {
  if (dayIndex < 0 || dayIndex >= days) return 0;
  return Math.floor((totalCents * (dayIndex + 1)) / days) - Math.floor((totalCents * dayIndex) / days);
}

export interface LeaseFill {
  restingOrderId: string;
  buyerId: PlayerId;
  sellerId: PlayerId;
  quantity: number;
  /** The resting order's price. */
  priceUsdPerGpuHour: number;
  /** The bid's own limit, so the caller can refund escrow taken at that price. */
  bidPriceUsdPerGpuHour: number;
}

export interface MatchResult {
  fills: LeaseFill[];
  /** The book after matching: filled resting orders removed, the incoming remainder added if any. */
  book: LeaseOrder[];
  /** The incoming order as it rests (remaining > 0), or null when fully filled. */
  resting: LeaseOrder | null;
}

const crosses = (incoming: LeaseSide, limit: number, resting: number): boolean =>
  incoming === 'bid' ? resting <= limit : resting >= limit;

/** Best first for the side being hit: asks low→high, bids high→low; earlier sequence first at a price. */
export function priorityOrder(a: LeaseOrder, b: LeaseOrder): number {
  if (a.priceUsdPerGpuHour !== b.priceUsdPerGpuHour) {
    return a.side === 'ask' ? a.priceUsdPerGpuHour - b.priceUsdPerGpuHour : b.priceUsdPerGpuHour - a.priceUsdPerGpuHour;
  }
  return a.seq - b.seq;
}

/** The fills `incoming` gets from `book` and what is left of it; `matchOrder` without the new book (a caller that keeps its book as records updates them itself). */
export function matchFills(book: readonly LeaseOrder[], incoming: LeaseOrder): Omit<MatchResult, 'book'> {
  const opposite = incoming.side === 'bid' ? 'ask' : 'bid';
  // Only orders the incoming one crosses can fill, and in priority order they come first: sorting
  // just them gives the same fills (most orders cross nothing and sort nothing).
  const candidates: LeaseOrder[] = [];
  for (const o of book) {
    if (o.side === opposite && o.remaining > 0 && o.ownerId !== incoming.ownerId && crosses(incoming.side, incoming.priceUsdPerGpuHour, o.priceUsdPerGpuHour)) candidates.push(o);
  }
  candidates.sort(priorityOrder);
  let remaining = incoming.remaining;
  const fills: LeaseFill[] = [];
  for (const o of candidates) {
    if (remaining <= 0) break;
    const q = Math.min(remaining, o.remaining);
    remaining -= q;
    const bid = incoming.side === 'bid' ? incoming : o;
    fills.push({
      restingOrderId: o.id,
      buyerId: bid.ownerId,
      sellerId: incoming.side === 'bid' ? o.ownerId : incoming.ownerId,
      quantity: q,
      priceUsdPerGpuHour: o.priceUsdPerGpuHour,
      bidPriceUsdPerGpuHour: bid.priceUsdPerGpuHour,
    });
  }
  return { fills, resting: remaining > 0 ? { ...incoming, remaining } : null };
}

/** Matches `incoming` against `book` (resting orders of both sides). */
export function matchOrder(book: readonly LeaseOrder[], incoming: LeaseOrder): MatchResult {
  const { fills, resting } = matchFills(book, incoming);
  const taken = new Map(fills.map((f) => [f.restingOrderId, f.quantity]));
  const next: LeaseOrder[] = [];
  for (const o of book) {
    const q = taken.get(o.id);
    if (q === undefined) next.push(o);
    else if (o.remaining - q > 0) next.push({ ...o, remaining: o.remaining - q });
  }
  if (resting) next.push(resting);
  return { fills, book: next, resting };
}
