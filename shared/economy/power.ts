import * as dm from './detMath.js';
/**
 * Regional power (DESIGN.md §3.2): price from load, seeded mean-reverting noise and spikes; grid
 * queues that grow with the MW waiting; PPA vs index costs; demand-response credits.
 * Numbers in, numbers out: $/MWh, MW, days.
 */

/** Share of the log deviation that decays each day: a half-life of about three days. */
export const POWER_NOISE_REVERSION_PER_DAY = 0.2;
/** A PPA is priced at today's index plus this premium, for the certainty. */
export const PPA_PREMIUM_PCT = 8;
/** Days a PPA binds once signed. */
export const PPA_TERM_DAYS = 365;
export const HOURS_PER_DAY = 24;

/** Stationary variance of the AR(1) log noise `x' = (1−κ)x + σz`. */
export function powerNoiseVariance(volDaily: number, reversionPerDay = POWER_NOISE_REVERSION_PER_DAY): number {
  const keep = 1 - reversionPerDay;
  return (volDaily * volDaily) / (1 - keep * keep);
}

/** Tomorrow's log deviation from today's and a standard normal draw `z`. */
export function nextPowerLogNoise(prevLogNoise: number, volDaily: number, z: number, reversionPerDay = POWER_NOISE_REVERSION_PER_DAY): number {
  return (1 - reversionPerDay) * prevLogNoise + volDaily * z;
}

export interface PowerPriceInputs {
  baseUsdPerMwh: number;
  slopeUsdPerMwhPerGw: number;
  loadMw: number;
  /** Log deviation from the fundamental (see `nextPowerLogNoise`). */
  logNoise: number;
  volDaily: number;
  spikeMultiplier: number;
}

/**
 * $/MWh = (base + slope × load GW) × exp(noise − variance/2) × spike. The variance correction keeps
 * the long-run mean at the fundamental, so volatility does not quietly raise every region's price.
 */
export function regionPowerUsdPerMwh(i: PowerPriceInputs): number {
  const fundamental = i.baseUsdPerMwh + i.slopeUsdPerMwhPerGw * (Math.max(0, i.loadMw) / 1000);
  const noise = dm.exp(i.logNoise - powerNoiseVariance(i.volDaily) / 2);
  return Math.max(0, fundamental * noise * Math.max(0, i.spikeMultiplier));
}

/**
 * A spike fades linearly to 1 over its remaining days: tomorrow's multiplier and days left.
 * With no days left the multiplier is back to 1.
 */
export function decaySpike(multiplier: number, daysLeft: number): { multiplier: number; daysLeft: number } {
  if (daysLeft <= 1) return { multiplier: 1, daysLeft: 0 };
  return { multiplier: 1 + ((multiplier - 1) * (daysLeft - 1)) / daysLeft, daysLeft: daysLeft - 1 };
}

/** Days a new connection waits when `queuedMw` (including the request itself) is ahead of it. */
export function gridQueueDays(baseDays: number, daysPer100Mw: number, queuedMw: number): number {
  return Math.round(baseDays + (daysPer100Mw * Math.max(0, queuedMw)) / 100);
}

/** Construction runs after the interconnection is granted: build days + queue days. */
export function energiseAfterDays(buildDays: number, queueDays: number): number {
  return Math.max(1, Math.round(buildDays + queueDays));
}

/** Price a PPA locks at: today's index plus the premium. */
export function ppaLockUsdPerMwh(indexUsdPerMwh: number, premiumPct = PPA_PREMIUM_PCT): number {
  return indexUsdPerMwh * (1 + premiumPct / 100);
}

/** What a site pays per MWh today under its contract. */
export function contractUsdPerMwh(contract: 'ppa' | 'index', indexUsdPerMwh: number, ppaUsdPerMwh: number): number {
  return contract === 'ppa' ? ppaUsdPerMwh : indexUsdPerMwh;
}

/** A day's energy bill for `mw` drawn at `usdPerMwh`. */
export function dailyPowerCostUsd(mw: number, usdPerMwh: number, hours = HOURS_PER_DAY): number {
  return Math.max(0, mw) * hours * Math.max(0, usdPerMwh);
}

/** Index sites switch off when the price is above their threshold; 0 means never. */
export function shouldCurtail(contract: 'ppa' | 'index', indexUsdPerMwh: number, curtailAboveUsdPerMwh: number): boolean {
  return contract === 'index' && curtailAboveUsdPerMwh > 0 && indexUsdPerMwh > curtailAboveUsdPerMwh;
}

/** Demand-response credit for `mw` switched off for a day. */
export function demandResponseCreditUsd(mw: number, creditUsdPerMwh: number, hours = HOURS_PER_DAY): number {
  return Math.max(0, mw) * hours * Math.max(0, creditUsdPerMwh);
}

/** MW an NPC mining cohort draws: EH/s × J/TH (1 EH/s at 1 J/TH is 1 MW). */
export function npcCohortMw(runningEhs: number, efficiencyJPerTh: number): number {
  return Math.max(0, runningEhs) * efficiencyJPerTh;
}
