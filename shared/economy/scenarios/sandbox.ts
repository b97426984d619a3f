/**
 * sandbox: a generic year with no history to follow. BTC moves by drift, volatility and regimes
 * (bull, bear, calm), so every seed tells a different story; the next halving is ~18 months out.
 */
import type { Scenario } from './types.js';
import { history2023 } from './history2023.js';

export const sandbox: Scenario = {
  ...history2023,
  id: 'sandbox',
  name: 'Sandbox',
  description: 'A free-running year: prices follow drift and regimes, not history. Good for bots and experiments.',
  startDate: '2025-01-01',
  days: 365,
  startHeight: 877_000,
  halvingInterval: 210_000,
  startDifficultyEhs: 780,
  startFeesBtcPerBlock: 0.1,
  feeSigma: 0.4,
  btc: { startUsd: 90_000, mode: 'free', keyframes: [], volAnnual: 0.55, driftAnnual: 0.1, marketDepthUsd: 5e9 },
  npc: {
    cohorts: [
      { efficiencyJPerTh: 13.5, hashrateEhs: 60, powerUsdPerMwh: 45, regionId: '' },
      { efficiencyJPerTh: 17.5, hashrateEhs: 260, powerUsdPerMwh: 45, regionId: '' },
      { efficiencyJPerTh: 21.5, hashrateEhs: 180, powerUsdPerMwh: 40, regionId: '' },
      { efficiencyJPerTh: 21.5, hashrateEhs: 60, powerUsdPerMwh: 35, regionId: 'texas' },
      { efficiencyJPerTh: 29.5, hashrateEhs: 120, powerUsdPerMwh: 40, regionId: '' },
      { efficiencyJPerTh: 30, hashrateEhs: 40, powerUsdPerMwh: 28, regionId: 'kazakhstan' },
      { efficiencyJPerTh: 25, hashrateEhs: 20, powerUsdPerMwh: 42, regionId: 'nordics' },
      { efficiencyJPerTh: 30, hashrateEhs: 20, powerUsdPerMwh: 38, regionId: 'quebec' },
      { efficiencyJPerTh: 34, hashrateEhs: 40, powerUsdPerMwh: 50, regionId: '' },
    ],
    paybackHorizonDays: 450,
    leadTimeDays: 100,
    maxGrowthPerDay: 0.0025,
    newPowerUsdPerMwh: 45,
  },
  hardware: { ...history2023.hardware, asicStartUsdPerTh: 12 },
  compute: { ...history2023.compute, startRentUsdPerGpuHour: 2.2, demandH100: 900_000, npcSupplyH100: 1_500_000, demandGrowthPerDay: 0.002, npcSupplyGrowthPerDay: 0.002, npcPipelineH100PerDay: 3_000, spotSharePct: 0.5 },
  hype: { crypto: 0.5, ai: 0.6 },
  events: [],
  randomEvents: { pump: 2, crash: 2, miningBan: 0.5, heatwave: 2, feeSpike: 2, openModelRelease: 1, aiBreakthrough: 1, gpuGlut: 0.5, capexBoom: 0.5, rateChange: 2 },
};
