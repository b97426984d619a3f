/** Loans, interest, margin calls, bankruptcy and restructuring, equity raises and buybacks. */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, newId, pushNews } from '../context.js';
import type { GameState, Loan, PlayerId, PlayerState, RuleError } from '../types.js';
import { balanceOf, btcSats, cashCents, LEASE_ESCROW, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { blockCents } from '../../economy/leaseBook.js';
import { btcToSats, centsToUsd, satsToBtc, satsValueCents, usdToCents } from '../../economy/money.js';
import {
  borrowingBaseUsd,
  borrowingRoomCents,
  buybackShares,
  dailyInterestCents,
  DISTRESS_DAYS_TO_BANKRUPTCY,
  currentWindow,
  equityIssue,
  isMarginCallTriggered,
  ISSUANCE_WINDOW_DAYS,
  issuableShares,
  MAX_BUYBACK_SHARE_PER_WINDOW,
  MAX_ISSUE_SHARE_PER_WINDOW,
  MAX_SHARES_OUTSTANDING,
  RESTRUCTURED_FOUNDER_SHARE,
  retirableShares,
  unsecuredRoomCents,
  loanRatePct,
  MARGIN_CALL_GRACE_DAYS,
  minCollateralSats,
  minSharesOutstanding,
} from '../../economy/finance.js';
import { navUsd } from '../../economy/valuation.js';
import { forgetRecordList, lotIdsOf, raw } from './capacity.js';
import { loanEscrow, navPartsByPlayer, playerNavUsd, playerSectorHype, tierUsdPerMw } from './valuation.js';
import { own } from '../own.js';
import { renderNewsEn } from '../../economy/newsText.js';
import { recordValues } from '../recordValues.js';

/** A solvent company that cannot repay at maturity is rolled over this long, at a penalty rate. */
export const ROLLOVER_DAYS = 30;
export const ROLLOVER_PENALTY_PCT = 2;

const usd = (cents: number) => `$${Math.round(centsToUsd(cents)).toLocaleString('en-US')}`;
const usdPrice = (usd: number) => `$${usd.toFixed(2)}`;
const pct = (share: number) => `${Math.round(share * 100)}%`;
const btcText = (sats: number) => `${String(Math.round(satsToBtc(sats) * 1e4) / 1e4)} BTC`;

function activePlayer(draft: GameState, playerId: PlayerId): PlayerState | RuleError {
  const p = draft.players[playerId];
  if (!p) return fail('UNKNOWN_PLAYER', `No player ${playerId} in this match.`);
  if (p.bankrupt) return fail('BANKRUPT', 'Your company is in bankruptcy proceedings.');
  return p;
}

const isError = (x: PlayerState | RuleError): x is RuleError => 'code' in x;

/** Cash read past the draft: a daily scan over every player must not proxy every ledger account. */
function plainCashCents(state: GameState, playerId: PlayerId): number {
  return raw(raw(state.ledger).accounts)[playerAccount(playerId)]?.usdCents ?? 0;
}

export function debtCents(state: GameState, playerId: PlayerId, only?: 'unsecured'): number {
  let cents = 0;
  for (const loan of recordValues(raw(state.loans))) {
    if (loan.ownerId === playerId && (only !== 'unsecured' || loan.collateralSats <= 0)) cents += loan.principalUsdCents;
  }
  return cents;
}

/** A BTC-backed loan's covenant: its proceeds may not buy more BTC (no loops of pledge, borrow, buy). */
export function hasBtcBackedLoan(state: GameState, playerId: PlayerId): boolean {
  return recordValues(state.loans).some((l) => l.ownerId === playerId && l.collateralSats > 0);
}

/** Returns the collateral to the borrower and removes the loan (principal must already be 0). */
function closeLoan(draft: GameState, loan: Loan): void {
  const sats = balanceOf(draft.ledger, loanEscrow(loan.id)).sats;
  transfer(draft.ledger, { from: loanEscrow(loan.id), to: playerAccount(loan.ownerId), sats, reason: 'collateralReturn' });
  delete draft.loans[loan.id];
}

/** The lender sells the pledged BTC to the market and applies the proceeds; the borrower gets any surplus. */
function liquidateCollateral(draft: GameState, loan: Loan): void {
  const sats = balanceOf(draft.ledger, loanEscrow(loan.id)).sats;
  if (sats <= 0) return;
  const valueCents = satsValueCents(sats, draft.btc.btcUsd);
  transfer(draft.ledger, { from: loanEscrow(loan.id), to: WORLD, sats, reason: 'liquidation' });
  // A forced sale is selling like any other: it weighs on tomorrow's price.
  draft.btc.playerNetFlowUsd -= centsToUsd(valueCents);
  const applied = Math.min(valueCents, loan.principalUsdCents);
  loan.principalUsdCents -= applied;
  transfer(draft.ledger, { from: WORLD, to: playerAccount(loan.ownerId), usdCents: valueCents - applied, reason: 'liquidation' });
  loan.collateralSats = 0;
  loan.marginCallDueDay = 0;
}

/** Pays as much of the principal as cash allows; true when the loan is settled (and removed). */
function payDownFromCash(draft: GameState, loan: Loan): boolean {
  const pay = Math.min(loan.principalUsdCents, cashCents(draft.ledger, loan.ownerId));
  transfer(draft.ledger, { from: playerAccount(loan.ownerId), to: WORLD, usdCents: pay, reason: 'repay' });
  loan.principalUsdCents -= pay;
  if (loan.principalUsdCents > 0) return false;
  closeLoan(draft, loan);
  return true;
}

/**
 * Bankruptcy: creditors (the world) take the cash, BTC, hardware and sites, debts are written off,
 * the shareholders are wiped out, and the company restarts small so its player keeps playing.
 */
export function declareBankruptcy(draft: GameState, ctx: Ctx, playerId: PlayerId): void {
  const p = draft.players[playerId];
  if (!p) return;
  const account = playerAccount(playerId);
  for (const loan of recordValues(draft.loans)) {
    if (loan.ownerId !== playerId) continue;
    const sats = balanceOf(draft.ledger, loanEscrow(loan.id)).sats;
    transfer(draft.ledger, { from: loanEscrow(loan.id), to: WORLD, sats, reason: 'bankruptcy' });
    delete draft.loans[loan.id];
  }
  // Resting lease bids come off the book first so their escrow joins what the creditors take.
  for (const o of recordValues(draft.leaseOrders)) {
    if (o.ownerId !== playerId) continue;
    if (o.side === 'bid') transfer(draft.ledger, { from: LEASE_ESCROW, to: account, usdCents: o.remaining * blockCents(o.priceUsdPerGpuHour), reason: 'leaseRefund' });
    delete draft.leaseOrders[o.id];
  }
  const bal = balanceOf(draft.ledger, account);
  transfer(draft.ledger, { from: account, to: WORLD, usdCents: bal.usdCents, sats: bal.sats, reason: 'bankruptcy' });
  for (const lotId of [...lotIdsOf(draft, playerId)]) if (draft.lots[lotId]?.ownerId === playerId) delete draft.lots[lotId];
  forgetRecordList(draft.lots);
  for (const c of recordValues(draft.contracts)) if (c.ownerId === playerId) delete draft.contracts[c.id];
  forgetRecordList(draft.contracts);
  for (const o of recordValues(draft.offers)) {
    if (o.bids.some((b) => b.playerId === playerId)) o.bids = o.bids.filter((b) => b.playerId !== playerId);
  }
  for (const t of recordValues(draft.tenders)) {
    if (t.bids.some((b) => b.playerId === playerId)) t.bids = t.bids.filter((b) => b.playerId !== playerId);
  }
  for (const site of Object.values(draft.sites)) {
    if (site.ownerId !== playerId) continue;
    // Rented colocation space goes back to its provider, not onto the listing.
    if (site.coloProviderId) {
      delete draft.sites[site.id];
      forgetRecordList(draft.sites);
      continue;
    }
    site.ownerId = null;
    site.hostedMw = 0;
    site.listPriceUsd = Math.round((site.energisedMw + site.buildingMw) * tierUsdPerMw(draft, site.tier));
  }
  const restartCents = usdToCents(draft.scenario.finance.restructureCashUsd);
  transfer(draft.ledger, { from: WORLD, to: account, usdCents: restartCents, reason: 'restructure' });
  // Shareholders are wiped out: the creditors own the restructured company, the founders keep a sliver.
  p.sharesOutstanding = Math.round(p.founderShares / RESTRUCTURED_FOUNDER_SHARE);
  Object.assign(p, { issuanceWindowStartDay: draft.day, issuanceWindowBaseShares: p.sharesOutstanding, sharesIssuedInWindow: 0, sharesRetiredInWindow: 0 });
  p.restructurings += 1;
  p.narrative = 'none';
  p.narrativeSinceDay = draft.day;
  p.distressDays = 0;
  p.revenueMiningUsdPerDay = 0;
  p.revenueAiUsdPerDay = 0;
  p.revenueOtherUsdPerDay = 0;
  p.navUsd = draft.scenario.finance.restructureCashUsd;
  p.marketCapUsd = draft.scenario.finance.restructureCashUsd;
  p.multiple = 1;
  ctx.events.push({ type: 'bankrupt', day: draft.day, playerId });
  pushNews(draft, ctx, 'bankrupt', renderNewsEn({ key: 'news.bankrupt', params: { company: p.name, restartUsd: Math.round(centsToUsd(restartCents)) } }));
}

function accrueInterest(draft: GameState, loan: Loan): void {
  const due = dailyInterestCents(loan.principalUsdCents, loan.ratePctYear);
  const paid = Math.min(due, cashCents(draft.ledger, loan.ownerId));
  transfer(draft.ledger, { from: playerAccount(loan.ownerId), to: WORLD, usdCents: paid, reason: 'interest' });
  // Unpaid interest is capitalised: the debt grows until the company pays or fails.
  loan.principalUsdCents += due - paid;
}

/** Returns the id of a player who must go bankrupt because of this loan, or null. */
function checkMarginCall(draft: GameState, ctx: Ctx, loan: Loan): PlayerId | null {
  if (loan.collateralSats <= 0) return null;
  const triggered = isMarginCallTriggered(loan.principalUsdCents, loan.collateralSats, draft.btc.btcUsd, loan.marginCallLtv);
  if (!triggered) {
    loan.marginCallDueDay = 0;
    return null;
  }
  if (loan.marginCallDueDay === 0) {
    loan.marginCallDueDay = draft.day + MARGIN_CALL_GRACE_DAYS;
    ctx.events.push({ type: 'marginCall', day: draft.day, playerId: loan.ownerId, loanId: loan.id });
    const name = draft.players[loan.ownerId]?.name ?? loan.ownerId;
    pushNews(draft, ctx, 'marginCall', renderNewsEn({ key: 'news.marginCall', params: { company: name, days: MARGIN_CALL_GRACE_DAYS } }));
    return null;
  }
  if (draft.day < loan.marginCallDueDay) return null;
  liquidateCollateral(draft, loan);
  if (loan.principalUsdCents === 0) {
    delete draft.loans[loan.id];
    return null;
  }
  return payDownFromCash(draft, loan) ? null : loan.ownerId;
}

/** At maturity: repay from cash, else seize collateral; a solvent borrower rolls over, an insolvent one fails. */
function checkMaturity(draft: GameState, ctx: Ctx, loan: Loan): PlayerId | null {
  if (draft.day < loan.dueDay) return null;
  if (payDownFromCash(draft, loan)) return null;
  liquidateCollateral(draft, loan);
  if (loan.principalUsdCents === 0) {
    delete draft.loans[loan.id];
    return null;
  }
  if (payDownFromCash(draft, loan)) return null;
  if (playerNavUsd(draft, loan.ownerId) <= 0) return loan.ownerId;
  loan.dueDay = draft.day + ROLLOVER_DAYS;
  loan.ratePctYear += ROLLOVER_PENALTY_PCT;
  const name = draft.players[loan.ownerId]?.name ?? loan.ownerId;
  pushNews(draft, ctx, 'finance', renderNewsEn({ key: 'news.rollover', params: { company: name } }));
  return null;
}

/** Daily: interest, margin calls, maturities, then the distress watch that ends in bankruptcy. */
export const financePhase: Phase = (draft, ctx) => {
  const failed: PlayerId[] = [];
  for (const loanId of Object.keys(draft.loans)) {
    const loan = draft.loans[loanId];
    if (!loan || !draft.players[loan.ownerId] || failed.includes(loan.ownerId)) continue;
    accrueInterest(draft, loan);
    const fromCall = checkMarginCall(draft, ctx, loan);
    if (fromCall) {
      failed.push(fromCall);
      continue;
    }
    if (!draft.loans[loanId]) continue;
    const fromMaturity = checkMaturity(draft, ctx, loan);
    if (fromMaturity) failed.push(fromMaturity);
  }
  for (const id of failed) declareBankruptcy(draft, ctx, id);

  // Every distressed company is valued as the state stood when the first was met: each alone (its
  // own lots, usually one or two companies with no cash) while nothing has changed since, and all at
  // once before a bankruptcy here changes the state.
  let all: ReturnType<typeof navPartsByPlayer> | null = null;
  const players = raw(draft.players);
  for (const id of draft.playerOrder) {
    const plain = players[id];
    if (!plain || failed.includes(id)) continue;
    if (plainCashCents(draft, id) > 0) {
      if (plain.distressDays !== 0) draft.players[id]!.distressDays = 0;
      continue;
    }
    const p = draft.players[id]!;
    const np = (all ?? navPartsByPlayer(draft, id)).get(id);
    p.distressDays = np && navUsd(np) < 0 ? p.distressDays + 1 : 0;
    if (p.distressDays >= DISTRESS_DAYS_TO_BANKRUPTCY) {
      all ??= navPartsByPlayer(draft);
      declareBankruptcy(draft, ctx, id);
    }
  }
};

type T = 'takeLoan' | 'repayLoan' | 'raiseEquity' | 'buyback';
export const financeReducers: { [K in T]: Reducer<K> } = {
  takeLoan: (draft, playerId, action) => {
    const p = activePlayer(draft, playerId);
    if (isError(p)) return p;
    const amountCents = usdToCents(action.amountUsd);
    const collateralSats = btcToSats(action.collateralBtc ?? 0);
    const heldSats = btcSats(draft.ledger, playerId);
    if (collateralSats > heldSats) {
      return fail('INSUFFICIENT_BTC', `You pledge ${btcText(collateralSats)} but hold ${btcText(heldSats)}.`);
    }
    const parts = navPartsByPlayer(draft, playerId).get(playerId);
    const nav = parts ? navUsd(parts) : 0;
    const debt = debtCents(draft, playerId);
    const { maxLeverage, marginCallLtv } = draft.scenario.finance;
    const cap = `${Math.round(maxLeverage * 100)}%`;
    if (collateralSats > 0) {
      const room = borrowingRoomCents(nav, debt, maxLeverage);
      if (amountCents > room) return fail('LIMIT', `You can borrow at most ${usd(room)} more: debt is capped at ${cap} of NAV (${usd(usdToCents(nav))}).`);
    } else {
      const base = parts ? borrowingBaseUsd(parts) : 0;
      const room = unsecuredRoomCents(base, debtCents(draft, playerId, 'unsecured'), nav, debt, maxLeverage);
      if (amountCents > room) {
        return fail('LIMIT', `You can borrow at most ${usd(room)} more without collateral: lenders advance ${cap} of your machines, sites and contracts (${usd(usdToCents(base))}) and cap all debt at ${cap} of NAV. Pledge BTC for a secured loan.`);
      }
    }
    const btcUsd = draft.btc.btcUsd;
    if (collateralSats > 0) {
      const need = minCollateralSats(amountCents, btcUsd, marginCallLtv);
      if (collateralSats < need) {
        return fail('LIMIT', `A BTC-backed loan of ${usd(amountCents)} needs at least ${btcText(need)} of collateral (margin call at ${Math.round(marginCallLtv * 100)}% LTV).`);
      }
    }
    const ratePctYear = loanRatePct({
      baseRatePct: draft.interestRatePct,
      leverage: (debt + amountCents) / Math.max(1, usdToCents(nav)),
      sectorHype: playerSectorHype(draft, playerId),
      collateralCoverage: satsValueCents(collateralSats, btcUsd) / amountCents,
    });
    const id = newId(draft, 'loan');
    draft.loans[id] = {
      id,
      ownerId: playerId,
      principalUsdCents: amountCents,
      ratePctYear,
      startDay: draft.day,
      dueDay: draft.day + action.termDays,
      collateralSats,
      marginCallLtv,
      marginCallDueDay: 0,
    };
    transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: amountCents, reason: 'loan' });
    transfer(draft.ledger, { from: playerAccount(playerId), to: loanEscrow(id), sats: collateralSats, reason: 'collateral' });
  },

  repayLoan: (draft, playerId, action) => {
    const p = activePlayer(draft, playerId);
    if (isError(p)) return p;
    const loan = own(draft.loans, action.loanId);
    if (!loan) return fail('NOT_FOUND', `No loan ${action.loanId}.`);
    if (loan.ownerId !== playerId) return fail('NOT_OWNER', `Loan ${action.loanId} is not yours.`);
    const cents = usdToCents(action.amountUsd);
    if (cents > loan.principalUsdCents) return fail('LIMIT', `You owe only ${usd(loan.principalUsdCents)} on loan ${loan.id}.`);
    const cash = cashCents(draft.ledger, playerId);
    if (cents > cash) return fail('INSUFFICIENT_FUNDS', `Repaying ${usd(cents)} needs more cash than your ${usd(cash)}.`);
    transfer(draft.ledger, { from: playerAccount(playerId), to: WORLD, usdCents: cents, reason: 'repay' });
    loan.principalUsdCents -= cents;
    if (loan.principalUsdCents === 0) closeLoan(draft, loan);
    else if (!isMarginCallTriggered(loan.principalUsdCents, loan.collateralSats, draft.btc.btcUsd, loan.marginCallLtv)) loan.marginCallDueDay = 0;
  },

  raiseEquity: (draft, playerId, action) => {
    const p = activePlayer(draft, playerId);
    if (isError(p)) return p;
    const gross = usdToCents(action.amountUsd);
    const issue = equityIssue(gross, p.marketCapUsd, p.sharesOutstanding, draft.scenario.finance.equityFeePct);
    if (!issue) return fail('NOT_AVAILABLE', 'The market values your company at nothing: nobody will buy new shares.');
    const window = currentWindow(p, p.sharesOutstanding, draft.day);
    const room = Math.min(issuableShares(window), MAX_SHARES_OUTSTANDING - p.sharesOutstanding);
    if (issue.newShares > room) {
      return fail('LIMIT', `You can sell at most ${room.toLocaleString('en-US')} more shares (about ${usd(usdToCents(room * issue.priceUsd))} at ${usdPrice(issue.priceUsd)} a share) until day ${window.issuanceWindowStartDay + ISSUANCE_WINDOW_DAYS}: issuance is capped at ${pct(MAX_ISSUE_SHARE_PER_WINDOW)} of shares per ${ISSUANCE_WINDOW_DAYS} days.`);
    }
    transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: issue.netCents, reason: 'equity' });
    Object.assign(p, window);
    p.sharesOutstanding += issue.newShares;
    p.sharesIssuedInWindow += issue.newShares;
    // Post-money until tonight's valuation: the new cash counts at par, so raising and buying back
    // the same day cannot shrink the share count for free.
    p.marketCapUsd += centsToUsd(issue.netCents);
    p.navUsd += centsToUsd(issue.netCents);
  },

  buyback: (draft, playerId, action) => {
    const p = activePlayer(draft, playerId);
    if (isError(p)) return p;
    const budget = usdToCents(action.amountUsd);
    const cash = cashCents(draft.ledger, playerId);
    if (budget > cash) return fail('INSUFFICIENT_FUNDS', `A ${usd(budget)} buyback needs more cash than your ${usd(cash)}.`);
    const bb = buybackShares(budget, p.marketCapUsd, p.sharesOutstanding);
    if (!bb) return fail('LIMIT', 'That buys less than one share at today\'s price.');
    const floor = minSharesOutstanding(draft.scenario.finance.startShares);
    if (p.sharesOutstanding - bb.sharesRetired < floor) {
      return fail('LIMIT', `A buyback must leave at least ${floor.toLocaleString('en-US')} shares outstanding.`);
    }
    const window = currentWindow(p, p.sharesOutstanding, draft.day);
    const room = retirableShares(window);
    if (bb.sharesRetired > room) {
      return fail('LIMIT', `You can buy back at most ${room.toLocaleString('en-US')} more shares (about ${usd(usdToCents(room * bb.priceUsd))}) until day ${window.issuanceWindowStartDay + ISSUANCE_WINDOW_DAYS}: buybacks are capped at ${pct(MAX_BUYBACK_SHARE_PER_WINDOW)} of shares per ${ISSUANCE_WINDOW_DAYS} days.`);
    }
    transfer(draft.ledger, { from: playerAccount(playerId), to: WORLD, usdCents: bb.costCents, reason: 'buyback' });
    Object.assign(p, window);
    p.sharesOutstanding -= bb.sharesRetired;
    p.sharesRetiredInWindow += bb.sharesRetired;
    p.marketCapUsd = Math.max(0, p.marketCapUsd - centsToUsd(bb.costCents));
    p.navUsd -= centsToUsd(bb.costCents);
  },
};
