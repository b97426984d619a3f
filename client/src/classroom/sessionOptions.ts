/**
 * The teacher's setup form as data: parses the free-text fields (event schedule, label list) and
 * builds the `create` options of a classroom session (docs/classroom.md). Pure, so it is unit-tested.
 */
import { EVENT_KINDS } from '../../../shared/economy/scenarios/types.js';
import { BOT_STRATEGIES, MARKET_KEYS, type ClassroomOptions, type CreateOptions, type MarketKey } from '../net/protocol.js';

export type ScheduledEventInput = NonNullable<ClassroomOptions['events']>[number];

const KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);
const isEventKind = (k: string): k is (typeof EVENT_KINDS)[number] => KINDS.has(k);

/**
 * One event per line: `DAY KIND [key=value …] [headline…]`, e.g. `20 crash pct=30 Exchange collapse!`.
 * Blank lines and lines starting with `#` are skipped. Errors name the line.
 */
export function parseEventSchedule(text: string): { events: ScheduledEventInput[]; errors: string[] } {
  const events: ScheduledEventInput[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const words = line.split(/\s+/);
    const day = Number(words[0]);
    const kind = words[1] ?? '';
    if (!Number.isInteger(day) || day < 1) return void errors.push(`line ${i + 1}: "${words[0]}" is not a day number`);
    if (!isEventKind(kind)) return void errors.push(`line ${i + 1}: unknown event "${kind}" (${EVENT_KINDS.join(', ')})`);
    const params: Record<string, number | string> = {};
    let rest = 2;
    for (; rest < words.length; rest++) {
      const m = /^(\w+)=(\S+)$/.exec(words[rest] ?? '');
      if (!m) break;
      const value = Number(m[2]);
      params[m[1] as string] = Number.isFinite(value) ? value : (m[2] as string);
    }
    const headline = words.slice(rest).join(' ');
    events.push({ day, kind, ...(Object.keys(params).length ? { params } : {}), ...(headline ? { headline } : {}) });
  });
  return { events, errors };
}

const HEADER_WORDS: ReadonlySet<string> = new Set(['label', 'labels', 'name', 'names', 'student', 'students', 'id', 'student id']);

/** Labels from a textarea or an uploaded .txt/.csv: one per line, first CSV column, trimmed, duplicates (any case) dropped. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const first = (raw.split(/[,;\t]/)[0] ?? '').trim().replace(/^"(.*)"$/, '$1').trim().slice(0, 40);
    if (!first || seen.has(first.toLowerCase())) return;
    // A spreadsheet export's header row is not a student.
    if (i === 0 && HEADER_WORDS.has(first.toLowerCase())) return;
    seen.add(first.toLowerCase());
    out.push(first);
  });
  return out;
}

/** Splits `count` bots across the reference strategies as evenly as possible. */
export function mixedBots(count: number): { strategy: string; count: number }[] {
  const n = Math.max(0, Math.floor(count || 0));
  return BOT_STRATEGIES.map((strategy, i) => ({ strategy, count: Math.floor(n / BOT_STRATEGIES.length) + (i < n % BOT_STRATEGIES.length ? 1 : 0) })).filter((b) => b.count > 0);
}

export interface SetupValues {
  className: string;
  scenario: string;
  daysPerSecond: number;
  /** Blank = the scenario's figure. */
  startingCashUsd: string;
  markets: Record<MarketKey, boolean>;
  eventsText: string;
  contestPeriodDays: string;
  maxStakeUsd: string;
  anonymousNames: boolean;
  chat: boolean;
  bots: number;
  labelsText: string;
  /** With labels: also admit people without a personal link. */
  allowGuests?: boolean;
}

const optionalNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The session's `create` options, or the problems to fix first. */
export function buildSessionOptions(v: SetupValues): { ok: true; options: CreateOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const { events, errors: eventErrors } = parseEventSchedule(v.eventsText);
  errors.push(...eventErrors);
  const cash = optionalNumber(v.startingCashUsd);
  const period = optionalNumber(v.contestPeriodDays);
  const stake = optionalNumber(v.maxStakeUsd);
  if (cash !== undefined && !(cash >= 0)) errors.push('starting cash must be a number ≥ 0');
  if (period !== undefined && !(Number.isInteger(period) && period >= 1 && period <= 365)) errors.push('contest period must be 1–365 days');
  if (stake !== undefined && !(stake >= 0)) errors.push('stake limit must be a number ≥ 0');
  if (!(v.daysPerSecond > 0)) errors.push('pace must be above 0');
  if (errors.length) return { ok: false, errors };
  const labels = parseLabels(v.labelsText);
  const classroom: ClassroomOptions = {
    marketsOpen: Object.fromEntries(MARKET_KEYS.map((k) => [k, v.markets[k] !== false])),
    anonymousNames: v.anonymousNames,
    chat: v.chat,
    ...(cash !== undefined ? { startingCashUsd: cash } : {}),
    ...(period !== undefined ? { contestPeriodDays: period } : {}),
    ...(stake !== undefined ? { maxStakeUsd: stake } : {}),
    ...(events.length ? { events } : {}),
    ...(labels.length ? { labels } : {}),
    ...(labels.length && v.allowGuests ? { allowGuests: true } : {}),
  };
  return {
    ok: true,
    options: {
      playerName: 'teacher',
      name: v.className.trim() || 'Class',
      scenario: v.scenario,
      daysPerSecond: v.daysPerSecond,
      bots: mixedBots(v.bots),
      private: true,
      spectate: true,
      maxPlayers: 100,
      classroom,
    },
  };
}
