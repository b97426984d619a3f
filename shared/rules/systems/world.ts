/** The world at day 0 of a scenario: everything but the players. */
import type { GameState, Scenario, Site, RegionState } from '../types.js';
import { daysBetween } from '../../economy/calendar.js';
import { DEFAULT_NPC_LEAD_DAYS } from '../../economy/spotMarket.js';
import * as dm from '../../economy/detMath.js';
import { jitterKeyframes, keyframePoints, warpDay } from '../../economy/btcPrice.js';
import { seedRng } from '../rng.js';
import { newSite } from './sites.js';

type World = Pick<
  GameState,
  'btc' | 'npc' | 'regions' | 'hardware' | 'compute' | 'hype' | 'interestRatePct' | 'contest' | 'events' | 'meters' | 'recent' | 'sites'
>;

/** Scripted events that move BTC: they happen on the seed's calendar, with the drop or rally they belong to. */
const PRICE_EVENT_KINDS: ReadonlySet<string> = new Set(['pump', 'crash', 'etfApproval']);

/**
 * The seed's BTC turning points. Drawn from a stream of their own (`<seed>/keyframes`, used once
 * here and never stored) so a pinned scenario draws exactly what it drew before jitter existed.
 */
export function seedKeyframePath(scenario: Scenario, seed: string): { day: number; usd: number }[] {
  if (scenario.btc.mode !== 'keyframes') return [];
  const rng = seedRng(`${seed}/keyframes`);
  return jitterKeyframes(publishedPoints(scenario), scenario.btc.keyframeJitter, () => rng.next());
}

function publishedPoints(scenario: Scenario) {
  return keyframePoints(scenario.btc.keyframes, (date) => daysBetween(scenario.startDate, date));
}

export function initialWorld(scenario: Scenario, seed: string): World {
  const regions: Record<string, RegionState> = {};
  for (const r of scenario.regions) {
    regions[r.id] = {
      id: r.id,
      powerUsdPerMwh: r.basePowerUsdPerMwh,
      loadMw: 0,
      gridQueueDays: r.gridQueueBaseDays,
      miningBanUntilDay: 0,
      spikeMultiplier: 1,
      spikeDaysLeft: 0,
      powerLogNoise: 0,
    };
  }
  const sites: Record<string, Site> = {};
  scenario.listings.forEach((l, i) => {
    const id = `L${i + 1}`;
    sites[id] = newSite({
      id, name: l.name, regionId: l.regionId, ownerId: null, tier: l.tier, energisedMw: l.mw, listPriceUsd: Math.round(l.mw * l.priceUsdPerMw),
    });
  });
  const npcHashrate = scenario.npc.cohorts.reduce((s, c) => s + c.hashrateEhs, 0);
  const gpuPriceUsd: Record<string, number> = {};
  const pipelineDays = (scenario.compute.npcPipelineH100PerDay ?? 0) > 0 ? (scenario.compute.npcLeadDays ?? DEFAULT_NPC_LEAD_DAYS) : 0;
  for (const m of scenario.catalogue) if (m.kind === 'gpu') gpuPriceUsd[m.id] = m.basePriceUsd;
  const startHeight = scenario.startHeight;
  const keyframePath = seedKeyframePath(scenario, seed);
  const published = publishedPoints(scenario);
  const eventDay = (e: { kind: string; date: string; onCalendar?: boolean }) => {
    const day = daysBetween(scenario.startDate, e.date);
    return PRICE_EVENT_KINDS.has(e.kind) && !e.onCalendar && day > 0 ? Math.max(1, warpDay(published, keyframePath, day)) : day;
  };
  return {
    btc: {
      heightBlocks: startHeight,
      difficultyEhs: scenario.startDifficultyEhs,
      epochStartHeight: startHeight - (startHeight % 2016),
      epochHashEhsDays: 0,
      epochDays: 0,
      blockRemainder: 0,
      subsidyBtc: 50 / dm.pow(2, Math.floor(startHeight / scenario.halvingInterval)),
      feesBtcPerBlock: scenario.startFeesBtcPerBlock,
      feeSpikeDaysLeft: 0,
      feeSpikeMultiplier: 1,
      btcUsd: scenario.btc.startUsd,
      hashpriceUsdPerPhDay: 0,
      networkHashrateEhs: npcHashrate,
      npcHashrateEhs: npcHashrate,
      playerHashrateEhs: 0,
      playerNetFlowUsd: 0,
      playerBoughtTodayUsd: 0,
      playerSoldTodayUsd: 0,
      pendingJumpLog: 0,
      regime: 'calm',
      bridgeLogDeviation: 0,
      crowdLogOffset: 0,
      keyframePath,
    },
    npc: {
      cohorts: scenario.npc.cohorts.map((c, i) => ({ id: `npc${i + 1}`, ...c, runningEhs: c.hashrateEhs })),
      orders: (scenario.npc.pipeline ?? []).map((o) => ({ ...o })),
    },
    regions,
    hardware: {
      asicUsdPerTh: scenario.hardware.asicStartUsdPerTh,
      smoothedHashpriceUsdPerPhDay: 0,
      laggedHashpriceUsdPerPhDay: 0,
      asicLeadTimeDays: scenario.hardware.asicLeadTimeDays,
    },
    compute: {
      spotUsdPerGpuHour: scenario.compute.startRentUsdPerGpuHour,
      demandScaleH100: scenario.compute.demandH100,
      npcSupplyH100: scenario.compute.npcSupplyH100,
      playerSupplyH100: 0,
      clearedH100: 0,
      demandShock: 1,
      gpuPriceUsd,
      gpuLeadTimeDays: scenario.hardware.gpuLeadTimeDays,
      // Orders placed before the start (a scenario opening mid-boom) arrive over the first lead days.
      npcOrdersH100: pipelineDays > 0 ? new Array<number>(pipelineDays).fill(scenario.compute.npcPipelineH100PerDay ?? 0) : [],
      npcOrdersFirstDay: pipelineDays > 0 ? -pipelineDays : 0,
    },
    hype: { ...scenario.hype },
    interestRatePct: scenario.finance.baseRatePct,
    contest: {
      current: { round: 1, resolveDay: scenario.contest.periodDays, picks: {}, openBtcUsd: scenario.btc.startUsd, openAiHype: scenario.hype.ai },
      history: [],
    },
    events: scenario.events
      .map((e) => ({ day: eventDay(e), kind: e.kind, params: e.params, source: 'scenario', headline: e.headline }))
      .filter((e) => e.day >= 0 && e.day < scenario.days)
      .sort((a, b) => a.day - b.day),
    meters: { miningGw: 0, aiGw: 0, aiComputeH100Days: 0, btcMinedBtc: 0, energyPriceIndex: 100 },
    recent: { btcUsd: [scenario.btc.startUsd], hashprice: [], networkEhs: [npcHashrate] },
    sites,
  };
}
