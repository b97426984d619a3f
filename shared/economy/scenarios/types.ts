/** A scenario is data: everything a match needs to start, with no code. */
import type { LeaseMakerParams } from '../leaseMakers.js';

export type Narrative = 'crypto' | 'ai' | 'none';
export type Tier = 'mining' | 'ai';
export type ContractKind = 'ppa' | 'index';

export const EVENT_KINDS = [
  'halving',
  'pump',
  'crash',
  'miningBan',
  'openModelRelease',
  'gpuGlut',
  'aiBreakthrough',
  'etfApproval',
  'heatwave',
  'capexBoom',
  'newAsicGeneration',
  'newGpuGeneration',
  'rateChange',
  'feeSpike',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface RegionSpec {
  id: string;
  name: string;
  basePowerUsdPerMwh: number;
  /** $/MWh added per GW of load players and NPCs put on the region. */
  priceSlopeUsdPerMwhPerGw: number;
  /** Daily log volatility of the power price. */
  powerVolDaily: number;
  /** Days to energise new MW, and days added per 100 MW requested. */
  gridQueueBaseDays: number;
  gridQueueDaysPer100Mw: number;
  pue: number;
  /** Annual probability of a political shock (ban or moratorium) in this region. */
  politicalRiskPerYear: number;
  /** Demand-response credit per MWh curtailed (Texas pays these). */
  curtailCreditUsdPerMwh: number;
  /** Map position, 0–1, for the client's world map. */
  mapX: number;
  mapY: number;
}

export interface HardwareModelSpec {
  id: string;
  name: string;
  kind: 'asic' | 'gpu';
  releaseDate: string;
  /** ASIC */
  hashrateThs: number;
  efficiencyJPerTh: number;
  /** Both: wall power per unit in kW (GPU: all-in per GPU with its server share). */
  powerKw: number;
  /** GPU */
  h100Equivalent: number;
  /** GPU list price at release (whole dollars); ASICs are priced by the $/TH index × a tier premium. */
  basePriceUsd: number;
  /** ASIC price per TH relative to the index (newer, more efficient = dearer). */
  priceIndexMultiple: number;
}

export interface SiteListingSpec {
  name: string;
  regionId: string;
  tier: Tier;
  mw: number;
  /** Price per MW energised (whole dollars). */
  priceUsdPerMw: number;
}

/**
 * An NPC colocation provider: AI-tier space (liquid cooling, redundancy, fibre) a company rents by
 * the MW for `termDays`, ready `readyDays` after signing, at $/kW-month plus power at the region's
 * index price. `capacityMw` is all it has to let, shared by every company.
 */
export interface ColocationSpec {
  id: string;
  name: string;
  regionId: string;
  capacityMw: number;
  usdPerKwMonth: number;
  termDays: number;
  readyDays: number;
}

export interface ScriptedEventSpec {
  date: string;
  kind: EventKind;
  params: Record<string, number | string>;
  headline?: string;
  /** Fires on its date whatever the seed's path (a teacher's schedule), instead of moving with its keyframes. */
  onCalendar?: boolean;
}

export interface NpcCohortSpec {
  efficiencyJPerTh: number;
  hashrateEhs: number;
  powerUsdPerMwh: number;
  regionId: string;
}

/** Markets a scenario may close (a classroom treatment does): their actions get MARKET_CLOSED (shared/rules/markets.ts). */
export const MARKET_KEYS = Object.freeze(['btcTrading', 'leaseBook', 'tenders', 'hosting', 'loans', 'equity', 'contest'] as const);
export type MarketKey = (typeof MARKET_KEYS)[number];

export interface Scenario {
  id: string;
  name: string;
  description: string;
  startDate: string;
  days: number;
  startHeight: number;
  /** 210,000 on mainnet; a classroom scenario may shorten it. */
  halvingInterval: number;
  /** Markets closed for the whole match (absent = all open); checked in `applyAction`. */
  closedMarkets?: MarketKey[];
  startDifficultyEhs: number;
  startFeesBtcPerBlock: number;
  feeSigma: number;
  btc: {
    startUsd: number;
    mode: 'keyframes' | 'free';
    keyframes: { date: string; usd: number }[];
    volAnnual: number;
    driftAnnual: number;
    /** USD of net player buying that moves the price by e (log-impact depth). */
    marketDepthUsd: number;
    /**
     * How far each seed's turning points may stray from the published keyframes (all but the first):
     * dates by up to ± `days`, levels by up to ± `levelPct` % (log-symmetric). Absent or zero pins
     * the published history exactly (calibration runs); playable presets set it so the scenario
     * file tells a story, not the dates.
     */
    keyframeJitter?: { days: number; levelPct: number };
  };
  npc: {
    cohorts: NpcCohortSpec[];
    /** New NPC capacity is ordered when the newest ASIC pays back within this many days. */
    paybackHorizonDays: number;
    leadTimeDays: number;
    /** Share of the network added per day at most, when investment pays. */
    maxGrowthPerDay: number;
    newPowerUsdPerMwh: number;
    /** Machines already on order at the start (ordered before the scenario begins), arriving on `arrivesDay`. */
    pipeline?: { arrivesDay: number; hashrateEhs: number; efficiencyJPerTh: number; regionId: string; powerUsdPerMwh: number }[];
  };
  regions: RegionSpec[];
  catalogue: HardwareModelSpec[];
  listings: SiteListingSpec[];
  /** NPC colocation providers (none when absent). */
  colocation?: ColocationSpec[];
  capex: {
    miningUsdPerMw: number;
    aiUsdPerMw: number;
    miningBuildDays: number;
    aiBuildDays: number;
    retrofitUsdPerMw: number;
    retrofitDays: number;
  };
  hardware: {
    asicStartUsdPerTh: number;
    /** Days of hashprice smoothing the ASIC price follows. */
    asicLagDays: number;
    /** $/TH per ($/PH/day of hashprice): the payback multiple the market prices in. */
    asicUsdPerThPerHashprice: number;
    asicLeadTimeDays: number;
    gpuLeadTimeDays: number;
    /** Share of the price index a used unit fetches. */
    resaleHaircutPct: number;
    storageUsdPerUnitDay: number;
  };
  compute: {
    startRentUsdPerGpuHour: number;
    refPriceUsdPerGpuHour: number;
    elasticity: number;
    /** NPC demand at the reference price (H100-equivalents), and its daily growth. */
    demandH100: number;
    demandGrowthPerDay: number;
    npcSupplyH100: number;
    npcSupplyGrowthPerDay: number;
    floorUsdPerGpuHour: number;
    tenderRatePerDay: number;
    /** Offers to the whole market per day (not per company): a few per match. */
    hostingOfferRatePerDay: number;
    buyoutOfferRatePerDay: number;
    hostingUsdPerKwMonth: number;
    /** NPC clouds: days from ordering GPUs to renting them out (default 270). */
    npcLeadDays?: number;
    /** GPUs NPC clouds already have on order at the start, racked at this rate each day for the first npcLeadDays (default 0). */
    npcPipelineH100PerDay?: number;
    /** Rent at which a new GPU just pays back; NPC clouds order only above it (default 1.65). */
    npcBreakEvenUsdPerGpuHour?: number;
    /** Orders per day, as a share of NPC supply, per unit of (spot ÷ break-even − 1), capped at npcSupplyGrowthPerDay (default 0.005). */
    npcInvestResponse?: number;
    /** Daily decay of an event's demand shock toward 1 (default 0.01). */
    demandShockDecayPerDay?: number;
    /** Spot price of a market with (almost) no supply (default 10 × the reference price). */
    capUsdPerGpuHour?: number;
    /**
     * Share of NPC capacity and demand that trades on the daily spot market, in % (default 100).
     * The rest is under multi-year reserved contracts: it counts in the world's meters but never
     * sets the price, so the companies compete in the thin market where rent is made.
     */
    spotSharePct?: number;
    /** The NPC lease desk's quoting (default `DEFAULT_LEASE_MAKERS`, economy/leaseMakers.ts). */
    leaseMakers?: Partial<LeaseMakerParams>;
  };
  finance: {
    startCashUsd: number;
    startShares: number;
    baseRatePct: number;
    maxLeverage: number;
    marginCallLtv: number;
    equityFeePct: number;
    /** Cash a bankrupt company restarts with. */
    restructureCashUsd: number;
  };
  contest: {
    periodDays: number;
    maxStakeUsd: number;
    /** How much the winning narrative's hype index moves. */
    hypeBoost: number;
    /** Stake-weight of the NPC momentum speculators (whole dollars). */
    npcWeightUsd: number;
  };
  hype: { crypto: number; ai: number };
  events: ScriptedEventSpec[];
  /** Expected occurrences per year of each random event kind. */
  randomEvents: Partial<Record<EventKind, number>>;
}
