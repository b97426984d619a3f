/** Loans, interest, margin calls, bankruptcy and restructuring, equity raises and buybacks. */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';

export const financePhase: Phase = () => {};

type T = 'takeLoan' | 'repayLoan' | 'raiseEquity' | 'buyback';
const notYet = () => fail('NOT_AVAILABLE', 'not built yet');
export const financeReducers: { [K in T]: Reducer<K> } = {
  takeLoan: notYet, repayLoan: notYet, raiseEquity: notYet, buyback: notYet,
};
