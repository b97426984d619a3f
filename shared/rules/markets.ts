/**
 * Closed markets: a scenario may close markets (a classroom treatment does), and then every door
 * into the engine (rooms, leagues, replays, bots) refuses their actions with MARKET_CLOSED, because
 * the check runs inside `applyAction` on scenario data.
 */
import type { Action } from './actions.js';
import type { GameState, RuleError } from './types.js';
import { MARKET_KEYS, type MarketKey } from '../economy/scenarios/types.js';

export const MARKETS = MARKET_KEYS;
export type Market = MarketKey;

/** Words for error messages ("The loans market is closed…"). */
export const MARKET_LABELS: Readonly<Record<Market, string>> = Object.freeze({
  btcTrading: 'BTC trading', leaseBook: 'GPU-lease', tenders: 'AI-lab tender', hosting: 'hosting', loans: 'loans', equity: 'equity', contest: 'narrative contest',
});

/**
 * Actions that need an open market. Cancelling a lease order and repaying a loan stay allowed:
 * closing a market must never trap a position. `acceptOffer` is only a hosting action for
 * hosting offers (buyouts are not a market), so it is decided by `marketOf` below.
 */
const MARKET_OF_ACTION: Partial<Record<Action['type'], Market>> = {
  tradeBtc: 'btcTrading',
  placeLeaseOrder: 'leaseBook',
  bidTender: 'tenders',
  takeLoan: 'loans',
  raiseEquity: 'equity',
  buyback: 'equity',
  contestPick: 'contest',
};

/** The market an action trades on, if it needs one. */
export function marketOf(state: GameState, action: Action): Market | null {
  if (action.type === 'acceptOffer') return state.offers[action.offerId]?.kind === 'hosting' ? 'hosting' : null;
  return MARKET_OF_ACTION[action.type] ?? null;
}

/** MARKET_CLOSED when the action trades on a market the scenario closed, else null. */
export function closedMarketError(state: GameState, action: Action): RuleError | null {
  const closed = state.scenario.closedMarkets;
  if (!closed || closed.length === 0) return null;
  const market = marketOf(state, action);
  if (!market || !closed.includes(market)) return null;
  return { code: 'MARKET_CLOSED', message: `The ${MARKET_LABELS[market]} market is closed in this session.` };
}
