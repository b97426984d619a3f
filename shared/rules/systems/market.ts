/** The BTC price path and the players' BTC treasury (policy, manual trades with market impact). */
import type { Phase, Reducer } from '../context.js';
import { fail } from '../context.js';
import type { GameState } from '../types.js';
import { withRng } from '../rng.js';
import { raw } from './capacity.js';
import { hasBtcBackedLoan } from './finance.js';
import { executionPriceUsd, hypeLogReturn, impactLogReturn, seedKeyframePoints, stepBtcPrice } from '../../economy/btcPrice.js';
import { btcSats, cashCents, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { btcToSats, centsToUsd, satsToBtc, satsValueCents } from '../../economy/money.js';

/** Rolling windows in `state.recent` keep this many days (momentum and charts need no more). */
export const RECENT_WINDOW_DAYS = 60;

/**
 * Appends to a rolling window of `draft.recent`. A fresh plain array replaces the old one: shifting
 * a drafted array would go through immer's proxy once per element, every day.
 */
export function pushRecent(draft: GameState, key: keyof GameState['recent'], value: number): void {
  const window = raw(draft.recent[key]);
  const next = window.slice(Math.max(0, window.length + 1 - RECENT_WINDOW_DAYS));
  next.push(value);
  draft.recent[key] = next;
}

/**
 * Moves the price from today's to tomorrow's (the date the state shows after this step), so a
 * state dated on one of the seed's keyframes carries that keyframe's price (plus the players'
 * mark). Event jumps, the hype term and players' net flow are consumed here and reset.
 */
export const marketPhase: Phase = (draft) => {
  const s = raw(draft.scenario);
  const btc = draft.btc;
  const keyframes = s.btc.mode === 'keyframes';
  const hypeLog = hypeLogReturn(draft.hype.crypto, s.hype.crypto);
  const next = withRng(draft.rng, 'price', (rng) =>
    stepBtcPrice({
      mode: s.btc.mode,
      points: keyframes ? seedKeyframePoints(raw(btc.keyframePath)) : [],
      prevUsd: btc.btcUsd,
      day: draft.day,
      prevBridgeLogDeviation: btc.bridgeLogDeviation,
      prevCrowdLogOffset: btc.crowdLogOffset,
      regime: btc.regime,
      volAnnual: s.btc.volAnnual,
      driftAnnual: s.btc.driftAnnual,
      shockLog: btc.pendingJumpLog,
      hypeLog,
      impactLog: impactLogReturn(btc.playerNetFlowUsd, s.btc.marketDepthUsd),
      z: rng.normal(),
      u: rng.next(),
    }),
  );
  btc.btcUsd = next.usd;
  btc.bridgeLogDeviation = next.bridgeLogDeviation;
  btc.crowdLogOffset = next.crowdLogOffset;
  btc.regime = next.regime;
  btc.pendingJumpLog = 0;
  btc.playerNetFlowUsd = 0;
  btc.playerBoughtTodayUsd = 0;
  btc.playerSoldTodayUsd = 0;
  pushRecent(draft, 'btcUsd', next.usd);
};

// One formatter each: `toLocaleString` with options builds a new one per call (~20 µs), and bots
// get these messages with every refused trade.
const USD_FORMAT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const BTC_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

function formatUsd(cents: number): string {
  return `$${USD_FORMAT.format(centsToUsd(cents))}`;
}

function formatBtc(sats: number): string {
  return `${BTC_FORMAT.format(satsToBtc(sats))} BTC`;
}

/**
 * Buys or sells BTC against the world at today's price, moved by the day's earlier trades on the
 * same side and the trade's own impact; the day's net flow becomes part of the players' mark on
 * tomorrow's price.
 */
function tradeBtc(draft: GameState, playerId: string, side: 'buy' | 'sell', amountBtc: number) {
  const sats = btcToSats(amountBtc);
  if (sats <= 0) return fail('BAD_ACTION', 'Trade at least one satoshi (0.00000001 BTC).');
  const price = draft.btc.btcUsd;
  const notionalUsd = amountBtc * price;
  const eatenUsd = side === 'buy' ? draft.btc.playerBoughtTodayUsd : draft.btc.playerSoldTodayUsd;
  const execUsd = executionPriceUsd(price, side, notionalUsd, draft.scenario.btc.marketDepthUsd, eatenUsd);
  const cents = satsValueCents(sats, execUsd);
  if (cents <= 0) return fail('BAD_ACTION', `${formatBtc(sats)} is worth less than a cent; trade a larger amount.`);
  const account = playerAccount(playerId);
  if (side === 'buy') {
    if (hasBtcBackedLoan(draft, playerId)) {
      return fail('COVENANT', 'Your BTC-backed loan forbids buying more BTC while it is outstanding: repay it first.');
    }
    const cash = cashCents(draft.ledger, playerId);
    if (cash < cents) {
      return fail('INSUFFICIENT_FUNDS', `Buying ${formatBtc(sats)} costs ${formatUsd(cents)} at ${formatUsd(Math.round(execUsd * 100))}/BTC; you have ${formatUsd(cash)} in cash.`);
    }
    transfer(draft.ledger, { from: account, to: WORLD, usdCents: cents, reason: 'btcTrade' });
    transfer(draft.ledger, { from: WORLD, to: account, sats, reason: 'btcTrade' });
    draft.btc.playerNetFlowUsd += centsToUsd(cents);
    draft.btc.playerBoughtTodayUsd += notionalUsd;
  } else {
    const held = btcSats(draft.ledger, playerId);
    if (held < sats) return fail('INSUFFICIENT_BTC', `You hold ${formatBtc(held)}; you cannot sell ${formatBtc(sats)}.`);
    transfer(draft.ledger, { from: account, to: WORLD, sats, reason: 'btcTrade' });
    transfer(draft.ledger, { from: WORLD, to: account, usdCents: cents, reason: 'btcTrade' });
    draft.btc.playerNetFlowUsd -= centsToUsd(cents);
    draft.btc.playerSoldTodayUsd += notionalUsd;
  }
}

export const treasuryReducers: { setTreasuryPolicy: Reducer<'setTreasuryPolicy'>; tradeBtc: Reducer<'tradeBtc'> } = {
  setTreasuryPolicy: (draft, playerId, action) => {
    const p = draft.players[playerId];
    if (!p) return fail('UNKNOWN_PLAYER', 'No such player.');
    p.sellMinedPct = action.sellMinedPct;
  },
  tradeBtc: (draft, playerId, action) => {
    if (!draft.players[playerId]) return fail('UNKNOWN_PLAYER', 'No such player.');
    return tradeBtc(draft, playerId, action.side, action.amountBtc);
  },
};
