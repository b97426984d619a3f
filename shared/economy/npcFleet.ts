/**
 * The NPC mining fleet (DESIGN.md §3.1): cohorts of machines that switch on while hashprice covers
 * their power, new capacity ordered when the newest ASIC pays back fast enough, and capacity that
 * leaves a banned region and comes back elsewhere months later. Pure: numbers and plain objects in,
 * new plain objects out.
 */
import type { HardwareModelSpec, NpcCohortSpec } from './scenarios/types.js';
import type { DeepReadonly } from '../rules/types.js';

export interface Cohort extends NpcCohortSpec {
  id: string;
  runningEhs: number;
}

export interface FleetOrder {
  arrivesDay: number;
  hashrateEhs: number;
  efficiencyJPerTh: number;
  regionId: string;
  powerUsdPerMwh: number;
}

export interface Fleet {
  cohorts: Cohort[];
  orders: FleetOrder[];
}

/** MWh one PH/s draws in a day per J/TH of efficiency: 1 PH/s at 1 J/TH = 1 kW → 0.024 MWh/day. */
const MWH_PER_PH_DAY_PER_J_PER_TH = 0.024;
/**
 * A cohort is many machines on many contracts: it runs fully above 115% of its nominal power cost,
 * not at all below 85%, linearly in between (so hashrate reacts smoothly, not in steps).
 */
export const RUN_BAND_LOW = 0.85;
export const RUN_BAND_HIGH = 1.15;
/** A banned region's machines leave at this share per day of what is left... */
export const RELOCATE_SHARE_PER_DAY = 0.03;
/** ...this share is scrapped on the way (old machines, customs, broken deals)... */
export const RELOCATE_LOSS_SHARE = 0.2;
/** ...and the rest is re-plugged elsewhere after shipping and site work on top of the fleet lead time. */
export const RELOCATE_EXTRA_DAYS = 30;
/** Share of new capacity built in the cheapest open region (the rest joins the global pool). */
export const REGIONAL_ORDER_SHARE = 0.15;

/** Power cost in $/PH/day of running machines at `efficiencyJPerTh` on power at `powerUsdPerMwh`. */
export function powerCostUsdPerPhDay(efficiencyJPerTh: number, powerUsdPerMwh: number): number {
  return efficiencyJPerTh * MWH_PER_PH_DAY_PER_J_PER_TH * powerUsdPerMwh;
}

/** Share (0–1) of a cohort that runs at `hashprice` given its power cost. */
export function runningShare(hashpriceUsdPerPhDay: number, costUsdPerPhDay: number): number {
  if (costUsdPerPhDay <= 0) return 1;
  const ratio = hashpriceUsdPerPhDay / costUsdPerPhDay;
  if (ratio >= RUN_BAND_HIGH) return 1;
  if (ratio <= RUN_BAND_LOW) return 0;
  return (ratio - RUN_BAND_LOW) / (RUN_BAND_HIGH - RUN_BAND_LOW);
}

/** The most recently released ASIC on `date` (ISO dates compare as strings), or undefined. */
export function newestAsic(catalogue: readonly HardwareModelSpec[], date: string): HardwareModelSpec | undefined {
  let best: HardwareModelSpec | undefined;
  for (const m of catalogue) {
    if (m.kind !== 'asic' || m.releaseDate > date) continue;
    if (!best || m.releaseDate > best.releaseDate) best = m;
  }
  return best;
}

/** Days for a machine costing `asicUsdPerPh` to pay back from its margin at `hashprice`; Infinity if it never does. */
export function paybackDays(asicUsdPerPh: number, hashpriceUsdPerPhDay: number, costUsdPerPhDay: number): number {
  const margin = hashpriceUsdPerPhDay - costUsdPerPhDay;
  return margin > 0 ? asicUsdPerPh / margin : Infinity;
}

/**
 * Share of the network ordered today: nothing unless payback beats the horizon, rising linearly to
 * `maxGrowthPerDay` when payback is `horizon / 2` or better (capital and factories set the pace).
 */
export function orderShare(payback: number, horizonDays: number, maxGrowthPerDay: number): number {
  if (!(payback < horizonDays) || horizonDays <= 0) return 0;
  const pull = Math.min(1, horizonDays / payback - 1);
  return maxGrowthPerDay * pull;
}

export interface FleetDayInput {
  day: number;
  date: string;
  /** Hashprice miners can count on today (set by difficulty), and a smoothed one for investment. */
  hashpriceUsdPerPhDay: number;
  investHashpriceUsdPerPhDay: number;
  /** ASIC price index ($/TH) and the catalogue to pick the newest model from. */
  asicUsdPerTh: number;
  catalogue: readonly HardwareModelSpec[];
  networkEhs: number;
  paybackHorizonDays: number;
  leadTimeDays: number;
  maxGrowthPerDay: number;
  newPowerUsdPerMwh: number;
  /** Regions whose mining is banned today. */
  bannedRegions: ReadonlySet<string>;
  /**
   * The cheapest region open to mining and the all-in power price a miner pays there ($/MWh):
   * relocated machines and a share of new ones go there. null: everything joins the global pool.
   */
  relocateTo: { regionId: string; powerUsdPerMwh: number } | null;
}

export interface FleetDayResult {
  fleet: Fleet;
  runningEhs: number;
  installedEhs: number;
  orderedEhs: number;
  relocatedEhs: number;
}

// Every cohort's key is asked for daily: each is formatted once (numbers to text are slow) and
// found again through maps keyed on its parts (cleared when large: keys only repeat).
let cohortKeys = new Map<string, Map<number, Map<number, string>>>();
let cohortKeyCount = 0;
const MAX_COHORT_KEYS = 100_000;

function cohortKey(regionId: string, efficiencyJPerTh: number, powerUsdPerMwh: number): string {
  const power = Math.round(powerUsdPerMwh);
  if (cohortKeyCount >= MAX_COHORT_KEYS) {
    cohortKeys = new Map();
    cohortKeyCount = 0;
  }
  let byEfficiency = cohortKeys.get(regionId);
  if (!byEfficiency) cohortKeys.set(regionId, (byEfficiency = new Map<number, Map<number, string>>()));
  let byPower = byEfficiency.get(efficiencyJPerTh);
  if (!byPower) byEfficiency.set(efficiencyJPerTh, (byPower = new Map<number, string>()));
  let key = byPower.get(power);
  if (key === undefined) {
    byPower.set(power, (key = `${regionId || 'world'}-${efficiencyJPerTh}j-${power}usd`));
    cohortKeyCount += 1;
  }
  return key;
}

/**
 * One day of the fleet: arrivals join (merged by region, efficiency and power price so the list
 * stays short), banned regions go dark and bleed capacity towards `relocateTo`, every cohort
 * switches on as far as hashprice covers its power, and new capacity is ordered.
 */
export function stepFleet(fleet: DeepReadonly<Fleet>, input: FleetDayInput): FleetDayResult {
  // A literal, not a spread: the copy is made for every cohort every day, and V8's spread of an
  // object is a generic property walk.
  const cohorts: Cohort[] = fleet.cohorts.map((c) => ({
    id: c.id, efficiencyJPerTh: c.efficiencyJPerTh, hashrateEhs: c.hashrateEhs, powerUsdPerMwh: c.powerUsdPerMwh, regionId: c.regionId, runningEhs: c.runningEhs,
  }));
  const orders: FleetOrder[] = [];
  const byKey = new Map<string, Cohort>();
  for (const c of cohorts) byKey.set(cohortKey(c.regionId, c.efficiencyJPerTh, c.powerUsdPerMwh), c);

  for (const o of fleet.orders) {
    if (o.arrivesDay > input.day) {
      orders.push(o);
      continue;
    }
    const key = cohortKey(o.regionId, o.efficiencyJPerTh, o.powerUsdPerMwh);
    const existing = byKey.get(key);
    if (existing) existing.hashrateEhs += o.hashrateEhs;
    else {
      const c: Cohort = { id: key, efficiencyJPerTh: o.efficiencyJPerTh, hashrateEhs: o.hashrateEhs, powerUsdPerMwh: o.powerUsdPerMwh, regionId: o.regionId, runningEhs: 0 };
      cohorts.push(c);
      byKey.set(key, c);
    }
  }

  let runningEhs = 0;
  let installedEhs = 0;
  let relocatedEhs = 0;
  const reloc = input.relocateTo;
  for (const c of cohorts) {
    if (c.regionId && input.bannedRegions.has(c.regionId)) {
      const leaving = c.hashrateEhs * RELOCATE_SHARE_PER_DAY;
      c.hashrateEhs -= leaving;
      c.runningEhs = 0;
      relocatedEhs += leaving;
      orders.push({
        arrivesDay: input.day + input.leadTimeDays + RELOCATE_EXTRA_DAYS,
        hashrateEhs: leaving * (1 - RELOCATE_LOSS_SHARE),
        efficiencyJPerTh: c.efficiencyJPerTh,
        regionId: reloc ? reloc.regionId : '',
        powerUsdPerMwh: reloc ? reloc.powerUsdPerMwh : input.newPowerUsdPerMwh,
      });
    } else {
      c.runningEhs = c.hashrateEhs * runningShare(input.hashpriceUsdPerPhDay, powerCostUsdPerPhDay(c.efficiencyJPerTh, c.powerUsdPerMwh));
    }
    runningEhs += c.runningEhs;
    installedEhs += c.hashrateEhs;
  }

  let orderedEhs = 0;
  const model = newestAsic(input.catalogue, input.date);
  if (model) {
    const asicUsdPerPh = input.asicUsdPerTh * model.priceIndexMultiple * 1000;
    const cost = powerCostUsdPerPhDay(model.efficiencyJPerTh, input.newPowerUsdPerMwh);
    const share = orderShare(paybackDays(asicUsdPerPh, input.investHashpriceUsdPerPhDay, cost), input.paybackHorizonDays, input.maxGrowthPerDay);
    orderedEhs = share * input.networkEhs;
    if (orderedEhs > 0) {
      const regional = reloc ? orderedEhs * REGIONAL_ORDER_SHARE : 0;
      const arrivesDay = input.day + input.leadTimeDays;
      orders.push({ arrivesDay, hashrateEhs: orderedEhs - regional, efficiencyJPerTh: model.efficiencyJPerTh, regionId: '', powerUsdPerMwh: input.newPowerUsdPerMwh });
      if (reloc && regional > 0) {
        orders.push({ arrivesDay, hashrateEhs: regional, efficiencyJPerTh: model.efficiencyJPerTh, regionId: reloc.regionId, powerUsdPerMwh: reloc.powerUsdPerMwh });
      }
    }
  }
  return { fleet: { cohorts: cohorts.filter((c) => c.hashrateEhs > 1e-9), orders }, runningEhs, installedEhs, orderedEhs, relocatedEhs };
}
