/** One day of the world in a flat record: the simulator report's `days[]`, chart series, debriefs. */
import type { GameState } from './types.js';

export interface DaySummary {
  day: number;
  date: string;
  btcUsd: number;
  heightBlocks: number;
  hashrateEhs: number;
  difficulty: number;
  subsidyBtc: number;
  feesBtcPerBlock: number;
  hashpriceUsdPerPhDay: number;
  asicUsdPerTh: number;
  gpuRentUsdPerHour: number;
  h100PriceUsd: number;
  powerUsdPerMwh: number;
  miningGw: number;
  aiGw: number;
  aiComputeH100Days: number;
  cryptoHype: number;
  aiHype: number;
}

/** Difficulty as the protocol states it: hashrate it was set for × 600 s ÷ 2^32. */
export function difficultyFromEhs(ehs: number): number {
  return (ehs * 1e18 * 600) / 4_294_967_296;
}

/** Load-weighted average is not meaningful before players build, so the index is the plain regional mean. */
function meanPower(state: GameState): number {
  const regions = Object.values(state.regions);
  return regions.length ? regions.reduce((s, r) => s + r.powerUsdPerMwh, 0) / regions.length : 0;
}

export function daySummary(state: GameState): DaySummary {
  return {
    day: state.day,
    date: state.date,
    btcUsd: state.btc.btcUsd,
    heightBlocks: state.btc.heightBlocks,
    hashrateEhs: state.btc.networkHashrateEhs,
    difficulty: difficultyFromEhs(state.btc.difficultyEhs),
    subsidyBtc: state.btc.subsidyBtc,
    feesBtcPerBlock: state.btc.feesBtcPerBlock,
    hashpriceUsdPerPhDay: state.btc.hashpriceUsdPerPhDay,
    asicUsdPerTh: state.hardware.asicUsdPerTh,
    gpuRentUsdPerHour: state.compute.spotUsdPerGpuHour,
    h100PriceUsd: state.compute.gpuPriceUsd.h100 ?? 0,
    powerUsdPerMwh: meanPower(state),
    miningGw: state.meters.miningGw,
    aiGw: state.meters.aiGw,
    aiComputeH100Days: state.meters.aiComputeH100Days,
    cryptoHype: state.hype.crypto,
    aiHype: state.hype.ai,
  };
}
