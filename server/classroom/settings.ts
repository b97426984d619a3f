/**
 * Treatment settings of a classroom session: validation, and how they become engine parameters.
 * Everything the engine must know (cash, contest period, stake limit, events, closed markets'
 * arrival rates) goes into a copy of the scenario before `createGame`, so the state carries it
 * and a replay of the session is exact without knowing it was a class.
 */
import { addDays } from '../../shared/economy/calendar.js';
import { EVENT_KINDS, type Scenario } from '../../shared/economy/scenarios/types.js';
import { validateEventParams } from '../../shared/economy/events.js';
import { createGame } from '../../shared/rules/engine.js';

export { MARKETS, MARKET_LABELS, marketOf, type Market } from '../../shared/rules/markets.js';
import { MARKETS, type Market } from '../../shared/rules/markets.js';

export { classroomOptionsSchema, MAX_LABELS, MAX_SCHEDULED_EVENTS, type ClassroomOptions } from '../../shared/protocol/classroom.js';
import { classroomOptionsSchema } from '../../shared/protocol/classroom.js';

/** Settings after defaults: what the session persists and runs on. */
export interface ClassroomSettings {
  startingCashUsd: number | null;
  marketsOpen: Record<Market, boolean>;
  events: { day: number; kind: (typeof EVENT_KINDS)[number]; params: Record<string, number | string>; headline?: string }[];
  contestPeriodDays: number | null;
  maxStakeUsd: number | null;
  anonymousNames: boolean;
  chat: boolean;
  labels: string[];
  /** Whether people without a student link get in; absent in sessions stored before it existed. */
  allowGuests?: boolean;
  /** Students pick their label from the list of untaken ones (join option `label`); absent = false. */
  labelList?: boolean;
  /** The teacher's name or course for the export; absent when not given. */
  teacher?: string;
}

/** A session without labels is open to anyone with the code; a labelled one only to its links unless the teacher allows guests. */
export function guestsAllowed(s: ClassroomSettings): boolean {
  return s.allowGuests ?? s.labels.length === 0;
}

/** Whether students choose their label from the list of untaken ones (needs labels). */
export function labelListOn(s: ClassroomSettings): boolean {
  return s.labelList === true && s.labels.length > 0;
}

/** Labels match case-insensitively, ignoring surrounding spaces. */
export function labelKey(label: string): string {
  return label.trim().toLowerCase();
}

/** Validates the raw `classroom` option; throws an Error with a sentence for the teacher. */
export function parseClassroomOptions(raw: unknown): ClassroomSettings {
  const parsed = classroomOptionsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Bad classroom settings: ${['classroom', ...(issue?.path ?? [])].join('.')} ${issue?.message ?? ''}`.trim());
  }
  const o = parsed.data;
  const labels = (o.labels ?? []).map((l) => l.trim());
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(labelKey(l))) throw new Error(`Bad classroom settings: the label "${l}" appears twice.`);
    seen.add(labelKey(l));
  }
  if (o.labelList && labels.length === 0) throw new Error('Bad classroom settings: "choose your name from the list" needs a list of labels.');
  const marketsOpen = Object.fromEntries(MARKETS.map((m) => [m, o.marketsOpen?.[m] ?? true])) as Record<Market, boolean>;
  return {
    startingCashUsd: o.startingCashUsd ?? null,
    marketsOpen,
    events: (o.events ?? []).map((e) => ({ day: e.day, kind: e.kind, params: e.params ?? {}, ...(e.headline ? { headline: e.headline } : {}) })),
    contestPeriodDays: o.contestPeriodDays ?? null,
    maxStakeUsd: o.maxStakeUsd ?? null,
    anonymousNames: o.anonymousNames ?? false,
    chat: o.chat ?? false,
    labels,
    allowGuests: o.allowGuests ?? labels.length === 0,
    ...(o.labelList ? { labelList: true } : {}),
    ...(o.teacher ? { teacher: o.teacher } : {}),
  };
}

/**
 * The scenario copy a session runs on. Throws when a scheduled event is out of range or has bad
 * parameters (checked against a throwaway day-0 game, like `inject` checks them live).
 */
export function applyTreatment(base: Scenario, s: ClassroomSettings, seed: string): Scenario {
  const scenario: Scenario = structuredClone(base);
  if (s.startingCashUsd !== null) scenario.finance.startCashUsd = s.startingCashUsd;
  if (s.contestPeriodDays !== null) scenario.contest.periodDays = s.contestPeriodDays;
  if (s.maxStakeUsd !== null) scenario.contest.maxStakeUsd = s.maxStakeUsd;
  // Nobody may answer them, so the engine should not post them either.
  if (!s.marketsOpen.tenders) scenario.compute.tenderRatePerDay = 0;
  if (!s.marketsOpen.hosting) scenario.compute.hostingOfferRatePerDay = 0;
  // The engine refuses their actions (shared/rules/markets.ts): rooms, replays and bots obey one rule.
  const closed = MARKETS.filter((m) => !s.marketsOpen[m]);
  if (closed.length) scenario.closedMarkets = closed;
  if (s.events.length) {
    const probe = createGame(scenario, seed);
    for (const e of s.events) {
      if (e.day >= scenario.days) throw new Error(`Bad classroom settings: event on day ${e.day}, but the scenario lasts ${scenario.days} days.`);
      const problem = validateEventParams(probe, e.kind, e.params);
      if (problem) throw new Error(`Bad classroom settings: day ${e.day}: ${problem}`);
    }
    scenario.events = [
      ...scenario.events,
      ...s.events.map((e) => ({ date: addDays(scenario.startDate, e.day), kind: e.kind, params: e.params, onCalendar: true, ...(e.headline ? { headline: e.headline } : {}) })),
    ];
  }
  return scenario;
}

/** "Company A" … "Company Z", "Company AA", … for seat index 0, 1, … */
export function anonymousName(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `Company ${letters}`;
}
