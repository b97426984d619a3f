/**
 * One object shape per record kind. Lots and sites are read in every phase's hottest loops; when
 * they come in several hidden classes (an object literal here, a spread there, a key-by-key copy
 * in `workingCopy`), V8 compiles those loops for the shapes it has seen, throws the code away at
 * the first other one ("wrong map") and compiles again: in a league's first matches that was most
 * deopts and much of the compile time. Every lot and site is built by these literals, with the
 * fields in the order of their types.
 */
import type { HardwareLot, Site } from './types.js';

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
