import { describe, expect, it } from 'vitest';
import { createDraft, finishDraft } from 'immer';
import { createGame } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { btcSats, cashCents, ledgerTotals } from '../../../../shared/economy/ledger.js';
import { miningPhase, runningHashrateByPlayer } from '../../../../shared/rules/systems/mining.js';
import { marketPhase, treasuryReducers } from '../../../../shared/rules/systems/market.js';
import { runningHashrateThs } from '../../../../shared/rules/systems/capacity.js';
import type { Ctx, Phase } from '../../../../shared/rules/context.js';
import type { GameState, RuleError } from '../../../../shared/rules/types.js';

const scenario = getScenario('history-2023-2025')!;

/** A match where Alice owns the Permian yard (L1) with 10,000 S21s (2 EH/s) installed. */
function withMiner(sellMinedPct = 0): GameState {
  const s = createGame(scenario, 'mining-test', [{ id: 'a', name: 'Alice' }, { id: 'b', name: 'Bob' }]);
  const draft = createDraft(s);
  draft.sites.L1!.ownerId = 'a';
  draft.lots.lot1 = { id: 'lot1', ownerId: 'a', modelId: 's21', count: 10_000, status: 'installed', siteId: 'L1', arrivesDay: 0, unitCostUsd: 3000, committedGpus: 0 };
  draft.players.a!.sellMinedPct = sellMinedPct;
  return finishDraft(draft);
}

function run(state: GameState, phases: Phase[], days = 1): { state: GameState; ctx: Ctx } {
  const ctx: Ctx = { events: [] };
  let s = state;
  for (let i = 0; i < days; i += 1) {
    const draft = createDraft(s);
    for (const p of phases) p(draft, ctx);
    draft.day += 1;
    s = finishDraft(draft);
  }
  return { state: s, ctx };
}

describe('miningPhase', () => {
  it('counts running hashrate the same way as capacity.runningHashrateThs', () => {
    const s = withMiner();
    const byPlayer = runningHashrateByPlayer(s);
    expect(byPlayer.get('a')).toBe(runningHashrateThs(s, 'a'));
    expect(byPlayer.get('a')).toBe(2_000_000);
    expect(byPlayer.get('b') ?? 0).toBe(runningHashrateThs(s, 'b'));
  });

  it('pays a miner its share of the day in sats minted by the coinbase, and keeps the ledger at zero', () => {
    const { state, ctx } = run(withMiner(), [marketPhase, miningPhase]);
    const btc = state.btc;
    expect(btc.playerHashrateEhs).toBeCloseTo(2, 12);
    expect(btc.networkHashrateEhs).toBeCloseTo(btc.npcHashrateEhs + 2, 9);
    expect(btc.hashpriceUsdPerPhDay).toBeGreaterThan(30);
    const mined = btcSats(state.ledger, 'a');
    const rewardBtc = state.meters.btcMinedBtc;
    expect(mined).toBe(Math.round((rewardBtc * 2) / btc.networkHashrateEhs * 1e8));
    // 2 EH/s earn ≈ 2,000 PH/s × hashprice per day.
    expect((mined / 1e8) * btc.btcUsd).toBeCloseTo(2000 * btc.hashpriceUsdPerPhDay, -1);
    expect(state.players.a!.btcMinedSats).toBe(mined);
    expect(ctx.events).toContainEqual({ type: 'mined', day: 0, playerId: 'a', sats: mined });
    expect(btcSats(state.ledger, 'b')).toBe(0);
    expect(ledgerTotals(state.ledger)).toEqual({ usdCents: 0, sats: 0 });
    expect(state.ledger.flowsSats.blockReward).toBe(mined);
  });

  it('auto-sells the policy share at the day price and remembers the selling for tomorrow', () => {
    const before = withMiner(50);
    const { state } = run(before, [marketPhase, miningPhase]);
    const minedSats = state.players.a!.btcMinedSats;
    const sold = Math.floor(minedSats / 2);
    expect(btcSats(state.ledger, 'a')).toBe(minedSats - sold);
    const proceeds = cashCents(state.ledger, 'a') - cashCents(before.ledger, 'a');
    expect(proceeds).toBe(Math.round((sold / 1e8) * state.btc.btcUsd * 100));
    expect(state.btc.playerNetFlowUsd).toBeCloseTo(-proceeds / 100, 6);
    expect(state.players.a!.revenueMiningUsdPerDay).toBeGreaterThan(0);
    expect(ledgerTotals(state.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('halves the subsidy at the boundary height and announces it', () => {
    const s0 = withMiner();
    const d = createDraft(s0);
    d.btc.heightBlocks = 839_950;
    d.btc.epochStartHeight = 838_656;
    const { state, ctx } = run(finishDraft(d), [miningPhase]);
    expect(state.btc.subsidyBtc).toBe(3.125);
    expect(ctx.events.some((e) => e.type === 'halving' && e.heightBlocks === 840_000)).toBe(true);
    expect(state.news.some((n) => n.kind === 'halving')).toBe(true);
  });

  it('a ban on the site region stops the player mining', () => {
    const d = createDraft(withMiner());
    d.regions.texas!.miningBanUntilDay = 30;
    const { state } = run(finishDraft(d), [miningPhase]);
    expect(state.btc.playerHashrateEhs).toBe(0);
    expect(btcSats(state.ledger, 'a')).toBe(0);
  });

  it('sets the network figures every day and keeps windows short', () => {
    const { state } = run(withMiner(), [marketPhase, miningPhase], 90);
    expect(state.recent.hashprice.length).toBeLessThanOrEqual(60);
    expect(state.recent.btcUsd.length).toBeLessThanOrEqual(60);
    expect(state.btc.heightBlocks).toBeGreaterThan(scenario.startHeight + 90 * 130);
    expect(ledgerTotals(state.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });
});

describe('tradeBtc', () => {
  function trade(s: GameState, side: 'buy' | 'sell', amountBtc: number): { state: GameState } | { error: RuleError } {
    const draft = createDraft(s);
    const error = treasuryReducers.tradeBtc(draft, 'a', { type: 'tradeBtc', side, amountBtc }, { events: [] });
    return error ? { error } : { state: finishDraft(draft) };
  }

  it('buys above the quote by half the impact and records the flow', () => {
    const s = withMiner();
    const r = trade(s, 'buy', 100);
    if ('error' in r) throw new Error(r.error.message);
    const paid = cashCents(s.ledger, 'a') - cashCents(r.state.ledger, 'a');
    const quote = 100 * s.btc.btcUsd * 100;
    expect(paid).toBeGreaterThan(quote);
    expect(paid).toBeLessThan(quote * 1.01);
    expect(btcSats(r.state.ledger, 'a')).toBe(100e8);
    expect(r.state.btc.playerNetFlowUsd).toBeCloseTo(paid / 100, 6);
    expect(ledgerTotals(r.state.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('rejects buying beyond cash and selling BTC one does not hold, with the reason', () => {
    const s = withMiner();
    const tooBig = trade(s, 'buy', 10_000);
    expect('error' in tooBig && tooBig.error.code).toBe('INSUFFICIENT_FUNDS');
    expect('error' in tooBig && tooBig.error.message).toMatch(/you have \$50,000,000\.00 in cash/);
    const noBtc = trade(s, 'sell', 1);
    expect('error' in noBtc && noBtc.error.code).toBe('INSUFFICIENT_BTC');
  });

  it('sells below the quote, and a round trip loses money to impact', () => {
    const s = withMiner();
    const bought = trade(s, 'buy', 500);
    if ('error' in bought) throw new Error(bought.error.message);
    const sold = trade(bought.state, 'sell', 500);
    if ('error' in sold) throw new Error(sold.error.message);
    expect(cashCents(sold.state.ledger, 'a')).toBeLessThan(cashCents(s.ledger, 'a'));
    expect(btcSats(sold.state.ledger, 'a')).toBe(0);
    expect(sold.state.btc.playerNetFlowUsd).toBeGreaterThan(0);
  });
});
