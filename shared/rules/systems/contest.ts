/** The narrative contest (parimutuel stakes, NPC momentum speculators, reflexive hype) and announcements. */
import type { Phase, Reducer } from '../context.js';
import { fail, pushNews } from '../context.js';
import type { ContestResult, ContestSummary, PlayerId } from '../types.js';
import { cashCents, CONTEST_POOL, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { centsToUsd, usdToCents } from '../../economy/money.js';
import { hypeAfterContest, npcMomentumWeights, resolveContest, type ContestStake } from '../../economy/contest.js';
import * as dm from '../../economy/detMath.js';
import { renderNewsEn, type NewsText } from '../../economy/newsText.js';

const usd = (cents: number) => `$${Math.round(centsToUsd(cents)).toLocaleString('en-US')}`;


/** Every `periodDays` the round resolves: the pool pays out, hype moves, the next round opens. */
export const contestPhase: Phase = (draft, ctx) => {
  const round = draft.contest.current;
  if (draft.day < round.resolveDay) return;
  const stakes: ContestStake[] = [];
  for (const id of draft.playerOrder) {
    const pick = round.picks[id];
    if (pick) stakes.push({ playerId: id, narrative: pick.narrative, stakeUsdCents: pick.stakeUsdCents });
  }
  const btcReturn = round.openBtcUsd > 0 && draft.btc.btcUsd > 0 ? dm.log(draft.btc.btcUsd / round.openBtcUsd) : 0;
  const npc = npcMomentumWeights(btcReturn, draft.hype.ai - round.openAiHype, draft.scenario.contest.npcWeightUsd);
  // A dead heat goes to whichever narrative the crowd is already warmer on.
  const outcome = resolveContest(stakes, npc, draft.hype.crypto >= draft.hype.ai ? 'crypto' : 'ai');
  for (const id of draft.playerOrder) {
    const cents = outcome.payouts[id];
    if (cents) transfer(draft.ledger, { from: CONTEST_POOL, to: playerAccount(id), usdCents: cents, reason: 'contestPayout' });
  }
  transfer(draft.ledger, { from: CONTEST_POOL, to: WORLD, usdCents: outcome.houseUsdCents, reason: 'contestHouse' });

  const result: ContestResult = {
    round: round.round,
    day: draft.day,
    winner: outcome.winner,
    weightCrypto: outcome.weightCrypto,
    weightAi: outcome.weightAi,
    npcWeightCrypto: npc.crypto,
    npcWeightAi: npc.ai,
    poolUsdCents: outcome.poolUsdCents,
    payouts: outcome.payouts,
    stakersCrypto: stakes.filter((s) => s.narrative === 'crypto').length,
    stakersAi: stakes.filter((s) => s.narrative === 'ai').length,
  };
  draft.contest.history.push(result);
  const hype = hypeAfterContest(draft.hype, outcome.winner, draft.scenario.contest.hypeBoost);
  draft.hype.crypto = hype.crypto;
  draft.hype.ai = hype.ai;
  const summary = publicContestSummary(result);
  ctx.events.push({ type: 'contestResolved', day: draft.day, result: summary });
  for (const s of stakes) {
    ctx.events.push({ type: 'contestPayout', day: draft.day, playerId: s.playerId, round: round.round, stakeUsdCents: s.stakeUsdCents, payoutUsdCents: outcome.payouts[s.playerId] ?? 0 });
  }
  // The headline is public: it quotes the pool and the winner's share only when they hide every stake.
  const side = outcome.winner;
  const text: NewsText = summary.weightCrypto !== null && summary.weightAi !== null
    ? { key: 'news.contestWeight', params: { round: round.round, side, poolUsd: Math.round(centsToUsd(outcome.poolUsdCents)),
      weightPct: Math.round((100 * (side === 'crypto' ? summary.weightCrypto : summary.weightAi)) / Math.max(1e-9, summary.weightCrypto + summary.weightAi)) } }
    : summary.poolUsdCents !== null ? { key: 'news.contestPool', params: { round: round.round, side, poolUsd: Math.round(centsToUsd(summary.poolUsdCents)) } }
      : { key: 'news.contestStakers', params: { round: round.round, side, stakers: summary.stakers } };
  pushNews(draft, ctx, 'contest', renderNewsEn(text));
  draft.contest.current = {
    round: round.round + 1,
    resolveDay: draft.day + draft.scenario.contest.periodDays,
    picks: {},
    openBtcUsd: draft.btc.btcUsd,
    openAiHype: draft.hype.ai,
  };
};

/** Fewest stakers behind a published sum: with fewer, the others' stakes could be solved for. */
export const CONTEST_DISCLOSURE_MIN_STAKERS = 3;

/**
 * What everyone may know of a resolved round. A sum over one or two stakes gives them away (a sole
 * staker's stake *is* the pool; side weight minus the public NPC weight is that side's stake), so
 * the pool needs CONTEST_DISCLOSURE_MIN_STAKERS stakers and the side weights need that many on
 * every side that has stakes. `viewer` adds that company's own payout.
 */
export function publicContestSummary(result: ContestResult, viewer?: PlayerId): ContestSummary {
  const min = CONTEST_DISCLOSURE_MIN_STAKERS;
  const stakersCrypto = result.stakersCrypto ?? 0;
  const stakersAi = result.stakersAi ?? 0;
  const stakers = stakersCrypto + stakersAi;
  const sidesOk = [stakersCrypto, stakersAi].every((n) => n === 0 || n >= min);
  const own = viewer !== undefined && Object.prototype.hasOwnProperty.call(result.payouts, viewer) ? { [viewer]: result.payouts[viewer]! } : {};
  return {
    round: result.round, day: result.day, winner: result.winner, npcWeightCrypto: result.npcWeightCrypto, npcWeightAi: result.npcWeightAi, stakers,
    poolUsdCents: stakers >= min ? result.poolUsdCents : null,
    weightCrypto: sidesOk ? result.weightCrypto : null,
    weightAi: sidesOk ? result.weightAi : null,
    payouts: own,
  };
}

type T = 'contestPick' | 'announceNarrative';
export const contestReducers: { [K in T]: Reducer<K> } = {
  contestPick: (draft, playerId, action) => {
    const p = draft.players[playerId];
    if (!p) return fail('UNKNOWN_PLAYER', `No player ${playerId} in this match.`);
    if (p.bankrupt) return fail('BANKRUPT', 'Your company is in bankruptcy proceedings.');
    const stake = usdToCents(action.stakeUsd);
    const max = usdToCents(draft.scenario.contest.maxStakeUsd);
    if (stake > max) return fail('LIMIT', `The most you can stake in a round is ${usd(max)}.`);
    const round = draft.contest.current;
    const previous = round.picks[playerId];
    // A new pick replaces the old one: its stake comes back first, so it counts toward the cash
    // check (checked before the refund is written: a refusal changes nothing).
    const cash = cashCents(draft.ledger, playerId) + (previous?.stakeUsdCents ?? 0);
    if (stake > cash) return fail('INSUFFICIENT_FUNDS', `Staking ${usd(stake)} needs more cash than your ${usd(cash)}.`);
    if (previous) transfer(draft.ledger, { from: CONTEST_POOL, to: playerAccount(playerId), usdCents: previous.stakeUsdCents, reason: 'contestRefund' });
    transfer(draft.ledger, { from: playerAccount(playerId), to: CONTEST_POOL, usdCents: stake, reason: 'contestStake' });
    round.picks[playerId] = { narrative: action.narrative, stakeUsdCents: stake };
  },
  announceNarrative: (draft, playerId, action) => {
    const p = draft.players[playerId];
    if (!p) return fail('UNKNOWN_PLAYER', `No player ${playerId} in this match.`);
    if (p.bankrupt) return fail('BANKRUPT', 'Your company is in bankruptcy proceedings.');
    if (p.narrative === action.narrative) return;
    p.narrative = action.narrative;
    p.narrativeSinceDay = draft.day;
  },
};
