/**
 * crypto-winter-2022: 2022-01-01 to 2022-12-31. BTC falls from $47k through Luna, Celsius/3AC and
 * FTX to $15.5k while machines ordered in the 2021 boom keep arriving: hashrate rises ~180 → ~260
 * EH/s as hashprice collapses from ~$220 to ~$60/PH/day. Sources in docs/scenarios.md.
 */
import type { Scenario } from './types.js';
import { history2023 } from './history2023.js';

export const cryptoWinter2022: Scenario = {
  ...history2023,
  id: 'crypto-winter-2022',
  name: 'Crypto winter 2022',
  description: 'A year of crashes: Luna, Celsius, 3AC, FTX. Leverage bought at the top meets hashprice at the bottom.',
  startDate: '2022-01-01',
  days: 365,
  startHeight: 716_600,
  halvingInterval: 210_000,
  // Difficulty 24.27 T (Dec 2021) ≈ 174 EH/s.
  startDifficultyEhs: 174,
  startFeesBtcPerBlock: 0.07,
  feeSigma: 0.3,
  btc: {
    startUsd: 47_700,
    mode: 'keyframes',
    keyframes: [
      { date: '2022-01-01', usd: 47_700 },
      { date: '2022-01-24', usd: 36_300 },
      { date: '2022-02-10', usd: 43_500 },
      { date: '2022-02-24', usd: 38_300 },
      { date: '2022-03-29', usd: 47_400 },
      { date: '2022-05-05', usd: 36_500 },
      { date: '2022-05-09', usd: 30_300 },
      { date: '2022-05-12', usd: 29_000 },
      { date: '2022-06-10', usd: 29_100 },
      { date: '2022-06-13', usd: 22_500 },
      { date: '2022-06-18', usd: 19_000 },
      { date: '2022-07-12', usd: 19_300 },
      { date: '2022-08-14', usd: 24_300 },
      { date: '2022-09-20', usd: 18_900 },
      { date: '2022-11-05', usd: 21_300 },
      { date: '2022-11-09', usd: 15_900 },
      { date: '2022-11-21', usd: 15_508 },
      { date: '2022-12-31', usd: 16_550 },
    ],
    volAnnual: 0.75,
    driftAnnual: 0,
    marketDepthUsd: 3e9,
    // Each seed moves the turning points (docs/engine.md, History variants).
    keyframeJitter: { days: 14, levelPct: 12 },
  },
  npc: {
    // Jan 2022 (~185 EH/s at ~$220/PH/day): everything runs, even S9s.
    cohorts: [
      { efficiencyJPerTh: 29.5, hashrateEhs: 70, powerUsdPerMwh: 40, regionId: '' },
      { efficiencyJPerTh: 34, hashrateEhs: 35, powerUsdPerMwh: 45, regionId: '' },
      { efficiencyJPerTh: 30, hashrateEhs: 20, powerUsdPerMwh: 30, regionId: 'texas' },
      { efficiencyJPerTh: 35, hashrateEhs: 20, powerUsdPerMwh: 25, regionId: 'kazakhstan' },
      { efficiencyJPerTh: 45, hashrateEhs: 25, powerUsdPerMwh: 50, regionId: '' },
      { efficiencyJPerTh: 90, hashrateEhs: 15, powerUsdPerMwh: 40, regionId: '' },
    ],
    // The 2021 boom's order book: S19j Pros and XPs delivered all year regardless of price.
    pipeline: [
      { arrivesDay: 30, hashrateEhs: 8, efficiencyJPerTh: 29.5, regionId: '', powerUsdPerMwh: 40 },
      { arrivesDay: 70, hashrateEhs: 8, efficiencyJPerTh: 29.5, regionId: 'texas', powerUsdPerMwh: 35 },
      { arrivesDay: 110, hashrateEhs: 8, efficiencyJPerTh: 29.5, regionId: '', powerUsdPerMwh: 40 },
      { arrivesDay: 150, hashrateEhs: 8, efficiencyJPerTh: 29.5, regionId: 'texas', powerUsdPerMwh: 35 },
      { arrivesDay: 200, hashrateEhs: 10, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 40 },
      { arrivesDay: 240, hashrateEhs: 10, efficiencyJPerTh: 21.5, regionId: 'texas', powerUsdPerMwh: 35 },
      { arrivesDay: 280, hashrateEhs: 8, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 40 },
    ],
    paybackHorizonDays: 450,
    leadTimeDays: 150,
    maxGrowthPerDay: 0.0015,
    newPowerUsdPerMwh: 45,
  },
  hardware: { ...history2023.hardware, asicStartUsdPerTh: 75, asicUsdPerThPerHashprice: 0.3 },
  // A smaller fleet than 2024's: 3 % of it on spot (≈ 3,600 H100) keeps one company's impact near halving-sprint's.
  compute: { ...history2023.compute, startRentUsdPerGpuHour: 4, demandH100: 150_000, npcSupplyH100: 120_000, spotSharePct: 3 },
  finance: { ...history2023.finance, baseRatePct: 0.25 },
  hype: { crypto: 0.75, ai: 0.35 },
  events: [
    { date: '2022-01-05', kind: 'miningBan', params: { regionId: 'kazakhstan', days: 10 }, headline: 'Kazakhstan shuts down the internet during unrest; miners go dark' },
    { date: '2022-03-16', kind: 'rateChange', params: { deltaPct: 0.25 }, headline: 'Fed starts hiking: +25 bp' },
    { date: '2022-05-09', kind: 'crash', params: { pct: 5 }, headline: 'TerraUSD loses its peg; Luna collapses' },
    { date: '2022-06-12', kind: 'crash', params: { pct: 5 }, headline: 'Celsius freezes withdrawals' },
    { date: '2022-06-15', kind: 'rateChange', params: { deltaPct: 0.75 }, headline: 'Fed hikes 75 bp, the most since 1994' },
    { date: '2022-07-11', kind: 'heatwave', params: { regionId: 'texas', multiplier: 4, days: 10 }, headline: 'Texas heatwave: ERCOT asks miners to curtail' },
    { date: '2022-07-01', kind: 'newAsicGeneration', params: { modelId: 's19xp' }, headline: 'Bitmain ships the S19 XP at 21.5 J/TH' },
    { date: '2022-09-15', kind: 'newGpuGeneration', params: { modelId: 'h100' }, headline: 'NVIDIA H100 enters full production' },
    { date: '2022-11-02', kind: 'rateChange', params: { deltaPct: 0.75 }, headline: 'Fed hikes another 75 bp' },
    { date: '2022-11-08', kind: 'crash', params: { pct: 8 }, headline: 'FTX halts withdrawals; Binance walks away from a rescue' },
    { date: '2022-11-30', kind: 'aiBreakthrough', params: { demandPct: 20 }, headline: 'ChatGPT launches and gets a million users in five days' },
    { date: '2022-12-21', kind: 'heatwave', params: { regionId: 'texas', multiplier: 5, days: 5 }, headline: 'Winter Storm Elliott: Texas miners power down' },
    { date: '2022-12-21', kind: 'crash', params: { pct: 1 }, headline: 'Core Scientific files for Chapter 11' },
  ],
  randomEvents: { pump: 1, crash: 2, miningBan: 0.3, heatwave: 1, feeSpike: 1 },
};
