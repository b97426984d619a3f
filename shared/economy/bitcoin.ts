import * as dm from './detMath.js';
/**
 * Bitcoin's issuance and difficulty arithmetic (DESIGN.md §3.1), as pure functions of numbers.
 * Hashrates are EH/s; difficulty is expressed as the network hashrate (EH/s) it was set for, so
 * blocks per day = 144 × network ÷ difficulty.
 */

export const BLOCKS_PER_DAY_TARGET = 144;
export const RETARGET_INTERVAL_BLOCKS = 2016;
/** The protocol clamps each retarget to a factor of 4 either way. */
export const RETARGET_CLAMP = 4;
const GENESIS_SUBSIDY_SATS = 5_000_000_000;
const SATS_PER_BTC = 100_000_000;

/** Block subsidy in BTC at `heightBlocks`: 50 BTC shifted right once per `halvingInterval` blocks (integer sats, as the protocol does). */
export function subsidyBtc(heightBlocks: number, halvingInterval: number): number {
  const halvings = Math.floor(heightBlocks / halvingInterval);
  if (halvings >= 64) return 0;
  return Math.floor(GENESIS_SUBSIDY_SATS / dm.pow(2, halvings)) / SATS_PER_BTC;
}

/** Expected blocks per day when `networkEhs` hashes against a difficulty set for `difficultyEhs`. */
export function blocksPerDay(networkEhs: number, difficultyEhs: number): number {
  if (difficultyEhs <= 0 || networkEhs <= 0) return 0;
  return (BLOCKS_PER_DAY_TARGET * networkEhs) / difficultyEhs;
}

/** The next epoch's difficulty: the hashrate measured over the last epoch, clamped to ×4 / ÷4 of the old one. */
export function retargetDifficulty(oldDifficultyEhs: number, measuredEhs: number): number {
  const lo = oldDifficultyEhs / RETARGET_CLAMP;
  const hi = oldDifficultyEhs * RETARGET_CLAMP;
  return Math.min(hi, Math.max(lo, measuredEhs));
}

/**
 * Hashprice in $/PH/day: what one PH/s earns in a day.
 * = blocks per day × (subsidy + fees per block) × BTC price ÷ network hashrate in PH/s.
 */
export function hashpriceUsdPerPhDay(blocks: number, subsidy: number, feesBtcPerBlock: number, btcUsd: number, networkEhs: number): number {
  if (networkEhs <= 0) return 0;
  return (blocks * (subsidy + feesBtcPerBlock) * btcUsd) / (networkEhs * 1000);
}

/**
 * Hashprice implied by the difficulty alone (independent of how much hashrate shows up within an
 * epoch): what a miner can count on before deciding to switch on today.
 */
export function hashpriceAtDifficulty(difficultyEhs: number, subsidy: number, feesBtcPerBlock: number, btcUsd: number): number {
  if (difficultyEhs <= 0) return 0;
  return (BLOCKS_PER_DAY_TARGET * (subsidy + feesBtcPerBlock) * btcUsd) / (difficultyEhs * 1000);
}

/**
 * Average fees per block for a day: log-normal with mean `meanBtc` (the −σ²/2 keeps the mean
 * where the scenario says), times an event's spike multiplier. `z` is a standard normal draw.
 */
export function drawFeesBtcPerBlock(meanBtc: number, sigma: number, spikeMultiplier: number, z: number): number {
  return meanBtc * dm.exp(sigma * z - (sigma * sigma) / 2) * Math.max(0, spikeMultiplier);
}

export interface ChainState {
  heightBlocks: number;
  /** Fraction of a block carried over (0 ≤ r < 1). */
  blockRemainder: number;
  difficultyEhs: number;
  epochStartHeight: number;
  /** ∫ network hashrate dt over the epoch so far (EH/s × days) and its duration in days. */
  epochHashEhsDays: number;
  epochDays: number;
}

export type ChainBoundary =
  | { kind: 'halving'; heightBlocks: number; subsidyBtc: number }
  | { kind: 'retarget'; heightBlocks: number; difficultyEhs: number; changePct: number };

export interface MinedDay {
  chain: ChainState;
  /** Blocks found today (fractional: expected value, no luck). */
  blocks: number;
  /** Subsidy + fees paid to all miners today (BTC). */
  rewardBtc: number;
  /** Subsidy at the end of the day. */
  subsidyBtc: number;
  boundaries: ChainBoundary[];
}

/**
 * Mines one day at a constant `networkEhs`. The day is split at every halving and retarget height
 * it crosses, so blocks after a boundary use the new subsidy and difficulty, and the epoch's
 * measured hashrate covers exactly the time its blocks took.
 */
export function mineDay(chainIn: ChainState, networkEhs: number, halvingInterval: number, feesBtcPerBlock: number): MinedDay {
  const chain = { ...chainIn };
  const boundaries: ChainBoundary[] = [];
  let dayLeft = 1;
  let blocks = 0;
  let rewardBtc = 0;
  // A day crosses at most a handful of boundaries; the cap guards against a zero-length loop.
  for (let guard = 0; guard < 64 && dayLeft > 1e-12 && networkEhs > 0; guard += 1) {
    const rate = blocksPerDay(networkEhs, chain.difficultyEhs);
    const subsidy = subsidyBtc(chain.heightBlocks, halvingInterval);
    const nextRetarget = chain.epochStartHeight + RETARGET_INTERVAL_BLOCKS;
    const nextHalving = (Math.floor(chain.heightBlocks / halvingInterval) + 1) * halvingInterval;
    const boundary = Math.min(nextRetarget, nextHalving);
    const toBoundary = boundary - chain.heightBlocks - chain.blockRemainder;
    const possible = rate * dayLeft;
    if (possible < toBoundary) {
      blocks += possible;
      rewardBtc += possible * (subsidy + feesBtcPerBlock);
      chain.epochHashEhsDays += networkEhs * dayLeft;
      chain.epochDays += dayLeft;
      const heightF = chain.heightBlocks + chain.blockRemainder + possible;
      chain.heightBlocks = Math.floor(heightF);
      chain.blockRemainder = heightF - chain.heightBlocks;
      dayLeft = 0;
      break;
    }
    const dt = toBoundary / rate;
    blocks += toBoundary;
    rewardBtc += toBoundary * (subsidy + feesBtcPerBlock);
    chain.epochHashEhsDays += networkEhs * dt;
    chain.epochDays += dt;
    chain.heightBlocks = boundary;
    chain.blockRemainder = 0;
    dayLeft -= dt;
    if (boundary === nextRetarget) {
      const measured = chain.epochDays > 0 ? chain.epochHashEhsDays / chain.epochDays : chain.difficultyEhs;
      const old = chain.difficultyEhs;
      chain.difficultyEhs = retargetDifficulty(old, measured);
      chain.epochStartHeight = boundary;
      chain.epochHashEhsDays = 0;
      chain.epochDays = 0;
      boundaries.push({ kind: 'retarget', heightBlocks: boundary, difficultyEhs: chain.difficultyEhs, changePct: (chain.difficultyEhs / old - 1) * 100 });
    }
    if (boundary === nextHalving) {
      boundaries.push({ kind: 'halving', heightBlocks: boundary, subsidyBtc: subsidyBtc(boundary, halvingInterval) });
    }
  }
  if (networkEhs <= 0) chain.epochDays += 1;
  return { chain, blocks, rewardBtc, subsidyBtc: subsidyBtc(chain.heightBlocks, halvingInterval), boundaries };
}
