import { describe, expect, it } from 'vitest';
import {
  newestAsic,
  orderShare,
  paybackDays,
  powerCostUsdPerPhDay,
  RELOCATE_LOSS_SHARE,
  RELOCATE_SHARE_PER_DAY,
  REGIONAL_ORDER_SHARE,
  runningShare,
  stepFleet,
  type Fleet,
  type FleetDayInput,
} from '../../../shared/economy/npcFleet.js';
import { CATALOGUE } from '../../../shared/economy/scenarios/common.js';

describe('unit economics', () => {
  it('power cost per PH/day: S21 (17.5 J/TH) at $40/MWh = 17.5 kW × 24 h × $0.04 = $16.80', () => {
    expect(powerCostUsdPerPhDay(17.5, 40)).toBeCloseTo(16.8, 10);
  });
  it('a cohort runs fully above 115% of its cost, not below 85%, linearly between', () => {
    expect(runningShare(60, 50)).toBe(1);
    expect(runningShare(40, 50)).toBe(0);
    expect(runningShare(50, 50)).toBeCloseTo(0.5, 10);
  });
  it('payback = machine price ÷ daily margin, never when the margin is gone', () => {
    expect(paybackDays(15_000, 50, 20)).toBeCloseTo(500, 10);
    expect(paybackDays(15_000, 20, 20)).toBe(Infinity);
  });
  it('orders nothing beyond the horizon and the full pace at half of it', () => {
    expect(orderShare(500, 400, 0.003)).toBe(0);
    expect(orderShare(200, 400, 0.003)).toBeCloseTo(0.003, 12);
    expect(orderShare(300, 400, 0.003)).toBeCloseTo(0.001, 12);
  });
  it('picks the newest ASIC released by the date', () => {
    expect(newestAsic(CATALOGUE, '2023-06-01')?.id).toBe('s19xp');
    expect(newestAsic(CATALOGUE, '2024-12-01')?.id).toBe('s21xp');
    expect(newestAsic(CATALOGUE, '2019-01-01')).toBeUndefined();
  });
});

const base: FleetDayInput = {
  day: 10,
  date: '2024-01-01',
  hashpriceUsdPerPhDay: 60,
  investHashpriceUsdPerPhDay: 60,
  asicUsdPerTh: 15,
  catalogue: CATALOGUE,
  networkEhs: 500,
  paybackHorizonDays: 450,
  leadTimeDays: 100,
  maxGrowthPerDay: 0.003,
  newPowerUsdPerMwh: 45,
  bannedRegions: new Set(),
  relocateTo: null,
};

const fleet = (): Fleet => ({
  cohorts: [
    { id: 'a', efficiencyJPerTh: 20, hashrateEhs: 300, runningEhs: 300, powerUsdPerMwh: 40, regionId: '' },
    { id: 'b', efficiencyJPerTh: 70, hashrateEhs: 100, runningEhs: 100, powerUsdPerMwh: 45, regionId: '' },
    { id: 'k', efficiencyJPerTh: 30, hashrateEhs: 100, runningEhs: 100, powerUsdPerMwh: 28, regionId: 'kazakhstan' },
  ],
  orders: [{ arrivesDay: 10, hashrateEhs: 20, efficiencyJPerTh: 20, regionId: '', powerUsdPerMwh: 40 }],
});

describe('stepFleet', () => {
  it('old machines go dark when hashprice falls below their power cost', () => {
    // b costs 70 × 0.024 × 45 = $75.6/PH/day: off at $60, on at $100.
    const low = stepFleet(fleet(), base);
    expect(low.fleet.cohorts.find((c) => c.id === 'b')?.runningEhs).toBe(0);
    const high = stepFleet(fleet(), { ...base, hashpriceUsdPerPhDay: 100 });
    expect(high.fleet.cohorts.find((c) => c.id === 'b')?.runningEhs).toBe(100);
    expect(high.runningEhs - low.runningEhs).toBeCloseTo(100, 9);
  });

  it('arrivals merge into the matching cohort', () => {
    const r = stepFleet(fleet(), base);
    expect(r.fleet.cohorts).toHaveLength(3);
    expect(r.fleet.cohorts.find((c) => c.id === 'a')?.hashrateEhs).toBe(320);
  });

  it('orders the newest ASIC when it pays back within the horizon, arriving after the lead time', () => {
    // On 2024-01-01 the newest is the S21: $15/TH × its multiple per TH, paid back from $60 − $18.90 a day.
    const r = stepFleet(fleet(), base);
    const s21 = CATALOGUE.find((m) => m.id === 's21')!;
    const pull = Math.min(1, 450 / ((15_000 * s21.priceIndexMultiple) / (60 - powerCostUsdPerPhDay(17.5, 45))) - 1);
    expect(r.orderedEhs).toBeCloseTo(500 * 0.003 * pull, 9);
    expect(r.fleet.orders).toEqual([{ arrivesDay: 110, hashrateEhs: r.orderedEhs, efficiencyJPerTh: 17.5, regionId: '', powerUsdPerMwh: 45 }]);
    // With an open cheap region, part of the order is built there.
    const split = stepFleet(fleet(), { ...base, relocateTo: { regionId: 'kazakhstan', powerUsdPerMwh: 35 } });
    const there = split.fleet.orders.find((o) => o.regionId === 'kazakhstan')!;
    expect(there.hashrateEhs).toBeCloseTo(r.orderedEhs * REGIONAL_ORDER_SHARE, 9);
    expect(there.powerUsdPerMwh).toBe(35);
    expect(stepFleet(fleet(), { ...base, investHashpriceUsdPerPhDay: 40 }).orderedEhs).toBe(0);
  });

  it('a ban stops the region and ships its machines elsewhere, minus losses, after a delay', () => {
    const r = stepFleet(fleet(), { ...base, bannedRegions: new Set(['kazakhstan']), relocateTo: { regionId: 'texas', powerUsdPerMwh: 40 } });
    const k = r.fleet.cohorts.find((c) => c.id === 'k')!;
    expect(k.runningEhs).toBe(0);
    expect(k.hashrateEhs).toBeCloseTo(100 * (1 - RELOCATE_SHARE_PER_DAY), 9);
    const moved = r.fleet.orders.find((o) => o.regionId === 'texas')!;
    expect(moved.hashrateEhs).toBeCloseTo(100 * RELOCATE_SHARE_PER_DAY * (1 - RELOCATE_LOSS_SHARE), 9);
    expect(moved.arrivesDay).toBeGreaterThan(base.day + base.leadTimeDays);
  });

  it('after a 90-day ban every relocated machine is back at work elsewhere, less the losses', () => {
    let f = fleet();
    const inputs = { ...base, investHashpriceUsdPerPhDay: 0, relocateTo: { regionId: 'texas', powerUsdPerMwh: 40 } };
    const before = stepFleet(f, inputs).runningEhs;
    let after = 0;
    for (let day = 11; day < 11 + 240; day += 1) {
      const r = stepFleet(f, { ...inputs, day, bannedRegions: day < 11 + 90 ? new Set(['kazakhstan']) : new Set(), relocateTo: { regionId: 'texas', powerUsdPerMwh: 40 } });
      f = r.fleet;
      after = r.runningEhs;
    }
    const stayed = 100 * (1 - RELOCATE_SHARE_PER_DAY) ** 90;
    expect(after).toBeCloseTo(before - (100 - stayed) * RELOCATE_LOSS_SHARE, 6);
  });
});
