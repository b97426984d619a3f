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
import { EVENT_KINDS } from '../../../shared/economy/scenarios/types.js';

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

export interface EventImpact {
  day: number;
  kind: string;
  headline: string;
  btcBeforeUsd: number;
  /** The next day's price: an event's jump lands on the price step after the day it fires. */
  btcNextUsd: number;
  changePct: number;
  /** `lagDays` later: did the move stick? */
  btcAfterUsd: number;
  changeAfterPct: number;
}

export interface DebriefData {
  days: number[];
  btcUsd: number[];
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
  const data: DebriefData = { days: [], btcUsd: [], miningGw: [], aiGw: [], computeH100Days: [], companies: [], decisions: [], contests: [], events: [] };
  const byId = new Map<string, CompanyPath>();
  const rejected = new Map<LogEntry, string>();
  const raw: { day: number; kind: string; headline: string }[] = [];
  const record = (s: GameState) => {
    const i = data.days.length;
    data.days.push(s.day);
    data.btcUsd.push(s.btc.btcUsd);
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
        if (e.type === 'marketEvent') raw.push({ day: e.day, kind: e.kind, headline: e.headline });
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
    if (!raw.some((r) => r.day === n.day && r.headline === n.headline) && isMarketKind(n.kind)) raw.push({ day: n.day, kind: n.kind, headline: n.headline });
  }
  raw.sort((a, b) => a.day - b.day);
  for (const r of raw) data.events.push(eventImpact(data, r, lagDays));
  return data;
}

const MARKET_KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);

function isMarketKind(kind: string): boolean {
  return MARKET_KINDS.has(kind);
}

/** BTC on the event's day (before its jump lands) against the next day and `lagDays` later (or the last day recorded). */
export function eventImpact(data: Pick<DebriefData, 'days' | 'btcUsd'>, e: { day: number; kind: string; headline: string }, lagDays: number): EventImpact {
  const at = (day: number): number => {
    let best = 0;
    for (let i = 0; i < data.days.length; i++) if ((data.days[i] ?? 0) <= day) best = i;
    return data.btcUsd[best] ?? 0;
  };
  const before = at(e.day);
  const next = at(e.day + 1);
  const after = at(e.day + lagDays);
  const change = (v: number) => (before > 0 ? ((v - before) / before) * 100 : 0);
  return { ...e, btcBeforeUsd: before, btcNextUsd: next, changePct: change(next), btcAfterUsd: after, changeAfterPct: change(after) };
}

/** Market cap minus NAV per company and day: the premium (or discount) the crowd put on the books. */
export function premiumPaths(data: DebriefData): { id: string; values: (number | null)[] }[] {
  return data.companies.map((c) => ({ id: c.id, values: c.marketCapUsd.map((m, i) => (m === null || c.navUsd[i] === null ? null : m - (c.navUsd[i] ?? 0))) }));
}
