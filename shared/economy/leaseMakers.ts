/**
 * NPC market makers on the lease book (DESIGN.md §6.4): the NPC clouds' lease desk quotes a bid
 * below and an ask above spot every day, a few levels deep, so a player can always lease capacity
 * in or out at a price. The desk leans against its inventory (capacity leased in minus leased out):
 * long, it quotes lower and bids for less; short, higher and offers less. Its quotes are a pure
 * function of the day's market (no RNG), so replays agree.
 *
 * And the price band (exchange limit-up/limit-down): no lease trades outside ±`LEASE_PRICE_BAND_PCT`
 * of the day's spot rent, so seats cannot move money between each other at absurd prices.
 */
import type { LeaseSide, PlayerId } from '../rules/types.js';

/** The desk's owner id on the book and on its leases. '@' ids are never seats (like `@host`). */
export const LEASE_MAKER_ID: PlayerId = '@lease-desk';
/** How the desk appears to players (news, order lists). */
export const LEASE_MAKER_NAME = 'NPC cloud lease desk';

/** Lease orders must be priced within this many percent of the day's spot rent. */
export const LEASE_PRICE_BAND_PCT = 20;

export interface LeaseMakerParams {
  /** Distance from the (skewed) mid to the best bid and to the best ask, % of spot. */
  halfSpreadPct: number;
  /** Distance between levels, % of spot. */
  levelStepPct: number;
  /** Levels per side. */
  levels: number;
  /** Blocks quoted per level, % of the NPC clouds' spot capacity. */
  depthPctPerLevel: number;
  /** Largest position (long or short) the desk takes, % of the NPC clouds' spot capacity. */
  maxInventoryPct: number;
  /** How far the mid moves off spot at a full position, % of spot. */
  skewPct: number;
}

export const DEFAULT_LEASE_MAKERS: LeaseMakerParams = {
  halfSpreadPct: 4,
  levelStepPct: 3,
  levels: 3,
  depthPctPerLevel: 1.5,
  maxInventoryPct: 30,
  skewPct: 8,
};

export interface PriceBand {
  minUsdPerGpuHour: number;
  maxUsdPerGpuHour: number;
}

/** The prices a lease may trade at today: ±band around spot, rounded inward to whole cents. */
export function leasePriceBand(spotUsdPerGpuHour: number, bandPct = LEASE_PRICE_BAND_PCT): PriceBand {
  return {
    minUsdPerGpuHour: Math.ceil(spotUsdPerGpuHour * (100 - bandPct) - 1e-6) / 100,
    maxUsdPerGpuHour: Math.floor(spotUsdPerGpuHour * (100 + bandPct) + 1e-6) / 100,
  };
}

export const inBand = (band: PriceBand, priceUsdPerGpuHour: number): boolean =>
  priceUsdPerGpuHour >= band.minUsdPerGpuHour && priceUsdPerGpuHour <= band.maxUsdPerGpuHour;

export interface MakerQuote {
  side: LeaseSide;
  priceUsdPerGpuHour: number;
  /** Blocks (1 H100-equivalent × 30 days). */
  quantity: number;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** The largest position, long or short, the desk takes (blocks). */
export function makerInventoryLimitH100(capacityH100: number, p: LeaseMakerParams = DEFAULT_LEASE_MAKERS): number {
  return Math.max(1, Math.floor((capacityH100 * p.maxInventoryPct) / 100));
}

/**
 * Moves quotes off resting orders they would cross (post-only, as market makers quote): bids to a
 * cent under the best other ask, asks to a cent over the best other bid, each side kept strictly
 * ordered; a level pushed out of the band is dropped.
 */
export function postOnly(quotes: readonly MakerQuote[], bestOtherBid: number, bestOtherAsk: number, band: PriceBand): MakerQuote[] {
  const out: MakerQuote[] = [];
  let lastBid = Infinity;
  let lastAsk = -Infinity;
  for (const q of quotes) {
    if (q.side === 'bid') {
      const px = cents(Math.min(q.priceUsdPerGpuHour, bestOtherAsk - 0.01, lastBid - 0.01));
      if (px < band.minUsdPerGpuHour || px <= 0) continue;
      out.push({ ...q, priceUsdPerGpuHour: px });
      lastBid = px;
    } else {
      const px = cents(Math.max(q.priceUsdPerGpuHour, bestOtherBid + 0.01, lastAsk + 0.01));
      if (px > band.maxUsdPerGpuHour) continue;
      out.push({ ...q, priceUsdPerGpuHour: px });
      lastAsk = px;
    }
  }
  return out;
}

/**
 * The desk's quotes for today, best level first on each side. `capacityH100` is the NPC clouds'
 * capacity on the spot market (what depth and position limits scale with); `inventoryH100` is the
 * desk's position, positive when it has leased in more than out. Every price lies inside `band`
 * and every bid below every ask; each side keeps at least one block per level, so the book is
 * never one-sided.
 */
export function makerQuotes(
  spotUsdPerGpuHour: number,
  capacityH100: number,
  inventoryH100: number,
  band: PriceBand,
  p: LeaseMakerParams = DEFAULT_LEASE_MAKERS,
): MakerQuote[] {
  if (!(spotUsdPerGpuHour > 0) || p.levels <= 0 || band.maxUsdPerGpuHour - band.minUsdPerGpuHour < 0.02) return [];
  const limit = makerInventoryLimitH100(capacityH100, p);
  const fill = Math.max(-1, Math.min(1, inventoryH100 / limit));
  const mid = spotUsdPerGpuHour * (1 - (p.skewPct / 100) * fill);
  const depth = Math.max(1, (capacityH100 * p.depthPctPerLevel) / 100);
  // Lean on depth too: a long desk bids for little more, a short one offers little more.
  const bidDepth = Math.max(1, Math.floor(depth * Math.max(0.1, 1 - Math.max(0, fill))));
  const askDepth = Math.max(1, Math.floor(depth * Math.max(0.1, 1 + Math.min(0, fill))));
  const clamp = (x: number) => Math.min(band.maxUsdPerGpuHour, Math.max(band.minUsdPerGpuHour, x));
  let lastBid = Infinity;
  let lastAsk = -Infinity;
  const bids: MakerQuote[] = [];
  const asks: MakerQuote[] = [];
  for (let k = 0; k < p.levels; k++) {
    const off = (p.halfSpreadPct + k * p.levelStepPct) / 100;
    // Whole cents, and a cent apart at least where the clamp squeezes levels together.
    const bidPx = cents(Math.min(clamp(mid - spotUsdPerGpuHour * off), lastBid - 0.01));
    const askPx = cents(Math.max(clamp(mid + spotUsdPerGpuHour * off), lastAsk + 0.01));
    if (bidPx >= band.minUsdPerGpuHour && bidPx > 0) {
      bids.push({ side: 'bid', priceUsdPerGpuHour: bidPx, quantity: bidDepth });
      lastBid = bidPx;
    }
    if (askPx <= band.maxUsdPerGpuHour) {
      asks.push({ side: 'ask', priceUsdPerGpuHour: askPx, quantity: askDepth });
      lastAsk = askPx;
    }
  }
  // A band squeezed by the clamp could put the best bid on the best ask: drop crossing levels.
  const bestAsk = asks[0]?.priceUsdPerGpuHour ?? Infinity;
  return [...bids.filter((b) => b.priceUsdPerGpuHour < bestAsk), ...asks];
}
