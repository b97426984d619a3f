/**
 * Form previews: one function per action form, turning what the player typed into "what this
 * would do" lines. Every figure comes from shared/rules/quotes.ts over the engine's quotes in the
 * view, so a preview and the server's verdict agree.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { Tier } from '../../../shared/rules/types.js';
import { quoteBuild, quoteLoan, quoteOrder, quoteRun, quoteSite } from '../../../shared/rules/quotes.js';
import { equityIssue, buybackShares } from '../../../shared/economy/finance.js';
import { usdToCents } from '../../../shared/economy/money.js';
import { hostingUsdPerDay } from '../../../shared/economy/hosting.js';
import { COLO_SIGNING_DAYS, coloDayCents } from '../../../shared/rules/systems/colocation.js';
import { offerOwnCostUsd } from '../../../shared/rules/systems/compute.js';
import { CONTRACT_HORIZON_DAYS, HOSTING_OPEX_SHARE } from '../../../shared/rules/systems/computeValue.js';
import { compact, usd } from '../util/format.js';
import { uncommittedH100 } from '../../../shared/bots/helpers.js';
import { t } from '../i18n/index.js';

type Preview = (view: PlayerView, values: Record<string, string>) => string[];

const n = (s: string | undefined) => (s === undefined || s === '' ? NaN : Number(s));
const payback = (d: number | null) => (d === null ? t('pv.noPayback') : t('pv.payback', { days: Math.round(d) }));
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${usd(Math.abs(v))}`;
const modelName = (v: PlayerView, id: string) => v.catalogue.find((m) => m.id === id)?.name ?? id;

function freeMw(view: PlayerView, siteId: string): number {
  const site = view.sites.find((s) => s.id === siteId);
  if (!site) return 0;
  const models = new Map(view.catalogue.map((m) => [m.id, m]));
  const pue = view.regions.find((r) => r.id === site.regionId)?.pue ?? 1;
  let used = 0;
  for (const lot of view.me?.lots ?? []) {
    if (lot.status === 'installed' && lot.siteId === siteId) used += (lot.count * (models.get(lot.modelId)?.powerKw ?? 0) * pue) / 1000;
  }
  return site.energisedMw - site.hostedMw - used;
}

export const PREVIEWS: Record<string, Preview> = {
  buySite: (v, f) => {
    const q = f.siteId ? quoteSite(v, f.siteId) : null;
    if (!q) return [];
    return [
      t('pv.site', { price: usd(q.priceUsd), mw: compact(q.mw), perMw: usd(q.usdPerMw) }),
      t('pv.siteFill', { fill: q.fill.map((x) => `${compact(x.units)} × ${modelName(v, x.modelId)}`).join(t('pv.or')), power: usd(q.powerUsdPerDayFull) }),
      t('pv.navChange', { value: usd(q.navValueUsd), change: signed(q.navChangeUsd) }),
      ...(q.affordable ? [] : [`!${t('pv.cantAfford', { cash: usd(v.me?.cashUsd ?? 0) })}`]),
    ];
  },
  buildSite: (v, f) => {
    const q = quoteBuild(v, f.regionId ?? '', (f.tier || 'mining') as Tier, n(f.mw));
    if (!q) return [];
    return [
      t('pv.build', { capex: usd(q.capexUsd), days: q.energiseDays, day: v.day + q.energiseDays }),
      t('pv.navChange', { value: usd(q.navValueUsd), change: signed(q.navChangeUsd) }),
      ...(q.affordable ? [] : [`!${t('pv.cantAfford', { cash: usd(v.me?.cashUsd ?? 0) })}`]),
    ];
  },
  expandSite: (v, f) => {
    const site = v.sites.find((s) => s.id === f.siteId);
    const q = site ? quoteBuild(v, site.regionId, site.tier, n(f.mw)) : null;
    if (!q) return [];
    return [t('pv.build', { capex: usd(q.capexUsd), days: q.energiseDays, day: v.day + q.energiseDays }),
      ...(q.affordable ? [] : [`!${t('pv.cantAfford', { cash: usd(v.me?.cashUsd ?? 0) })}`])];
  },
  retrofitSite: (v, f) => {
    const site = v.sites.find((s) => s.id === f.siteId);
    if (!site) return [];
    return [t('pv.retrofit', { capex: usd(v.capex.retrofitUsdPerMw * site.energisedMw), mw: compact(site.energisedMw), day: v.day + v.capex.retrofitDays })];
  },
  orderHardware: (v, f) => {
    const q = f.modelId ? quoteOrder(v, f.modelId, n(f.count), f.siteId || undefined) : null;
    if (!q) return [];
    const m = v.catalogue.find((x) => x.id === f.modelId);
    const lines = [
      t('pv.order', { count: compact(n(f.count)), unit: usd(q.unitUsd), cost: usd(q.costUsd), cash: usd(q.cashAfterUsd) }),
      t('pv.orderMw', { mw: q.mw.toFixed(2), perMw: compact(q.unitsPerMw) }),
      t(m?.kind === 'gpu' ? 'pv.runGpu' : 'pv.runAsic', { revenue: usd(q.revenueUsdPerDay), power: usd(q.powerUsdPerDay), net: signed(q.netUsdPerDay) }),
      `${payback(q.paybackDays)} · ${t('pv.navHardware', { change: signed(q.navChangeUsd) })}`,
    ];
    if (!q.affordable) lines.push(`!${t('pv.cantAfford', { cash: usd(v.me?.cashUsd ?? 0) })}`);
    if (f.siteId && q.mw > freeMw(v, f.siteId) + 1e-9) lines.push(`!${t('pv.noRoom', { free: Math.max(0, freeMw(v, f.siteId)).toFixed(2) })}`);
    return lines;
  },
  installHardware: (v, f) => {
    const lot = v.me?.lots.find((l) => l.id === f.lotId);
    if (!lot || !f.siteId) return [];
    const count = Number.isFinite(n(f.count)) ? n(f.count) : lot.count;
    const run = quoteRun(v, lot.modelId, count, f.siteId);
    if (!run) return [];
    const free = freeMw(v, f.siteId);
    return [
      t('pv.install', { mw: run.mw.toFixed(2), free: Math.max(0, free).toFixed(2) }),
      t(v.catalogue.find((m) => m.id === lot.modelId)?.kind === 'gpu' ? 'pv.runGpu' : 'pv.runAsic', { revenue: usd(run.revenueUsdPerDay), power: usd(run.powerUsdPerDay), net: signed(run.netUsdPerDay) }),
      ...(run.mw > free + 1e-9 ? [`!${t('pv.noRoom', { free: Math.max(0, free).toFixed(2) })}`] : []),
    ];
  },
  rentColocation: (v, f) => {
    const p = v.colocation.find((x) => x.id === f.providerId);
    const mw = n(f.mw);
    if (!p || !(mw > 0)) return [];
    const rentUsdPerDay = coloDayCents(mw, p.usdPerKwMonth) / 100;
    const region = v.regions.find((r) => r.id === p.regionId);
    const h100 = v.catalogue.find((m) => m.kind === 'gpu' && m.h100Equivalent === 1) ?? v.catalogue.find((m) => m.kind === 'gpu');
    const units = h100 ? Math.floor((mw * 1000) / (h100.powerKw * (region?.pue ?? 1))) : 0;
    return [
      t('pv.colo', { rent: usd(rentUsdPerDay), signing: usd(rentUsdPerDay * COLO_SIGNING_DAYS), days: COLO_SIGNING_DAYS, ready: v.day + p.readyDays, end: v.day + p.readyDays + p.termDays }),
      t('pv.coloFill', { units: compact(units), model: h100?.name ?? 'GPU', power: usd(mw * 24 * (region?.powerUsdPerMwh ?? 0)) }),
      t('pv.coloNav'),
      ...(mw > p.availableMw + 1e-9 ? [`!${t('pv.coloFull', { mw: compact(p.availableMw) })}`] : []),
    ];
  },
  acceptOffer: (v, f) => {
    const o = v.offers.find((x) => x.id === f.offerId);
    if (!o) return [];
    const site = v.sites.find((x) => x.id === f.siteId) ?? v.sites.find((x) => x.ownerId === v.playerId && (o.kind === 'buyout' ? x.tier === 'mining' : true));
    if (o.kind === 'buyout') {
      const perMw = n(f.priceUsdPerMw) > 0 ? n(f.priceUsdPerMw) : o.buyoutUsdPerMw;
      return [t('pv.buyout', { usd: usd(perMw * o.mw), perMw: usd(perMw), day: o.closesDay })];
    }
    const rent = n(f.priceUsdPerKwMonth) > 0 ? n(f.priceUsdPerKwMonth) : o.priceUsdPerKwMonth;
    const grossUsdPerDay = hostingUsdPerDay(o.mw, rent);
    const own = site ? offerOwnCostUsd(v.capex, o, site) : 0;
    return [
      t('pv.hosting', { gross: usd(grossUsdPerDay), net: usd(grossUsdPerDay * (1 - HOSTING_OPEX_SHARE)), opex: Math.round(HOSTING_OPEX_SHARE * 100), years: o.years, day: o.closesDay }),
      own > 0 ? t('pv.hostingRetrofit', { usd: usd(own), funded: o.retrofitFundedPct, days: v.capex.retrofitDays }) : t('pv.hostingReady'),
      t('pv.hostingNav', { years: CONTRACT_HORIZON_DAYS / 365 }),
      ...(site && own > (v.me?.cashUsd ?? 0) ? [`!${t('pv.hostingCash', { usd: usd(own) })}`] : []),
    ];
  },
  placeLeaseOrder: (v, f) => {
    const qty = n(f.quantity);
    const price = n(f.priceUsdPerGpuHour);
    if (!(qty > 0) || !(price > 0)) return [];
    return [t('pv.lease', { qty, price: price.toFixed(2), perDay: usd(qty * price * 24), spot: v.world.gpuRentUsdPerHour.toFixed(2) })];
  },
  tradeBtc: (v, f) => {
    const amount = n(f.amountBtc);
    if (!(amount > 0)) return [];
    return [t(f.side === 'buy' ? 'pv.btcBuy' : 'pv.btcSell', { usd: usd(amount * v.world.btcUsd), price: usd(v.world.btcUsd) })];
  },
  bidTender: (v, f) => {
    const tender = v.tenders.find((x) => x.id === f.tenderId);
    const price = n(f.priceUsdPerGpuHour);
    if (!tender || !(price > 0)) return [];
    const free = uncommittedH100(v);
    return [t('pv.tender', { gpus: tender.gpus, days: tender.days, perDay: usd(tender.gpus * price * 24), total: usd(tender.gpus * price * 24 * tender.days), reserve: tender.reservePriceUsdPerGpuHour.toFixed(2) }),
      t('pv.tenderNeeds', { gpus: tender.gpus, day: tender.closesDay, spot: v.world.gpuRentUsdPerHour.toFixed(2) }),
      ...(price > tender.reservePriceUsdPerGpuHour ? [`!${t('pv.aboveReserve')}`] : []),
      ...(free < tender.gpus ? [`!${t('pv.tenderShort', { free })}`] : [])];
  },
  takeLoan: (v, f) => {
    const q = quoteLoan(v, n(f.amountUsd), Number.isFinite(n(f.collateralBtc)) ? n(f.collateralBtc) : 0);
    if (!q) return [];
    const lines = [t('pv.loan', { rate: q.ratePctYear.toFixed(2), perDay: usd(q.interestUsdPerDay), max: usd(q.maxUsd) })];
    if (n(f.amountUsd) > q.maxUsd) lines.push(`!${t('pv.loanCap', { max: usd(q.maxUsd) })}`);
    const secured = v.me?.quotes.securedRoomUsd ?? 0;
    if (!(n(f.collateralBtc) > 0) && n(f.amountUsd) > q.maxUsd && secured > q.maxUsd) lines.push(t('pv.loanUnsecured', { secured: usd(secured) }));
    if (n(f.collateralBtc) > 0 && n(f.collateralBtc) < q.minCollateralBtc) lines.push(`!${t('pv.loanCollateral', { btc: q.minCollateralBtc.toFixed(4) })}`);
    return lines;
  },
  raiseEquity: (v, f) => {
    const me = v.me;
    const amount = n(f.amountUsd);
    if (!me || !(amount > 0)) return [];
    const issue = equityIssue(usdToCents(amount), me.marketCapUsd, me.sharesOutstanding, me.quotes.equityFeePct);
    if (!issue) return [`!${t('pv.noMarket')}`];
    // Cash counts at par in market cap, so the founders' stake after the raise is simple to state.
    const stakeAfter = ((me.marketCapUsd + issue.netCents / 100) * me.founderShares) / (me.sharesOutstanding + issue.newShares);
    return [
      t('pv.equity', { shares: compact(issue.newShares), price: usd(issue.priceUsd), net: usd(issue.netCents / 100), dilution: ((100 * issue.newShares) / (me.sharesOutstanding + issue.newShares)).toFixed(1) }),
      t('pv.equityStake', { before: usd(me.scoreMarketUsd), after: usd(stakeAfter) }),
      ...(issue.newShares > me.issuableShares ? [`!${t('pv.equityWindow', { room: compact(me.issuableShares), day: me.issuanceWindowEndsDay })}`] : []),
    ];
  },
  buyback: (v, f) => {
    const me = v.me;
    const amount = n(f.amountUsd);
    if (!me || !(amount > 0)) return [];
    const b = buybackShares(usdToCents(amount), me.marketCapUsd, me.sharesOutstanding);
    if (!b) return [`!${t('pv.noMarket')}`];
    return [
      t('pv.buyback', { shares: compact(b.sharesRetired), price: usd(b.priceUsd), cost: usd(b.costCents / 100) }),
      ...(b.sharesRetired > me.retirableShares ? [`!${t('pv.buybackWindow', { room: compact(me.retirableShares), day: me.issuanceWindowEndsDay })}`] : []),
    ];
  },
};
