/**
 * One object shape per record kind. Lots and sites are read in every phase's hottest loops; when
 * they come in several hidden classes (an object literal here, a spread there, a key-by-key copy
 * in `workingCopy`), V8 compiles those loops for the shapes it has seen, throws the code away at
 * the first other one ("wrong map") and compiles again: in a league's first matches that was most
 * deopts and much of the compile time. Every lot and site is built by these literals, with the
 * fields in the order of their types.
 *
 * Each builder is also called once here, at load, on a sample whose number fields are fractional:
 * V8 stores a field as a small integer until the first fraction (or integer past 2^30) arrives,
 * then moves the whole shape to doubles and discards all code compiled for the old one. A site's
 * first fractional PPA price came in a league's sixth match and threw away some thirty compiled
 * functions at once; priming the shape with fractions settles it before the first match.
 *
 * The sample is then written once more, field by field. V8 takes a field that has only ever been
 * set by the literal for a constant and compiles its readers on that; the first store to it
 * (a lot moved to storage, a site's construction finished, a hall leased out) made the field
 * mutable and threw away those readers (siteLoadsOf, addLots, regionLoadsMw and five others at
 * once). In a 32-match thread that was 19 of its 26 such discards.
 */
import type { Contract, HardwareLot, PlayerState, Site } from './types.js';

export function lotRecord(l: HardwareLot): HardwareLot {
  return {
    id: l.id, ownerId: l.ownerId, modelId: l.modelId, count: l.count, status: l.status, siteId: l.siteId,
    arrivesDay: l.arrivesDay, unitCostUsd: l.unitCostUsd, committedGpus: l.committedGpus,
  };
}

export function siteRecord(s: Site): Site {
  return {
    id: s.id, name: s.name, regionId: s.regionId, ownerId: s.ownerId, tier: s.tier, energisedMw: s.energisedMw,
    buildingMw: s.buildingMw, buildEtaDay: s.buildEtaDay, status: s.status, retrofitEtaDay: s.retrofitEtaDay,
    contract: s.contract, ppaUsdPerMwh: s.ppaUsdPerMwh, ppaUntilDay: s.ppaUntilDay, curtailAboveUsdPerMwh: s.curtailAboveUsdPerMwh,
    curtailedToday: s.curtailedToday, hostedMw: s.hostedMw, listPriceUsd: s.listPriceUsd, coloProviderId: s.coloProviderId,
    coloUsdPerKwMonth: s.coloUsdPerKwMonth, coloEndDay: s.coloEndDay,
  };
}

export function contractRecord(c: Contract): Contract {
  return {
    id: c.id, kind: c.kind, ownerId: c.ownerId, counterparty: c.counterparty, gpus: c.gpus, mw: c.mw, siteId: c.siteId,
    priceUsdPerGpuHour: c.priceUsdPerGpuHour, priceUsdPerKwMonth: c.priceUsdPerKwMonth, startDay: c.startDay, endDay: c.endDay,
    penaltiesUsd: c.penaltiesUsd,
  };
}

export function playerRecord(p: PlayerState): PlayerState {
  return {
    id: p.id, name: p.name, colorIndex: p.colorIndex, strategy: p.strategy, narrative: p.narrative, sellMinedPct: p.sellMinedPct,
    sharesOutstanding: p.sharesOutstanding, founderShares: p.founderShares, issuanceWindowStartDay: p.issuanceWindowStartDay,
    issuanceWindowBaseShares: p.issuanceWindowBaseShares, sharesIssuedInWindow: p.sharesIssuedInWindow,
    sharesRetiredInWindow: p.sharesRetiredInWindow, narrativeSinceDay: p.narrativeSinceDay, bankrupt: p.bankrupt,
    restructurings: p.restructurings, joinedDay: p.joinedDay, revenueMiningUsdPerDay: p.revenueMiningUsdPerDay,
    revenueAiUsdPerDay: p.revenueAiUsdPerDay, revenueOtherUsdPerDay: p.revenueOtherUsdPerDay, btcMinedSats: p.btcMinedSats,
    computeDeliveredH100Days: p.computeDeliveredH100Days, navUsd: p.navUsd, marketCapUsd: p.marketCapUsd, multiple: p.multiple,
    distressDays: p.distressDays,
  };
}

/** `record` with every number field set to a fraction (the priming sample). */
function fractional<T extends object>(record: T): T {
  const out = { ...record } as Record<string, unknown>;
  for (const k in out) if (typeof out[k] === 'number') out[k] = 0.5;
  return out as T;
}

/** Writes every field of a built sample a second time, with another value of its kind. */
function rewritten(record: object): void {
  const r = record as Record<string, unknown>;
  for (const k in r) {
    const v = r[k];
    r[k] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}.` : typeof v === 'boolean' ? !v : v === null ? '' : v;
  }
}

rewritten(lotRecord(fractional<HardwareLot>({ id: '', ownerId: '', modelId: '', count: 0, status: 'ordered', siteId: null, arrivesDay: 0, unitCostUsd: 0, committedGpus: 0 })));
rewritten(siteRecord(fractional<Site>({
  id: '', name: '', regionId: '', ownerId: null, tier: 'mining', energisedMw: 0, buildingMw: 0, buildEtaDay: 0, status: 'active', retrofitEtaDay: 0,
  contract: 'index', ppaUsdPerMwh: 0, ppaUntilDay: 0, curtailAboveUsdPerMwh: 0, curtailedToday: false, hostedMw: 0, listPriceUsd: 0,
  coloProviderId: '', coloUsdPerKwMonth: 0, coloEndDay: 0,
})));
rewritten(contractRecord(fractional<Contract>({
  id: '', kind: 'tender', ownerId: '', counterparty: '', gpus: 0, mw: 0, siteId: null, priceUsdPerGpuHour: 0, priceUsdPerKwMonth: 0,
  startDay: 0, endDay: 0, penaltiesUsd: 0,
})));
rewritten(playerRecord(fractional<PlayerState>({
  id: '', name: '', colorIndex: 0, strategy: '', narrative: 'none', sellMinedPct: 0, sharesOutstanding: 0, founderShares: 0,
  issuanceWindowStartDay: 0, issuanceWindowBaseShares: 0, sharesIssuedInWindow: 0, sharesRetiredInWindow: 0, narrativeSinceDay: 0,
  bankrupt: false, restructurings: 0, joinedDay: 0, revenueMiningUsdPerDay: 0, revenueAiUsdPerDay: 0, revenueOtherUsdPerDay: 0,
  btcMinedSats: 0, computeDeliveredH100Days: 0, navUsd: 0, marketCapUsd: 0, multiple: 0, distressDays: 0,
})));
