/**
 * Sealed-bid tenders from NPC AI labs (DESIGN.md §3.4): the lowest qualifying bid at or under the
 * reserve wins (earlier bid first on a tie), the contract pays daily for the GPUs delivered, and a
 * shortfall costs a penalty. Pure numbers; the tender's terms are drawn from uniforms the caller
 * takes from the `tenders` RNG stream, so this module never touches state.
 */
import type { PlayerId } from '../rules/types.js';
import { usdToCents } from './money.js';
import * as dm from './detMath.js';

export interface SealedBid {
  playerId: PlayerId;
  priceUsdPerGpuHour: number;
  seq: number;
}

/** Share of the contract's rent a missing GPU-day costs: labs pay extra to cover elsewhere. */
export const SHORTFALL_PENALTY_MULTIPLE = 1.5;

/**
 * The winning bid: lowest price ≤ reserve whose bidder `canSupply` (checked in price-time order,
 * so a bidder that cannot deliver passes the award to the next), or null.
 */
export function awardTender(
  bids: readonly SealedBid[],
  reserveUsdPerGpuHour: number,
  canSupply: (playerId: PlayerId) => boolean,
): SealedBid | null {
  const ranked = bids
    .filter((b) => b.priceUsdPerGpuHour <= reserveUsdPerGpuHour)
    .sort((a, b) => a.priceUsdPerGpuHour - b.priceUsdPerGpuHour || a.seq - b.seq);
  for (const b of ranked) if (canSupply(b.playerId)) return b;
  return null;
}

/** A day's pay for `gpus` delivered at the contract rent, in cents. */
export function gpuDayCents(gpus: number, priceUsdPerGpuHour: number): number {
  return usdToCents(gpus * priceUsdPerGpuHour * 24);
}

/** A day's penalty for `shortfallGpus` not delivered, in cents. */
export function shortfallPenaltyCents(shortfallGpus: number, priceUsdPerGpuHour: number, multiple = SHORTFALL_PENALTY_MULTIPLE): number {
  return usdToCents(Math.max(0, shortfallGpus) * priceUsdPerGpuHour * 24 * multiple);
}

export interface TenderTerms {
  gpus: number;
  days: number;
  /** Days from posting until bids close, and from closing until delivery starts. */
  openDays: number;
  leadDays: number;
  reservePriceUsdPerGpuHour: number;
}

const TERM_DAYS = [30, 90, 180, 365] as const;
const MIN_GPUS = 16;
const MAX_GPUS = 4096;

/**
 * Terms of a new tender from five uniforms in [0,1). Sizes are log-uniform from 16 to 4,096 GPUs
 * (rounded to whole 8-GPU servers), the scale of the players' halls. Labs pay a premium over spot
 * for certainty, less for long terms (a 365-day term reserves at about spot).
 */
export function tenderTerms(spotUsdPerGpuHour: number, u: readonly [number, number, number, number, number]): TenderTerms {
  const [uSize, uTerm, uOpen, uLead, uPrice] = u;
  const raw = dm.exp(dm.log(MIN_GPUS) + uSize * (dm.log(MAX_GPUS) - dm.log(MIN_GPUS)));
  const gpus = Math.max(8, Math.round(raw / 8) * 8);
  const days = TERM_DAYS[Math.min(TERM_DAYS.length - 1, Math.floor(uTerm * TERM_DAYS.length))] ?? 90;
  const premium = 1.3 - (0.3 * days) / 365;
  const reserve = spotUsdPerGpuHour * premium * (0.9 + 0.2 * uPrice);
  return {
    gpus,
    days,
    openDays: 5 + Math.floor(uOpen * 10),
    leadDays: Math.floor(uLead * 21),
    reservePriceUsdPerGpuHour: Math.round(reserve * 100) / 100,
  };
}

export const LAB_NAMES = [
  'Helix Labs', 'Northwind AI', 'Orbital Intelligence', 'Cortex Research', 'Lumen Foundation Models',
  'Kestrel Systems', 'Parallax AI', 'Meridian Labs', 'Sable Robotics', 'Tessellate',
] as const;
