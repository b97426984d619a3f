import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockCents, leaseDayCents, matchOrder } from '../../../shared/economy/leaseBook.js';
import type { LeaseOrder } from '../../../shared/rules/types.js';

let seq = 0;
function order(id: string, ownerId: string, side: 'bid' | 'ask', price: number, qty: number): LeaseOrder {
  seq += 1;
  return { id, ownerId, side, priceUsdPerGpuHour: price, quantity: qty, remaining: qty, seq, placedDay: 0 };
}

describe('lease book', () => {
  it('prices a block at price × 24 h × 30 days in cents', () => {
    expect(blockCents(2.5)).toBe(180_000);
    expect(blockCents(1.234)).toBe(88_848);
  });

  it('splits a lease into daily payments that sum exactly', () => {
    const total = 100_001;
    let sum = 0;
    for (let d = 0; d < 30; d++) sum += leaseDayCents(total, d);
    expect(sum).toBe(total);
    expect(leaseDayCents(total, 0)).toBe(3333);
    expect(leaseDayCents(total, 30)).toBe(0);
  });

  it('fills a bid against the cheapest ask first, then by time, at the resting price', () => {
    const a1 = order('a1', 'x', 'ask', 3.0, 5);
    const a2 = order('a2', 'y', 'ask', 2.5, 4);
    const a3 = order('a3', 'z', 'ask', 2.5, 4); // same price, later: after a2
    const bid = order('b', 'w', 'bid', 3.0, 10);
    const r = matchOrder([a1, a2, a3], bid);
    expect(r.fills.map((f) => [f.restingOrderId, f.quantity, f.priceUsdPerGpuHour])).toEqual([
      ['a2', 4, 2.5],
      ['a3', 4, 2.5],
      ['a1', 2, 3.0],
    ]);
    expect(r.fills[0]).toMatchObject({ buyerId: 'w', sellerId: 'y', bidPriceUsdPerGpuHour: 3.0 });
    expect(r.resting).toBeNull();
    expect(r.book).toEqual([{ ...a1, remaining: 3 }]);
  });

  it('rests the unfilled part of an order that stops crossing', () => {
    const b1 = order('b1', 'x', 'bid', 2.0, 3);
    const b2 = order('b2', 'y', 'bid', 1.5, 3);
    const ask = order('s', 'z', 'ask', 1.8, 5);
    const r = matchOrder([b1, b2], ask);
    expect(r.fills).toEqual([
      { restingOrderId: 'b1', buyerId: 'x', sellerId: 'z', quantity: 3, priceUsdPerGpuHour: 2.0, bidPriceUsdPerGpuHour: 2.0 },
    ]);
    expect(r.resting).toEqual({ ...ask, remaining: 2 });
    expect(r.book).toEqual([b2, { ...ask, remaining: 2 }]);
  });

  it('never trades with its own resting orders', () => {
    const own = order('o', 'x', 'ask', 1.0, 5);
    const other = order('p', 'y', 'ask', 2.0, 5);
    const r = matchOrder([own, other], order('b', 'x', 'bid', 3.0, 7));
    expect(r.fills.map((f) => [f.restingOrderId, f.quantity])).toEqual([['p', 5]]);
    expect(r.resting?.remaining).toBe(2);
    expect(r.book.find((o) => o.id === 'o')).toEqual(own);
  });

  it('conserves quantity: filled + resting = incoming, and never crosses the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 9 }), qty: fc.integer({ min: 1, max: 9 }), owner: fc.constantFrom('a', 'b', 'c') }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 30 }),
        (asks, limit, qty) => {
          const book = asks.map((a, i) => order(`a${i}`, a.owner, 'ask', a.price, a.qty));
          const r = matchOrder(book, order('in', 'a', 'bid', limit, qty));
          const filled = r.fills.reduce((s, f) => s + f.quantity, 0);
          expect(filled + (r.resting?.remaining ?? 0)).toBe(qty);
          for (const f of r.fills) {
            expect(f.priceUsdPerGpuHour).toBeLessThanOrEqual(limit);
            expect(f.sellerId).not.toBe('a');
          }
          const before = book.reduce((s, o) => s + o.remaining, 0);
          const after = r.book.filter((o) => o.side === 'ask').reduce((s, o) => s + o.remaining, 0);
          expect(before - after).toBe(filled);
        },
      ),
    );
  });
});
