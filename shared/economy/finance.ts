/**
 * Corporate finance as pure functions: loan pricing, interest accrual, loan-to-value, margin calls,
 * equity issues and buybacks. Money in integer cents, BTC in satoshis, rates in percent per year.
 */
import { centsToUsd, SATS_PER_BTC, satsValueCents, usdToCents } from './money.js';

export const DAYS_PER_YEAR = 365;
/** Spread over the base rate for a debt-free borrower in a neutral market (percent per year). */
export const BASE_SPREAD_PCT = 2;
/** Extra spread per unit of leverage (debt ÷ NAV): lenders price the risk of a thin equity cushion. */
export const LEVERAGE_SPREAD_PCT = 8;
/** Extra spread when sector sentiment is cold (hype 0) versus hot (hype 1). */
export const SENTIMENT_SPREAD_PCT = 4;
/** Share of the spread a fully BTC-collateralised loan saves. */
export const COLLATERAL_SPREAD_DISCOUNT = 0.5;
/** Days a margin call leaves to repay before the collateral is sold. */
export const MARGIN_CALL_GRACE_DAYS = 3;
/** Days in distress (no cash, liabilities above assets) before the company is declared bankrupt. */
export const DISTRESS_DAYS_TO_BANKRUPTCY = 3;
/** A buyback may not shrink the share count below this share of the starting shares. */
export const MIN_SHARES_FRACTION = 0.1;

export interface LoanPricing {
  baseRatePct: number;
  /** Debt after the loan ÷ NAV (0 = unlevered). */
  leverage: number;
  /** Sector sentiment 0–1 as the lender sees the borrower (hype weighted by its business). */
  sectorHype: number;
  /** Collateral value ÷ principal, 0 for an unsecured loan (capped at 1 in the discount). */
  collateralCoverage: number;
}

/** Annual rate in percent: base + a spread that grows with leverage and shrinks with sentiment and collateral. */
export function loanRatePct(p: LoanPricing): number {
  const leverage = Math.max(0, p.leverage);
  const hype = Math.min(1, Math.max(0, p.sectorHype));
  const spread = BASE_SPREAD_PCT + LEVERAGE_SPREAD_PCT * leverage + SENTIMENT_SPREAD_PCT * (1 - hype);
  const secured = Math.min(1, Math.max(0, p.collateralCoverage));
  return Math.max(0, p.baseRatePct) + spread * (1 - COLLATERAL_SPREAD_DISCOUNT * secured);
}

/** One day of simple interest on `principalUsdCents` at `ratePctYear` (Actual/365), in whole cents. */
export function dailyInterestCents(principalUsdCents: number, ratePctYear: number): number {
  return usdToCents((centsToUsd(principalUsdCents) * ratePctYear) / 100 / DAYS_PER_YEAR);
}

/** Loan-to-value of a BTC-secured loan; Infinity when the collateral is worth nothing. */
export function loanToValue(principalUsdCents: number, collateralSats: number, btcUsd: number): number {
  const valueCents = satsValueCents(collateralSats, btcUsd);
  if (valueCents <= 0) return principalUsdCents > 0 ? Infinity : 0;
  return principalUsdCents / valueCents;
}

/** Only secured loans get margin calls: unsecured ones are judged by solvency instead. */
export function isMarginCallTriggered(principalUsdCents: number, collateralSats: number, btcUsd: number, marginCallLtv: number): boolean {
  return collateralSats > 0 && principalUsdCents > 0 && loanToValue(principalUsdCents, collateralSats, btcUsd) >= marginCallLtv;
}

/** The fewest satoshis that open the loan strictly below the margin-call LTV (collateral valued in whole cents). */
export function minCollateralSats(principalUsdCents: number, btcUsd: number, marginCallLtv: number): number {
  if (btcUsd <= 0 || marginCallLtv <= 0) return Infinity;
  let sats = Math.max(1, Math.floor((principalUsdCents / 100 / btcUsd / marginCallLtv) * SATS_PER_BTC));
  // Cents rounding of the collateral's value can leave the estimate a few satoshis short.
  while (isMarginCallTriggered(principalUsdCents, sats, btcUsd, marginCallLtv)) sats += 1;
  return sats;
}

/** Cents a company may still borrow: debt in total may not exceed `maxLeverage` × NAV. */
export function borrowingRoomCents(navUsd: number, debtUsdCents: number, maxLeverage: number): number {
  return Math.max(0, usdToCents(Math.max(0, navUsd) * maxLeverage) - debtUsdCents);
}

/**
 * What an unsecured lender lends against: machines, sites and contracts it could take and sell.
 * Cash and coins back nothing: lending a shell money to buy coins is a bet on the coin, not a loan
 * to a business (a company with coins can pledge them instead).
 */
export function borrowingBaseUsd(p: { hardwareUsd: number; sitesUsd: number; contractsPvUsd: number }): number {
  return Math.max(0, p.hardwareUsd) + Math.max(0, p.sitesUsd) + Math.max(0, p.contractsPvUsd);
}

/** Cents of unsecured debt a company may still take: ≤ maxLeverage × its borrowing base, within the NAV cap on all debt. */
export function unsecuredRoomCents(baseUsd: number, unsecuredDebtCents: number, navUsd: number, debtUsdCents: number, maxLeverage: number): number {
  const againstBase = Math.max(0, usdToCents(Math.max(0, baseUsd) * maxLeverage) - unsecuredDebtCents);
  return Math.min(againstBase, borrowingRoomCents(navUsd, debtUsdCents, maxLeverage));
}

/** Share price in dollars; 0 when the market values the company at nothing. */
export function sharePriceUsd(marketCapUsd: number, sharesOutstanding: number): number {
  if (sharesOutstanding <= 0 || marketCapUsd <= 0) return 0;
  return marketCapUsd / sharesOutstanding;
}

/** New shares sell to the crowd this far below the market price (a placement's discount). */
export const EQUITY_DISCOUNT_PCT = 8;
/** A buyback pays this far above the market price (sellers want a premium). */
export const BUYBACK_PREMIUM_PCT = 3;
/** Issuance and buybacks are bounded per window, as real at-the-market programmes are. */
export const ISSUANCE_WINDOW_DAYS = 30;
/** Shares a company may issue in one window, as a share of its count when the window opened. */
export const MAX_ISSUE_SHARE_PER_WINDOW = 0.2;
/** Shares a company may retire in one window, likewise. */
export const MAX_BUYBACK_SHARE_PER_WINDOW = 0.1;
/** What the founders keep of a company restructured out of bankruptcy (creditors get the rest). */
export const RESTRUCTURED_FOUNDER_SHARE = 0.05;
/** No company may have more shares than this: keeps every figure far inside exact integers. */
export const MAX_SHARES_OUTSTANDING = 1e12;

export interface EquityIssue {
  newShares: number;
  /** Cash the company receives after the underwriting fee. */
  netCents: number;
  feeCents: number;
  /** Price per new share: the market price less the discount. */
  priceUsd: number;
}

/**
 * Selling `grossUsdCents` of new shares at today's market price less EQUITY_DISCOUNT_PCT: the buyers
 * pay the gross, the company keeps it less `feePct`. Shares are whole, rounded up so the buyers
 * never get less than the discount.
 */
export function equityIssue(grossUsdCents: number, marketCapUsd: number, sharesOutstanding: number, feePct: number): EquityIssue | null {
  const priceUsd = (sharePriceUsd(marketCapUsd, sharesOutstanding) * (100 - EQUITY_DISCOUNT_PCT)) / 100;
  if (priceUsd <= 0 || grossUsdCents <= 0) return null;
  // The epsilon keeps float noise (920 / 9.2 = 100.00000000000001) from costing the buyer a share.
  const newShares = Math.ceil(centsToUsd(grossUsdCents) / priceUsd - 1e-9);
  const feeCents = usdToCents((centsToUsd(grossUsdCents) * feePct) / 100);
  return { newShares, netCents: grossUsdCents - feeCents, feeCents, priceUsd };
}

export interface Buyback {
  sharesRetired: number;
  costCents: number;
  priceUsd: number;
}

/** Buying back with up to `budgetUsdCents` at the market price plus the premium: whole shares, paying only for those. */
export function buybackShares(budgetUsdCents: number, marketCapUsd: number, sharesOutstanding: number): Buyback | null {
  const priceUsd = (sharePriceUsd(marketCapUsd, sharesOutstanding) * (100 + BUYBACK_PREMIUM_PCT)) / 100;
  if (priceUsd <= 0) return null;
  const sharesRetired = Math.floor(centsToUsd(budgetUsdCents) / priceUsd);
  if (sharesRetired <= 0) return null;
  return { sharesRetired, costCents: Math.min(budgetUsdCents, usdToCents(sharesRetired * priceUsd)), priceUsd };
}

export interface IssuanceWindow {
  issuanceWindowStartDay: number;
  issuanceWindowBaseShares: number;
  sharesIssuedInWindow: number;
  sharesRetiredInWindow: number;
}

/** The window in force on `day`: the current one, or a fresh one opened today. */
export function currentWindow(w: IssuanceWindow, sharesOutstanding: number, day: number): IssuanceWindow {
  if (day < w.issuanceWindowStartDay + ISSUANCE_WINDOW_DAYS) return w;
  return { issuanceWindowStartDay: day, issuanceWindowBaseShares: sharesOutstanding, sharesIssuedInWindow: 0, sharesRetiredInWindow: 0 };
}

/** Shares that may still be issued in the window. */
export function issuableShares(w: IssuanceWindow): number {
  return Math.max(0, Math.floor(w.issuanceWindowBaseShares * MAX_ISSUE_SHARE_PER_WINDOW) - w.sharesIssuedInWindow);
}

/** Shares that may still be retired in the window. */
export function retirableShares(w: IssuanceWindow): number {
  return Math.max(0, Math.floor(w.issuanceWindowBaseShares * MAX_BUYBACK_SHARE_PER_WINDOW) - w.sharesRetiredInWindow);
}

/** The fewest shares a buyback may leave outstanding. */
export function minSharesOutstanding(startShares: number): number {
  return Math.ceil(startShares * MIN_SHARES_FRACTION);
}
