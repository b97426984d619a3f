/**
 * The teacher's event schedule, one event per line: `DAY KIND [key=value | N%]… [headline…]`,
 * e.g. `30 crash pct=30 Exchange collapse!` or `30 crash 30% Exchange collapse!`.
 *
 * Strict on purpose: `30 crash 30% …` was once taken as a default-size crash headlined "30%
 * Exchange collapse!". Every token before the headline must be a known parameter of the event
 * (`key=value`, or `N%` for the event's one percentage), inside its range; a bare number there is
 * refused, because nobody can tell whether it was meant as a size or as the headline's first word.
 * Errors are data (`code` + `vars`) with an English `message`, so another language can word them.
 */
import { EVENT_KINDS, type EventKind } from '../../../shared/economy/scenarios/types.js';
import { EVENT_TABLE } from '../../../shared/economy/events.js';

export interface ScheduledEventLine {
  day: number;
  kind: EventKind;
  params?: Record<string, number | string>;
  headline?: string;
}

export type ScheduleErrorCode = 'BAD_DAY' | 'DAY_TOO_LATE' | 'UNKNOWN_KIND' | 'UNKNOWN_PARAM' | 'BAD_VALUE' | 'OUT_OF_RANGE' | 'NO_PERCENT' | 'BARE_NUMBER' | 'BARE_NUMBER_NO_PERCENT' | 'DUPLICATE_PARAM' | 'HEADLINE_TOO_LONG';

export interface ScheduleError {
  /** 1-based line number in the text. */
  line: number;
  code: ScheduleErrorCode;
  vars: Record<string, string | number>;
  message: string;
}

/** As the server accepts (server/classroom/settings.ts). */
export const MAX_HEADLINE_CHARS = 140;

const KIND_BY_LOWER = new Map<string, EventKind>(EVENT_KINDS.map((k) => [k.toLowerCase(), k]));

/** The event's percentage parameter, when it has exactly one (`pct`, `demandPct`, …). */
function percentParam(kind: EventKind): string | null {
  const keys = Object.keys(EVENT_TABLE[kind].params).filter((k) => /pct$/i.test(k));
  return keys.length === 1 ? (keys[0] as string) : null;
}

function paramList(kind: EventKind): string {
  const keys = Object.keys(EVENT_TABLE[kind].params);
  return keys.length ? keys.join(', ') : 'none';
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Parses the schedule. `scenarioDays`, when known, refuses days the match never reaches (an
 * event fires at the start of its day, so the last usable day is `scenarioDays − 1`).
 */
export function parseSchedule(text: string, scenarioDays?: number): { events: ScheduledEventLine[]; errors: ScheduleError[] } {
  const events: ScheduledEventLine[] = [];
  const errors: ScheduleError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fail = (code: ScheduleErrorCode, vars: Record<string, string | number>, message: string) =>
      void errors.push({ line: i + 1, code, vars, message: `line ${i + 1}: ${message}` });
    const words = line.split(/\s+/);
    const dayWord = words[0] ?? '';
    const day = /^\d+$/.test(dayWord) ? Number(dayWord) : NaN;
    if (!Number.isInteger(day) || day < 1) return fail('BAD_DAY', { word: dayWord }, `"${dayWord}" is not a day number (1, 2, …)`);
    if (scenarioDays !== undefined && day >= scenarioDays) {
      return fail('DAY_TOO_LATE', { day, last: scenarioDays - 1 }, `day ${day} is never reached: the last day an event can fire is ${scenarioDays - 1}`);
    }
    const kindWord = words[1] ?? '';
    const kind = KIND_BY_LOWER.get(kindWord.toLowerCase());
    if (!kind) return fail('UNKNOWN_KIND', { word: kindWord, kinds: EVENT_KINDS.join(', ') }, `unknown event "${kindWord}" (${EVENT_KINDS.join(', ')})`);
    const specs = EVENT_TABLE[kind].params;
    const params: Record<string, number | string> = {};
    const setParam = (key: string, value: number | string): boolean => {
      if (key in params) {
        fail('DUPLICATE_PARAM', { key }, `${key} is given twice`);
        return false;
      }
      const spec = specs[key];
      if (spec?.type === 'number') {
        if (typeof value !== 'number') {
          fail('BAD_VALUE', { kind, key, value: String(value) }, `${kind}.${key} must be a number, not "${value}"`);
          return false;
        }
        if (value < spec.min || value > spec.max) {
          fail('OUT_OF_RANGE', { kind, key, value, min: spec.min, max: spec.max }, `${kind}.${key} must be between ${spec.min} and ${spec.max} (got ${value})`);
          return false;
        }
      }
      params[key] = value;
      return true;
    };
    let rest = 2;
    for (; rest < words.length; rest++) {
      const word = words[rest] as string;
      const kv = /^([A-Za-z]\w*)=(\S+)$/.exec(word);
      if (kv) {
        const key = Object.keys(specs).find((k) => k.toLowerCase() === (kv[1] as string).toLowerCase());
        if (!key) return fail('UNKNOWN_PARAM', { kind, key: kv[1] as string, known: paramList(kind) }, `${kind} has no parameter "${kv[1]}" (it takes: ${paramList(kind)})`);
        const valueWord = (kv[2] as string).replace(/%$/, '');
        const value = specs[key]?.type === 'number' ? (NUMBER.test(valueWord) ? Number(valueWord) : valueWord) : (kv[2] as string);
        if (!setParam(key, value)) return;
        continue;
      }
      const percent = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/.exec(word);
      if (percent) {
        const key = percentParam(kind);
        if (!key) return fail('NO_PERCENT', { kind, word, known: paramList(kind) }, `"${word}": ${kind} takes no percentage (its parameters: ${paramList(kind)})`);
        if (!setParam(key, Number(percent[1]))) return;
        continue;
      }
      if (NUMBER.test(word)) {
        const key = percentParam(kind);
        if (key) return fail('BARE_NUMBER', { kind, word, key }, `"${word}" after ${kind} is ambiguous: write ${key}=${word} (or ${word}%), or start the headline with a word`);
        return fail('BARE_NUMBER_NO_PERCENT', { kind, word, known: paramList(kind) }, `"${word}" after ${kind} is ambiguous: ${kind} takes key=value parameters (${paramList(kind)}), or start the headline with a word`);
      }
      break;
    }
    const headline = words.slice(rest).join(' ');
    if (headline.length > MAX_HEADLINE_CHARS) return fail('HEADLINE_TOO_LONG', { max: MAX_HEADLINE_CHARS }, `the headline is longer than ${MAX_HEADLINE_CHARS} characters`);
    events.push({ day, kind, ...(Object.keys(params).length ? { params } : {}), ...(headline ? { headline } : {}) });
  });
  return { events, errors };
}

/** `crash pct=30`: the event as the schedule reads it back (for the setup preview). */
export function describeEvent(e: ScheduledEventLine): string {
  const params = Object.entries(e.params ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return [e.kind, params].filter(Boolean).join(' ');
}
