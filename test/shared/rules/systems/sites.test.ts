import { describe, expect, it } from 'vitest';
import { createGame, stateHash } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { cashCents, ledgerTotals, playerAccount, transfer, WORLD } from '../../../../shared/economy/ledger.js';
import { energiseQuote, sitesPhase } from '../../../../shared/rules/systems/sites.js';
import { powerPhase } from '../../../../shared/rules/systems/power.js';
import { siteRuns, siteUsedMw } from '../../../../shared/rules/systems/capacity.js';
import { PPA_TERM_DAYS } from '../../../../shared/economy/power.js';
import { siteMarketValueUsd, siteSaleValueUsd, siteValueUsd } from '../../../../shared/rules/systems/prices.js';
import type { GameState, HardwareLot } from '../../../../shared/rules/types.js';
import { accept, edit, rejects, runPhase } from '../../../support/engineSteps.js';

const scenario = getScenario('history-2023-2025')!;

function game(): GameState {
  return createGame(scenario, 'sites', [
    { id: 'a', name: 'Alice' },
    { id: 'b', name: 'Bob' },
  ]);
}

/** Moves a player's cash down to `usd` (the rest to the world). */
function setCash(s: GameState, player: string, usd: number): GameState {
  return edit(s, (d) => {
    const extra = cashCents(d.ledger, player) - usd * 100;
    if (extra > 0) transfer(d.ledger, { from: playerAccount(player), to: WORLD, usdCents: extra, reason: 'test' });
  });
}

function lot(id: string, ownerId: string, modelId: string, count: number, siteId: string | null, status: HardwareLot['status'] = 'installed'): HardwareLot {
  return { id, ownerId, modelId, count, status, siteId, arrivesDay: 0, unitCostUsd: 0, committedGpus: 0 };
}

// Market value per MW: tier capex less 25%, or the cheapest comparable listing in the region
// (Rockdale Annex, Texas mining, $420k/MW) when that is lower.
const TEXAS_MINING_USD_PER_MW = Math.min(600_000 * 0.75, 420_000);

describe('buySite', () => {
  it('pays the list price to the world and takes ownership', () => {
    const s0 = game();
    const price = s0.sites.L1!.listPriceUsd;
    expect(price).toBe(50 * 450_000);
    const s = accept(s0, 'a', { type: 'buySite', siteId: 'L1' });
    expect(s.sites.L1!.ownerId).toBe('a');
    expect(cashCents(s.ledger, 'a')).toBe(cashCents(s0.ledger, 'a') - price * 100);
    expect(s.ledger.flowsUsdCents.site).toBe(price * 100);
  });

  it('rejects unknown, owned and unaffordable sites with the state unchanged', () => {
    const s = accept(game(), 'a', { type: 'buySite', siteId: 'L1' });
    rejects(s, 'b', { type: 'buySite', siteId: 'L99' }, 'NOT_FOUND');
    rejects(s, 'b', { type: 'buySite', siteId: 'L1' }, 'NOT_AVAILABLE');
    expect(rejects(setCash(s, 'b', 1000), 'b', { type: 'buySite', siteId: 'L2' }, 'INSUFFICIENT_FUNDS')).toMatch(/Rockdale Annex costs \$42,000,000/);
  });
});

describe('buildSite and construction', () => {
  it('charges tier capex per MW and energises after build days plus the region queue', () => {
    const s0 = game();
    const tx = scenario.regions.find((r) => r.id === 'texas')!;
    const s = accept(s0, 'a', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 50, name: 'Home' });
    const site = Object.values(s.sites).find((x) => x.ownerId === 'a')!;
    expect(site).toMatchObject({ name: 'Home', status: 'building', energisedMw: 0, buildingMw: 50, tier: 'mining' });
    const days = scenario.capex.miningBuildDays + tx.gridQueueBaseDays + (tx.gridQueueDaysPer100Mw * 50) / 100;
    expect(site.buildEtaDay).toBe(days);
    expect(cashCents(s.ledger, 'a')).toBe(cashCents(s0.ledger, 'a') - 50 * scenario.capex.miningUsdPerMw * 100);
    // Months to energise: DESIGN §4 says 12–18 for greenfield mining.
    expect(days / 30.44).toBeGreaterThanOrEqual(12);
    expect(days / 30.44).toBeLessThanOrEqual(18);
    // The queue grew: the next request waits longer.
    expect(s.regions.texas!.gridQueueDays).toBe(tx.gridQueueBaseDays + 15);
    const s2 = accept(s, 'b', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 50 });
    const site2 = Object.values(s2.sites).find((x) => x.ownerId === 'b')!;
    expect(site2.buildEtaDay).toBe(days + 15);
  });

  it('emits siteEnergised on the ETA day and not before', () => {
    let s = accept(game(), 'a', { type: 'buildSite', regionId: 'kazakhstan', tier: 'mining', mw: 10 });
    const site = Object.values(s.sites).find((x) => x.ownerId === 'a')!;
    s = edit(s, (d) => void (d.day = site.buildEtaDay - 1));
    let r = runPhase(s, sitesPhase);
    expect(r.events.filter((e) => e.type === 'siteEnergised')).toHaveLength(0);
    expect(r.state.sites[site.id]!.status).toBe('building');
    r = runPhase(edit(r.state, (d) => void (d.day += 1)), sitesPhase);
    expect(r.events).toContainEqual({ type: 'siteEnergised', day: site.buildEtaDay, playerId: 'a', siteId: site.id });
    expect(r.state.sites[site.id]).toMatchObject({ status: 'active', energisedMw: 10, buildingMw: 0 });
  });

  it('rejects unknown regions and unaffordable builds', () => {
    const s = game();
    rejects(s, 'a', { type: 'buildSite', regionId: 'mars', tier: 'mining', mw: 10 }, 'NOT_FOUND');
    rejects(s, 'a', { type: 'buildSite', regionId: 'texas', tier: 'ai', mw: 10 }, 'INSUFFICIENT_FUNDS'); // $90M > $50M
  });

  it('puts AI greenfield at 12–24 months outside Northern Virginia, years inside it', () => {
    let s = game();
    s = edit(s, (d) => transfer(d.ledger, { from: WORLD, to: playerAccount('a'), usdCents: 1e12, reason: 'test' }));
    for (const regionId of ['texas', 'quebec', 'nordics']) {
      const s2 = accept(s, 'a', { type: 'buildSite', regionId, tier: 'ai', mw: 20 });
      const months = Object.values(s2.sites).find((x) => x.ownerId === 'a')!.buildEtaDay / 30.44;
      expect(months, regionId).toBeGreaterThanOrEqual(12);
      expect(months, regionId).toBeLessThanOrEqual(24);
    }
    // Years in Northern Virginia: longer than the two-year story, so the build is refused outright.
    const years = energiseQuote(s, 'nova', 'ai', 150) / 365;
    expect(years).toBeGreaterThanOrEqual(4);
    expect(years).toBeLessThanOrEqual(7.5);
    expect(rejects(s, 'a', { type: 'buildSite', regionId: 'nova', tier: 'ai', mw: 150 }, 'TOO_LATE')).toMatch(/the match's last day is day 729/);
  });
});

describe('expandSite', () => {
  it('adds MW under construction at tier capex; the energised MW keep running', () => {
    const s0 = accept(game(), 'a', { type: 'buySite', siteId: 'L5' }); // Ekibastuz, 60 MW mining
    const s = accept(s0, 'a', { type: 'expandSite', siteId: 'L5', mw: 20 });
    expect(s.sites.L5).toMatchObject({ status: 'active', energisedMw: 60, buildingMw: 20 });
    expect(cashCents(s0.ledger, 'a') - cashCents(s.ledger, 'a')).toBe(20 * scenario.capex.miningUsdPerMw * 100);
    const r = runPhase(edit(s, (d) => void (d.day = s.sites.L5!.buildEtaDay)), sitesPhase);
    expect(r.state.sites.L5).toMatchObject({ energisedMw: 80, buildingMw: 0, status: 'active' });
    expect(r.events.some((e) => e.type === 'siteEnergised' && e.siteId === 'L5')).toBe(true);
  });

  it('rejects strangers, unknown sites, sites still building, a second expansion and no cash', () => {
    const s = accept(accept(game(), 'a', { type: 'buySite', siteId: 'L5' }), 'a', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 5 });
    const building = Object.values(s.sites).find((x) => x.status === 'building')!;
    rejects(s, 'b', { type: 'expandSite', siteId: 'L5', mw: 5 }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'expandSite', siteId: 'nope', mw: 5 }, 'NOT_FOUND');
    rejects(s, 'a', { type: 'expandSite', siteId: building.id, mw: 5 }, 'WRONG_STATE');
    const s2 = accept(s, 'a', { type: 'expandSite', siteId: 'L5', mw: 5 });
    rejects(s2, 'a', { type: 'expandSite', siteId: 'L5', mw: 5 }, 'WRONG_STATE');
    rejects(setCash(s, 'a', 100), 'a', { type: 'expandSite', siteId: 'L5', mw: 5 }, 'INSUFFICIENT_FUNDS');
  });
});

describe('retrofitSite', () => {
  it('charges retrofit capex per MW, stops the site, and makes it ai tier after the downtime', () => {
    let s = accept(game(), 'a', { type: 'buySite', siteId: 'L3' }); // Baie-Comeau, 30 MW mining
    s = edit(s, (d) => {
      transfer(d.ledger, { from: WORLD, to: playerAccount('a'), usdCents: 200e6 * 100, reason: 'test' });
      d.lots.X1 = lot('X1', 'a', 's19xp', 100, 'L3');
    });
    const before = cashCents(s.ledger, 'a');
    s = accept(s, 'a', { type: 'retrofitSite', siteId: 'L3' });
    expect(before - cashCents(s.ledger, 'a')).toBe(30 * scenario.capex.retrofitUsdPerMw * 100);
    expect(s.sites.L3).toMatchObject({ status: 'retrofitting', retrofitEtaDay: scenario.capex.retrofitDays, tier: 'mining' });
    expect(siteRuns(s, s.sites.L3!, 'mining')).toBe(false);
    // Nothing runs, so nothing is billed during the retrofit.
    const mid = runPhase(s, sitesPhase).state;
    expect(cashCents(mid.ledger, 'a')).toBe(cashCents(s.ledger, 'a'));
    const r = runPhase(edit(s, (d) => void (d.day = scenario.capex.retrofitDays)), sitesPhase);
    expect(r.state.sites.L3).toMatchObject({ status: 'active', tier: 'ai' });
    expect(r.events.some((e) => e.type === 'siteEnergised' && e.siteId === 'L3')).toBe(true);
    // ASICs stay and may run in the ai tier.
    expect(r.state.lots.X1!.status).toBe('installed');
    expect(siteRuns(r.state, r.state.sites.L3!, 'mining')).toBe(true);
  });

  it('rejects ai sites, strangers, sites under construction and no cash', () => {
    let s = accept(game(), 'a', { type: 'buySite', siteId: 'L3' });
    s = edit(s, (d) => transfer(d.ledger, { from: WORLD, to: playerAccount('a'), usdCents: 400e6 * 100, reason: 'test' }));
    s = accept(s, 'a', { type: 'buySite', siteId: 'L4' }); // Luleå, ai tier
    s = accept(s, 'a', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 5 });
    const building = Object.values(s.sites).find((x) => x.status === 'building')!;
    rejects(s, 'a', { type: 'retrofitSite', siteId: 'L4' }, 'WRONG_TIER');
    rejects(s, 'b', { type: 'retrofitSite', siteId: 'L3' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'retrofitSite', siteId: building.id }, 'WRONG_STATE');
    rejects(setCash(s, 'a', 10), 'a', { type: 'retrofitSite', siteId: 'L3' }, 'INSUFFICIENT_FUNDS');
    const s2 = accept(s, 'a', { type: 'retrofitSite', siteId: 'L3' });
    rejects(s2, 'a', { type: 'retrofitSite', siteId: 'L3' }, 'WRONG_STATE');
  });
});

describe('sellSite', () => {
  it('pays the market value per MW less 40% (haircut), moves hardware to storage and relists at market', () => {
    let s = accept(game(), 'a', { type: 'buySite', siteId: 'L1' });
    s = edit(s, (d) => {
      d.lots.X1 = lot('X1', 'a', 's19xp', 10, 'L1');
      d.lots.X2 = lot('X2', 'a', 's19xp', 10, 'L1', 'ordered');
    });
    const before = cashCents(s.ledger, 'a');
    s = accept(s, 'a', { type: 'sellSite', siteId: 'L1' });
    expect(cashCents(s.ledger, 'a') - before).toBe(Math.round(50 * TEXAS_MINING_USD_PER_MW * 0.6) * 100);
    expect(s.sites.L1).toMatchObject({ ownerId: null, listPriceUsd: 50 * TEXAS_MINING_USD_PER_MW });
    expect(s.lots.X1).toMatchObject({ status: 'stored', siteId: null });
    expect(s.lots.X2).toMatchObject({ status: 'ordered', siteId: null });
    expect(siteUsedMw(s, s.sites.L1!)).toBe(0);
  });

  it('refuses while a tenant or a contract binds the site, while building, and for strangers', () => {
    const s = accept(game(), 'a', { type: 'buySite', siteId: 'L1' });
    rejects(s, 'b', { type: 'sellSite', siteId: 'L1' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'sellSite', siteId: 'L77' }, 'NOT_FOUND');
    rejects(edit(s, (d) => void (d.sites.L1!.hostedMw = 5)), 'a', { type: 'sellSite', siteId: 'L1' }, 'WRONG_STATE');
    const bound = edit(s, (d) => {
      d.contracts.C1 = { id: 'C1', kind: 'hosting', ownerId: 'a', counterparty: 'x', gpus: 0, mw: 5, siteId: 'L1', priceUsdPerGpuHour: 0, priceUsdPerKwMonth: 125, startDay: 0, endDay: 100, penaltiesUsd: 0 };
    });
    rejects(bound, 'a', { type: 'sellSite', siteId: 'L1' }, 'WRONG_STATE');
    rejects(edit(s, (d) => void (d.sites.L1!.buildingMw = 5)), 'a', { type: 'sellSite', siteId: 'L1' }, 'WRONG_STATE');
  });
});

describe('site prices', () => {
  it('never lets a player buy a listed site and sell it back at a profit', () => {
    const s0 = game();
    for (const site of Object.values(s0.sites)) {
      const big = edit(s0, (d) => transfer(d.ledger, { from: WORLD, to: playerAccount('a'), usdCents: 1e12, reason: 'test' }));
      const before = cashCents(big.ledger, 'a');
      const after = accept(accept(big, 'a', { type: 'buySite', siteId: site.id }), 'a', { type: 'sellSite', siteId: site.id });
      expect(cashCents(after.ledger, 'a'), site.name).toBeLessThan(before);
    }
  });

  it('values a site for NAV at market, counting MW under construction', () => {
    const s = edit(accept(game(), 'a', { type: 'buySite', siteId: 'L1' }), (d) => void (d.sites.L1!.buildingMw = 10));
    expect(siteValueUsd(s, s.sites.L1!)).toBe(60 * TEXAS_MINING_USD_PER_MW);
    expect(siteMarketValueUsd(s, s.sites.L1!)).toBe(50 * TEXAS_MINING_USD_PER_MW);
    expect(siteSaleValueUsd(s, s.sites.L1!)).toBe(Math.round(50 * TEXAS_MINING_USD_PER_MW * 0.6));
  });
});

describe('setPowerContract', () => {
  it('locks a PPA at the index + 8% for a year; index sites may set a curtailment threshold', () => {
    let s = accept(game(), 'a', { type: 'buySite', siteId: 'L1' });
    s = edit(s, (d) => void (d.regions.texas!.powerUsdPerMwh = 30));
    const ppa = accept(s, 'a', { type: 'setPowerContract', siteId: 'L1', contract: 'ppa' });
    expect(ppa.sites.L1!.contract).toBe('ppa');
    expect(ppa.sites.L1!.ppaUsdPerMwh).toBeCloseTo(32.4, 10);
    expect(ppa.sites.L1!.ppaUntilDay).toBe(PPA_TERM_DAYS);
    rejects(ppa, 'a', { type: 'setPowerContract', siteId: 'L1', contract: 'index' }, 'WRONG_STATE');
    rejects(ppa, 'a', { type: 'setPowerContract', siteId: 'L1', contract: 'ppa' }, 'WRONG_STATE');
    const later = accept(edit(ppa, (d) => void (d.day = PPA_TERM_DAYS)), 'a', { type: 'setPowerContract', siteId: 'L1', contract: 'index', curtailAboveUsdPerMwh: 90 });
    expect(later.sites.L1).toMatchObject({ contract: 'index', curtailAboveUsdPerMwh: 90, ppaUsdPerMwh: 0 });
    rejects(s, 'a', { type: 'setPowerContract', siteId: 'L1', contract: 'ppa', curtailAboveUsdPerMwh: 50 }, 'BAD_ACTION');
    rejects(s, 'b', { type: 'setPowerContract', siteId: 'L1', contract: 'ppa' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'setPowerContract', siteId: 'L0', contract: 'ppa' }, 'NOT_FOUND');
  });
});

describe('sitesPhase: bills, curtailment, storage', () => {
  // 1,000 S19 XP at 3.01 kW × PUE 1.1 = 3.311 MW in Texas.
  const drawMw = (1000 * 140 * 21.5) / 1e6 * 1.1;

  function withMiners(): GameState {
    const s = accept(game(), 'a', { type: 'buySite', siteId: 'L1' });
    return edit(s, (d) => {
      d.lots.X1 = lot('X1', 'a', 's19xp', 1000, 'L1');
      d.regions.texas!.powerUsdPerMwh = 30;
    });
  }

  it('bills the MW drawn × 24 h × index price, player → world, reason power; hosted MW are the tenant’s', () => {
    const s = edit(withMiners(), (d) => void (d.sites.L1!.hostedMw = 20));
    expect(siteUsedMw(s, s.sites.L1!)).toBeCloseTo(drawMw, 9);
    const r = runPhase(s, sitesPhase);
    const billCents = Math.round(drawMw * 24 * 30 * 100);
    expect(cashCents(s.ledger, 'a') - cashCents(r.state.ledger, 'a')).toBe(billCents);
    expect(r.state.ledger.flowsUsdCents.power).toBe(billCents);
    expect(ledgerTotals(r.state.ledger)).toEqual({ usdCents: 0, sats: 0 });
  });

  it('bills a PPA site at its locked price whatever the index does', () => {
    const s = edit(withMiners(), (d) => {
      d.sites.L1!.contract = 'ppa';
      d.sites.L1!.ppaUsdPerMwh = 25;
      d.regions.texas!.powerUsdPerMwh = 300;
    });
    const r = runPhase(s, sitesPhase);
    expect(r.state.ledger.flowsUsdCents.power).toBe(Math.round(drawMw * 24 * 25 * 100));
    expect(r.state.sites.L1!.curtailedToday).toBe(false);
  });

  it('curtails an index site above its threshold and pays demand-response credits instead of a bill', () => {
    const s = edit(withMiners(), (d) => {
      d.sites.L1!.curtailAboveUsdPerMwh = 80;
      d.regions.texas!.powerUsdPerMwh = 95;
    });
    const r = runPhase(s, sitesPhase);
    expect(r.state.sites.L1!.curtailedToday).toBe(true);
    const creditCents = Math.round(drawMw * 24 * 120 * 100);
    expect(cashCents(r.state.ledger, 'a') - cashCents(s.ledger, 'a')).toBe(creditCents);
    expect(r.state.ledger.flowsUsdCents.demandResponse).toBe(creditCents);
    expect(r.state.ledger.flowsUsdCents.power).toBeUndefined();
    expect(siteRuns(r.state, r.state.sites.L1!, 'mining')).toBe(false);
    // Next day the price is back below the threshold: the site runs and pays again.
    const r2 = runPhase(edit(r.state, (d) => void (d.regions.texas!.powerUsdPerMwh = 30)), sitesPhase);
    expect(r2.state.sites.L1!.curtailedToday).toBe(false);
    expect(r2.state.ledger.flowsUsdCents.power).toBe(Math.round(drawMw * 24 * 30 * 100));
  });

  it('darkens a site its owner cannot pay for, without overdrawing', () => {
    const s = setCash(withMiners(), 'a', 100);
    const r = runPhase(s, sitesPhase);
    expect(r.state.sites.L1!.curtailedToday).toBe(true);
    expect(cashCents(r.state.ledger, 'a')).toBe(100 * 100);
    expect(siteRuns(r.state, r.state.sites.L1!, 'mining')).toBe(false);
  });

  it('does not bill banned mining sites (their ASICs do not run)', () => {
    const s = edit(withMiners(), (d) => void (d.regions.texas!.miningBanUntilDay = 10));
    expect(runPhase(s, sitesPhase).state.ledger.flowsUsdCents.power).toBeUndefined();
  });

  it('charges storage weekly per stored unit, and skips an owner who cannot pay', () => {
    let s = edit(game(), (d) => {
      d.lots.X1 = lot('X1', 'a', 's19xp', 100, null, 'stored');
      d.lots.X2 = lot('X2', 'b', 's19xp', 100, null, 'stored');
      d.day = 6;
    });
    s = setCash(s, 'b', 1);
    const r = runPhase(s, sitesPhase);
    expect(r.state.ledger.flowsUsdCents.storage).toBe(100 * scenario.hardware.storageUsdPerUnitDay * 7 * 100);
    expect(cashCents(r.state.ledger, 'b')).toBe(100);
    const quiet = runPhase(edit(s, (d) => void (d.day = 7)), sitesPhase);
    expect(quiet.state.ledger.flowsUsdCents.storage).toBeUndefined();
  });
});

describe('powerPhase', () => {
  it('adds installed MW to the region load and keeps prices positive and seeded', () => {
    const s = edit(accept(game(), 'a', { type: 'buySite', siteId: 'L2' }), (d) => void (d.lots.X1 = lot('X1', 'a', 's19xp', 10_000, 'L2')));
    const a = runPhase(s, powerPhase).state;
    const b = runPhase(s, powerPhase).state;
    expect(stateHash(a)).toBe(stateHash(b));
    // NPC miners placed in a region load it too: EH/s × J/TH MW.
    const npcMw = (regionId: string) => s.npc.cohorts.filter((c) => c.regionId === regionId).reduce((t, c) => t + c.runningEhs * c.efficiencyJPerTh, 0);
    expect(a.regions.texas!.loadMw).toBeCloseTo(((10_000 * 140 * 21.5) / 1e6) * 1.1 + npcMw('texas'), 6);
    expect(a.regions.kazakhstan!.loadMw).toBeCloseTo(npcMw('kazakhstan'), 6);
    expect(a.regions.nova!.loadMw).toBe(0);
    for (const r of Object.values(a.regions)) expect(r.powerUsdPerMwh).toBeGreaterThan(0);
  });

  it('applies and decays a spike, and grows the queue with MW under construction', () => {
    let s = edit(game(), (d) => {
      d.regions.texas!.spikeMultiplier = 3;
      d.regions.texas!.spikeDaysLeft = 2;
    });
    const calm = runPhase(game(), powerPhase).state.regions.texas!.powerUsdPerMwh;
    const r = runPhase(s, powerPhase).state;
    expect(r.regions.texas!.powerUsdPerMwh).toBeCloseTo(calm * 3, 6);
    expect(r.regions.texas).toMatchObject({ spikeMultiplier: 2, spikeDaysLeft: 1 });
    s = accept(game(), 'a', { type: 'buildSite', regionId: 'texas', tier: 'mining', mw: 40 });
    expect(runPhase(s, powerPhase).state.regions.texas!.gridQueueDays).toBe(240 + 12);
  });
});
