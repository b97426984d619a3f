/** Shared plumbing for the systems tests: edit a state, run one phase, apply or refuse an action. */
import { createDraft, finishDraft } from 'immer';
import { expect } from 'vitest';
import type { Action } from '../../shared/rules/actions.js';
import type { Phase } from '../../shared/rules/context.js';
import { applyAction, applyUntrusted, stateHash } from '../../shared/rules/engine.js';
import { ledgerTotals } from '../../shared/economy/ledger.js';
import type { GameEvent, GameState } from '../../shared/rules/types.js';

export function edit(s: GameState, fn: (d: GameState) => void): GameState {
  const d = createDraft(s);
  fn(d);
  return finishDraft(d);
}

export function runPhase(s: GameState, phase: Phase): { state: GameState; events: GameEvent[] } {
  const ctx = { events: [] as GameEvent[] };
  const d = createDraft(s);
  phase(d, ctx);
  return { state: finishDraft(d), events: ctx.events };
}

/** Applies an action that must be accepted; the ledger must still sum to zero. */
export function accept(s: GameState, player: string, action: Action): GameState {
  const r = applyAction(s, player, action);
  if (!r.ok) throw new Error(`${action.type} rejected: ${r.error.message}`);
  expect(ledgerTotals(r.state.ledger)).toEqual({ usdCents: 0, sats: 0 });
  return r.state;
}

/** Applies an action that must be refused with `code`, leaving the state as it was; returns the message. */
export function rejects(s: GameState, player: string, action: Action, code: string): string {
  const before = stateHash(s);
  // The untrusted door: a refusal may come from the schema (BAD_ACTION) as well as from the rules.
  const r = applyUntrusted(s, player, action);
  expect(r.ok).toBe(false);
  expect(stateHash(s)).toBe(before);
  if (r.ok) return '';
  expect(r.error.code).toBe(code);
  return r.error.message;
}
