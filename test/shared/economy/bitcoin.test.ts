import { describe, expect, it } from 'vitest';
import {
  blocksPerDay,
  drawFeesBtcPerBlock,
  hashpriceAtDifficulty,
  hashpriceUsdPerPhDay,
  mineDay,
  retargetDifficulty,
  subsidyBtc,
} from '../../../shared/economy/bitcoin.js';

describe('subsidyBtc', () => {
  it('halves at the interval boundary, not a block early', () => {
    expect(subsidyBtc(0, 210_000)).toBe(50);
    expect(subsidyBtc(839_999, 210_000)).toBe(6.25);
    expect(subsidyBtc(840_000, 210_000)).toBe(3.125);
    expect(subsidyBtc(1_050_000, 210_000)).toBe(1.5625);
  });
  it('truncates to whole sats like the protocol and reaches zero', () => {
    // 5e9 sats >> 33 = 0.58 → 0 sats; >> 32 = 1 sat.
    expect(subsidyBtc(32 * 210_000, 210_000)).toBe(0.00000001);
    expect(subsidyBtc(33 * 210_000, 210_000)).toBe(0);
  });
  it('honours a shortened interval', () => {
    expect(subsidyBtc(999, 1000)).toBe(50);
    expect(subsidyBtc(1000, 1000)).toBe(25);
  });
});

describe('retargetDifficulty', () => {
  it('follows the measured hashrate inside the clamp', () => {
    expect(retargetDifficulty(400, 440)).toBe(440);
  });
  it('clamps to ×4 up and ÷4 down', () => {
    expect(retargetDifficulty(100, 1000)).toBe(400);
    expect(retargetDifficulty(100, 10)).toBe(25);
  });
});

describe('blocks and hashprice', () => {
  it('finds 144 blocks a day at the hashrate the difficulty was set for, more when hashrate is ahead', () => {
    expect(blocksPerDay(600, 600)).toBe(144);
    expect(blocksPerDay(660, 600)).toBeCloseTo(158.4, 10);
    expect(blocksPerDay(0, 600)).toBe(0);
  });
  it('hashprice = blocks × (subsidy + fees) × price ÷ PH/s', () => {
    // 144 × (3 + 1) × $50,000 ÷ 500,000 PH/s = $57.60/PH/day.
    expect(hashpriceUsdPerPhDay(144, 3, 1, 50_000, 500)).toBeCloseTo(57.6, 10);
    // Doubling the network at the same block count halves it.
    expect(hashpriceUsdPerPhDay(144, 3, 1, 50_000, 1000)).toBeCloseTo(28.8, 10);
  });
  it('at the difficulty, hashprice does not depend on how much hashrate shows up', () => {
    const d = 500;
    for (const net of [400, 500, 650]) {
      expect(hashpriceUsdPerPhDay(blocksPerDay(net, d), 3, 1, 50_000, net)).toBeCloseTo(hashpriceAtDifficulty(d, 3, 1, 50_000), 9);
    }
  });
  it('fee draws are log-normal around the mean and scale with a spike', () => {
    expect(drawFeesBtcPerBlock(0.2, 0, 1, 1.7)).toBeCloseTo(0.2, 12);
    expect(drawFeesBtcPerBlock(0.2, 0.5, 3, 0)).toBeCloseTo(0.6 * Math.exp(-0.125), 12);
  });
});

describe('mineDay', () => {
  const chain = { heightBlocks: 839_900, blockRemainder: 0, difficultyEhs: 600, epochStartHeight: 838_656, epochHashEhsDays: 0, epochDays: 0 };

  it('splits the reward at the halving height', () => {
    const r = mineDay(chain, 600, 210_000, 0);
    expect(r.blocks).toBeCloseTo(144, 9);
    // 100 blocks at 6.25, 44 at 3.125.
    expect(r.rewardBtc).toBeCloseTo(100 * 6.25 + 44 * 3.125, 9);
    expect(r.chain.heightBlocks).toBe(840_044);
    expect(r.subsidyBtc).toBe(3.125);
    expect(r.boundaries).toEqual([{ kind: 'halving', heightBlocks: 840_000, subsidyBtc: 3.125 }]);
  });

  it('retargets on the epoch measured hashrate and mines the rest of the day at the new difficulty', () => {
    // 2,000 of 2,016 blocks done in 13 days at 600 EH/s against difficulty 500; 16 blocks to go.
    const c = { heightBlocks: 2016 * 10 + 2000, blockRemainder: 0, difficultyEhs: 500, epochStartHeight: 2016 * 10, epochHashEhsDays: 600 * 13, epochDays: 13 };
    const r = mineDay(c, 600, 210_000, 0);
    expect(r.boundaries[0]).toMatchObject({ kind: 'retarget', heightBlocks: 2016 * 11, difficultyEhs: 600 });
    expect((r.boundaries[0] as { changePct: number }).changePct).toBeCloseTo(20, 9);
    // 16 blocks at 172.8/day take 16/172.8 days; the rest of the day finds 144 per day.
    const rest = 1 - 16 / 172.8;
    expect(r.blocks).toBeCloseTo(16 + 144 * rest, 9);
    expect(r.chain.epochStartHeight).toBe(2016 * 11);
    expect(r.chain.epochDays).toBeCloseTo(rest, 9);
  });

  it('carries fractional blocks so none are lost to rounding', () => {
    let c = { ...chain, heightBlocks: 100, epochStartHeight: 0 };
    let total = 0;
    for (let i = 0; i < 10; i += 1) {
      const r = mineDay(c, 100.5, 210_000, 0);
      total += r.blocks;
      c = r.chain;
    }
    expect(total).toBeCloseTo(10 * 144 * (100.5 / 600), 9);
    expect(c.heightBlocks + c.blockRemainder).toBeCloseTo(100 + total, 9);
  });
});
