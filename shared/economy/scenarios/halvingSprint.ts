/**
 * halving-sprint: 120 real days around the April 2024 halving, for a 30-minute class (15 s a day).
 * Starts 1 March 2024, seven weeks before block 840,000, so players see hashprice halve around
 * day 50 with the real prices around it. Sources in docs/scenarios.md.
 */
import type { Scenario } from './types.js';
import { history2023 } from './history2023.js';
import { REGIONS } from './common.js';

/**
 * A class game compresses time: the sprint's 120 days stand for the two-year story of
 * history-2023-2025 (730 days), so what a company builds, retrofits, orders or rents takes a
 * sixth of its real time, or the AI half of the story could not be played (a real greenfield AI
 * hall takes 330 days plus the grid queue; an H100 order 120). Prices, the chain, the NPC fleet
 * and the NPC clouds keep real time: the halving and the rent path stay where history put them.
 */
export const SPRINT_TIME_COMPRESSION = 1 / 6;
const fast = (days: number) => Math.max(1, Math.round(days * SPRINT_TIME_COMPRESSION));

export const halvingSprint: Scenario = {
  ...history2023,
  id: 'halving-sprint',
  name: 'Halving sprint (Mar–Jun 2024)',
  description: 'Seven weeks to the April 2024 halving and ten weeks after: will your miners survive half the revenue?',
  startDate: '2024-03-01',
  days: 120,
  startHeight: 832_700,
  halvingInterval: 210_000,
  // Difficulty 81.7 T (late Feb 2024) ≈ 585 EH/s.
  startDifficultyEhs: 585,
  startFeesBtcPerBlock: 0.15,
  feeSigma: 0.35,
  btc: {
    startUsd: 62_400,
    mode: 'keyframes',
    keyframes: [
      { date: '2024-03-01', usd: 62_400 },
      { date: '2024-03-14', usd: 73_100 },
      { date: '2024-03-19', usd: 62_000 },
      { date: '2024-04-08', usd: 71_600 },
      { date: '2024-04-20', usd: 64_000 },
      { date: '2024-05-01', usd: 58_000 },
      { date: '2024-05-20', usd: 71_400 },
      { date: '2024-06-07', usd: 69_300 },
      { date: '2024-06-24', usd: 60_300 },
      { date: '2024-06-29', usd: 60_900 },
    ],
    volAnnual: 0.5,
    driftAnnual: 0,
    marketDepthUsd: 4e9,
    // Each seed moves the turning points (docs/engine.md, History variants).
    keyframeJitter: { days: 12, levelPct: 10 },
  },
  npc: {
    // ~620 EH/s: new S21s and S19 XPs, the S19j Pro bulk, and an old tail that the halving switches off.
    cohorts: [
      { efficiencyJPerTh: 17.5, hashrateEhs: 80, powerUsdPerMwh: 45, regionId: '' },
      { efficiencyJPerTh: 21.5, hashrateEhs: 120, powerUsdPerMwh: 40, regionId: '' },
      { efficiencyJPerTh: 21.5, hashrateEhs: 80, powerUsdPerMwh: 35, regionId: 'texas' },
      { efficiencyJPerTh: 29.5, hashrateEhs: 130, powerUsdPerMwh: 40, regionId: '' },
      { efficiencyJPerTh: 30, hashrateEhs: 40, powerUsdPerMwh: 28, regionId: 'kazakhstan' },
      { efficiencyJPerTh: 30, hashrateEhs: 15, powerUsdPerMwh: 38, regionId: 'quebec' },
      { efficiencyJPerTh: 25, hashrateEhs: 15, powerUsdPerMwh: 42, regionId: 'nordics' },
      { efficiencyJPerTh: 34, hashrateEhs: 40, powerUsdPerMwh: 50, regionId: '' },
      { efficiencyJPerTh: 45, hashrateEhs: 45, powerUsdPerMwh: 50, regionId: '' },
      { efficiencyJPerTh: 70, hashrateEhs: 30, powerUsdPerMwh: 45, regionId: '' },
    ],
    // S21s ordered over the winter: they keep landing after the halving and bring hashrate back.
    pipeline: [
      { arrivesDay: 15, hashrateEhs: 15, efficiencyJPerTh: 17.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 35, hashrateEhs: 20, efficiencyJPerTh: 17.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 55, hashrateEhs: 30, efficiencyJPerTh: 17.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 75, hashrateEhs: 35, efficiencyJPerTh: 17.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 95, hashrateEhs: 30, efficiencyJPerTh: 17.5, regionId: '', powerUsdPerMwh: 45 },
    ],
    paybackHorizonDays: 450,
    leadTimeDays: 100,
    maxGrowthPerDay: 0.0027,
    newPowerUsdPerMwh: 45,
  },
  regions: REGIONS.map((r) => ({ ...r, gridQueueBaseDays: fast(r.gridQueueBaseDays), gridQueueDaysPer100Mw: fast(r.gridQueueDaysPer100Mw) })),
  capex: {
    ...history2023.capex,
    miningBuildDays: fast(history2023.capex.miningBuildDays),
    aiBuildDays: fast(history2023.capex.aiBuildDays),
    retrofitDays: fast(history2023.capex.retrofitDays),
  },
  hardware: {
    ...history2023.hardware,
    asicStartUsdPerTh: 18,
    asicLeadTimeDays: fast(history2023.hardware.asicLeadTimeDays),
    gpuLeadTimeDays: fast(history2023.hardware.gpuLeadTimeDays),
  },
  // Space is ready in days; the term outlasts the match, as a real colocation contract would.
  colocation: (history2023.colocation ?? []).map((c) => ({ ...c, readyDays: fast(c.readyDays), termDays: 180 })),
  compute: {
    ...history2023.compute,
    // Market-wide: about four hosting and two buy-out offers a match.
    hostingOfferRatePerDay: 0.035,
    buyoutOfferRatePerDay: 0.02,
    // The compute market of history-2023-2025 on 1 March 2024 (day 425, seeds 1–3): demand, racked NPC
    // supply, and the 2023 orders still arriving (the glut in the making).
    startRentUsdPerGpuHour: 4.9,
    demandH100: 497_000,
    npcSupplyH100: 386_000,
    npcPipelineH100PerDay: 2_250,
  },
  // Short rounds so a class sees six contests.
  contest: { ...history2023.contest, periodDays: 20 },
  hype: { crypto: 0.6, ai: 0.75 },
  // history2023's scripted events; only those inside the window fire (Runes fees at the halving, the GPU glut, …).
  events: history2023.events,
  randomEvents: { pump: 1, crash: 1, heatwave: 1, feeSpike: 2 },
};
