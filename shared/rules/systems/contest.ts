/** The narrative contest (parimutuel stakes, NPC momentum speculators, reflexive hype) and announcements. */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';

export const contestPhase: Phase = () => {};

type T = 'contestPick' | 'announceNarrative';
const notYet = () => fail('NOT_AVAILABLE', 'not built yet');
export const contestReducers: { [K in T]: Reducer<K> } = { contestPick: notYet, announceNarrative: notYet };
