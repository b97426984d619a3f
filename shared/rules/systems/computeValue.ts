/**
 * What players' AI contracts are worth today (for NAV): the present value of the income still to
 * come from tender and hosting contracts and from leases they sold, plus the prepaid value of leases
 * they hold (at cost, as they may use or resell it) and the escrow behind resting bids (refundable).
 */
import type { GameState, PlayerId } from '../types.js';
import { centsToUsd } from '../../economy/money.js';
import { blockCents } from '../../economy/leaseBook.js';
import { hostingUsdPerDay, presentValueUsd } from '../../economy/hosting.js';

/** Every seated player's contract value in dollars, in one pass (simple discount at `state.interestRatePct`). */
export function contractsPvByPlayer(state: GameState): Record<PlayerId, number> {
  const out: Record<PlayerId, number> = {};
  for (const id of state.playerOrder) out[id] = 0;
  const add = (id: PlayerId, usd: number) => {
    if (out[id] !== undefined) out[id] += usd;
  };
  const rate = state.interestRatePct;
  const day = state.day;
  for (const c of Object.values(state.contracts)) {
    if (c.endDay <= day) continue;
    const daysLeft = c.endDay - Math.max(day, c.startDay);
    const waitDays = Math.max(0, c.startDay - day);
    const perDay = c.kind === 'tender' ? c.gpus * c.priceUsdPerGpuHour * 24 : hostingUsdPerDay(c.mw, c.priceUsdPerKwMonth);
    // A contract starting later is discounted for the wait as well.
    add(c.ownerId, presentValueUsd(perDay, daysLeft, rate) / (1 + ((rate / 100) * waitDays) / 365));
  }
  for (const l of Object.values(state.leases)) {
    const days = l.endDay - l.startDay;
    const totalCents = l.gpus * blockCents(l.priceUsdPerGpuHour);
    const paidDays = Math.min(days, Math.max(0, day - l.startDay));
    const daysLeft = days - paidDays;
    if (daysLeft <= 0) continue;
    const unpaidCents = totalCents - Math.floor((totalCents * paidDays) / days);
    const value = presentValueUsd(centsToUsd(unpaidCents) / daysLeft, daysLeft, rate);
    add(l.lessorId, value);
    add(l.lesseeId, value);
  }
  for (const o of Object.values(state.leaseOrders)) {
    if (o.side === 'bid') add(o.ownerId, centsToUsd(o.remaining * blockCents(o.priceUsdPerGpuHour)));
  }
  return out;
}

/** One player's contract value in dollars (see `contractsPvByPlayer`). */
export function contractsPvUsd(state: GameState, playerId: PlayerId): number {
  return contractsPvByPlayer(state)[playerId] ?? 0;
}
