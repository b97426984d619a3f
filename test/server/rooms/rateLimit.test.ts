import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../server/rooms/rateLimit.js';
import { normaliseCode, randomCode, uniqueCode } from '../../../server/rooms/roomCode.js';

describe('TokenBucket', () => {
  it('allows the burst at once, then the refill rate', () => {
    const b = new TokenBucket(20, 40, 0);
    let ok = 0;
    for (let i = 0; i < 100; i++) if (b.take(0)) ok++;
    expect(ok).toBe(40);
    // 500 ms later: 10 more tokens.
    ok = 0;
    for (let i = 0; i < 100; i++) if (b.take(500)) ok++;
    expect(ok).toBe(10);
    // Never more than the burst, however long the pause.
    ok = 0;
    for (let i = 0; i < 100; i++) if (b.take(1_000_000)) ok++;
    expect(ok).toBe(40);
  });
});

describe('room codes', () => {
  it('are 6 capital letters without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(randomCode()).toMatch(/^[A-HJ-NP-Z]{6}$/);
  });

  it('fold case and reject what cannot be a code', () => {
    expect(normaliseCode(' kxqmta ')).toBe('KXQMTA');
    expect(normaliseCode('KXQMT')).toBeNull();
    expect(normaliseCode('KXQMT1')).toBeNull();
    expect(normaliseCode('../etc')).toBeNull();
  });

  it('skips codes already taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 50; i++) taken.add(uniqueCode((c) => taken.has(c)));
    expect(taken.size).toBe(50);
    expect(() => uniqueCode(() => true)).toThrow(/free room code/);
  });
});
