/**
 * Leaks and loose validation (issue 11, item 8), against a real server: contest payouts and a sole
 * staker's stake stay private, prototype names are never found as ids or parameters, and an ended
 * match takes no more host commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO, bootServer, createRoom, joinRoom, waitFor, waitMessage, welcomeOf, type Recorded, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

async function ask(rec: Recorded, type: string, payload: Record<string, unknown> = {}): Promise<{ ok: boolean; code?: string; message?: string }> {
  const ref = `${type}-${rec.messages.length}-${Math.random().toString(36).slice(2, 8)}`;
  rec.room.send(type, { ...payload, ref });
  const reply = await waitFor(() => rec.messages.find((m) => (m.type === 'ack' || m.type === 'error') && m.payload.ref === ref), 10_000, `reply to ${type}`);
  return { ok: reply.type === 'ack', ...reply.payload };
}

describe('contest privacy', () => {
  it("publishes no payouts and no sole staker's stake; the staker alone learns its payout", async () => {
    const host = await createRoom(ts.url, { scenario: SCENARIO, daysPerSecond: 50, playerName: 'Staker' });
    const code = host.room.roomId;
    const other = await joinRoom(ts.url, code, { playerName: 'Rival' });
    const watcher = await joinRoom(ts.url, code, { spectate: true });
    const hw = await welcomeOf(host);
    await welcomeOf(other);
    await welcomeOf(watcher);
    expect((await ask(host, 'start')).ok).toBe(true);
    expect((await ask(host, 'contestPick', { narrative: 'crypto', stakeUsd: 77_777.77 })).ok).toBe(true);
    const resolved = await waitMessage(watcher, 'events', (p) => p.events.some((e: any) => e.type === 'contestResolved'), 0, 20_000);
    const pub = resolved.events.find((e: any) => e.type === 'contestResolved').result;
    expect(pub).toMatchObject({ round: 1, stakers: 1, poolUsdCents: null, weightCrypto: null, weightAi: null, payouts: {} });
    const mine = await waitMessage(host, 'myEvents', (p) => p.events.some((e: any) => e.type === 'contestPayout'), 0, 10_000);
    const payout = mine.events.find((e: any) => e.type === 'contestPayout');
    expect(payout).toMatchObject({ playerId: hw.playerId, round: 1, stakeUsdCents: 7_777_777 });
    await waitFor(() => watcher.room.state.contest.lastRound >= 1, 10_000, 'synced contest');
    // Before: {"p1":7777777} in the public event and lastPoolUsd = 77777.77 for everyone.
    expect(watcher.room.state.contest.lastPoolUsd).toBe(0);
    for (const rec of [watcher, other]) {
      const seen = JSON.stringify(rec.messages) + JSON.stringify(rec.room.state.toJSON());
      expect(seen).not.toMatch(/7777777|77777\.77|77,778/);
      expect(rec.messages.some((m) => m.type === 'myEvents' && m.payload.events.some((e: any) => e.type === 'contestPayout'))).toBe(false);
    }
    await Promise.all([host, other, watcher].map((r) => r.room.leave()));
  });
});

describe('prototype keys from clients', () => {
  it('finds no site, lot, loan, offer or event parameter named after an Object.prototype member', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 1 });
    await welcomeOf(host);
    expect((await ask(host, 'start')).ok).toBe(true);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const buy = await ask(host, 'buySite', { siteId: key });
      // Before: "Site undefined is not for sale" (the prototype's member was taken for a site).
      expect(buy).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect((await ask(host, 'sellSite', { siteId: key })).code).toBe('NOT_FOUND');
      expect((await ask(host, 'repayLoan', { loanId: key, amountUsd: 1 })).code).toBe('NOT_FOUND');
      expect((await ask(host, 'acceptOffer', { offerId: key })).code).toBe('NOT_FOUND');
      expect((await ask(host, 'bidTender', { tenderId: key, priceUsdPerGpuHour: 1 })).code).toBe('NOT_FOUND');
      expect((await ask(host, 'uninstallHardware', { lotId: key })).code).toBe('NOT_FOUND');
    }
    // Before: acked, and logged as a host action.
    const inject = await ask(host, 'inject', { kind: 'pump', params: { constructor: '' } });
    expect(inject.ok).toBe(false);
    expect(inject.message).toMatch(/no parameter "constructor"/);
    expect((await ask(host, 'inject', { kind: 'regulatoryBan', params: { regionId: 'constructor' } })).ok).toBe(false);
    await host.room.leave();
  });
});

describe('an ended match', () => {
  it('refuses kick and speed (and every other host command) with MATCH_ENDED', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 1 });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'Guest' });
    const gw = await welcomeOf(guest);
    await welcomeOf(host);
    expect((await ask(host, 'start')).ok).toBe(true);
    expect((await ask(host, 'end')).ok).toBe(true);
    await waitMessage(host, 'ended');
    // Before: both acked, and the kick changed a finished match's seats.
    expect(await ask(host, 'kick', { playerId: gw.playerId })).toMatchObject({ ok: false, code: 'MATCH_ENDED' });
    expect(await ask(host, 'speed', { daysPerSecond: 5 })).toMatchObject({ ok: false, code: 'MATCH_ENDED' });
    expect(await ask(host, 'pause', {})).toMatchObject({ ok: false, code: 'MATCH_ENDED' });
    expect(ts.server.store.seats(host.room.roomId).find((s) => s.playerId === gw.playerId)!.kicked).toBe(false);
    expect(guest.room.connection.isOpen).toBe(true);
    await Promise.all([host, guest].map((r) => r.room.leave()));
  });
});
