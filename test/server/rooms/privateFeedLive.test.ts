import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createRoom, joinRoom, waitFor, waitMessage, welcomeOf, type Recorded, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

/** The private feed exactly as it came over the wire (no folded copies). */
const wire = (rec: Recorded) => rec.messages.filter((m) => (m.type === 'private' && !m.folded) || m.type === 'privateDelta');

describe('the private feed over a live room', () => {
  it('sends a whole payload on joining, then deltas numbered one by one, and a whole one again on resyncPrivate', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 10 });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'G' });
    const spectator = await joinRoom(ts.url, host.room.roomId, { spectate: true });
    await welcomeOf(guest);
    host.room.send('start', { ref: 's' });
    await waitFor(() => wire(guest).filter((m) => m.type === 'privateDelta').length >= 3, undefined, 'three deltas');
    const feed = wire(guest);
    expect(feed[0]!.type).toBe('private');
    expect(feed[0]!.payload.me).not.toHaveProperty('navUsd'); // on the synced card, not twice
    feed.slice(1).forEach((m, i) => expect(m.payload.seq).toBe(feed[i]!.payload.seq + 1));

    const before = wire(guest).length;
    guest.room.send('resyncPrivate', { ref: 'again' });
    await waitMessage(guest, 'ack', (p) => p.ref === 'again');
    const answer = wire(guest).slice(before).find((m) => m.type === 'private');
    expect(answer, 'a whole payload before the ack').toBeDefined();
    expect(answer!.payload.seq).toBeGreaterThan(feed[feed.length - 1]!.payload.seq);
    expect(answer!.payload.me.id).toBe((await welcomeOf(guest)).playerId);

    spectator.room.send('resyncPrivate', { ref: 'spy' });
    expect((await waitMessage(spectator, 'error', (p) => p.ref === 'spy')).code).toBe('SPECTATOR');
    expect(spectator.messages.some((m) => m.type === 'private' || m.type === 'privateDelta')).toBe(false);
    await Promise.all([host.room.leave(), guest.room.leave(), spectator.room.leave()]);
  });
});
