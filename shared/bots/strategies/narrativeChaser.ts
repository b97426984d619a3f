/**
 * narrative-chaser: plays the beauty contest itself. Picks the narrative it expects the crowd to
 * pick (level-k: others are assumed to reason one level below it, level 0 follows announcements and
 * momentum), announces it, stakes in proportion to its confidence, raises equity while its multiple
 * is rich and buys back when it is cheap, and puts the money into the business the story needs.
 */
import type { Action } from '../../rules/actions.js';
import type { PlayerView } from '../../rules/view.js';
import type { BotContext, Strategy } from '../types.js';
import { announce, Budget, contestPick, every, installStored, momentumNarrative, mySites, powerReserveUsd, capToNav, raiseEquity, treasuryPolicy } from '../helpers.js';
import { acquireAiMw, fillGpus, growMining, houseGpus } from '../plays.js';

type Side = 'crypto' | 'ai';

/** Share of the NPC speculators' weight that follows the last winner (they chase momentum). */
const NPC_MOMENTUM_SHARE = 0.7;

export interface CrowdForecast {
  pick: Side;
  /** 0 (coin toss) to 1 (certain). */
  confidence: number;
}

/**
 * Level-k forecast of the stake-weighted majority. Level-0 players back what they announced (or
 * momentum if silent); a level-j player backs the majority of a crowd of level-(j−1) players plus
 * the momentum-chasing NPCs. A level-k reasoner expects the others at level k−1 and backs that
 * crowd's majority, since stakes on the winner share the losers' pool.
 */
export function levelKForecast(view: PlayerView, k: number): CrowdForecast {
  const momentum = momentumNarrative(view);
  const last = view.contest.history[view.contest.history.length - 1];
  // The online view knows winners but not weights: fall back to a guess of the NPCs' size.
  const npcWeight = last && last.npcWeightCrypto + last.npcWeightAi > 0 ? last.npcWeightCrypto + last.npcWeightAi : view.contest.maxStakeUsd * 2;
  // Two sums, not an object keyed by side: this runs for every seat every day, over every other
  // seat (keyed adds made it ~5 % of a 100-bot match).
  const toMomentum = npcWeight * NPC_MOMENTUM_SHARE;
  const toOther = npcWeight * (1 - NPC_MOMENTUM_SHARE);
  const npcCrypto = momentum === 'crypto' ? toMomentum : toOther;
  const npcAi = momentum === 'crypto' ? toOther : toMomentum;
  // Level 1 weighs each seat's own story; from level 2 on every seat is taken to follow the last
  // level's winner, so one side gets every weight. Weights are recomputed per level, not kept in
  // arrays: the sums are added in the same order either way.
  const maxStakeUsd = view.contest.maxStakeUsd;
  let crypto = 0;
  let ai = 0;
  let follow: Side | null = null;
  for (let level = 1; ; level++) {
    crypto = npcCrypto;
    ai = npcAi;
    for (const p of view.players) {
      if (p.id === view.playerId || p.bankrupt) continue;
      const weight = Math.min(maxStakeUsd, Math.max(0, p.marketCapUsd) * 0.02);
      const pick = follow ?? (p.narrative === 'none' ? momentum : p.narrative);
      if (pick === 'crypto') crypto += weight;
      else ai += weight;
    }
    if (level >= k) break;
    follow = crypto > ai ? 'crypto' : 'ai';
  }
  const total = crypto + ai;
  const pick: Side = crypto > ai ? 'crypto' : ai > crypto ? 'ai' : momentum;
  return { pick, confidence: total > 0 ? Math.abs(crypto - ai) / total : 0 };
}

function levelOf(ctx: BotContext): number {
  if (typeof ctx.memory.k !== 'number') ctx.memory.k = ctx.rng.int(1, 3);
  return ctx.memory.k as number;
}

export const narrativeChaser: Strategy = {
  name: 'narrative-chaser',
  description: 'Plays the contest with level-k reasoning, rides the winning story, sells stock when the crowd overpays.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    const forecast = levelKForecast(view, levelOf(ctx));
    // The story it tells matches the business it runs (a story without revenue turns into a
    // discount); the contest pick is where it plays the crowd.
    const story = me.revenueAiUsdPerDay + me.revenueMiningUsdPerDay > 0 ? (me.revenueAiUsdPerDay >= me.revenueMiningUsdPerDay ? 'ai' : 'crypto') : forecast.pick;
    announce(view, story, out);
    treasuryPolicy(view, forecast.pick === 'crypto' ? 25 : 100, out);
    contestPick(view, forecast.pick, view.contest.maxStakeUsd * (0.2 + 0.8 * forecast.confidence), out);
    // The crowd is paying more than the company is worth: sell it stock. And the reverse.
    // Only when the money has somewhere to go: a raise that sits in the bank just dilutes.
    if (me.cashUsd + me.btc * view.world.btcUsd < me.navUsd * 0.25 && every(ctx, 'equity', 30)) {
      raiseEquity(view, Math.min(me.marketCapUsd * 0.15, 500_000_000), out);
    } else if (capToNav(view) > 0 && capToNav(view) <= 0.9 && me.cashUsd > 20_000_000 && me.retirableShares > 0 && every(ctx, 'buyback', 30)) {
      out.push({ type: 'buyback', amountUsd: Math.floor(Math.min(me.cashUsd * 0.1, (me.retirableShares * me.marketCapUsd) / Math.max(1, me.sharesOutstanding))) });
    }
    const budget = new Budget(view, powerReserveUsd(view, 30, 5_000_000));
    if (forecast.pick === 'crypto') {
      growMining(view, budget, { maxPaybackDays: 540, hardwareShare: 0.5, expand: every(ctx, 'expand', 15), buildMw: [5, 40] }, out);
    } else {
      installStored(view, budget, out);
      houseGpus(view, budget, out);
      if (!mySites(view).some((s) => s.tier === 'ai') && every(ctx, 'acquire', 15)) acquireAiMw(view, budget, out);
      fillGpus(view, budget, 0.5, out);
    }
    return out;
  },
};
