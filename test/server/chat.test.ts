import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createRoom, joinRoom, waitMessage, welcomeOf, type TestServer } from './helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ rateLimitPerSecond: 20, rateLimitBurst: 40 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('match chat (every match, not only classroom sessions)', () => {
  it('broadcasts plain text to everyone, lets the host mute it, and keeps the ⅔ guess for classrooms', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 5, playerName: 'Hosty' });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'Guest' });
    const watcher = await joinRoom(ts.url, host.room.roomId, { spectate: true });
    await Promise.all([welcomeOf(host), welcomeOf(guest), welcomeOf(watcher)]);

    guest.room.send('chat', { text: '<b>gg</b> ☺', ref: 'c1' });
    await waitMessage(guest, 'ack', (p) => p.ref === 'c1');
    for (const rec of [host, guest, watcher]) {
      const line = await waitMessage(rec, 'chat');
      // Sent as typed: the client renders it as a text node, so markup stays text.
      expect(line.text).toBe('<b>gg</b> ☺');
      expect(line.name).toBe('Guest');
    }

    watcher.room.send('chat', { text: 'hi', ref: 'w' });
    expect((await waitMessage(watcher, 'error', (p) => p.ref === 'w')).code).toBe('SPECTATOR');
    guest.room.send('chat', { text: '', ref: 'e' });
    expect((await waitMessage(guest, 'error', (p) => p.ref === 'e')).code).toBe('BAD_ACTION');
    guest.room.send('guess', { value: 33, ref: 'g' });
    expect((await waitMessage(guest, 'error', (p) => p.ref === 'g')).code).toBe('NOT_CLASSROOM');

    guest.room.send('muteChat', { muted: true, ref: 'm0' });
    expect((await waitMessage(guest, 'error', (p) => p.ref === 'm0')).code).toBe('NOT_HOST');
    host.room.send('muteChat', { muted: true, ref: 'm1' });
    await waitMessage(host, 'ack', (p) => p.ref === 'm1');
    guest.room.send('chat', { text: 'still there?', ref: 'c2' });
    const off = await waitMessage(guest, 'error', (p) => p.ref === 'c2');
    expect(off.code).toBe('CHAT_OFF');
    expect(off.message).toMatch(/muted/);
    host.room.send('muteChat', { muted: false, ref: 'm2' });
    await waitMessage(host, 'ack', (p) => p.ref === 'm2');
    guest.room.send('chat', { text: 'back', ref: 'c3' });
    await waitMessage(guest, 'ack', (p) => p.ref === 'c3');
    await Promise.all([host.room.leave(), guest.room.leave(), watcher.room.leave()]);
  });
});
