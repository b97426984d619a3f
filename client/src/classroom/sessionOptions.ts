/**
 * The teacher's setup form as data: parses the free-text fields (event schedule, label list) and
 * builds the `create` options of a classroom session (docs/classroom.md). Pure, so it is unit-tested.
 */
import { parseSchedule } from './eventSchedule.js';
import { t } from '../i18n/index.js';
import { BOT_STRATEGIES, MARKET_KEYS, type ClassroomOptions, type CreateOptions, type MarketKey } from '../net/protocol.js';

export type ScheduledEventInput = NonNullable<ClassroomOptions['events']>[number];

/**
 * One event per line: `DAY KIND [key=value | N%]… [headline…]`, e.g. `20 crash pct=30 Exchange
 * collapse!` (eventSchedule.ts: strict, every refusal says why). Errors name the line.
 */
export function parseEventSchedule(text: string, scenarioDays?: number): { events: ScheduledEventInput[]; errors: string[] } {
  const { events, errors } = parseSchedule(text, scenarioDays);
  // The parser's errors are data; the page words them in its own language.
  return { events, errors: errors.map((e) => t(`teach.sched.${e.code}`, { line: e.line, ...e.vars })) };
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
  /** With labels: students choose their name from the list of untaken labels. */
  labelList?: boolean;
  /** Who runs the class, recorded in session.csv. */
  teacher?: string;
  /** The chosen scenario's length, when known: events on days it never reaches are refused. */
  scenarioDays?: number;
}

const optionalNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The session's `create` options, or the problems to fix first. */
export function buildSessionOptions(v: SetupValues): { ok: true; options: CreateOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const { events, errors: eventErrors } = parseEventSchedule(v.eventsText, v.scenarioDays);
  errors.push(...eventErrors);
  const cash = optionalNumber(v.startingCashUsd);
  const period = optionalNumber(v.contestPeriodDays);
  const stake = optionalNumber(v.maxStakeUsd);
  if (cash !== undefined && !(cash >= 0)) errors.push(t('teach.errCash'));
  if (period !== undefined && !(Number.isInteger(period) && period >= 1 && period <= 365)) errors.push(t('teach.errPeriod'));
  if (stake !== undefined && !(stake >= 0)) errors.push(t('teach.errStake'));
  if (!(v.daysPerSecond > 0)) errors.push(t('teach.errPace'));
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
    ...(labels.length && v.labelList ? { labelList: true } : {}),
    ...(v.teacher?.trim() ? { teacher: v.teacher.trim().slice(0, 80) } : {}),
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
