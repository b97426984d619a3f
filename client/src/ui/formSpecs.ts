/**
 * Every player action of the core as a form spec, grouped into the action panel's tabs. Adding an
 * action to `actionSchemas` means adding one entry here (the exhaustiveness test checks it).
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { FormSpec, Option } from './ActionForm.js';
import { num, optional } from './ActionForm.js';
import { compact, dayLabel, daysFlat, usd } from '../util/format.js';
import { regionName as localRegion, t, tMaybe } from '../i18n/index.js';
import { PREVIEWS } from './previews.js';

const regionName = (v: PlayerView, id: string) => localRegion(id, v.regions.find((r) => r.id === id)?.name ?? id);
/** An engine value (tier, status, side) in the active language. */
const word = (value: string) => tMaybe(`opt.${value}`) ?? value;
const modelName = (v: PlayerView, id: string) => v.catalogue.find((m) => m.id === id)?.name ?? id;

export const opts = {
  listedSites: (v: PlayerView): Option[] =>
    v.sites.filter((s) => s.ownerId === null).map((s) => ({ value: s.id, label: t('optl.site', { id: s.id, name: s.name, region: regionName(v, s.regionId), tier: word(s.tier), mw: compact(s.energisedMw), price: usd(s.listPriceUsd) }) })),
  mySites: (v: PlayerView): Option[] =>
    v.sites.filter((s) => s.ownerId === v.playerId).map((s) => ({ value: s.id, label: t('optl.mySite', { id: s.id, name: s.name, tier: word(s.tier), mw: compact(s.energisedMw), status: word(s.status) }) })),
  myMiningSites: (v: PlayerView): Option[] => opts.mySites(v).filter((o) => v.sites.find((s) => s.id === o.value)?.tier === 'mining'),
  regions: (v: PlayerView): Option[] => v.regions.map((r) => ({ value: r.id, label: t('optl.region', { name: regionName(v, r.id), power: r.powerUsdPerMwh.toFixed(0), queue: daysFlat(r.gridQueueDays) }) })),
  models: (v: PlayerView): Option[] =>
    v.catalogue.map((m) => ({ value: m.id, label: t('optl.model', { name: m.name, kind: word(m.kind), price: usd(unitPrice(v, m.id)) }) })),
  lots: (v: PlayerView): Option[] =>
    (v.me?.lots ?? []).map((l) => ({ value: l.id, label: t(l.siteId ? 'optl.lotAt' : 'optl.lot', { id: l.id, count: l.count, model: modelName(v, l.modelId), status: word(l.status), site: l.siteId ?? '' }) })),
  orders: (v: PlayerView): Option[] =>
    (v.me?.leaseOrders ?? []).filter((o) => o.remaining > 0).map((o) => ({ value: o.id, label: t('optl.order', { id: o.id, side: word(o.side), remaining: o.remaining, quantity: o.quantity, price: o.priceUsdPerGpuHour.toFixed(2) }) })),
  tenders: (v: PlayerView): Option[] =>
    v.tenders.map((x) => ({ value: x.id, label: t('optl.tender', { id: x.id, lab: x.lab, gpus: x.gpus, days: daysFlat(x.days), closes: dayLabel(x.closesDay) }) })),
  offers: (v: PlayerView): Option[] =>
    v.offers.map((o) => ({
      value: o.id,
      label: t(o.kind === 'hosting' ? 'optl.offerHosting' : 'optl.offerBuyout', {
        id: o.id, kind: word(o.kind), tenant: o.tenant, mw: compact(o.mw), closes: dayLabel(o.closesDay),
        price: o.kind === 'hosting' ? o.priceUsdPerKwMonth.toFixed(2) : usd(o.buyoutUsdPerMw),
      }) + (o.myBid ? t('optl.bidIn') : ''),
    })),
  myOfferBids: (v: PlayerView): Option[] => opts.offers({ ...v, offers: v.offers.filter((o) => o.myBid) }),
  colocation: (v: PlayerView): Option[] =>
    v.colocation.map((p) => ({
      value: p.id,
      label: t('optl.colo', { name: p.name, region: regionName(v, p.regionId), price: p.usdPerKwMonth.toFixed(0), mw: compact(p.availableMw), term: daysFlat(p.termDays), ready: daysFlat(p.readyDays) }),
    })),
  loans: (v: PlayerView): Option[] =>
    (v.me?.loans ?? []).map((l) => ({ value: l.id, label: t('optl.loan', { id: l.id, principal: usd(l.principalUsdCents / 100), rate: l.ratePctYear.toFixed(1), due: dayLabel(l.dueDay) }) })),
};

const fixed = (...values: string[]) => (): Option[] => values.map((value) => ({ value, label: value }));

/** Price of one unit today: the engine's figure, shipped in every view (spectators' too). */
export function unitPrice(v: PlayerView, modelId: string): number {
  return v.world.unitPriceUsd[modelId] ?? 0;
}

export interface TabSpec {
  id: string;
  label: string;
  forms: FormSpec[];
}

export const TABS: TabSpec[] = [
  {
    id: 'sites',
    get label() {
      return t('tab.sites');
    },
    forms: [
      { id: 'buySite', title: 'Buy a listed site', key: 'b', fields: [{ name: 'siteId', label: 'Site', kind: 'select', options: opts.listedSites }], build: (f) => ({ type: 'buySite', siteId: f.siteId }) },
      {
        id: 'buildSite', title: 'Build greenfield', key: 'g',
        hint: (v) => t('hint.buildSite', { mining: compact(v.capex.miningUsdPerMw), miningDays: v.capex.miningBuildDays, ai: compact(v.capex.aiUsdPerMw), aiDays: v.capex.aiBuildDays, last: v.endDay - 1 }),
        fields: [
          { name: 'regionId', label: 'Region', kind: 'select', options: opts.regions },
          { name: 'tier', label: 'Tier', kind: 'select', options: fixed('mining', 'ai') },
          { name: 'mw', label: 'MW', kind: 'number', initial: '20' },
          { name: 'name', label: 'Name', kind: 'text', optional: true },
        ],
        build: (f) => optional({ type: 'buildSite', regionId: f.regionId, tier: f.tier, mw: num(f.mw), name: f.name }),
      },
      {
        id: 'rentColocation', title: 'Rent colocation (AI-ready MW)', key: 'c',
        hint: (v) => t('hint.rentColocation', { n: v.colocation.filter((p) => p.availableMw > 0).length }),
        fields: [
          { name: 'providerId', label: 'Provider', kind: 'select', options: opts.colocation },
          { name: 'mw', label: 'MW', kind: 'number', initial: '2' },
        ],
        build: (f) => ({ type: 'rentColocation', providerId: f.providerId, mw: num(f.mw) }),
      },
      { id: 'expandSite', title: 'Expand a site', fields: [{ name: 'siteId', label: 'Site', kind: 'select', options: opts.mySites }, { name: 'mw', label: 'Extra MW', kind: 'number', initial: '10' }], build: (f) => ({ type: 'expandSite', siteId: f.siteId, mw: num(f.mw) }) },
      { id: 'retrofitSite', title: 'Retrofit mining → AI', hint: (v) => t('hint.retrofitSite', { usd: compact(v.capex.retrofitUsdPerMw), days: v.capex.retrofitDays, last: v.endDay - 1 }), fields: [{ name: 'siteId', label: 'Site', kind: 'select', options: opts.myMiningSites }], build: (f) => ({ type: 'retrofitSite', siteId: f.siteId }) },
      {
        id: 'setPowerContract', title: 'Power contract',
        fields: [
          { name: 'siteId', label: 'Site', kind: 'select', options: opts.mySites },
          { name: 'contract', label: 'Contract', kind: 'select', options: fixed('index', 'ppa') },
          { name: 'curtailAboveUsdPerMwh', label: 'Curtail above $/MWh', kind: 'number', optional: true },
        ],
        build: (f) => optional({ type: 'setPowerContract', siteId: f.siteId, contract: f.contract, curtailAboveUsdPerMwh: num(f.curtailAboveUsdPerMwh) }),
      },
      { id: 'sellSite', title: 'Sell a site', danger: true, fields: [{ name: 'siteId', label: 'Site', kind: 'select', options: opts.mySites }], build: (f) => ({ type: 'sellSite', siteId: f.siteId }) },
    ],
  },
  {
    id: 'hardware',
    get label() {
      return t('tab.hardware');
    },
    forms: [
      {
        id: 'orderHardware', title: 'Order hardware', key: 'o',
        hint: (v) => t('hint.orderHardware', { asicDays: v.world.asicLeadTimeDays, gpuDays: v.world.gpuLeadTimeDays, index: v.world.asicUsdPerTh.toFixed(1), last: v.endDay - 1 }),
        fields: [
          { name: 'modelId', label: 'Model', kind: 'select', options: opts.models },
          { name: 'count', label: 'Units', kind: 'number', step: '1', initial: '100' },
          { name: 'siteId', label: 'Deliver to', kind: 'select', options: opts.mySites, optional: true },
        ],
        build: (f) => optional({ type: 'orderHardware', modelId: f.modelId, count: num(f.count), siteId: f.siteId }),
      },
      {
        id: 'installHardware', title: 'Install a lot', key: 'i',
        fields: [
          { name: 'lotId', label: 'Lot', kind: 'select', options: opts.lots },
          { name: 'siteId', label: 'Site', kind: 'select', options: opts.mySites },
          { name: 'count', label: 'Units', kind: 'number', step: '1', optional: true },
        ],
        build: (f) => optional({ type: 'installHardware', lotId: f.lotId, siteId: f.siteId, count: num(f.count) }),
      },
      { id: 'uninstallHardware', title: 'Uninstall to storage', fields: [{ name: 'lotId', label: 'Lot', kind: 'select', options: opts.lots }, { name: 'count', label: 'Units', kind: 'number', step: '1', optional: true }], build: (f) => optional({ type: 'uninstallHardware', lotId: f.lotId, count: num(f.count) }) },
      { id: 'sellHardware', title: 'Sell used hardware', danger: true, fields: [{ name: 'lotId', label: 'Lot', kind: 'select', options: opts.lots }, { name: 'count', label: 'Units', kind: 'number', step: '1', optional: true }], build: (f) => optional({ type: 'sellHardware', lotId: f.lotId, count: num(f.count) }) },
    ],
  },
  {
    id: 'market',
    get label() {
      return t('tab.market');
    },
    forms: [
      {
        id: 'placeLeaseOrder', title: 'Lease order (1 H100 × block)', key: 'l',
        fields: [
          { name: 'side', label: 'Side', kind: 'select', options: fixed('bid', 'ask') },
          { name: 'quantity', label: 'Blocks', kind: 'number', step: '1', initial: '10' },
          { name: 'priceUsdPerGpuHour', label: '$/GPU-hour', kind: 'number', step: '0.01' },
        ],
        build: (f) => ({ type: 'placeLeaseOrder', side: f.side, quantity: num(f.quantity), priceUsdPerGpuHour: num(f.priceUsdPerGpuHour) }),
      },
      { id: 'cancelLeaseOrder', title: 'Cancel lease order', fields: [{ name: 'orderId', label: 'Order', kind: 'select', options: opts.orders }], build: (f) => ({ type: 'cancelLeaseOrder', orderId: f.orderId }) },
      {
        id: 'tradeBtc', title: 'Trade BTC', key: 'x',
        fields: [{ name: 'side', label: 'Side', kind: 'select', options: fixed('sell', 'buy') }, { name: 'amountBtc', label: 'BTC', kind: 'number', step: '0.0001' }],
        build: (f) => ({ type: 'tradeBtc', side: f.side, amountBtc: num(f.amountBtc) }),
      },
      {
        id: 'setTreasuryPolicy', title: 'Treasury: sell mined BTC',
        hint: (v) => t('hint.setTreasuryPolicy', { pct: v.me?.sellMinedPct ?? 0 }),
        fields: [{ name: 'sellMinedPct', label: 'Sell %', kind: 'number', step: '1', initial: '50' }],
        build: (f) => ({ type: 'setTreasuryPolicy', sellMinedPct: num(f.sellMinedPct) }),
      },
    ],
  },
  {
    id: 'tenders',
    get label() {
      return t('tab.tenders');
    },
    forms: [
      { id: 'bidTender', title: 'Bid on a tender', key: 't', fields: [{ name: 'tenderId', label: 'Tender', kind: 'select', options: opts.tenders }, { name: 'priceUsdPerGpuHour', label: '$/GPU-hour', kind: 'number', step: '0.01' }], build: (f) => ({ type: 'bidTender', tenderId: f.tenderId, priceUsdPerGpuHour: num(f.priceUsdPerGpuHour) }) },
      {
        id: 'acceptOffer', title: 'Bid on an offer',
        hint: () => t('hint.acceptOffer'),
        fields: [
          { name: 'offerId', label: 'Offer', kind: 'select', options: opts.offers },
          { name: 'siteId', label: 'Site', kind: 'select', options: opts.mySites, optional: true },
          { name: 'priceUsdPerKwMonth', label: 'Hosting: $/kW-month', kind: 'number', step: '0.01', optional: true },
          { name: 'priceUsdPerMw', label: 'Buy-out: $ per MW', kind: 'number', optional: true },
        ],
        build: (f) => optional({ type: 'acceptOffer', offerId: f.offerId, siteId: f.siteId, priceUsdPerKwMonth: num(f.priceUsdPerKwMonth), priceUsdPerMw: num(f.priceUsdPerMw) }),
      },
      { id: 'declineOffer', title: 'Withdraw an offer bid', danger: true, fields: [{ name: 'offerId', label: 'Offer', kind: 'select', options: opts.myOfferBids }], build: (f) => ({ type: 'declineOffer', offerId: f.offerId }) },
    ],
  },
  {
    id: 'finance',
    get label() {
      return t('tab.finance');
    },
    forms: [
      {
        id: 'takeLoan', title: 'Take a loan', key: 'f',
        hint: (v) => t('hint.takeLoan', { rate: v.world.interestRatePct.toFixed(1) }),
        fields: [
          { name: 'amountUsd', label: 'Amount $', kind: 'number', initial: '1000000' },
          { name: 'termDays', label: 'Term (days)', kind: 'number', step: '1', initial: '365' },
          { name: 'collateralBtc', label: 'BTC collateral', kind: 'number', optional: true },
        ],
        build: (f) => optional({ type: 'takeLoan', amountUsd: num(f.amountUsd), termDays: num(f.termDays), collateralBtc: num(f.collateralBtc) }),
      },
      { id: 'repayLoan', title: 'Repay a loan', fields: [{ name: 'loanId', label: 'Loan', kind: 'select', options: opts.loans }, { name: 'amountUsd', label: 'Amount $', kind: 'number' }], build: (f) => ({ type: 'repayLoan', loanId: f.loanId, amountUsd: num(f.amountUsd) }) },
      { id: 'raiseEquity', title: 'Raise equity', hint: (v) => t('hint.raiseEquity', { multiple: (v.me?.multiple ?? 1).toFixed(2) }), fields: [{ name: 'amountUsd', label: 'Amount $', kind: 'number' }], build: (f) => ({ type: 'raiseEquity', amountUsd: num(f.amountUsd) }) },
      { id: 'buyback', title: 'Buy back shares', fields: [{ name: 'amountUsd', label: 'Amount $', kind: 'number' }], build: (f) => ({ type: 'buyback', amountUsd: num(f.amountUsd) }) },
    ],
  },
  {
    id: 'contest',
    get label() {
      return t('tab.contest');
    },
    forms: [
      {
        id: 'contestPick', title: 'Beauty contest pick', key: 'p',
        hint: (v) => `${t('hint.contestPick', { round: v.contest.round, day: v.contest.resolveDay, in: Math.max(0, v.contest.resolveDay - v.day), max: usd(v.contest.maxStakeUsd), picks: v.contest.pickCount })}${v.me?.contestPick ? t('hint.contestPickYours', { narrative: v.me.contestPick.narrative, usd: usd(v.me.contestPick.stakeUsd) }) : ''}`,
        fields: [{ name: 'narrative', label: 'Narrative', kind: 'select', options: fixed('crypto', 'ai') }, { name: 'stakeUsd', label: 'Stake $', kind: 'number', initial: '0' }],
        build: (f) => ({ type: 'contestPick', narrative: f.narrative, stakeUsd: num(f.stakeUsd) }),
      },
      {
        id: 'announceNarrative', title: 'Announce a narrative', key: 'n',
        hint: (v) => t('hint.announceNarrative', { narrative: word(v.me?.narrative ?? 'none') }),
        fields: [{ name: 'narrative', label: 'Narrative', kind: 'select', options: fixed('crypto', 'ai', 'none') }],
        build: (f) => ({ type: 'announceNarrative', narrative: f.narrative }),
      },
    ],
  },
];

// Previews live in previews.ts (one per form id) so this table stays a list of fields.
for (const tab of TABS) for (const form of tab.forms) form.preview ??= PREVIEWS[form.id];
