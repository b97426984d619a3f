/**
 * disciplined-miner: the post-2022 miner. Sells what it mines, runs on index power and curtails
 * above its break-even price (earning demand-response credits), expands only when hashprice pays
 * new machines back within a year, and pays down debt.
 */
import type { Action } from '../../rules/actions.js';
import type { Strategy } from '../types.js';
import { Budget, contestPick, every, momentumNarrative, powerReserveUsd, repayWithSpareCash, treasuryPolicy } from '../helpers.js';
import { growMining, setCurtailment } from '../plays.js';

export const disciplinedMiner: Strategy = {
  name: 'disciplined-miner',
  description: 'Sells mined BTC, curtails above break-even power, expands only when hashprice pays back within a year.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    treasuryPolicy(view, 100, out);
    if (every(ctx, 'curtail', 7)) setCurtailment(view, 0.95, 0.1, out);
    // Leftover coins (from before the policy, or bought) go too: the treasury is not a bet.
    if (me.btc >= 0.01 && me.loans.every((l) => l.collateralSats === 0)) out.push({ type: 'tradeBtc', side: 'sell', amountBtc: Math.floor(me.btc * 1e6) / 1e6 });
    const reserve = powerReserveUsd(view, 45, 2_000_000);
    const budget = new Budget(view, reserve);
    growMining(view, budget, { maxPaybackDays: 365, hardwareShare: 0.6, expand: true, buildMw: [5, 40] }, out);
    if (me.debtUsd > 0) repayWithSpareCash(view, reserve * 2, out);
    contestPick(view, momentumNarrative(view), Math.min(250_000, me.cashUsd * 0.01), out);
    return out;
  },
};
