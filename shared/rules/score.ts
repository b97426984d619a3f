/**
 * The headline score: what the founders' stake is worth, at market ("chosen") or at NAV ("worth").
 * Every company starts with the same founding shares; issuing stock dilutes the founders and buying
 * it back concentrates them, so the score moves with value per share, not with the size of the
 * balance sheet. Leagues, the results screen, the classroom debrief and exports rank by it.
 */
import type { GameState, PlayerId, PlayerState } from './types.js';

export type ScoreBasis = 'market' | 'nav';

/** The founders' share of the company (0–1). */
export function founderFraction(p: Pick<PlayerState, 'sharesOutstanding' | 'founderShares'>): number {
  return p.sharesOutstanding > 0 ? Math.min(1, p.founderShares / p.sharesOutstanding) : 0;
}

/** Founders' stake in whole dollars at market or at NAV (never below zero at market). */
export function founderStakeUsd(p: Pick<PlayerState, 'sharesOutstanding' | 'founderShares' | 'navUsd' | 'marketCapUsd'>, basis: ScoreBasis): number {
  const value = basis === 'market' ? p.marketCapUsd : p.navUsd;
  return Math.round(value * founderFraction(p));
}

export function founderScoreUsd(state: GameState, playerId: PlayerId, basis: ScoreBasis): number {
  const p = state.players[playerId];
  return p ? founderStakeUsd(p, basis) : 0;
}
