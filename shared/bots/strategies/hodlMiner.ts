/**
 * hodl-miner: the 2021 miner. Buys or builds mining MW, fills it with the best ASICs, keeps every
 * mined coin, and borrows against its BTC rather than sell it when cash runs short.
 */
import type { Action } from '../../rules/actions.js';
import type { Strategy } from '../types.js';
import { announce, borrow, Budget, contestPick, every, powerReserveUsd, stackSpareCash, tideTreasury, treasuryPolicy } from '../helpers.js';
import { growMining } from '../plays.js';

export const hodlMiner: Strategy = {
  name: 'hodl-miner',
  description: 'Mines with the best ASICs it can fit, never sells a satoshi, borrows against its stack.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    if (tideTreasury(view, ctx, powerReserveUsd(view, 30), out)) return out;
    treasuryPolicy(view, 0, out);
    announce(view, 'crypto', out);
    const reserve = powerReserveUsd(view, 30);
    const budget = new Budget(view, reserve);
    growMining(view, budget, { maxPaybackDays: 720, hardwareShare: 1, expand: true, buildMw: [5, 60] }, out);
    contestPick(view, 'crypto', Math.min(1_000_000, me.cashUsd * 0.02), out);
    // Spare cash joins the stack (the MARA playbook), and is never sold.
    stackSpareCash(view, budget, 0.5, out);
    // Short of power money: pledge BTC instead of selling it.
    if (me.cashUsd < reserve * 0.5 && me.btc > 0 && me.loans.length < 3 && every(ctx, 'loan', 30)) {
      borrow(view, reserve, 180, out, Math.max(0.01, Math.floor(me.btc * 0.5 * 1e8) / 1e8));
    }
    return out;
  },
};
