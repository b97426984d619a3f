#!/usr/bin/env node
// Beauty Contest starter bot (JavaScript, Node ≥ 20, no packages).
// Speaks bot protocol v1 (docs/bots.md): one JSON line per message on stdin, answers on stdout,
// logs on stderr. Plays an AI-leaning miner: buys the cheapest mining site it can afford, fills it
// with the ASIC that earns most per dollar, sells all it mines while hype favours AI (half
// otherwise), and backs the hotter narrative in the beauty contest. Edit decide(); keep the loop.
import { createInterface } from 'node:readline';
import { validateMessage } from './validate.mjs';

const PROTOCOL = 1;
const NAME = 'js-kit';
const RESERVE_USD = 2_000_000;
const MIN_USEFUL_DAYS = 20;

const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);
const send = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);

const regionOf = (view, id) => view.regions.find((r) => r.id === id);
const unitPriceUsd = (view, m) => (m.kind === 'asic' ? view.world.asicUsdPerTh * m.hashrateThs * m.priceIndexMultiple : view.world.gpuPriceUsd[m.id] ?? m.basePriceUsd);
const unitMw = (view, m, regionId) => (m.powerKw / 1000) * (regionOf(view, regionId)?.pue ?? 1);
function hashprice(view) {
  const w = view.world;
  if (w.hashpriceUsdPerPhDay > 0) return w.hashpriceUsdPerPhDay;
  const phs = w.networkHashrateEhs * 1000;
  return phs > 0 ? (144 * (w.subsidyBtc + w.feesBtcPerBlock) * w.btcUsd) / phs : 0;
}
const marginUsdPerDay = (view, m, regionId) =>
  (m.hashrateThs / 1000) * hashprice(view) - unitMw(view, m, regionId) * 24 * (regionOf(view, regionId)?.powerUsdPerMwh ?? 50);

function freeMw(view, site, used) {
  if (site.status !== 'active') return 0;
  let committed = site.hostedMw;
  for (const lot of view.me.lots) {
    const m = view.catalogue.find((x) => x.id === lot.modelId);
    if (m && lot.siteId === site.id && lot.status !== 'stored') committed += unitMw(view, m, site.regionId) * lot.count;
  }
  return Math.max(0, site.energisedMw - committed - (used.get(site.id) ?? 0));
}

function decide(view, memory) {
  const me = view.me;
  if (!me || view.phase !== 'running') return [];
  const out = [];
  let cash = Math.max(0, me.cashUsd - RESERVE_USD);
  const used = new Map();
  const hype = view.world.hype;
  const sellPct = hype.ai > hype.crypto ? 100 : 50;
  if (me.sellMinedPct !== sellPct) out.push({ type: 'setTreasuryPolicy', sellMinedPct: sellPct });

  const sites = view.sites.filter((s) => s.ownerId === view.playerId);
  if (sites.length === 0) {
    const listed = view.sites
      .filter((s) => s.ownerId === null && s.tier === 'mining' && s.status === 'active' && s.energisedMw > 0 && s.listPriceUsd > 0 && s.listPriceUsd <= cash)
      .sort((a, b) => a.listPriceUsd / a.energisedMw - b.listPriceUsd / b.energisedMw);
    if (listed[0]) {
      cash -= listed[0].listPriceUsd;
      out.push({ type: 'buySite', siteId: listed[0].id });
      log(`day ${view.day}: buying ${listed[0].id} for $${Math.round(listed[0].listPriceUsd)}`);
    }
  }
  const active = sites.filter((s) => s.status === 'active');
  for (const lot of me.lots) {
    const m = view.catalogue.find((x) => x.id === lot.modelId);
    if (lot.status !== 'stored' || lot.count <= 0 || !m) continue;
    for (const site of active) {
      if (m.kind === 'gpu' && site.tier !== 'ai') continue;
      const perUnit = unitMw(view, m, site.regionId);
      const fit = Math.min(lot.count, Math.floor(freeMw(view, site, used) / perUnit));
      if (fit > 0) {
        used.set(site.id, (used.get(site.id) ?? 0) + fit * perUnit);
        out.push({ type: 'installHardware', lotId: lot.id, siteId: site.id, count: fit });
        break;
      }
    }
  }
  if (view.day + view.world.asicLeadTimeDays <= view.endDay - MIN_USEFUL_DAYS) {
    const asics = view.catalogue.filter((m) => m.kind === 'asic' && unitPriceUsd(view, m) > 0);
    for (const site of active) {
      if (asics.length === 0) break;
      const best = asics.reduce((a, b) => (marginUsdPerDay(view, b, site.regionId) / unitPriceUsd(view, b) > marginUsdPerDay(view, a, site.regionId) / unitPriceUsd(view, a) ? b : a));
      const margin = marginUsdPerDay(view, best, site.regionId);
      const price = unitPriceUsd(view, best);
      if (margin <= 0 || price / margin > 365) continue;
      const perUnit = unitMw(view, best, site.regionId);
      const count = Math.min(Math.floor(freeMw(view, site, used) / perUnit), Math.floor(cash / (price * 1.02)));
      if (count >= 10) {
        cash -= count * price * 1.02;
        used.set(site.id, (used.get(site.id) ?? 0) + count * perUnit);
        out.push({ type: 'orderHardware', modelId: best.id, count, siteId: site.id });
      }
    }
  }
  if (!me.contestPick && view.contest.maxStakeUsd > 0) {
    const stake = Math.min(100_000, view.contest.maxStakeUsd, cash);
    if (stake > 0) out.push({ type: 'contestPick', narrative: hype.ai > hype.crypto ? 'ai' : 'crypto', stakeUsd: Math.round(stake * 100) / 100 });
  }
  memory.days = (memory.days ?? 0) + 1;
  return out;
}

const memory = {};
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const raw of lines) {
  if (!raw.trim()) continue;
  const msg = JSON.parse(raw);
  if (msg.type === 'hello') {
    log(`hello: I am ${msg.playerId} in ${msg.scenarioId}, budget ${msg.budgetMs} ms per day`);
    send({ type: 'ready', name: NAME, protocol: PROTOCOL });
  } else if (msg.type === 'day') {
    let actions = [];
    try {
      actions = decide(msg.view, memory);
    } catch (e) {
      log(`day ${msg.day}: decide failed: ${e.stack ?? e}`);
    }
    let answer = { type: 'actions', day: msg.day, actions };
    // Check against the schema before sending: a bad action is logged here, not struck there.
    const errors = validateMessage('fromBot', answer);
    if (errors.length) {
      log(`day ${msg.day}: dropping today's actions, they do not match the schema:\n  ${errors.join('\n  ')}`);
      answer = { type: 'actions', day: msg.day, actions: [] };
    }
    send(answer);
  } else if (msg.type === 'end') {
    log(`match over on day ${msg.day} after ${memory.days ?? 0} days played`);
    break;
  }
}
