/**
 * The debrief's numbers, rebuilt from a session's replay file with the shared engine (the same
 * re-simulation the replay viewer does): each company's cash, NAV and market cap by day, the GW
 * split and compute delivered, every decision with its result, every contest, and what each market
 * event did to the BTC price. Pure: replay in, plain arrays out.
 */
import { runReplay, type LogEntry, type ReplayFile } from '../../../shared/rules/replay.js';
import { cashCents } from '../../../shared/economy/ledger.js';
import { founderStakeUsd } from '../../../shared/rules/score.js';
import type { ContestResult, GameState } from '../../../shared/rules/types.js';
import { EVENT_KINDS, type EventKind } from '../../../shared/economy/scenarios/types.js';

export interface CompanyPath {
  id: string;
  name: string;
  colorIndex: number;
  bot: boolean;
  /** One value per entry of `DebriefData.days`; null before the company joined. */
  cashUsd: (number | null)[];
  navUsd: (number | null)[];
  marketCapUsd: (number | null)[];
  /** The headline score: founders' stake at market and at NAV. */
  scoreMarketUsd: (number | null)[];
  scoreNavUsd: (number | null)[];
}

export interface Decision {
  day: number;
  playerId: string;
  type: string;
  /** 'accepted' or the engine's error code. */
  result: string;
}

/**
 * The figure each kind of event is read on: the one it moves directly. Hashprice is read in BTC
 * (fees and subsidy per PH per day) so a fee spike is not mixed up with a crash the same day.
 */
export type Indicator = 'btcUsd' | 'hashpriceBtc' | 'gpuRentUsdPerHour' | 'energyIndex' | 'networkHashrateEhs' | 'interestRatePct';

export const INDICATOR_OF_EVENT: Readonly<Record<EventKind, Indicator>> = Object.freeze({
  pump: 'btcUsd', crash: 'btcUsd', etfApproval: 'btcUsd',
  halving: 'hashpriceBtc', feeSpike: 'hashpriceBtc', newAsicGeneration: 'networkHashrateEhs', miningBan: 'networkHashrateEhs',
  heatwave: 'energyIndex',
  openModelRelease: 'gpuRentUsdPerHour', aiBreakthrough: 'gpuRentUsdPerHour', capexBoom: 'gpuRentUsdPerHour', gpuGlut: 'gpuRentUsdPerHour', newGpuGeneration: 'gpuRentUsdPerHour',
  rateChange: 'interestRatePct',
});

export interface EventImpact {
  day: number;
  kind: string;
  headline: string;
  params: Record<string, number | string>;
  indicator: Indicator;
  /** The indicator on the event's day (before its effect lands) and the next day. */
  before: number;
  next: number | null;
  /** Change from `before` to `next`, this event's share (null until the next day was played). */
  changePct: number | null;
  /** `lagDays` later: did the move stick? (null until then) */
  after: number | null;
  changeAfterPct: number | null;
  /** The shock the event itself applies, in % (BTC jumps: −pct for a crash, +pct for a pump), when it has one. */
  shockPct: number | null;
  /** Other events read on the same figure on the same day: the measured move is split among them by their shocks. */
  sameDay: number;
  /** BTC on the event's day and the next (every event; for the BTC chart's markers). */
  btcBeforeUsd: number;
  btcNextUsd: number | null;
}

export interface DebriefData {
  days: number[];
  btcUsd: number[];
  /** What each event is read on (see `Indicator`), one value per day. */
  series: Record<Indicator, number[]>;
  miningGw: number[];
  aiGw: number[];
  computeH100Days: number[];
  companies: CompanyPath[];
  decisions: Decision[];
  contests: ContestResult[];
  events: EventImpact[];
}

/** How many days after an event its price effect is read (the jump lands on the next price step). */
export const EVENT_LAG_DAYS = 5;

export function buildDebrief(file: ReplayFile, lagDays = EVENT_LAG_DAYS): DebriefData {
  const series: Record<Indicator, number[]> = { btcUsd: [], hashpriceBtc: [], gpuRentUsdPerHour: [], energyIndex: [], networkHashrateEhs: [], interestRatePct: [] };
  const data: DebriefData = { days: [], btcUsd: [], series, miningGw: [], aiGw: [], computeH100Days: [], companies: [], decisions: [], contests: [], events: [] };
  const byId = new Map<string, CompanyPath>();
  const rejected = new Map<LogEntry, string>();
  const raw: RawEvent[] = [];
  const record = (s: GameState) => {
    const i = data.days.length;
    data.days.push(s.day);
    data.btcUsd.push(s.btc.btcUsd);
    series.btcUsd.push(s.btc.btcUsd);
    series.hashpriceBtc.push(s.btc.btcUsd > 0 ? s.btc.hashpriceUsdPerPhDay / s.btc.btcUsd : 0);
    series.gpuRentUsdPerHour.push(s.compute.spotUsdPerGpuHour);
    series.energyIndex.push(s.meters.energyPriceIndex);
    series.networkHashrateEhs.push(s.btc.networkHashrateEhs);
    series.interestRatePct.push(s.interestRatePct);
    data.miningGw.push(s.meters.miningGw);
    data.aiGw.push(s.meters.aiGw);
    data.computeH100Days.push(s.meters.aiComputeH100Days);
    for (const id of s.playerOrder) {
      const p = s.players[id];
      if (!p) continue;
      let path = byId.get(id);
      if (!path) {
        path = { id, name: p.name, colorIndex: p.colorIndex, bot: Boolean(p.strategy), cashUsd: [], navUsd: [], marketCapUsd: [], scoreMarketUsd: [], scoreNavUsd: [] };
        byId.set(id, path);
        data.companies.push(path);
      }
      while (path.cashUsd.length < i) {
        path.cashUsd.push(null);
        path.navUsd.push(null);
        path.marketCapUsd.push(null);
        path.scoreMarketUsd.push(null);
        path.scoreNavUsd.push(null);
      }
      path.cashUsd.push(cashCents(s.ledger, id) / 100);
      path.navUsd.push(p.navUsd);
      path.marketCapUsd.push(p.marketCapUsd);
      path.scoreMarketUsd.push(founderStakeUsd(p, 'market'));
      path.scoreNavUsd.push(founderStakeUsd(p, 'nav'));
    }
  };
  const final = runReplay(file, {
    onDay(state, events) {
      record(state);
      for (const e of events) {
        if (e.type === 'marketEvent') raw.push({ day: e.day, kind: e.kind, headline: e.headline, params: e.params });
        // The replay holds the full result (a finished match's log is public); the event carries the public summary.
        if (e.type === 'contestResolved') data.contests.push(state.contest.history[state.contest.history.length - 1]!);
      }
    },
    onRejected(entry, code) {
      rejected.set(entry, code);
    },
  });
  if (data.days.length === 0 || data.days[data.days.length - 1] !== final.day) record(final);
  for (const entry of file.entries) {
    if (entry.kind !== 'action') continue;
    data.decisions.push({ day: entry.day, playerId: entry.playerId, type: entry.action.type, result: rejected.get(entry) ?? 'accepted' });
  }
  // Events a server fires outside the day step still leave a news item.
  for (const n of final.news) {
    if (!raw.some((r) => r.day === n.day && r.headline === n.headline) && isMarketKind(n.kind)) raw.push({ day: n.day, kind: n.kind, headline: n.headline, params: {} });
  }
  raw.sort((a, b) => a.day - b.day);
  data.events.push(...eventImpacts(data, raw, lagDays));
  return data;
}

const MARKET_KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);

function isMarketKind(kind: string): boolean {
  return MARKET_KINDS.has(kind);
}

/** The shock an event applies by itself, in % of its indicator, when its parameters say (BTC jumps). */
export function shockPctOf(kind: string, params: Record<string, number | string>): number | null {
  const pct = Number(params.pct);
  if (!Number.isFinite(pct)) return null;
  if (kind === 'crash') return -pct;
  if (kind === 'pump' || kind === 'etfApproval') return pct;
  return null;
}

type RawEvent = { day: number; kind: string; headline: string; params: Record<string, number | string> };

/**
 * Each event read on its own figure: the value on its day (before its effect lands on the next
 * step) against the next day and `lagDays` later (null while not played yet). Events on the same
 * figure and day share the measured move in proportion to their shocks (equally without one), so a
 * crash and a pump the same day do not both claim the whole move, and a crash and a fee spike the
 * same day are read on different figures.
 */
export function eventImpacts(data: Pick<DebriefData, 'days' | 'series'>, raw: readonly RawEvent[], lagDays: number): EventImpact[] {
  const lastDay = data.days[data.days.length - 1] ?? 0;
  const valueAt = (ind: Indicator, day: number): number | null => {
    if (day > lastDay) return null;
    let best = 0;
    for (let i = 0; i < data.days.length; i++) if ((data.days[i] ?? 0) <= day) best = i;
    return data.series[ind][best] ?? null;
  };
  const indicatorOf = (kind: string): Indicator => (isMarketKind(kind) ? INDICATOR_OF_EVENT[kind as EventKind] : 'btcUsd');
  const logShare = (e: RawEvent) => {
    const shock = shockPctOf(e.kind, e.params);
    return shock === null ? null : Math.log1p(shock / 100);
  };
  return raw.map((e) => {
    const indicator = indicatorOf(e.kind);
    const peers = raw.filter((o) => o.day === e.day && indicatorOf(o.kind) === indicator);
    const before = valueAt(indicator, e.day) ?? 0;
    const next = valueAt(indicator, e.day + 1);
    const after = valueAt(indicator, e.day + lagDays);
    // Log moves add up across events; each event's part is its share of the shocks.
    const shares = peers.map(logShare);
    const known = shares.every((x) => x !== null) && shares.reduce<number>((a, b) => a + (b ?? 0), 0) !== 0;
    const total = known ? shares.reduce<number>((a, b) => a + (b ?? 0), 0) : 0;
    const share = peers.length === 1 ? 1 : known ? (logShare(e) ?? 0) / total : 1 / peers.length;
    const part = (v: number | null): number | null => {
      if (v === null) return null;
      if (before <= 0) return 0;
      if (share === 1 || v <= 0) return ((v - before) / before) * 100;
      return Math.expm1(Math.log(v / before) * share) * 100;
    };
    const btcBefore = valueAt('btcUsd', e.day) ?? 0;
    return {
      ...e, indicator, before, next, changePct: part(next), after, changeAfterPct: part(after), shockPct: shockPctOf(e.kind, e.params),
      sameDay: peers.length - 1, btcBeforeUsd: btcBefore, btcNextUsd: valueAt('btcUsd', e.day + 1),
    };
  });
}

/** Market cap minus NAV per company and day: the premium (or discount) the crowd put on the books. */
export function premiumPaths(data: DebriefData): { id: string; values: (number | null)[] }[] {
  return data.companies.map((c) => ({ id: c.id, values: c.marketCapUsd.map((m, i) => (m === null || c.navUsd[i] === null ? null : m - (c.navUsd[i] ?? 0))) }));
}
