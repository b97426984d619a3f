/**
 * Colocation (DESIGN.md §3.2, issue 10): AI-tier space rented from NPC providers by the MW, the
 * fastest way into AI when building or retrofitting would outlast the match. A rental is a site
 * the company does not own: ready a few days after signing, GPUs install there as anywhere else,
 * power is billed at the region's index like any site, and rent is billed daily through the
 * ledger while it is energised. At the end of the term the space goes back to the provider and
 * the hardware goes to storage.
 *
 * A rental the tenant cannot pay for that day goes dark (the provider cuts the racks) instead of
 * running into arrears, so the ledger never needs a debt it cannot collect.
 */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, newId, tooLate } from '../context.js';
import type { GameState, PlayerId } from '../types.js';
import type { ColocationSpec } from '../../economy/scenarios/types.js';
import { canTransfer, cashCents, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { centsToUsd } from '../../economy/money.js';
import { hostingDayCents } from '../../economy/hosting.js';
import { addEntry, forgetRecordList, lotIdsOf, raw, rawAt, recordList, regionSpec } from './capacity.js';
import { newSite } from './sites.js';

/** Cash a company must hold to sign: this many days of rent (not charged up front). */
export const COLO_SIGNING_DAYS = 30;

/** A provider as players see it: its terms and the MW it still has to let. */
export interface ColoOffer extends ColocationSpec {
  availableMw: number;
}

export function coloSpecs(state: GameState): readonly ColocationSpec[] {
  return raw(raw(state.scenario).colocation ?? []);
}

/** MW each provider has let (rentals signed and not yet returned), in one pass over the sites. */
function letMwByProvider(state: GameState): Map<string, number> {
  const letMw = new Map<string, number>();
  for (const s of recordList(state.sites)) {
    if (s.coloProviderId) letMw.set(s.coloProviderId, (letMw.get(s.coloProviderId) ?? 0) + (s.energisedMw + s.buildingMw));
  }
  return letMw;
}

/** MW a provider has let. */
export function coloLetMw(state: GameState, providerId: string): number {
  return letMwByProvider(state).get(providerId) ?? 0;
}

/** Every provider with its free capacity today. */
export function coloOffers(state: GameState): ColoOffer[] {
  const letMw = letMwByProvider(state);
  // Field by field: a spread that adds a key takes V8's slow path (it was 2 % of a league match).
  return coloSpecs(state).map((p) => ({
    id: p.id, name: p.name, regionId: p.regionId, capacityMw: p.capacityMw, usdPerKwMonth: p.usdPerKwMonth, termDays: p.termDays,
    readyDays: p.readyDays, availableMw: Math.max(0, p.capacityMw - (letMw.get(p.id) ?? 0)),
  }));
}

/** Daily rent of `mw` at `usdPerKwMonth` (integer cents): the hosting formula, paid the other way. */
export function coloDayCents(mw: number, usdPerKwMonth: number): number {
  return hostingDayCents(mw, usdPerKwMonth);
}

const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const rentColocation: Reducer<'rentColocation'> = (draft, playerId, action) => {
  const spec = coloSpecs(draft).find((p) => p.id === action.providerId);
  if (!spec) return fail('NOT_FOUND', `No colocation provider ${action.providerId}.`);
  const region = regionSpec(draft, spec.regionId);
  if (!region) return fail('NOT_FOUND', `No region ${spec.regionId}.`);
  const availableMw = Math.max(0, spec.capacityMw - coloLetMw(draft, spec.id));
  if (action.mw > availableMw + 1e-9) {
    return fail('NO_CAPACITY', `${spec.name} has ${availableMw} MW left to let; you asked for ${action.mw} MW.`);
  }
  const readyDay = draft.day + spec.readyDays;
  const late = tooLate(draft, readyDay, `${action.mw} MW of colocation at ${spec.name}`);
  if (late) return late;
  const signingCents = coloDayCents(action.mw, spec.usdPerKwMonth) * COLO_SIGNING_DAYS;
  if (cashCents(draft.ledger, playerId) < signingCents) {
    return fail('INSUFFICIENT_FUNDS', `${spec.name} asks for ${COLO_SIGNING_DAYS} days of rent in cash ($${thousands(centsToUsd(signingCents))}) to sign ${action.mw} MW.`);
  }
  const id = newId(draft, 'S');
  addEntry(draft.sites, id, newSite({
    id,
    name: `${spec.name} ${id}`,
    regionId: spec.regionId,
    ownerId: playerId,
    tier: 'ai',
    buildingMw: action.mw,
    buildEtaDay: readyDay,
    status: 'building',
    coloProviderId: spec.id,
    coloUsdPerKwMonth: spec.usdPerKwMonth,
    coloEndDay: readyDay + spec.termDays,
  }));
};

export const colocationReducers: { rentColocation: Reducer<'rentColocation'> } = { rentColocation };

/** Hardware at a returned rental goes to storage (orders addressed there arrive into storage). */
function vacate(draft: GameState, playerId: PlayerId, siteId: string): void {
  const lots = raw(draft.lots);
  for (const id of lotIdsOf(draft, playerId)) {
    const lot = rawAt(lots, id);
    if (!lot || lot.ownerId !== playerId || lot.siteId !== siteId) continue;
    const d = draft.lots[id]!;
    if (d.status === 'installed') d.status = 'stored';
    d.siteId = null;
    d.committedGpus = 0;
  }
}

/** Runs after the sites phase (which energised rentals that became ready today and billed power). */
export const colocationPhase: Phase = (draft: GameState, _ctx: Ctx) => {
  const ended: string[] = [];
  for (const s of recordList(draft.sites)) {
    if (!s.coloProviderId || !s.ownerId) continue;
    if (draft.day >= s.coloEndDay) {
      ended.push(s.id);
      continue;
    }
    if (s.status !== 'active' || s.energisedMw <= 0) continue;
    const t = { from: playerAccount(s.ownerId), to: WORLD, usdCents: coloDayCents(s.energisedMw, s.coloUsdPerKwMonth), reason: 'colocation' };
    if (canTransfer(draft.ledger, t)) transfer(draft.ledger, t);
    else draft.sites[s.id]!.curtailedToday = true;
  }
  for (const id of ended) {
    const s = draft.sites[id]!;
    vacate(draft, s.ownerId!, id);
    delete draft.sites[id];
    forgetRecordList(draft.sites);
  }
};
