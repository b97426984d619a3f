/**
 * Sites: buying, building, expanding, retrofitting, selling; construction and power contracts;
 * the daily curtailment decision, power bills and storage fees.
 *
 * Decisions: ASICs may stay and run in an ai-tier site (allowed, if a waste of dear MW); GPUs need
 * an ai-tier site. A retrofit keeps the hardware installed but nothing runs until it completes.
 * A site with MW under construction cannot start another expansion, a retrofit, or be sold.
 */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, newId, tooLate } from '../context.js';
import type { GameState, PlayerId, RuleError, Site } from '../types.js';
import { addDays } from '../../economy/calendar.js';
import { canTransfer, cashCents, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { usdToCents } from '../../economy/money.js';
import {
  contractUsdPerMwh,
  dailyPowerCostUsd,
  demandResponseCreditUsd,
  energiseAfterDays,
  PPA_TERM_DAYS,
  ppaLockUsdPerMwh,
  shouldCurtail,
} from '../../economy/power.js';
import { addEntry, lotIdsOf, raw, rawAt, recordList, regionSpec, siteDrawsMw } from './capacity.js';
import { siteMarketValueUsd, siteSaleValueUsd, tierCapexUsdPerMw } from './prices.js';
import { own } from '../own.js';
import { siteRecord } from '../recordShapes.js';
import { recordValues } from '../recordValues.js';

type NewSite = Pick<Site, 'id' | 'name' | 'regionId' | 'ownerId' | 'tier'> & Partial<Site>;

/** A site with the quiet defaults: active, index power, nothing built, curtailed, hosted or listed. */
export function newSite(fields: NewSite): Site {
  return siteRecord({
    energisedMw: 0, buildingMw: 0, buildEtaDay: 0, status: 'active', retrofitEtaDay: 0, contract: 'index', ppaUsdPerMwh: 0,
    ppaUntilDay: 0, curtailAboveUsdPerMwh: 0, curtailedToday: false, hostedMw: 0, listPriceUsd: 0, coloProviderId: '', coloUsdPerKwMonth: 0,
    coloEndDay: 0, ...fields,
  });
}

const fmtUsd = (usd: number) => `$${Math.round(usd).toLocaleString('en-US')}`;

function ownedSite(draft: GameState, playerId: PlayerId, siteId: string): Site | RuleError {
  const site = own(draft.sites, siteId);
  if (!site) return fail('NOT_FOUND', `No site ${siteId}.`);
  if (site.ownerId !== playerId) return fail('NOT_OWNER', `Site ${site.name} is not yours.`);
  return site;
}

/** Colocation space belongs to its provider: the tenant installs hardware, nothing more. */
export function coloRefusal(site: Site, what: string): RuleError | null {
  if (!site.coloProviderId) return null;
  return fail('WRONG_STATE', `${site.name} is colocation space rented until day ${site.coloEndDay}; it cannot be ${what}.`);
}

const isError = (x: unknown): x is RuleError => typeof x === 'object' && x !== null && 'code' in x && 'message' in x;

function pay(draft: GameState, playerId: PlayerId, usd: number, reason: string, what: string): RuleError | void {
  const t = { from: playerAccount(playerId), to: WORLD, usdCents: usdToCents(usd), reason };
  if (!canTransfer(draft.ledger, t)) return fail('INSUFFICIENT_FUNDS', `${what} costs ${fmtUsd(usd)}; you do not have enough cash.`);
  transfer(draft.ledger, t);
}

/** Days until `mw` new MW energise in a region today, and the MW it adds to that region's queue. */
export function energiseQuote(state: GameState, regionId: string, tier: Site['tier'], mw: number): number {
  const spec = regionSpec(state, regionId);
  const region = own(state.regions, regionId);
  if (!spec || !region) return 0;
  const queueDays = region.gridQueueDays + (spec.gridQueueDaysPer100Mw * mw) / 100;
  const buildDays = tier === 'ai' ? state.scenario.capex.aiBuildDays : state.scenario.capex.miningBuildDays;
  return energiseAfterDays(buildDays, queueDays);
}

function joinQueue(draft: GameState, regionId: string, mw: number): void {
  const spec = regionSpec(draft, regionId);
  const region = own(draft.regions, regionId);
  if (spec && region) region.gridQueueDays = Math.round(region.gridQueueDays + (spec.gridQueueDaysPer100Mw * mw) / 100);
}

/** Capex of retrofitting a mining site's energised MW to the ai tier (whole dollars). */
export function retrofitCostUsd(state: GameState, site: Site): number {
  return site.energisedMw * state.scenario.capex.retrofitUsdPerMw;
}

/**
 * Starts a retrofit, the player paying `(1 − fundedShare)` of the capex (a hosting tenant may fund
 * the rest: the compute system calls this when such an offer is accepted; the tenant's share is
 * never on the player's ledger).
 */
export function startRetrofit(draft: GameState, playerId: PlayerId, siteId: string, fundedShare = 0): RuleError | void {
  const site = ownedSite(draft, playerId, siteId);
  if (isError(site)) return site;
  if (site.tier === 'ai') return fail('WRONG_TIER', `Site ${site.name} is already ai tier.`);
  if (site.status !== 'active') return fail('WRONG_STATE', `Site ${site.name} is ${site.status}; retrofit it once it is active.`);
  if (site.buildingMw > 0) return fail('WRONG_STATE', `Site ${site.name} has MW under construction; retrofit after they energise.`);
  if (site.energisedMw <= 0) return fail('WRONG_STATE', `Site ${site.name} has no energised MW to retrofit.`);
  const late = tooLate(draft, draft.day + draft.scenario.capex.retrofitDays, `Retrofitting ${site.name}`);
  if (late) return late;
  const share = Math.min(1, Math.max(0, fundedShare));
  const err = pay(draft, playerId, retrofitCostUsd(draft, site) * (1 - share), 'retrofit', `Retrofitting ${site.name}`);
  if (err) return err;
  site.status = 'retrofitting';
  site.retrofitEtaDay = draft.day + draft.scenario.capex.retrofitDays;
}

type T = 'buySite' | 'buildSite' | 'expandSite' | 'retrofitSite' | 'sellSite' | 'setPowerContract';
export const siteReducers: { [K in T]: Reducer<K> } = {
  buySite: (draft, playerId, action) => {
    const site = own(draft.sites, action.siteId);
    if (!site) return fail('NOT_FOUND', `No site ${action.siteId}.`);
    if (site.ownerId !== null) return fail('NOT_AVAILABLE', `Site ${site.name} is not for sale.`);
    const err = pay(draft, playerId, site.listPriceUsd, 'site', `Site ${site.name}`);
    if (err) return err;
    site.ownerId = playerId;
    site.listPriceUsd = 0;
    site.contract = 'index';
    site.ppaUsdPerMwh = 0;
    site.ppaUntilDay = 0;
    site.curtailAboveUsdPerMwh = 0;
    site.curtailedToday = false;
  },

  buildSite: (draft, playerId, action) => {
    const spec = regionSpec(draft, action.regionId);
    if (!spec || !own(draft.regions, action.regionId)) return fail('NOT_FOUND', `No region ${action.regionId}.`);
    const capexUsd = tierCapexUsdPerMw(draft, action.tier) * action.mw;
    const late = tooLate(draft, draft.day + energiseQuote(draft, action.regionId, action.tier, action.mw), `Building ${action.mw} MW (${action.tier} tier) in ${spec.name}`);
    if (late) return late;
    const err = pay(draft, playerId, capexUsd, 'capex', `Building ${action.mw} MW (${action.tier} tier) in ${spec.name}`);
    if (err) return err;
    const days = energiseQuote(draft, action.regionId, action.tier, action.mw);
    joinQueue(draft, action.regionId, action.mw);
    const id = newId(draft, 'S');
    addEntry(draft.sites, id, newSite({
      id,
      name: action.name?.trim() || `${spec.name} ${id}`,
      regionId: action.regionId,
      ownerId: playerId,
      tier: action.tier,
      buildingMw: action.mw,
      buildEtaDay: draft.day + days,
      status: 'building',
    }));
  },

  expandSite: (draft, playerId, action) => {
    const site = ownedSite(draft, playerId, action.siteId);
    if (isError(site)) return site;
    if (site.status !== 'active') return fail('WRONG_STATE', `Site ${site.name} is ${site.status}; expand it once it is active.`);
    if (site.buildingMw > 0) return fail('WRONG_STATE', `Site ${site.name} already has ${site.buildingMw} MW under construction.`);
    const colo = coloRefusal(site, 'expanded (rent more space from the provider instead)');
    if (colo) return colo;
    const late = tooLate(draft, draft.day + energiseQuote(draft, site.regionId, site.tier, action.mw), `Adding ${action.mw} MW to ${site.name}`);
    if (late) return late;
    const err = pay(draft, playerId, tierCapexUsdPerMw(draft, site.tier) * action.mw, 'capex', `Adding ${action.mw} MW to ${site.name}`);
    if (err) return err;
    const days = energiseQuote(draft, site.regionId, site.tier, action.mw);
    joinQueue(draft, site.regionId, action.mw);
    site.buildingMw = action.mw;
    site.buildEtaDay = draft.day + days;
  },

  retrofitSite: (draft, playerId, action) => startRetrofit(draft, playerId, action.siteId, 0),

  sellSite: (draft, playerId, action) => {
    const site = ownedSite(draft, playerId, action.siteId);
    if (isError(site)) return site;
    if (site.status !== 'active' || site.buildingMw > 0) return fail('WRONG_STATE', `Site ${site.name} is under construction; sell it once it is finished.`);
    if (site.hostedMw > 0) return fail('WRONG_STATE', `Site ${site.name} hosts a tenant (${site.hostedMw} MW); it cannot be sold.`);
    const colo = coloRefusal(site, 'sold');
    if (colo) return colo;
    for (const c of recordValues(raw(draft.contracts))) {
      if (c.siteId === site.id && c.endDay > draft.day) return fail('WRONG_STATE', `Site ${site.name} is bound by contract ${c.id} until ${addDays(draft.scenario.startDate, c.endDay)}.`);
    }
    const priceUsd = siteSaleValueUsd(draft, site);
    // Hardware leaves with the seller: installed units go to storage, orders addressed here too.
    const lots = raw(draft.lots);
    for (const id of lotIdsOf(draft, playerId)) {
      const lot = rawAt(lots, id);
      if (!lot || lot.siteId !== site.id) continue;
      const d = draft.lots[id]!;
      if (d.status === 'installed') d.status = 'stored';
      d.siteId = null;
    }
    transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: usdToCents(priceUsd), reason: 'siteSale' });
    site.ownerId = null;
    site.listPriceUsd = siteMarketValueUsd(draft, site);
    site.contract = 'index';
    site.ppaUsdPerMwh = 0;
    site.ppaUntilDay = 0;
    site.curtailAboveUsdPerMwh = 0;
    site.curtailedToday = false;
  },

  setPowerContract: (draft, playerId, action) => {
    const site = ownedSite(draft, playerId, action.siteId);
    if (isError(site)) return site;
    if (site.contract === 'ppa' && site.ppaUntilDay > draft.day) {
      return fail('WRONG_STATE', `Site ${site.name} is on a PPA at $${site.ppaUsdPerMwh.toFixed(2)}/MWh until ${addDays(draft.scenario.startDate, site.ppaUntilDay)}.`);
    }
    if (action.contract === 'ppa') {
      if (action.curtailAboveUsdPerMwh !== undefined) return fail('BAD_ACTION', 'Curtailment thresholds apply to index contracts only.');
      const index = draft.regions[site.regionId]?.powerUsdPerMwh ?? 0;
      site.contract = 'ppa';
      site.ppaUsdPerMwh = ppaLockUsdPerMwh(index);
      site.ppaUntilDay = draft.day + PPA_TERM_DAYS;
      site.curtailAboveUsdPerMwh = 0;
      return;
    }
    site.contract = 'index';
    site.ppaUsdPerMwh = 0;
    site.ppaUntilDay = 0;
    if (action.curtailAboveUsdPerMwh !== undefined) site.curtailAboveUsdPerMwh = action.curtailAboveUsdPerMwh;
  },
};

function completeConstruction(draft: GameState, ctx: Ctx): void {
  for (const s of recordList(draft.sites)) {
    const id = s.id;
    if (!s.ownerId) continue;
    const buildDone = s.buildingMw > 0 && s.buildEtaDay <= draft.day && s.status !== 'retrofitting';
    const retrofitDone = s.status === 'retrofitting' && s.retrofitEtaDay <= draft.day;
    if (!buildDone && !retrofitDone) continue;
    const site = draft.sites[id]!;
    if (buildDone) {
      site.energisedMw += site.buildingMw;
      site.buildingMw = 0;
      site.status = 'active';
    } else {
      site.tier = 'ai';
      site.status = 'active';
    }
    ctx.events.push({ type: 'siteEnergised', day: draft.day, playerId: site.ownerId!, siteId: id });
  }
}

/**
 * Curtail index sites above their threshold (earning credits), bill the rest; a site its owner
 * cannot pay for goes dark. Sites are settled in id order against the owner's cash; each owner's
 * bills and credits are then posted as one transfer each (postings are the costly part of a day).
 */
function settlePower(draft: GameState): void {
  for (const s of recordList(draft.sites)) {
    if (s.curtailedToday) draft.sites[s.id]!.curtailedToday = false;
  }
  const draws = siteDrawsMw(draft);
  const billCents = new Map<PlayerId, number>();
  const creditCents = new Map<PlayerId, number>();
  const cashLeftCents = new Map<PlayerId, number>();
  for (const s of recordList(draft.sites)) {
    const id = s.id;
    const drawMw = draws.get(id);
    if (!drawMw || drawMw <= 0) continue;
    const ownerId = s.ownerId;
    if (!ownerId) continue;
    const indexUsdPerMwh = rawAt(draft.regions, s.regionId)?.powerUsdPerMwh ?? 0;
    if (shouldCurtail(s.contract, indexUsdPerMwh, s.curtailAboveUsdPerMwh)) {
      draft.sites[id]!.curtailedToday = true;
      const credit = usdToCents(demandResponseCreditUsd(drawMw, regionSpec(draft, s.regionId)?.curtailCreditUsdPerMwh ?? 0));
      creditCents.set(ownerId, (creditCents.get(ownerId) ?? 0) + credit);
      continue;
    }
    const bill = usdToCents(dailyPowerCostUsd(drawMw, contractUsdPerMwh(s.contract, indexUsdPerMwh, s.ppaUsdPerMwh)));
    const left = cashLeftCents.get(ownerId) ?? cashCents(draft.ledger, ownerId);
    if (bill <= left) {
      cashLeftCents.set(ownerId, left - bill);
      billCents.set(ownerId, (billCents.get(ownerId) ?? 0) + bill);
    } else {
      draft.sites[id]!.curtailedToday = true;
    }
  }
  for (const playerId of raw(draft.playerOrder)) {
    const bill = billCents.get(playerId);
    if (bill) transfer(draft.ledger, { from: playerAccount(playerId), to: WORLD, usdCents: bill, reason: 'power' });
    const credit = creditCents.get(playerId);
    if (credit) transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: credit, reason: 'demandResponse' });
  }
}

/** Storage is billed weekly, in arrears, for the units stored on the billing day. */
export const STORAGE_BILLING_DAYS = 7;

/** Stored units cost rent; an owner who cannot pay is skipped (the warehouse waits). */
function chargeStorage(draft: GameState): void {
  const feePerUnitUsd = draft.scenario.hardware.storageUsdPerUnitDay;
  if (feePerUnitUsd <= 0 || draft.day % STORAGE_BILLING_DAYS !== STORAGE_BILLING_DAYS - 1) return;
  const lots = raw(draft.lots);
  for (const playerId of raw(draft.playerOrder)) {
    let units = 0;
    for (const id of lotIdsOf(draft, playerId)) {
      const lot = rawAt(lots, id);
      if (lot && lot.ownerId === playerId && lot.status === 'stored') units += lot.count;
    }
    if (units === 0) continue;
    const fee = usdToCents(units * feePerUnitUsd * STORAGE_BILLING_DAYS);
    const t = { from: playerAccount(playerId), to: WORLD, usdCents: fee, reason: 'storage' };
    if (canTransfer(draft.ledger, t)) transfer(draft.ledger, t);
  }
}

export const sitesPhase: Phase = (draft, ctx) => {
  completeConstruction(draft, ctx);
  settlePower(draft);
  chargeStorage(draft);
};
