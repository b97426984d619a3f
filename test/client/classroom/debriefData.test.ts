import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { REPLAY_FORMAT, runReplay, type ReplayFile } from '../../../shared/rules/replay.js';
import { HOST_ACTOR } from '../../../shared/rules/actions.js';
import { buildDebrief, eventImpacts, premiumPaths, type DebriefData } from '../../../client/src/classroom/debriefData.js';

function file(): ReplayFile {
  const scenario = getScenario('halving-sprint');
  if (!scenario) throw new Error('halving-sprint missing');
  return {
    format: REPLAY_FORMAT, scenario, seed: 'debrief', finalDay: 30,
    entries: [
      { day: 0, kind: 'join', playerId: 'p1', name: 'Ada', strategy: '' },
      { day: 0, kind: 'join', playerId: 'p2', name: 'Bob', strategy: '' },
      { day: 10, kind: 'action', playerId: HOST_ACTOR, action: { type: 'injectEvent', kind: 'crash', headline: 'Teacher crash' } },
      { day: 12, kind: 'action', playerId: 'p2', action: { type: 'buySite', siteId: 'NOPE' } },
      { day: 14, kind: 'join', playerId: 'p3', name: 'Cy', strategy: '' },
    ],
  };
}

describe('debrief data from a replay', () => {
  const f = file();
  const d = buildDebrief(f);
  const final = runReplay(f);

  it('has one value per day for every series, companies padded before they joined', () => {
    expect(d.days[d.days.length - 1]).toBe(final.day);
    for (const series of [d.btcUsd, d.miningGw, d.aiGw, d.computeH100Days]) expect(series).toHaveLength(d.days.length);
    expect(d.companies.map((c) => c.name)).toEqual(['Ada', 'Bob', 'Cy']);
    for (const c of d.companies) for (const s of [c.cashUsd, c.navUsd, c.marketCapUsd]) expect(s).toHaveLength(d.days.length);
    const cy = d.companies[2];
    expect(cy?.cashUsd[0]).toBeNull();
    expect(cy?.cashUsd[d.days.length - 1]).toBeGreaterThan(0);
    expect(d.companies[0]?.navUsd[d.days.length - 1]).toBe(final.players.p1?.navUsd);
  });

  it('lists every decision with its result, and the injected crash with its price effect', () => {
    expect(d.decisions).toEqual([
      { day: 10, playerId: HOST_ACTOR, type: 'injectEvent', result: 'accepted' },
      { day: 12, playerId: 'p2', type: 'buySite', result: 'NOT_FOUND' },
    ]);
    const crash = d.events.find((e) => e.headline === 'Teacher crash');
    expect(crash?.kind).toBe('crash');
    // halving-sprint's default crash is −15% (shared/economy/events.ts), on top of a day's noise.
    expect(crash?.changePct).toBeLessThan(-8);
    expect(crash).toMatchObject({ indicator: 'btcUsd', shockPct: -15 });
  });

  it('computes the premium as market cap minus NAV and reads an event from the day before', () => {
    const prem = premiumPaths(d)[0];
    const i = d.days.length - 1;
    expect(prem?.values[i]).toBeCloseTo((d.companies[0]?.marketCapUsd[i] ?? 0) - (d.companies[0]?.navUsd[i] ?? 0), 6);
    const [impact] = eventImpacts(seriesOf([100, 100, 80, 60, 90]), [{ day: 2, kind: 'crash', headline: '', params: {} }], 3);
    expect(impact).toMatchObject({ indicator: 'btcUsd', before: 100, next: 80, changePct: -20, after: 90, changeAfterPct: -10, sameDay: 0 });
  });
});

/** Days 1…n with BTC as given and hashprice (in BTC) flat unless given. */
function seriesOf(btc: number[], hashpriceBtc?: number[]): Pick<DebriefData, 'days' | 'series'> {
  const flat = btc.map(() => 1);
  return {
    days: btc.map((_, i) => i + 1),
    series: { btcUsd: btc, hashpriceBtc: hashpriceBtc ?? flat, gpuRentUsdPerHour: flat, energyIndex: flat, networkHashrateEhs: flat, interestRatePct: flat },
  };
}

describe('event effects, each measured on its own figure', () => {
  it('a crash and a fee spike on the same day: the crash on BTC, the fee spike on hashprice in BTC', () => {
    const d = seriesOf([100, 100, 70, 72], [1, 1, 3, 3]);
    const [crash, fee] = eventImpacts(d, [
      { day: 2, kind: 'crash', headline: '', params: { pct: 30 } },
      { day: 2, kind: 'feeSpike', headline: '', params: { multiplier: 3, days: 7 } },
    ], 2);
    expect(crash).toMatchObject({ indicator: 'btcUsd', shockPct: -30, sameDay: 0 });
    expect(crash!.changePct).toBeCloseTo(-30, 9);
    expect(fee).toMatchObject({ indicator: 'hashpriceBtc', shockPct: null, sameDay: 0 });
    expect(fee!.changePct).toBeCloseTo(200, 9);
  });

  it('two BTC shocks the same day share the move by their size', () => {
    // −30% and +10% compound to −23%: each keeps its own part of the log move.
    const d = seriesOf([100, 100, 77]);
    const [crash, pump] = eventImpacts(d, [
      { day: 2, kind: 'crash', headline: '', params: { pct: 30 } },
      { day: 2, kind: 'pump', headline: '', params: { pct: 10 } },
    ], 1);
    expect(crash!.sameDay).toBe(1);
    expect(crash!.changePct).not.toBeCloseTo(pump!.changePct!, 1);
    expect((1 + crash!.changePct! / 100) * (1 + pump!.changePct! / 100)).toBeCloseTo(0.77, 9);
    expect(crash!.changePct!).toBeLessThan(-23);
    expect(pump!.changePct!).toBeGreaterThan(0);
  });

  it('an event on the last day played is pending, not a zero move', () => {
    const [e] = eventImpacts(seriesOf([100, 100]), [{ day: 2, kind: 'crash', headline: '', params: { pct: 15 } }], 5);
    expect(e).toMatchObject({ next: null, changePct: null, after: null, changeAfterPct: null, shockPct: -15 });
  });
});
