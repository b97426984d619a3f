/** Headlines generated from an event's resolved parameters ("Kazakhstan bans mining for 180 days"). */
import type { EventKind } from './scenarios/types.js';

/** Names the headlines need, looked up from the scenario by the caller. */
export interface HeadlineContext {
  regionName: (id: string) => string;
  modelName: (id: string) => string;
  /** The interest rate before a rate change, percent per year. */
  interestRatePct: number;
}

export type ResolvedParams = Record<string, number | string>;

/** Short human numbers: 12, 2.5, 0.25 (no trailing zeros). */
export function fmtNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

const num = (p: ResolvedParams, key: string): number => Number(p[key] ?? 0);
const str = (p: ResolvedParams, key: string): string => String(p[key] ?? '');

export const HEADLINES: Readonly<Record<EventKind, (p: ResolvedParams, c: HeadlineContext) => string>> = Object.freeze({
  halving: () => 'Halving day: the block subsidy is cut in half',
  pump: (p) => `BTC jumps ${fmtNumber(num(p, 'pct'))}% as buyers pile in`,
  crash: (p) => `BTC slides ${fmtNumber(num(p, 'pct'))}% in a sudden sell-off`,
  etfApproval: (p) => `BTC jumps ${fmtNumber(num(p, 'pct'))}% on ETF approval`,
  miningBan: (p, c) => `${c.regionName(str(p, 'regionId'))} bans mining for ${fmtNumber(num(p, 'days'))} days`,
  heatwave: (p, c) =>
    `${c.regionName(str(p, 'regionId'))} heatwave: power prices ×${fmtNumber(num(p, 'multiplier'))} for ${fmtNumber(num(p, 'days'))} days`,
  openModelRelease: (p) => `Open-weights model release cuts paid AI demand ${fmtNumber(num(p, 'demandPct'))}%`,
  aiBreakthrough: (p) => `AI breakthrough: compute demand up ${fmtNumber(num(p, 'demandPct'))}%`,
  capexBoom: (p) => `Hyperscalers boost AI capex: compute demand up ${fmtNumber(num(p, 'demandPct'))}%`,
  gpuGlut: (p) => `GPU glut: cloud capacity up ${fmtNumber(num(p, 'supplyPct'))}%, rents under pressure`,
  newAsicGeneration: (p, c) => `${c.modelName(str(p, 'modelId'))} ships: older miners lose their edge`,
  newGpuGeneration: (p, c) =>
    `${c.modelName(str(p, 'modelId'))} ships; older GPUs marked down ${fmtNumber(num(p, 'olderPricePct'))}%`,
  rateChange: (p, c) => {
    const delta = num(p, 'deltaPct');
    const after = Math.max(0, c.interestRatePct + delta);
    const verb = delta >= 0 ? 'raises' : 'cuts';
    return `Central bank ${verb} rates by ${fmtNumber(Math.abs(delta) * 100)} bp to ${fmtNumber(after)}%`;
  },
  feeSpike: (p) => `Bitcoin fees spike ×${fmtNumber(num(p, 'multiplier'))} for ${fmtNumber(num(p, 'days'))} days`,
});

export function headlineFor(kind: EventKind, params: ResolvedParams, ctx: HeadlineContext): string {
  return HEADLINES[kind](params, ctx);
}
