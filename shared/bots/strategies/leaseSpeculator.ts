/**
 * lease-speculator: owns no data centre. Racks a small GPU fleet in rented colocation space and
 * sells its capacity forward on the lease book (locking rent in before a glut), buys reserved
 * capacity when it is cheap against spot rent, resells it at a markup (or to the best bid), and
 * serves lab tenders with capacity it leased: the trader whose dumping makes rents collapse.
 */
import type { Action } from '../../rules/actions.js';
import type { Strategy } from '../types.js';
import {
  announce, bidTenders, Budget, contestPick, every, inLeaseBand, installedH100, installStored, LEASE_BLOCK_DAYS, leasedInGpus,
  momentumNarrative, mySites, trend,
} from '../helpers.js';
import { fillGpus, houseGpus, rentColo } from '../plays.js';

/** Cancel and reprice resting orders older than this. */
const STALE_DAYS = 10;

export const leaseSpeculator: Strategy = {
  name: 'lease-speculator',
  description: 'Buys reserved GPU capacity below spot, resells it at a markup and serves tenders with it.',
  decide(view, ctx) {
    const me = view.me;
    if (!me || view.phase !== 'running') return [];
    const out: Action[] = [];
    announce(view, 'ai', out);
    const spot = view.world.gpuRentUsdPerHour;
    // A small fleet of its own in someone else's hall: capacity to sell forward.
    const fleet = new Budget(view, Math.max(1_000_000, me.cashUsd * 0.55));
    installStored(view, fleet, out);
    houseGpus(view, fleet, out);
    if (!mySites(view).some((s) => s.tier === 'ai') && every(ctx, 'colo', 5)) rentColo(view, fleet, 0.9, out, 4);
    fillGpus(view, fleet, 0.9, out);
    const own = Math.floor(installedH100(view) - me.leasesOut.filter((l) => l.endDay > view.day && l.lessorId === me.id).reduce((n, l) => n + l.gpus, 0));
    const ownAsks = me.leaseOrders.some((o) => o.side === 'ask' && o.remaining > 0);
    if (own >= 8 && !ownAsks && every(ctx, 'forward', 10)) {
      // Falling rent: lock 30 days in a little under spot; rising: ask a premium.
      const falling = trend(ctx, 'fwdEma', spot) < -0.01;
      out.push({ type: 'placeLeaseOrder', side: 'ask', quantity: Math.floor(own / 2), priceUsdPerGpuHour: inLeaseBand(view, spot * (falling ? 0.97 : 1.05)) });
    }
    const blockUsd = (price: number) => price * 24 * LEASE_BLOCK_DAYS;
    let cash = me.cashUsd * 0.5 - 1_000_000;
    for (const o of me.leaseOrders) {
      if (o.remaining > 0 && view.day - o.placedDay >= STALE_DAYS) out.push({ type: 'cancelLeaseOrder', orderId: o.id });
    }
    const fresh = me.leaseOrders.filter((o) => o.remaining > 0 && view.day - o.placedDay < STALE_DAYS);
    const restingBids = fresh.filter((o) => o.side === 'bid');
    const restingAsks = fresh.filter((o) => o.side === 'ask').reduce((s, o) => s + o.remaining, 0);
    for (const o of restingBids) cash -= blockUsd(o.priceUsdPerGpuHour) * o.remaining;

    // Buy: a lease below spot earns the difference every day it sits idle in the spot pool, so lift
    // cheap asks outright; otherwise rest a bid well below spot for someone's dump.
    const bestAsk = view.book.asks[0];
    const rentTrend = trend(ctx, 'rentEma', spot);
    // Rising rent: pay up to spot; flat or falling: only a clear discount.
    const maxPaid = spot * (rentTrend > 0.02 ? 1 : 0.97);
    if (bestAsk && spot > 0 && bestAsk.priceUsdPerGpuHour <= maxPaid) {
      const qty = Math.min(bestAsk.quantity, Math.floor((cash * 0.5) / blockUsd(bestAsk.priceUsdPerGpuHour)));
      if (qty > 0) {
        cash -= qty * blockUsd(bestAsk.priceUsdPerGpuHour);
        out.push({ type: 'placeLeaseOrder', side: 'bid', quantity: qty, priceUsdPerGpuHour: inLeaseBand(view, bestAsk.priceUsdPerGpuHour) });
      }
    } else if (restingBids.length === 0 && spot > 0) {
      // As deep under spot as the band allows (a bid further down would be refused).
      const price = inLeaseBand(view, spot * (0.7 + 0.1 * ctx.rng.next()));
      const qty = Math.min(2_000, Math.floor((cash * 0.2) / blockUsd(price)));
      if (qty > 0) out.push({ type: 'placeLeaseOrder', side: 'bid', quantity: qty, priceUsdPerGpuHour: price });
    }

    // Sell what it holds and has not offered or promised: to a rich bid at once, else at a markup.
    const held = me.leasesIn.filter((l) => l.endDay > view.day);
    const costUsdPerGpuHour = held.length ? held.reduce((s, l) => s + l.priceUsdPerGpuHour * l.gpus, 0) / Math.max(1, leasedInGpus(view)) : spot;
    bidTenders(view, costUsdPerGpuHour, 0.03, out);
    const promised = view.tenders.filter((t) => t.myBidUsdPerGpuHour !== null).reduce((s, t) => s + t.gpus, 0)
      + me.contracts.filter((c) => c.kind === 'tender' && c.endDay > view.day).reduce((s, c) => s + c.gpus, 0)
      + me.leasesOut.filter((l) => l.endDay > view.day).reduce((s, l) => s + l.gpus, 0);
    const toSell = Math.floor(leasedInGpus(view) - restingAsks - promised);
    if (toSell > 0) {
      const bestBid = view.book.bids[0];
      const markup = costUsdPerGpuHour * 1.1;
      // Rent falling through its cost: dump to the best bid (or just under spot) before it falls further.
      const falling = spot < costUsdPerGpuHour * 0.9;
      const price = bestBid && (bestBid.priceUsdPerGpuHour >= costUsdPerGpuHour * 1.03 || falling)
        ? bestBid.priceUsdPerGpuHour
        : falling ? spot * 0.95 : Math.max(markup, spot * 1.05);
      out.push({ type: 'placeLeaseOrder', side: 'ask', quantity: toSell, priceUsdPerGpuHour: inLeaseBand(view, price) });
    }
    contestPick(view, momentumNarrative(view), Math.min(250_000, me.cashUsd * 0.01), out);
    return out;
  },
};
