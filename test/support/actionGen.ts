/**
 * Random but plausible actions for property tests: a template (kind + a few numbers) is resolved
 * against the acting player's view, so sequences reach deep into the rules instead of failing on
 * unknown ids. Some templates deliberately produce invalid actions (other players' ids, huge sums).
 */
import fc from 'fast-check';
import type { PlayerView } from '../../shared/rules/view.js';

export interface Template {
  kind: number;
  a: number;
  b: number;
  x: number;
}

export const templateArb: fc.Arbitrary<Template> = fc.record({
  kind: fc.nat(40),
  a: fc.nat(1000),
  b: fc.nat(1000),
  x: fc.double({ min: 0.001, max: 1, noNaN: true }),
});

const at = <T>(items: readonly T[], i: number): T | undefined => (items.length ? items[i % items.length] : undefined);

/** Turns a template into an action for the viewer (some kinds are invalid on purpose); undefined when the kind has nothing to act on. */
export function resolve(view: PlayerView, t: Template): unknown {
  const me = view.me;
  if (!me) return undefined;
  const mySites = view.sites.filter((s) => s.ownerId === view.playerId);
  const listed = view.sites.filter((s) => s.ownerId === null);
  const others = view.sites.filter((s) => s.ownerId !== null && s.ownerId !== view.playerId);
  const region = at(view.regions, t.a);
  const model = at(view.catalogue, t.a);
  const lot = at(me.lots, t.a);
  const tender = at(view.tenders, t.a);
  const offer = at(view.offers, t.a);
  const provider = at(view.colocation, t.b);
  const loan = at(me.loans, t.a);
  const order = at(me.leaseOrders, t.a);
  const cash = Math.max(1, me.cashUsd);
  const rent = Math.round((0.5 + t.x * 8) * 100) / 100;
  // Lease prices mostly inside the day's ±20 % band around spot, some outside (refused).
  const leaseRent = Math.round(view.world.gpuRentUsdPerHour * (0.7 + t.x * 0.6) * 100) / 100;
  const table: (() => unknown)[] = [
    () => listed.length && { type: 'buySite', siteId: at(listed, t.a)!.id },
    () => region && { type: 'buildSite', regionId: region.id, tier: t.b % 2 ? 'ai' : 'mining', mw: 1 + (t.b % 40) },
    () => mySites.length && { type: 'expandSite', siteId: at(mySites, t.b)!.id, mw: 1 + (t.a % 20) },
    () => mySites.length && { type: 'retrofitSite', siteId: at(mySites, t.b)!.id },
    () => mySites.length && { type: 'sellSite', siteId: at(mySites, t.b)!.id },
    () => mySites.length && { type: 'setPowerContract', siteId: at(mySites, t.b)!.id, contract: t.a % 2 ? 'ppa' : 'index', curtailAboveUsdPerMwh: 50 + t.b },
    () => model && { type: 'orderHardware', modelId: model.id, count: 1 + (t.b % 500), ...(mySites.length ? { siteId: at(mySites, t.b)!.id } : {}) },
    () => model && { type: 'orderHardware', modelId: model.id, count: 1 + (t.b % 50) },
    () => lot && mySites.length && { type: 'installHardware', lotId: lot.id, siteId: at(mySites, t.b)!.id },
    () => lot && { type: 'uninstallHardware', lotId: lot.id },
    () => lot && { type: 'sellHardware', lotId: lot.id, count: 1 + (t.b % Math.max(1, lot.count)) },
    () => ({ type: 'setTreasuryPolicy', sellMinedPct: t.a % 101 }),
    () => ({ type: 'tradeBtc', side: 'buy', amountBtc: Math.max(0.001, (cash * t.x * 0.2) / view.world.btcUsd) }),
    () => ({ type: 'tradeBtc', side: 'sell', amountBtc: Math.max(0.001, me.btc * t.x || 0.01) }),
    () => ({ type: 'placeLeaseOrder', side: 'bid', quantity: 1 + (t.b % 20), priceUsdPerGpuHour: leaseRent }),
    () => ({ type: 'placeLeaseOrder', side: 'ask', quantity: 1 + (t.b % 20), priceUsdPerGpuHour: leaseRent }),
    () => order && { type: 'cancelLeaseOrder', orderId: order.id },
    () => tender && { type: 'bidTender', tenderId: tender.id, priceUsdPerGpuHour: rent },
    () => offer && { type: t.b % 2 ? 'acceptOffer' : 'declineOffer', offerId: offer.id },
    () => offer && mySites.length && { type: 'acceptOffer', offerId: offer.id, siteId: at(mySites, t.b)!.id, ...(offer.kind === 'hosting' ? { priceUsdPerKwMonth: offer.priceUsdPerKwMonth * (0.5 + t.x) } : { priceUsdPerMw: offer.buyoutUsdPerMw * (0.5 + t.x) }) },
    () => provider && { type: 'rentColocation', providerId: provider.id, mw: 0.5 + (t.a % 8) },
    () => ({ type: 'takeLoan', amountUsd: Math.max(1, cash * t.x), termDays: 30 + (t.b % 700) }),
    () => loan && { type: 'repayLoan', loanId: loan.id, amountUsd: Math.max(1, cash * t.x) },
    () => ({ type: 'raiseEquity', amountUsd: Math.max(1, cash * t.x * 0.5) }),
    () => ({ type: 'buyback', amountUsd: Math.max(1, cash * t.x * 0.2) }),
    () => ({ type: 'announceNarrative', narrative: (['crypto', 'ai', 'none'] as const)[t.a % 3] }),
    () => ({ type: 'contestPick', narrative: t.a % 2 ? 'crypto' : 'ai', stakeUsd: Math.round(cash * t.x * 0.1) }),
    // Invalid on purpose: someone else's site, absurd sums, garbage.
    () => others.length && { type: 'sellSite', siteId: at(others, t.a)!.id },
    () => ({ type: 'tradeBtc', side: 'buy', amountBtc: 20_000_000 }),
    () => ({ type: 'buildSite', regionId: 'atlantis', tier: 'ai', mw: 5 }),
    () => ({ type: 'placeLeaseOrder', side: 'bid', quantity: 1e6, priceUsdPerGpuHour: 999 }),
    () => ({ type: 'orderHardware', modelId: 'nope', count: 1 }),
    () => ({ type: 'repayLoan', loanId: 'missing', amountUsd: 5 }),
    () => ({ type: 'takeLoan', amountUsd: 1e12, termDays: 365 }),
    () => ({ type: 'nonsense', value: t.a }),
    () => ({ type: 'buySite', siteId: 'L1', extra: true }),
  ];
  const made = table[t.kind % table.length]!();
  return made || undefined;
}
