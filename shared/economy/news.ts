/** Headlines generated from an event's resolved parameters ("Kazakhstan bans mining for 180 days"). */
import type { EventKind } from './scenarios/types.js';
import { fmtNumber, renderNewsEn, type NewsText } from './newsText.js';

export { fmtNumber };

/** Names the headlines need, looked up from the scenario by the caller. */
export interface HeadlineContext {
  regionName: (id: string) => string;
  modelName: (id: string) => string;
  /** The interest rate before a rate change, percent per year. */
  interestRatePct: number;
}

export type ResolvedParams = Record<string, number | string>;

const num = (p: ResolvedParams, key: string): number => Number(fmtNumber(Number(p[key] ?? 0)));
const str = (p: ResolvedParams, key: string): string => String(p[key] ?? '');

/** Each event's headline as a message key with parameters (numbers rounded as the English line shows them). */
const EVENT_NEWS_TABLE: Record<EventKind, (p: ResolvedParams, c: HeadlineContext) => NewsText> = {
  halving: () => ({ key: 'news.halvingDay', params: {} }),
  pump: (p) => ({ key: 'news.pump', params: { pct: num(p, 'pct') } }),
  crash: (p) => ({ key: 'news.crash', params: { pct: num(p, 'pct') } }),
  etfApproval: (p) => ({ key: 'news.etfApproval', params: { pct: num(p, 'pct') } }),
  miningBan: (p, c) => ({ key: 'news.miningBan', params: { region: c.regionName(str(p, 'regionId')), days: num(p, 'days') } }),
  heatwave: (p, c) => ({ key: 'news.heatwave', params: { region: c.regionName(str(p, 'regionId')), multiplier: num(p, 'multiplier'), days: num(p, 'days') } }),
  openModelRelease: (p) => ({ key: 'news.openModelRelease', params: { demandPct: num(p, 'demandPct') } }),
  aiBreakthrough: (p) => ({ key: 'news.aiBreakthrough', params: { demandPct: num(p, 'demandPct') } }),
  capexBoom: (p) => ({ key: 'news.capexBoom', params: { demandPct: num(p, 'demandPct') } }),
  gpuGlut: (p) => ({ key: 'news.gpuGlut', params: { supplyPct: num(p, 'supplyPct') } }),
  newAsicGeneration: (p, c) => ({ key: 'news.newAsicGeneration', params: { model: c.modelName(str(p, 'modelId')) } }),
  newGpuGeneration: (p, c) => ({ key: 'news.newGpuGeneration', params: { model: c.modelName(str(p, 'modelId')), olderPricePct: num(p, 'olderPricePct') } }),
  rateChange: (p, c): NewsText => {
    const delta = Number(p.deltaPct ?? 0);
    const after = Math.max(0, c.interestRatePct + delta);
    return { key: delta >= 0 ? 'news.rateUp' : 'news.rateDown', params: { bp: Number(fmtNumber(Math.abs(delta) * 100)), ratePct: Number(fmtNumber(after)) } };
  },
  feeSpike: (p) => ({ key: 'news.feeSpike', params: { multiplier: num(p, 'multiplier'), days: num(p, 'days') } }),
};
export const EVENT_NEWS: Readonly<Record<EventKind, (p: ResolvedParams, c: HeadlineContext) => NewsText>> = Object.freeze(EVENT_NEWS_TABLE);

export const HEADLINES: Readonly<Record<EventKind, (p: ResolvedParams, c: HeadlineContext) => string>> = Object.freeze(
  Object.fromEntries(Object.entries(EVENT_NEWS).map(([kind, f]) => [kind, (p: ResolvedParams, c: HeadlineContext) => renderNewsEn(f(p, c))])) as Record<EventKind, (p: ResolvedParams, c: HeadlineContext) => string>,
);

export function headlineFor(kind: EventKind, params: ResolvedParams, ctx: HeadlineContext): string {
  return HEADLINES[kind](params, ctx);
}
