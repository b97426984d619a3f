/**
 * What runs where: a site's load, its free MW, and each player's running hashrate and GPUs.
 * Mining, compute, power bills and validation all read these, so they live in one place.
 *
 * Performance: these are called per player (and per site) per day, often on an immer draft. Reading
 * every lot through a draft creates a proxy per lot, so reads go through `raw()` (the draft's
 * current plain backing object) and a per-owner index of lot ids, memoised on that object.
 * Lots must be created through `addLot` so the index sees them; removals and moves need nothing.
 */
import { createDraft, isDraft, type Draft } from 'immer';
import type { DeepReadonly, GameState, HardwareLot, PlayerId, Site } from '../types.js';
import type { HardwareModelSpec, RegionSpec } from '../../economy/scenarios/types.js';
import { lotRecord } from '../recordShapes.js';
import { recordValues } from '../recordValues.js';
import { idsOfParty, indexEntry, partyIndex, type PartyIndex } from '../partyIndex.js';

// immer keeps a draft's state under `Symbol.for('immer-state')`; the names of its base and copy
// fields differ between immer's development and (property-mangled) production builds, so they are
// found once by probing a draft. If the probe fails, `raw` returns the draft itself: reads through
// the proxy are slower but always correct.
const IMMER_STATE = Symbol.for('immer-state');
const internals = probeImmerInternals();

function probeImmerInternals(): { base: string; copy: string } | null {
  const base = { probe: 1 };
  const draft = createDraft(base);
  draft.probe = 2;
  const st = (draft as unknown as Record<symbol, Record<string, unknown> | undefined>)[IMMER_STATE];
  if (!st) return null;
  const keys = Object.keys(st);
  const baseKey = keys.find((k) => st[k] === base);
  const copyKey = keys.find((k) => {
    const v = st[k] as { probe?: number } | null;
    return typeof v === 'object' && v !== null && v !== base && !isDraft(v) && v.probe === 2;
  });
  return baseKey && copyKey ? { base: baseKey, copy: copyKey } : null;
}

// Drafts the engine has open (`drafting`). A draft made elsewhere (a test) reads through its proxy:
// slower, never wrong.
let draftsOpen = 0;

/** `run(createDraft(base))`, with `raw` looking behind drafts while it runs. */
export function drafting<T extends object, R>(base: T, run: (draft: Draft<T>) => R): R {
  draftsOpen += 1;
  try {
    return run(createDraft(base));
  } finally {
    draftsOpen -= 1;
  }
}

/**
 * The plain object behind a draft (its current contents), or the object itself. Deep-readonly:
 * it may be the very object an earlier state holds (auto-freeze is off), so a write through it
 * would change history; the compiler refuses one. Write through the draft instead.
 */
export function raw<T extends object>(obj: T): DeepReadonly<T> {
  // Outside the engine's drafts every object is plain: skip the symbol lookup, which V8 makes
  // megamorphic across all the record shapes passed here.
  if (!internals || draftsOpen === 0) return obj as DeepReadonly<T>;
  const st = (obj as unknown as Record<symbol, Record<string, unknown> | undefined>)[IMMER_STATE];
  return (st ? (st[internals.copy] ?? st[internals.base]) : obj) as DeepReadonly<T>;
}

/** `raw(record[key])`, or undefined: one trap per entry instead of one per field read. */
export function rawAt<T extends object>(record: Record<string, T>, key: string): DeepReadonly<T> | undefined {
  const v = record[key];
  // The test of `raw` here, not a call to it: league threads run without inlining (bundled.mjs).
  if (v === undefined || !internals || draftsOpen === 0) return v as DeepReadonly<T> | undefined;
  return raw(v);
}

// The values of a record the day walks several times (lots, sites, leases, contracts), listed once
// and shared by every pass that reads them all. A record that gained or lost keys is a dictionary in
// V8, which a `for in` walks several times slower than an array; spreading the records into new
// objects every day to keep them fast cost more than the walks it saved on long matches. A list is
// kept per record object, outside drafts only (a draft's entries change under it): entries are
// added through `addEntry` (a new key extends the list), and a deletion calls `forgetRecordList`.
// A record whose entries are replaced is a new object (a step's working copy, an action's draft).
const lists = new WeakMap<object, readonly unknown[]>();

/** The record's values in its key order (read-only: the list is shared). */
export function recordList<T extends object>(record: Readonly<Record<string, T>>): readonly DeepReadonly<T>[] {
  const r = raw(record) as Record<string, T>;
  if (draftsOpen > 0) return Object.keys(r).map((k) => rawAt(r, k)!);
  let list = lists.get(r) as DeepReadonly<T>[] | undefined;
  if (!list) lists.set(r, (list = recordValues(r) as DeepReadonly<T>[]));
  return list;
}

/** After a key of `record` was added or deleted. */
export function forgetRecordList(record: object): void {
  lists.delete(raw(record));
}

/** `record[key] = value`; a key new to the record extends its list (new keys come last in its order). */
export function addEntry<T extends object>(record: Record<string, T>, key: string, value: T): void {
  const known = Object.prototype.hasOwnProperty.call(raw(record), key);
  record[key] = value;
  const list = lists.get(raw(record)) as T[] | undefined;
  if (!list) return;
  if (known || draftsOpen > 0) lists.delete(raw(record));
  else list.push(value);
}

// Lots by owner (partyIndex.ts). An owner's ids come in the lots' key order: sums over them match a
// pass over every lot.
const lotIndexes = new WeakMap<object, PartyIndex>();
const lotOwner = (lot: HardwareLot): PlayerId[] => [raw(lot).ownerId];

/** Ids of the lots `playerId` may own (possibly including since-removed ids: check `lots[id]`). */
export function lotIdsOf(state: GameState, playerId: PlayerId): readonly string[] {
  return idsOfParty(partyIndex(lotIndexes, raw(state.lots) as Record<string, HardwareLot>, lotOwner), playerId);
}

/**
 * The player's lots as they are now, read without drafting them. Read-only: these may be the plain
 * objects behind a draft, so write through `draft.lots[id]`, never through these.
 */
export function lotsOf(state: GameState, playerId: PlayerId): HardwareLot[] {
  const lots = raw(state.lots);
  const out: HardwareLot[] = [];
  for (const id of lotIdsOf(state, playerId)) {
    const lot = rawAt(lots, id);
    if (lot && lot.ownerId === playerId) out.push(lot);
  }
  return out;
}

/** The one way to create a lot: keeps the owner index in step. */
export function addLot(draft: GameState, lot: HardwareLot): void {
  addEntry(draft.lots, lot.id, lotRecord(lot));
  indexEntry(lotIndexes, raw(draft.lots), lot.id, lot, lotOwner);
}

interface ScenarioMaps {
  specs: Map<string, HardwareModelSpec>;
  regions: Map<string, RegionSpec>;
}
// Keyed on the scenario, which no state ever changes and every state of a match shares: a new
// state (every day's, in a match played in place or through `step`) finds its scenario's maps.
const scenarioCache = new WeakMap<object, ScenarioMaps>();
// The state asked last: a day asks for the same one thousands of times in a row, so the state's
// identity is checked before its scenario is read (through a draft, a read costs a proxy trap).
let lastState: object | null = null;
let lastMaps: ScenarioMaps | null = null;

function scenarioMaps(state: GameState): ScenarioMaps {
  if (state === lastState) return lastMaps!;
  const sc = raw(raw(state).scenario);
  let m = scenarioCache.get(sc);
  if (!m) {
    m = {
      // raw() of each entry too: a draft's copy keeps child drafts, which are revoked once the
      // draft is finished, and the finished state reuses the copy (this cache's key).
      specs: new Map(raw(sc.catalogue).map((x) => [x.id, raw(x)])),
      regions: new Map(raw(sc.regions).map((x) => [x.id, raw(x)])),
    };
    scenarioCache.set(sc, m);
  }
  lastState = state;
  lastMaps = m;
  return m;
}

export function modelSpec(state: GameState, modelId: string): HardwareModelSpec | undefined {
  return scenarioMaps(state).specs.get(modelId);
}

export function regionSpec(state: GameState, regionId: string): RegionSpec | undefined {
  return scenarioMaps(state).regions.get(regionId);
}

export function regionPue(state: GameState, regionId: string): number {
  return regionSpec(state, regionId)?.pue ?? 1;
}

/** MW one unit draws at the meter in a region (wall power × PUE). */
export function unitMw(state: GameState, modelId: string, regionId: string): number {
  return ((modelSpec(state, modelId)?.powerKw ?? 0) / 1000) * regionPue(state, regionId);
}

export function lotsAtSite(state: GameState, siteId: string): HardwareLot[] {
  const site = raw(state.sites)[siteId];
  if (!site?.ownerId) return [];
  return lotsOf(state, site.ownerId).filter((lot) => lot.siteId === siteId && lot.status === 'installed');
}

/** MW the installed hardware draws at the meter (IT load × the region's PUE). */
export function siteUsedMw(state: GameState, site: Site): number {
  if (!site.ownerId) return 0;
  const lots = raw(state.lots);
  let kw = 0;
  for (const id of lotIdsOf(state, site.ownerId)) {
    const lot = rawAt(lots, id);
    if (!lot || lot.siteId !== site.id || lot.status !== 'installed' || lot.ownerId !== site.ownerId) continue;
    kw += (modelSpec(state, lot.modelId)?.powerKw ?? 0) * lot.count;
  }
  return (kw / 1000) * regionPue(state, site.regionId);
}

/**
 * MW the site's hardware actually draws today: ASICs only where mining runs, GPUs only where AI
 * runs. ASICs in an ai-tier site run (allowed, if wasteful); GPUs never run in a mining shell.
 */
export function siteDrawMw(state: GameState, site: Site): number {
  if (!site.ownerId) return 0;
  const mining = siteRuns(state, site, 'mining');
  const ai = siteRuns(state, site, 'ai');
  if (!mining && !ai) return 0;
  const lots = raw(state.lots);
  let kw = 0;
  for (const id of lotIdsOf(state, site.ownerId)) {
    const lot = rawAt(lots, id);
    if (!lot || lot.siteId !== site.id || lot.status !== 'installed' || lot.ownerId !== site.ownerId) continue;
    const spec = modelSpec(state, lot.modelId);
    if (!spec || !(spec.kind === 'asic' ? mining : ai)) continue;
    kw += spec.powerKw * lot.count;
  }
  return (kw / 1000) * regionPue(state, site.regionId);
}

/**
 * `siteDrawMw` for every site at once, in one pass over the lots (sites with no draw are absent):
 * for daily phases, where a per-site call would rescan each owner's lots once per site.
 */
export function siteDrawsMw(state: GameState): Map<string, number> {
  const sites = raw(state.sites);
  const runs = new Map<string, { mining: boolean; ai: boolean; pue: number }>();
  const kw = new Map<string, number>();
  for (const lot of recordList(state.lots)) {
    if (lot.status !== 'installed' || !lot.siteId) continue;
    let r = runs.get(lot.siteId);
    if (!r) {
      const site = rawAt(sites, lot.siteId);
      r = site?.ownerId
        ? { mining: siteRuns(state, site, 'mining'), ai: siteRuns(state, site, 'ai'), pue: regionPue(state, site.regionId) }
        : { mining: false, ai: false, pue: 1 };
      if (site && site.ownerId !== lot.ownerId) r = { mining: false, ai: false, pue: 1 };
      runs.set(lot.siteId, r);
    }
    const spec = modelSpec(state, lot.modelId);
    if (!spec || !(spec.kind === 'asic' ? r.mining : r.ai)) continue;
    kw.set(lot.siteId, (kw.get(lot.siteId) ?? 0) + spec.powerKw * lot.count);
  }
  const out = new Map<string, number>();
  for (const [siteId, k] of kw) out.set(siteId, (k / 1000) * runs.get(siteId)!.pue);
  return out;
}

/** Energised MW not used by installed hardware nor leased to a hosting tenant. */
export function siteFreeMw(state: GameState, site: Site): number {
  return Math.max(0, site.energisedMw - site.hostedMw - siteUsedMw(state, site));
}

/** Whether a site's hardware runs today: energised, not mid-retrofit, not curtailed, not banned for mining. */
export function siteRuns(state: GameState, site: Site, purpose: 'mining' | 'ai'): boolean {
  if (site.status === 'retrofitting' || site.energisedMw <= 0 || site.curtailedToday) return false;
  if (purpose === 'mining' && (rawAt(state.regions, site.regionId)?.miningBanUntilDay ?? 0) > state.day) return false;
  if (purpose === 'ai' && site.tier !== 'ai') return false;
  return true;
}

/** The lot's model if the lot is a `kind` running today (installed at a site that runs it), else undefined. */
function runningSpec(state: GameState, sites: DeepReadonly<GameState['sites']>, lot: DeepReadonly<HardwareLot>, kind: 'asic' | 'gpu'): HardwareModelSpec | undefined {
  if (lot.status !== 'installed' || !lot.siteId) return undefined;
  const spec = modelSpec(state, lot.modelId);
  if (spec?.kind !== kind) return undefined;
  const site = rawAt(sites, lot.siteId);
  return site && siteRuns(state, site, kind === 'asic' ? 'mining' : 'ai') ? spec : undefined;
}

function runningOf(state: GameState, playerId: PlayerId, kind: 'asic' | 'gpu'): number {
  const lots = raw(state.lots);
  const sites = raw(state.sites);
  let total = 0;
  for (const id of lotIdsOf(state, playerId)) {
    const lot = rawAt(lots, id);
    const spec = lot && lot.ownerId === playerId ? runningSpec(state, sites, lot, kind) : undefined;
    if (spec) total += (kind === 'asic' ? spec.hashrateThs : spec.h100Equivalent) * lot!.count;
  }
  return total;
}

/** TH/s of a player's ASICs running today. */
export function runningHashrateThs(state: GameState, playerId: PlayerId): number {
  return runningOf(state, playerId, 'asic');
}

/** H100-equivalents of a player's GPUs running today in ai-tier sites. */
export function runningH100(state: GameState, playerId: PlayerId): number {
  return runningOf(state, playerId, 'gpu');
}

/**
 * `runningH100` of every player at once, in one pass over the lots instead of one per player. The
 * lots are visited in the order `lotIdsOf` lists each owner's, so every sum is the same.
 */
export function runningH100ByPlayer(state: GameState): Map<PlayerId, number> {
  const sites = raw(state.sites);
  const byId = new Map<PlayerId, number>();
  for (const lot of recordList(state.lots)) {
    const spec = runningSpec(state, sites, lot, 'gpu');
    if (spec) byId.set(lot.ownerId, (byId.get(lot.ownerId) ?? 0) + spec.h100Equivalent * lot.count);
  }
  return byId;
}

/** A company's own site as the screens draw it: MW drawn at the meter (with PUE), MW still free, units installed. */
export interface SiteLoad {
  usedMw: number;
  freeMw: number;
  asics: number;
  gpus: number;
}

/**
 * The engine's load figures for each of `playerId`'s sites that has hardware installed: the
 * `siteUsedMw` / `siteFreeMw` an install is checked against, so a screen never re-derives them.
 * `lots` is `lotsOf(state, playerId)`, which a view has already. One pass over them sums every
 * site's kW in the order `siteUsedMw` would (the same figures), where calling it per site scanned
 * the lots twice per site.
 */
export function siteLoadsOf(state: GameState, playerId: PlayerId, lots: readonly HardwareLot[] = lotsOf(state, playerId)): Record<string, SiteLoad> {
  const sites = raw(state.sites);
  const bySite = new Map<string, { site: Site; kw: number; asics: number; gpus: number }>();
  for (const lot of lots) {
    const site = lot.status === 'installed' && lot.siteId ? sites[lot.siteId] : undefined;
    if (!site || site.ownerId !== playerId) continue;
    let at = bySite.get(site.id);
    if (!at) bySite.set(site.id, (at = { site, kw: 0, asics: 0, gpus: 0 }));
    const spec = modelSpec(state, lot.modelId);
    at.kw += (spec?.powerKw ?? 0) * lot.count;
    if (spec?.kind === 'gpu') at.gpus += lot.count;
    else at.asics += lot.count;
  }
  const out: Record<string, SiteLoad> = {};
  for (const [id, at] of bySite) {
    const usedMw = (at.kw / 1000) * regionPue(state, at.site.regionId);
    out[id] = { usedMw, freeMw: Math.max(0, at.site.energisedMw - at.site.hostedMw - usedMw), asics: at.asics, gpus: at.gpus };
  }
  return out;
}
