import { describe, expect, it } from 'vitest';
import { NEWS_EN, parseEventErrorText, parseNewsText, renderNewsEn, type EventErrorText, type NewsKey, type TextParams } from '../../../shared/economy/newsText.js';

/** One sample per key, with the news kind the engine files it under. */
const SAMPLES: Record<NewsKey, [string, TextParams]> = {
  'news.halvingDay': ['halving', {}],
  'news.pump': ['pump', { pct: 12.5 }],
  'news.crash': ['crash', { pct: 30 }],
  'news.etfApproval': ['etfApproval', { pct: 8 }],
  'news.miningBan': ['miningBan', { region: 'Texas (ERCOT)', days: 180 }],
  'news.heatwave': ['heatwave', { region: 'Quebec (Hydro)', multiplier: 2.5, days: 7 }],
  'news.openModelRelease': ['openModelRelease', { demandPct: 10 }],
  'news.aiBreakthrough': ['aiBreakthrough', { demandPct: 20 }],
  'news.capexBoom': ['capexBoom', { demandPct: 15 }],
  'news.gpuGlut': ['gpuGlut', { supplyPct: 25 }],
  'news.newAsicGeneration': ['newAsicGeneration', { model: 'Antminer S21 XP' }],
  'news.newGpuGeneration': ['newGpuGeneration', { model: 'NVIDIA B200', olderPricePct: 10 }],
  'news.rateUp': ['rateChange', { bp: 25, ratePct: 5.5 }],
  'news.rateDown': ['rateChange', { bp: 50, ratePct: 4.75 }],
  'news.feeSpike': ['feeSpike', { multiplier: 4, days: 7 }],
  'news.halving': ['halving', { heightBlocks: 840000, subsidyBtc: 3.125 }],
  'news.contestWeight': ['contest', { round: 3, side: 'ai', weightPct: 61, poolUsd: 1234567 }],
  'news.contestPool': ['contest', { round: 12, side: 'crypto', poolUsd: 4980551 }],
  'news.contestStakers': ['contest', { round: 1, side: 'crypto', stakers: 1 }],
  'news.bankrupt': ['bankrupt', { company: 'Layla: Mining, Inc.', restartUsd: 5000000 }],
  'news.marginCall': ['marginCall', { company: 'ليلى', days: 3 }],
  'news.rollover': ['finance', { company: 'Bot ai-pivot' }],
  'news.tenderAwarded': ['tender', { lab: 'Frontier Lab', gpus: 12000, days: 90, company: 'Acme', priceUsdPerGpuHour: 2.5 }],
  'news.buyout': ['buyout', { tenant: 'Hyperion Cloud', site: 'Rockdale Annex', mw: 40, company: 'Acme', priceMUsd: 120, bids: 1 }],
  'news.hostingAwarded': ['hosting', { tenant: 'Nimbus Hyperscale', mw: 20, site: 'Luleå Hall', company: 'Acme', years: 5, usdPerKwMonth: 130, bids: 3 }],
  'news.buyoutLapsed': ['buyout', { tenant: 'Atlas GPU Cloud' }],
  'news.hostingLapsed': ['hosting', { tenant: 'Atlas GPU Cloud' }],
  'news.hostingOffer': ['offer', { tenant: 'Stratus Compute', mw: 30, years: 7, usdPerKwMonth: 140, closesDay: 55 }],
  'news.buyoutOffer': ['offer', { tenant: 'Vantage AI Infrastructure', mw: 25, usdPerMw: 1500000, closesDay: 40 }],
};

describe('news as message keys', () => {
  it('writes the English lines the engine always wrote', () => {
    expect(renderNewsEn({ key: 'news.contestStakers', params: SAMPLES['news.contestStakers'][1] })).toBe('Round 1: the crowd picks crypto (1 company staked); crypto hype rises');
    expect(renderNewsEn({ key: 'news.contestStakers', params: { round: 2, side: 'ai', stakers: 4 } })).toBe('Round 2: the crowd picks AI (4 companies staked); AI hype rises');
    expect(renderNewsEn({ key: 'news.tenderAwarded', params: SAMPLES['news.tenderAwarded'][1] })).toBe('Frontier Lab awards 12,000 GPUs × 90 days to Acme at $2.50/h.');
    expect(renderNewsEn({ key: 'news.halving', params: SAMPLES['news.halving'][1] })).toBe('Halving at block 840,000: the block subsidy drops to 3.125 BTC');
    expect(renderNewsEn({ key: 'news.bankrupt', params: SAMPLES['news.bankrupt'][1] })).toBe('Layla: Mining, Inc. goes bankrupt: shareholders wiped out, restarts with $5,000,000');
  });

  it('recovers the key and parameters of every line from its English text', () => {
    for (const key of Object.keys(NEWS_EN) as NewsKey[]) {
      const [kind, params] = SAMPLES[key];
      const line = renderNewsEn({ key, params });
      expect(parseNewsText(kind, line), line).toEqual({ key, params });
    }
  });

  it('leaves lines no template wrote (a scenario\'s or a teacher\'s headline) as they are', () => {
    expect(parseNewsText('crash', 'Class crash!')).toBeNull();
    expect(parseNewsText('crash', '30% Exchange collapse!')).toBeNull();
    // The kind narrows the keys: a crash headline filed under another kind is not a crash.
    expect(parseNewsText('pump', 'BTC slides 15% in a sudden sell-off')).toBeNull();
  });
});

describe('event-parameter errors as message keys', () => {
  it('recovers the key and parameters of each refusal the engine words', () => {
    const cases: [string, EventErrorText][] = [
      ['Event crash has no parameter "size" (it takes pct).', { key: 'eventError.noParamKnown', params: { kind: 'crash', param: 'size', known: 'pct' } }],
      ['Event halving has no parameter "x".', { key: 'eventError.noParam', params: { kind: 'halving', param: 'x' } }],
      ['crash.pct must be between 0.1 and 95.', { key: 'eventError.range', params: { kind: 'crash', param: 'pct', min: 0.1, max: 95 } }],
      ['Unknown region "mars" (regions: texas, quebec).', { key: 'eventError.region', params: { value: 'mars', known: 'texas, quebec' } }],
    ];
    for (const [message, text] of cases) expect(parseEventErrorText(message)).toEqual(text);
    expect(parseEventErrorText('Not the host.')).toBeNull();
  });
});
