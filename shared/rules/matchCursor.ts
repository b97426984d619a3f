/**
 * The engine for a caller that owns its match and keeps no old states: the headless runner, replays
 * and league workers. `applyAction` and `step` are pure, so each action pays for a draft and each
 * day for a copy of the whole state; here a day costs one copy at most and an action none.
 *
 * The day's first action copies the day's state (`base`, which stays as it was: bots read their
 * views from it) into `work`, and every accepted action and the day itself are played on `work` in
 * place. A rejected action leaves the match as it was: a reducer outside `REFUSES_BEFORE_WRITING` may
 * have written before it refused, so then `work` is rebuilt from `base` and the day's accepted actions (they are re-applied in order and
 * give the same state: the engine is deterministic). Rejections are rare (under one a day with a
 * hundred bots), so rebuilding costs less than drafting every action.
 *
 * With `inPlace` (the caller keeps no state but the current one) even the day's copy goes: every
 * day is played on one state, and so are the actions whose reducers refuse before they write
 * (`REFUSES_BEFORE_WRITING`, about 70 % of what bots send); any other goes through the pure door on it,
 * whose draft a refusal discards. Before each day the memos on records that change in place (the
 * views', the ASIC groups) are forgotten.
 */
import type { Action } from './actions.js';
import { addPlayer, addPlayerInPlace, applyAction, applyActionInPlace, REFUSES_BEFORE_WRITING, step, stepInPlace, type NewPlayer } from './engine.js';
import { forgetViewMemos } from './view.js';
import { forgetAsicGroups } from './systems/mining.js';
import { forgetHoldings } from './systems/valuation.js';
import type { GameEvent, GameState, PlayerId, RuleError, StepResult } from './types.js';
import { workingCopy } from './workingCopy.js';

export interface MatchCursor {
  /**
   * The match as it is now. Between `step`s this may be the object actions are changing: read it
   * before the next call, keep nothing from it. After `step` it is the new day's state, which stays
   * as it is for good (the next day works on a copy), unless the cursor plays `inPlace`.
   */
  readonly state: GameState;
  apply(playerId: PlayerId, action: Action): { ok: true; events: GameEvent[] } | { ok: false; error: RuleError };
  addPlayer(player: NewPlayer): void;
  step(): StepResult;
}

export function matchCursor(initial: GameState, options: { inPlace?: boolean } = {}): MatchCursor {
  if (options.inPlace) return inPlaceCursor(initial);
  let base = initial;
  let work: GameState | null = null;
  let accepted: { playerId: PlayerId; action: Action }[] = [];

  const rebuild = () => {
    const w = workingCopy(base);
    for (const a of accepted) {
      const again = applyActionInPlace(w, a.playerId, a.action);
      if (!again.ok) throw new Error(`matchCursor: ${a.action.type} was accepted and is now refused (${again.error.code}): the engine is not deterministic`);
    }
    work = w;
  };

  return {
    get state() {
      return work ?? base;
    },
    apply(playerId, action) {
      work ??= workingCopy(base);
      const r = applyActionInPlace(work, playerId, action);
      if (r.ok) {
        accepted.push({ playerId, action });
        return r;
      }
      if (r.touched) rebuild();
      return { ok: false, error: r.error };
    },
    addPlayer(player) {
      // Seating is rare (before day 1, or a late join): the pure door, then today's copy anew.
      base = addPlayer(work ?? base, player);
      work = null;
      accepted = [];
    },
    step() {
      const r = work ? stepInPlace(work) : step(base);
      base = r.state;
      work = null;
      accepted = [];
      return r;
    },
  };
}

function inPlaceCursor(initial: GameState): MatchCursor {
  let work = workingCopy(initial);
  return {
    get state() {
      return work;
    },
    apply(playerId, action) {
      if (REFUSES_BEFORE_WRITING.has(action.type)) {
        const r = applyActionInPlace(work, playerId, action);
        return r.ok ? r : { ok: false, error: r.error };
      }
      const r = applyAction(work, playerId, action);
      if (!r.ok) return r;
      rehouse(work, r.state);
      return { ok: true, events: r.events };
    },
    addPlayer(player) {
      // The state stays the same object: what the views memoised on it is stale.
      forgetViewMemos();
      addPlayerInPlace(work, player);
    },
    step() {
      forgetViewMemos();
      forgetAsicGroups();
      const r = stepInPlace(work);
      work = r.state;
      return r;
    },
  };
}

/**
 * Moves the pure door's result into the state played in place, field by field. The result is a new
 * object of immer's making, with another hidden class than the working copy's: a match that took it
 * over handed the engine two state shapes, and every phase compiled for one was deoptimised and
 * compiled again on meeting the other. Both have the same keys; what was kept on `work` (views,
 * holdings) is forgotten.
 */
function rehouse(work: GameState, next: GameState): void {
  const to = work as unknown as Record<string, unknown>;
  const from = next as unknown as Record<string, unknown>;
  for (const k in from) to[k] = from[k];
  forgetViewMemos();
  forgetHoldings();
}
