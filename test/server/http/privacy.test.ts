/**
 * Issue 11 item 3: private rooms and classroom sessions are unlisted everywhere (lobby,
 * /api/rooms, /api/matches) unless the caller holds their token, and a labelled session admits
 * its students by their personal links only (guests only when the teacher allows them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { bootServer, createRoom, joinRoom, studentKeys, waitMessage, welcomeOf, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

const ids = (list: { roomId?: string; id?: string }[]) => list.map((r) => r.roomId ?? r.id);

describe('unlisted rooms', () => {
  it('lists private rooms and classroom sessions nowhere, except /api/matches to the holder of their host token', async () => {
    const open = await createRoom(ts.url, { name: 'Open' });
    const secret = await createRoom(ts.url, { name: 'Secret', private: true });
    const session = await createRoom(ts.url, { name: 'Class', classroom: { labels: ['S1'] } });
    const sw = await welcomeOf(secret);
    const cw = await welcomeOf(session);
    const [o, p, c] = [open.room.roomId, secret.room.roomId, session.room.roomId];

    const rooms = ids(await (await fetch(`${ts.http}/api/rooms`)).json());
    expect(rooms).toContain(o);
    expect(rooms).not.toContain(p);
    expect(rooms).not.toContain(c);
    const lobby = await new Client(ts.url).joinOrCreate('lobby');
    const listed = ids(await new Promise<any[]>((res) => lobby.onMessage('rooms', res)));
    expect(listed).toContain(o);
    expect(listed).not.toContain(p);
    expect(listed).not.toContain(c);
    await lobby.leave();

    const matches = ids(await (await fetch(`${ts.http}/api/matches`)).json());
    expect(matches).toContain(o);
    expect(matches).not.toContain(p);
    expect(matches).not.toContain(c);
    const mine = ids(await (await fetch(`${ts.http}/api/matches?token=${sw.hostToken}`)).json());
    expect(mine).toContain(p);
    expect(mine).not.toContain(c);
    const teachers = ids(await (await fetch(`${ts.http}/api/matches`, { headers: { Authorization: `Bearer ${cw.hostToken}` } })).json());
    expect(teachers).toContain(c);
    expect(teachers).not.toContain(p);
    await Promise.all([open.room.leave(), secret.room.leave(), session.room.leave()]);
  });
});

describe('student links', () => {
  it('a labelled session admits only its links: no label, a label alone or a guessed key are refused; the teacher gets one link per label', async () => {
    const teacher = await createRoom(ts.url, { classroom: { labels: ['Ana', 'Ben'] } });
    const tw = await welcomeOf(teacher);
    const code = teacher.room.roomId;
    await expect(joinRoom(ts.url, code, {})).rejects.toThrow(/admits only its students/);
    await expect(joinRoom(ts.url, code, { playerName: 'Outsider' })).rejects.toThrow(/admits only its students/);
    await expect(joinRoom(ts.url, code, { label: 'Ana' })).rejects.toThrow(/label alone is not enough/);
    await expect(joinRoom(ts.url, code, { label: 'Ana', studentKey: 'x'.repeat(24) })).rejects.toThrow(/not valid/);
    await expect(joinRoom(ts.url, code, { spectate: true })).rejects.toThrow(/admits only its students/);

    const info = await (await fetch(`${ts.http}/api/sessions/${code}?token=${tw.hostToken}`)).json();
    expect(info.studentLinks.map((l: any) => l.label)).toEqual(['Ana', 'Ben']);
    const keys = await studentKeys(teacher);
    for (const l of info.studentLinks) {
      expect(l.key).toBe(keys.get(l.label));
      expect(l.path).toBe(`/?join=${code}&key=${encodeURIComponent(l.key)}`);
    }
    expect(new Set(info.studentLinks.map((l: any) => l.key)).size).toBe(2);
    const ana = await joinRoom(ts.url, code, { studentKey: keys.get('Ana'), playerName: 'Ana L.' });
    const aw = await welcomeOf(ana);
    expect(aw.spectator).toBe(false);
    const roster = await waitMessage(teacher, 'roster', (r) => r.students.some((s: any) => s.label === 'Ana'));
    expect(roster.students.find((s: any) => s.label === 'Ana').playerId).toBe(aw.playerId);
    // Students never see anyone's link.
    expect(ana.raw().includes(keys.get('Ben')!)).toBe(false);
    expect(ana.raw().includes(keys.get('Ana')!)).toBe(false);
    await Promise.all([ana.room.leave(), teacher.room.leave()]);
  });

  it('with allowGuests, people without a link join as new unlabelled seats, but a label alone still claims nothing', async () => {
    const teacher = await createRoom(ts.url, { classroom: { labels: ['Ana'], allowGuests: true } });
    const code = teacher.room.roomId;
    const guest = await joinRoom(ts.url, code, { playerName: 'Visitor' });
    expect((await welcomeOf(guest)).spectator).toBe(false);
    const watcher = await joinRoom(ts.url, code, { spectate: true });
    expect((await welcomeOf(watcher)).spectator).toBe(true);
    await expect(joinRoom(ts.url, code, { label: 'Ana' })).rejects.toThrow(/label alone is not enough/);
    const roster = await waitMessage(teacher, 'roster', (r) => r.students.length === 1);
    expect(roster.students[0]).toMatchObject({ name: 'Visitor', label: '' });
    await Promise.all([guest.room.leave(), watcher.room.leave(), teacher.room.leave()]);
  });
});
