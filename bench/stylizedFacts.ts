/**
 * The stylized facts of DESIGN.md §5, measured on a history-2023-2025 run with default NPCs, on
 * the variant players get (each seed's jittered turning points). Used by the test suite (a few
 * seeds) and by `npm run facts [seeds] [--pinned]` (20 seeds, a pass table; `--pinned` measures
 * the published history without jitter).
 */
import { createGame, step } from '../shared/rules/engine.js';
import { daySummary, type DaySummary } from '../shared/rules/summary.js';
import { getScenario, pinnedHistory } from '../shared/economy/scenarios/index.js';
import { daysBetween } from '../shared/economy/calendar.js';
import { keyframePoints, pathLogUsd } from '../shared/economy/btcPrice.js';
import type { GameState, Scenario } from '../shared/rules/types.js';

export interface FactResult {
  id: number;
  name: string;
  pass: boolean;
  detail: string;
}

export function simulate(scenario: Scenario, seed: string): { days: DaySummary[]; states: GameState[] } {
  let state = createGame(scenario, seed);
  const days = [daySummary(state)];
  const states = [state];
  while (state.phase === 'running') {
    state = step(state).state;
    days.push(daySummary(state));
    states.push(state);
  }
  return { days, states };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db || 1);
}

/** The lag (days) at which ASIC $/TH best correlates with past hashprice, in day-over-day-free levels. */
export function bestLag(lead: number[], follower: number[], maxLag: number): { lag: number; corr: number } {
  let best = { lag: 0, corr: -Infinity };
  for (let lag = 0; lag <= maxLag; lag += 5) {
    const c = correlation(lead.slice(0, lead.length - lag), follower.slice(lag));
    if (c > best.corr) best = { lag, corr: c };
  }
  return best;
}

const LATE_2024_FROM = '2024-11-15';

export function factsFor(seed: string, scenario: Scenario = getScenario('history-2023-2025')!): FactResult[] {
  const { days } = simulate(scenario, seed);
  const out: FactResult[] = [];

  // 1. Halving: hashprice −40–60% within two weeks; hashrate dips 5–15% then a new high within ~2 months.
  const h = days.findIndex((d, i) => i > 0 && d.subsidyBtc < days[i - 1]!.subsidyBtc);
  if (h < 0) out.push({ id: 1, name: 'halving', pass: false, detail: 'no halving happened' });
  else {
    const hpBefore = mean(days.slice(h - 7, h).map((d) => d.hashpriceUsdPerPhDay));
    const hpAfter = Math.min(...days.slice(h, h + 14).map((d) => d.hashpriceUsdPerPhDay));
    const cut = 1 - hpAfter / hpBefore;
    const hrBefore = mean(days.slice(h - 7, h).map((d) => d.hashrateEhs));
    const hrPeakBefore = Math.max(...days.slice(h - 30, h).map((d) => d.hashrateEhs));
    const hrDip = Math.min(...days.slice(h, h + 45).map((d) => d.hashrateEhs));
    const dip = 1 - hrDip / hrBefore;
    // Day h's hashrate was decided before the halving: the recovery is measured from h + 1.
    const newHighDay = days.slice(h + 1).findIndex((d) => d.hashrateEhs > hrPeakBefore) + 1;
    const pass = cut >= 0.4 && cut <= 0.6 && dip >= 0.05 && dip <= 0.15 && newHighDay >= 1 && newHighDay <= 75;
    out.push({ id: 1, name: 'halving', pass, detail: `on ${days[h]!.date}: hashprice −${pct(cut)}, hashrate dip ${pct(dip)}, new high after ${newHighDay} d` });
  }

  // 2. BTC ~5× over 2023–2024 while hashprice ends within ±35% of its start.
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const btcX = last.btcUsd / first.btcUsd;
  const hpStart = mean(days.slice(1, 15).map((d) => d.hashpriceUsdPerPhDay));
  const hpEnd = mean(days.slice(-14).map((d) => d.hashpriceUsdPerPhDay));
  const hpChange = hpEnd / hpStart - 1;
  out.push({ id: 2, name: 'BTC ×5, hashprice flat', pass: btcX >= 4 && btcX <= 7 && Math.abs(hpChange) <= 0.35, detail: `BTC ×${btcX.toFixed(2)}, hashprice ${hpChange >= 0 ? '+' : ''}${pct(hpChange)}` });

  // 3. ASIC $/TH follows hashprice with a lag.
  const lag = bestLag(days.map((d) => d.hashpriceUsdPerPhDay), days.map((d) => d.asicUsdPerTh), 240);
  out.push({ id: 3, name: 'ASIC price lags hashprice', pass: lag.lag >= 15 && lag.lag <= 200 && lag.corr > 0.6, detail: `best lag ${lag.lag} d, r = ${lag.corr.toFixed(2)}` });

  // 4. H100 rent ≥ $6/h in 2023 and < $2.50/h by late 2024, cards above $20k.
  const rent2023 = mean(days.slice(1, 120).map((d) => d.gpuRentUsdPerHour));
  const rentLate = mean(days.slice(-30).map((d) => d.gpuRentUsdPerHour));
  const minCard = Math.min(...days.map((d) => d.h100PriceUsd));
  out.push({ id: 4, name: 'GPU rent collapse', pass: rent2023 >= 6 && rentLate < 2.5 && minCard > 20_000, detail: `early 2023 $${rent2023.toFixed(2)}/h, Dec 2024 $${rentLate.toFixed(2)}/h, min card $${Math.round(minCard)}` });

  // 5. Per MW, AI hosting pays 1.3–2.5× mining's post-halving gross, for ~10× the capex.
  const s21 = scenario.catalogue.find((m) => m.id === 's21')!;
  const phPerMw = 1000 / s21.efficiencyJPerTh; // PH/s per MW of IT load
  const hpPost = h > 0 ? mean(days.slice(h + 14, h + 120).map((d) => d.hashpriceUsdPerPhDay)) : 0;
  const miningPerMwYear = phPerMw * hpPost * 365;
  const hostingPerMwYear = scenario.compute.hostingUsdPerKwMonth * 1000 * 12;
  const ratio = hostingPerMwYear / miningPerMwYear;
  const capexRatio = scenario.capex.aiUsdPerMw / scenario.capex.miningUsdPerMw;
  out.push({ id: 5, name: 'AI hosting vs mining per MW', pass: ratio >= 1.3 && ratio <= 2.5 && capexRatio >= 7 && capexRatio <= 20, detail: `hosting $${(hostingPerMwYear / 1e6).toFixed(2)}M vs mining $${(miningPerMwYear / 1e6).toFixed(2)}M per MW-year (×${ratio.toFixed(2)}), capex ×${capexRatio.toFixed(1)}` });

  // 6. The run to ~$100k happens in late 2024: BTC's mean over the window is within ±20 % of the
  // published path's. A mean, not a date: which day it peaks is the seed's (no date is an oracle).
  const published = keyframePoints(scenario.btc.keyframes, (date) => daysBetween(scenario.startDate, date));
  const from = daysBetween(scenario.startDate, LATE_2024_FROM);
  const window = days.slice(from);
  const seedMean = mean(window.map((d) => d.btcUsd));
  const publishedMean = mean(window.map((d) => Math.exp(pathLogUsd(published, d.day))));
  out.push({
    id: 6, name: 'late-2024 run to $100k', pass: Math.abs(seedMean / publishedMean - 1) <= 0.2,
    detail: `mean since ${LATE_2024_FROM} $${Math.round(seedMean)} (published path $${Math.round(publishedMean)})`,
  });

  out.push(banFact(scenario, seed));
  return out;
}

/** 7. A mining ban moves hashrate elsewhere; the network recovers within ~6 months. */
function banFact(base: Scenario, seed: string): FactResult {
  const banDate = '2023-06-01';
  const region = 'kazakhstan';
  const banned: Scenario = {
    ...base,
    events: [...base.events, { date: banDate, kind: 'miningBan', params: { regionId: region, days: 365 } }],
    // A random ban already in force would leave nothing for this one to switch off.
    randomEvents: { ...base.randomEvents, miningBan: 0 },
  };
  const { days, states } = simulate(banned, seed);
  const b = daysBetween(base.startDate, banDate);
  const before = mean(days.slice(b - 7, b).map((d) => d.hashrateEhs));
  const dip = Math.min(...days.slice(b, b + 30).map((d) => d.hashrateEhs));
  const recoverDay = days.slice(b).findIndex((d, i) => i > 7 && d.hashrateEhs >= before);
  const regionEhs = (s: GameState, inRegion: boolean) =>
    s.npc.cohorts.filter((c) => (c.regionId === region) === inRegion).reduce((t, c) => t + c.runningEhs, 0);
  const elsewhereBefore = regionEhs(states[b - 1]!, false);
  const elsewhereAfter = regionEhs(states[Math.min(states.length - 1, b + 180)]!, false);
  const inRegionDuring = regionEhs(states[b + 10]!, true);
  const pass = dip < before * 0.97 && inRegionDuring === 0 && recoverDay >= 0 && recoverDay <= 190 && elsewhereAfter > elsewhereBefore;
  return { id: 7, name: 'mining ban', pass, detail: `dip ${pct(1 - dip / before)}, recovered after ${recoverDay} d, elsewhere ${elsewhereBefore.toFixed(0)}→${elsewhereAfter.toFixed(0)} EH/s, banned region ${inRegionDuring.toFixed(0)} EH/s` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { cli, parseCli } = await import('../server/cli/args.js');
  const program = parseCli(cli('facts', 'Check the stylized facts of the market over N seeds (VERBOSE=1 prints every fact).')
    .argument('[seeds]', 'how many seeds', '20')
    .option('--pinned', 'measure the published keyframes exactly, without the per-seed jitter players get'));
  const seeds = Number(program.args[0] ?? 20);
  const base = getScenario('history-2023-2025')!;
  const pinned = program.opts<{ pinned?: boolean }>().pinned === true;
  const scenario = pinned ? pinnedHistory(base) : base;
  const passes = new Map<number, { name: string; n: number }>();
  for (let s = 1; s <= seeds; s++) {
    const facts = factsFor(String(s), scenario);
    for (const f of facts) {
      const e = passes.get(f.id) ?? { name: f.name, n: 0 };
      if (f.pass) e.n += 1;
      passes.set(f.id, e);
      if (!f.pass || process.env.VERBOSE) console.log(`seed ${s} fact ${f.id} ${f.pass ? 'ok  ' : 'FAIL'} ${f.detail}`);
    }
  }
  console.log(pinned ? 'published keyframes, pinned' : `keyframe jitter ±${base.btc.keyframeJitter?.days ?? 0} d, ±${base.btc.keyframeJitter?.levelPct ?? 0} %`);
  console.table([...passes.entries()].map(([id, e]) => ({ fact: id, name: e.name, passed: `${e.n}/${seeds}` })));
}
