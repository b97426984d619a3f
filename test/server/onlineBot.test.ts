import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnlineBot } from '../../server/bots/onlineBot.js';
import { getStrategy } from '../../shared/bots/index.js';
import type { Strategy } from '../../shared/bots/types.js';
import { bootServer, createRoom, waitFor, waitMessage, type TestServer } from './helpers.js';
import { join } from 'node:path';
import { limitsFor, processStrategy } from '../../server/bots/process/processBot.js';
import { resolveBot } from '../../server/bots/resolve.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ reconnectSeconds: 10 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('online bot', () => {
  it('joins a live room, plays each day with the same strategy code, reconnects after a drop and plays to the end', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 10, spectate: true });
    const code = host.room.roomId;
    // A strategy that also checks the view it is given looks like the headless one.
    const seen: { day: number; hasMe: boolean; catalogue: number; regions: number; sites: number }[] = [];
    const base = getStrategy('hodl-miner')!;
    const watched: Strategy = {
      ...base,
      decide(view, ctx) {
        seen.push({ day: view.day, hasMe: view.me !== null, catalogue: view.catalogue.length, regions: view.regions.length, sites: view.sites.length });
        return base.decide(view, ctx);
      },
    };
    const bot = await startOnlineBot({ url: ts.url, room: code, strategy: watched, name: 'Online hodler' });
    await waitFor(() => bot.stats.playerId, 5000, 'welcome');
    host.room.send('start', { ref: 'go' });
    await waitMessage(host, 'ack', (p) => p.ref === 'go');
    await waitFor(() => bot.stats.acked >= 3 && bot.stats.lastDay >= 5, 15_000, 'bot actions accepted');
    const me = () => host.room.state.players.get(bot.stats.playerId);
    await waitFor(() => me()?.narrative === 'crypto', 5000, 'announced narrative visible to others');
    expect(seen.every((s) => s.regions > 0 && s.sites > 0 && s.catalogue > 0)).toBe(true);
    expect(seen.some((s) => s.hasMe)).toBe(true);
    // The purchase is acked before the host's copy of the state shows it.
    await waitFor(() => [...host.room.state.sites.values()].some((s: { ownerId: string }) => s.ownerId === bot.stats.playerId), 5000, 'a site the bot bought');

    // Drop the socket without a consented leave: the bot comes back to the same seat.
    const before = bot.stats.lastDay;
    bot.room()!.connection.close(4999, 'test drop');
    await waitFor(() => bot.stats.reconnects >= 1, 10_000, 'reconnect');
    await waitFor(() => bot.stats.lastDay > before + 3, 10_000, 'decisions after reconnect');
    expect(me()?.connected).toBe(true);

    // Fast-forward to the end: the bot leaves on its own when the match ends.
    host.room.send('speed', { daysPerSecond: 50, ref: 'fast' });
    await waitMessage(host, 'ack', (p) => p.ref === 'fast');
    const final = await bot.done;
    expect(final.ended).toBe(true);
    expect(final.lastDay).toBeGreaterThan(before + 10);
    expect(final.strikes).toBe(0);
    expect(final.refused / Math.max(1, final.sent)).toBeLessThan(0.2);
    await host.room.leave();
  });

  it('plays a protocol program (the Python kit) online: its actions reach the room', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 10, spectate: true });
    const src = resolveBot(join(import.meta.dirname, '..', '..', 'kits', 'python', 'bot.py'));
    if (src.kind !== 'process') throw new Error('the kit is a program');
    const kit = processStrategy({ spawn: src.spawn, label: 'python-kit', seed: 'online', limits: limitsFor(200) });
    const bot = await startOnlineBot({ url: ts.url, room: host.room.roomId, strategy: kit, name: 'Online kit' });
    await waitFor(() => bot.stats.playerId, 5000, 'welcome');
    host.room.send('start', { ref: 'go' });
    await waitMessage(host, 'ack', (p) => p.ref === 'go');
    await waitFor(() => bot.stats.acked >= 2, 15_000, 'kit actions accepted');
    const owned = () => [...host.room.state.sites.values()].filter((s: { ownerId: string }) => s.ownerId === bot.stats.playerId);
    await waitFor(() => owned().length > 0, 5000, 'the kit bought a site');
    expect(bot.stats.strikes).toBe(0);
    expect(kit.stats.handshakeName).toBe('python-kit');
    await bot.stop();
    kit.close(bot.stats.lastDay, 'test over');
    await host.room.leave();
  });
});
