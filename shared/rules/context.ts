/** What reducers and daily phases receive besides the draft state. */
import type { ActionOf, ActionType } from './actions.js';
import type { GameEvent, GameState, PlayerId, RuleError, ErrorCode } from './types.js';
import { addDays } from '../economy/calendar.js';

export interface Ctx {
  /** Events produced so far in this action or day; phases push to it. */
  events: GameEvent[];
}

/**
 * A reducer mutates an immer draft. It may mutate before it discovers an error: a returned
 * RuleError discards the whole draft, so the caller's state is untouched either way.
 */
export type Reducer<T extends ActionType> = (
  draft: GameState,
  playerId: PlayerId,
  action: ActionOf<T>,
  ctx: Ctx,
) => RuleError | void;

export type ReducerTable = { [K in ActionType]: Reducer<K> };

/** One daily phase of `step`, run on the draft in a fixed order. */
export type Phase = (draft: GameState, ctx: Ctx) => void;

export function fail(code: ErrorCode, message: string): RuleError {
  return { code, message };
}

export function newId(draft: GameState, prefix: string): string {
  draft.nextId += 1;
  return `${prefix}${draft.nextId}`;
}

export function nextSeq(draft: GameState): number {
  draft.nextSeq += 1;
  return draft.nextSeq;
}

export function pushNews(draft: GameState, ctx: Ctx, kind: string, headline: string): void {
  const item = { day: draft.day, date: draft.date, kind, headline };
  draft.news.push(item);
  if (draft.news.length > 60) draft.news.splice(0, draft.news.length - 60);
  ctx.events.push({ type: 'news', day: draft.day, kind, headline });
}

/** The last day the match plays (days run 0 … endDay − 1). */
export function lastDay(state: GameState): number {
  return state.endDay - 1;
}

/**
 * TOO_LATE when something started now would complete after the match's last day (an order that
 * arrives, or MW that energise, on `doneDay`); null when it completes in time. `what` starts the
 * message ("2,000 × NVIDIA H100", "Retrofitting Rockdale").
 */
export function tooLate(state: GameState, doneDay: number, what: string): RuleError | null {
  const last = lastDay(state);
  if (doneDay <= last) return null;
  const start = state.scenario.startDate;
  return fail(
    'TOO_LATE',
    `${what} would complete on day ${doneDay} (${addDays(start, doneDay)}); the match's last day is day ${last} (${addDays(start, last)}).`,
  );
}
