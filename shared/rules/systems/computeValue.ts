/**
 * What players' AI contracts are worth today (for NAV): the present value of the net margin of
 * contracts being delivered (hosting at rent less running costs; tenders and leases sold at their
 * spread over spot, since the GPUs behind them are valued already), and capacity leased in at
 * today's spot rent. Nothing is counted before its delivery starts, nothing beyond CONTRACT_HORIZON_DAYS,
 * and one GPU is never counted twice: capacity a lessee passes on (resold, or promised to a
 * tender) leaves its held-lease value, and the lessor's receivable is the escrow, counted once.
 */
import type { GameState, PlayerId } from '../types.js';
import { hostingUsdPerDay, presentValueUsd } from '../../economy/hosting.js';
import { lotIdsOf, modelSpec, raw, rawAt, recordList, siteRuns } from './capacity.js';

/** The market values at most two years of contracted income: tenants renegotiate, labs walk away. */
export const CONTRACT_HORIZON_DAYS = 730;
/** A company's cost of capital over the base rate, for discounting its contracts. */
export const COST_OF_CAPITAL_SPREAD_PCT = 8;
/** Share of hosting rent that goes to running the hall (staff, maintenance, insurance): billed daily. */
export const HOSTING_OPEX_SHARE = 0.25;

export interface ContractValues {
  contractsPvUsd: number;
  heldLeasesUsd: number;
}

/** Discount rate for contract cash flows, percent a year. */
export function costOfCapitalPct(state: GameState): number {
  return state.interestRatePct + COST_OF_CAPITAL_SPREAD_PCT;
}

interface GpuBook {
  /** Running GPUs of its own, in H100-equivalents; capacity leased in and out. */
  ownH100: number;
  inH100: number;
  outH100: number;
}

/** Each player's running GPUs (H100-equivalents) from its lots, when the caller has not summed them already. */
function gpuBooks(draftOrState: GameState, order: readonly PlayerId[], ownH100?: ReadonlyMap<PlayerId, number>): Map<PlayerId, GpuBook> {
  const state = raw(draftOrState);
  const books = new Map<PlayerId, GpuBook>();
  if (ownH100) {
    for (const id of order) books.set(id, { ownH100: ownH100.get(id) ?? 0, inH100: 0, outH100: 0 });
    return books;
  }
  const lots = raw(state.lots);
  const sites = raw(state.sites);
  for (const id of order) {
    const book: GpuBook = { ownH100: 0, inH100: 0, outH100: 0 };
    for (const lotId of lotIdsOf(draftOrState, id)) {
      const lot = rawAt(lots, lotId);
      const spec = lot ? modelSpec(draftOrState, lot.modelId) : undefined;
      const site = lot?.siteId ? rawAt(sites, lot.siteId) : undefined;
      if (!lot || spec?.kind !== 'gpu' || lot.status !== 'installed' || !site || !siteRuns(draftOrState, site, 'ai')) continue;
      book.ownH100 += spec.h100Equivalent * lot.count;
    }
    books.set(id, book);
  }
  return books;
}

/**
 * Every seated player's contract and held-lease value in dollars, in one pass (or `only` that
 * player's). `ownH100`: each player's running GPUs, if the caller's own pass over the lots summed
 * them (in the lots' order, as `gpuBooks` does).
 */
export function contractValuesByPlayer(draftOrState: GameState, only?: PlayerId, ownH100?: ReadonlyMap<PlayerId, number>): ReadonlyMap<PlayerId, ContractValues> {
  const state = raw(draftOrState);
  // A Map: V8 adds a hundred players' keys to it faster than to an object.
  const out = new Map<PlayerId, ContractValues>();
  const order = only === undefined ? raw(state.playerOrder) : raw(state.playerOrder).filter((id) => id === only);
  for (const id of order) out.set(id, { contractsPvUsd: 0, heldLeasesUsd: 0 });
  const rate = costOfCapitalPct(draftOrState);
  const day = state.day;
  const books = gpuBooks(draftOrState, order, ownH100);
  const pv = (usdPerDay: number, days: number) => presentValueUsd(usdPerDay, Math.min(days, CONTRACT_HORIZON_DAYS), rate);

  for (const c of recordList(state.contracts)) {
    const v = out.get(c.ownerId);
    if (!v || c.startDay > day || c.endDay <= day) continue;
    if (c.kind === 'tender') {
      // Like a lease sold: the GPUs (own, or leased in) are valued already at what they earn at
      // spot; a tender adds only its spread over spot, and one priced under spot costs.
      v.contractsPvUsd += pv(c.gpus * (c.priceUsdPerGpuHour - state.compute.spotUsdPerGpuHour) * 24, c.endDay - day);
    } else {
      v.contractsPvUsd += pv(hostingUsdPerDay(c.mw, c.priceUsdPerKwMonth) * (1 - HOSTING_OPEX_SHARE), c.endDay - day);
    }
  }
  const held: { lesseeId: PlayerId; gpus: number; daysLeft: number }[] = [];
  for (const l of recordList(state.leases)) {
    const days = l.endDay - l.startDay;
    const paidDays = Math.min(days, Math.max(0, day - l.startDay));
    const daysLeft = days - paidDays;
    if (daysLeft <= 0 || l.startDay > day) continue;
    const lessor = out.get(l.lessorId);
    if (lessor) {
      // The lessor's GPUs are valued as hardware, which already prices what they earn at spot: the
      // lease adds (or costs) only its spread over spot. The escrow behind it is the lessee's cash,
      // counted once, through the lessee's capacity at spot plus this spread.
      books.get(l.lessorId)!.outH100 += l.gpus;
      const spreadUsdPerDay = (l.priceUsdPerGpuHour - state.compute.spotUsdPerGpuHour) * 24 * l.gpus;
      lessor.contractsPvUsd += pv(spreadUsdPerDay, daysLeft);
    }
    if (out.has(l.lesseeId)) {
      books.get(l.lesseeId)!.inH100 += l.gpus;
      held.push({ lesseeId: l.lesseeId, gpus: l.gpus, daysLeft });
    }
  }
  const spotUsdPerDay = state.compute.spotUsdPerGpuHour * 24;
  for (const h of held) {
    const b = books.get(h.lesseeId)!;
    // Capacity leased on (beyond own GPUs) is valued where it went; capacity serving a tender stays
    // here at spot, since the tender counts only its spread.
    const passedOn = Math.max(0, b.outH100 - b.ownH100);
    const keptShare = b.inH100 > 0 ? Math.max(0, 1 - passedOn / b.inH100) : 0;
    out.get(h.lesseeId)!.heldLeasesUsd += pv(spotUsdPerDay * h.gpus * keptShare, h.daysLeft);
  }
  return out;
}

/** One player's contract value in dollars (see `contractValuesByPlayer`). */
export function contractsPvUsd(state: GameState, playerId: PlayerId): number {
  return contractValuesByPlayer(state, playerId).get(playerId)?.contractsPvUsd ?? 0;
}
