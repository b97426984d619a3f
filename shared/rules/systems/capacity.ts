/**
 * What runs where: a site's load, its free MW, and each player's running hashrate and GPUs.
 * Mining, compute, power bills and validation all read these, so they live in one place.
 */
import type { GameState, HardwareLot, PlayerId, Site } from '../types.js';
import type { HardwareModelSpec } from '../../economy/scenarios/types.js';

export function modelSpec(state: GameState, modelId: string): HardwareModelSpec | undefined {
  return state.scenario.catalogue.find((m) => m.id === modelId);
}

export function regionPue(state: GameState, regionId: string): number {
  return state.scenario.regions.find((r) => r.id === regionId)?.pue ?? 1;
}

export function lotsAtSite(state: GameState, siteId: string): HardwareLot[] {
  const out: HardwareLot[] = [];
  for (const lot of Object.values(state.lots)) if (lot.siteId === siteId && lot.status === 'installed') out.push(lot);
  return out;
}

/** MW the installed hardware draws at the meter (IT load × the region's PUE). */
export function siteUsedMw(state: GameState, site: Site): number {
  const pue = regionPue(state, site.regionId);
  let kw = 0;
  for (const lot of lotsAtSite(state, site.id)) kw += (modelSpec(state, lot.modelId)?.powerKw ?? 0) * lot.count;
  return (kw / 1000) * pue;
}

/** Energised MW not used by installed hardware nor leased to a hosting tenant. */
export function siteFreeMw(state: GameState, site: Site): number {
  return Math.max(0, site.energisedMw - site.hostedMw - siteUsedMw(state, site));
}

/** Whether a site's hardware runs today: energised, not mid-retrofit, not curtailed, not banned for mining. */
export function siteRuns(state: GameState, site: Site, purpose: 'mining' | 'ai'): boolean {
  if (site.status === 'retrofitting' || site.energisedMw <= 0 || site.curtailedToday) return false;
  if (purpose === 'mining' && (state.regions[site.regionId]?.miningBanUntilDay ?? 0) > state.day) return false;
  if (purpose === 'ai' && site.tier !== 'ai') return false;
  return true;
}

/** TH/s of a player's ASICs running today. */
export function runningHashrateThs(state: GameState, playerId: PlayerId): number {
  let ths = 0;
  for (const lot of Object.values(state.lots)) {
    if (lot.ownerId !== playerId || lot.status !== 'installed' || !lot.siteId) continue;
    const spec = modelSpec(state, lot.modelId);
    const site = state.sites[lot.siteId];
    if (spec?.kind !== 'asic' || !site || !siteRuns(state, site, 'mining')) continue;
    ths += spec.hashrateThs * lot.count;
  }
  return ths;
}

/** H100-equivalents of a player's GPUs running today in ai-tier sites. */
export function runningH100(state: GameState, playerId: PlayerId): number {
  let h100 = 0;
  for (const lot of Object.values(state.lots)) {
    if (lot.ownerId !== playerId || lot.status !== 'installed' || !lot.siteId) continue;
    const spec = modelSpec(state, lot.modelId);
    const site = state.sites[lot.siteId];
    if (spec?.kind !== 'gpu' || !site || !siteRuns(state, site, 'ai')) continue;
    h100 += spec.h100Equivalent * lot.count;
  }
  return h100;
}
