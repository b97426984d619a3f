/**
 * "Choose your name from the list" (classroom.labelList): the public list of untaken labels, a tap
 * takes the label's seat once, the device that took it comes back with its seat token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createRoom, joinRoom, waitFor, welcomeOf, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

async function list(code: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${ts.http}/api/sessions/${code}/labels`);
  return { status: res.status, body: await res.json() };
}

describe('choose your name from the list', () => {
  it('lists the untaken labels; the first device to tap one gets its seat, another device is refused, the same device returns', async () => {
    const teacher = await createRoom(ts.url, { classroom: { labels: ['S01', 'S02', 'Élodie'], labelList: true } });
    const code = teacher.room.roomId;
    expect(await list(code)).toEqual({ status: 200, body: { id: code, labelList: true, live: true, labels: ['S01', 'S02', 'Élodie'], taken: 0 } });

    const sam = await joinRoom(ts.url, code, { label: ' s01 ' });
    const sw = await welcomeOf(sam);
    await waitFor(() => teacher.room.state.players.get(sw.playerId), 5000, 'the seat');
    expect(teacher.room.state.players.get(sw.playerId).name).toBe('S01');
    expect((await list(code)).body).toMatchObject({ labels: ['S02', 'Élodie'], taken: 1 });

    await expect(joinRoom(ts.url, code, { label: 'S01' })).rejects.toThrow(/"S01" is already taken/);
    await expect(joinRoom(ts.url, code, { label: 'Zoe' })).rejects.toThrow(/not on this class's list/);
    await expect(joinRoom(ts.url, code, { label: '__proto__' })).rejects.toThrow(/not on this class's list/);
    await expect(joinRoom(ts.url, code, { playerName: 'Guest' })).rejects.toThrow(/admits only its students/);

    // Its own device (the seat token it got) comes back to the seat after leaving.
    await sam.room.leave();
    await waitFor(() => teacher.room.state.players.get(sw.playerId)?.control === 'frozen', 5000, 'seat released');
    await expect(joinRoom(ts.url, code, { label: 'S01' })).rejects.toThrow(/already taken/);
    const back = await joinRoom(ts.url, code, { label: 'S01', seatToken: sw.seatToken });
    expect((await welcomeOf(back)).playerId).toBe(sw.playerId);

    const elodie = await joinRoom(ts.url, code, { label: 'élodie', playerName: 'Élodie Martin' });
    const ew = await welcomeOf(elodie);
    expect(ew.playerId).not.toBe(sw.playerId);
    expect((await list(code)).body).toMatchObject({ labels: ['S02'], taken: 2 });

    // Two devices tap the last free name at the same moment: exactly one gets it.
    const taps = await Promise.allSettled([joinRoom(ts.url, code, { label: 'S02' }), joinRoom(ts.url, code, { label: 'S02' })]);
    expect(taps.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    expect(String((taps.find((t) => t.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/already taken/);
    expect((await list(code)).body).toMatchObject({ labels: [], taken: 3 });
    const winner = (taps.find((t) => t.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof joinRoom>>>).value;
    await Promise.all([back.room.leave(), elodie.room.leave(), winner.room.leave(), teacher.room.leave()]);
  });

  it('is the teacher\'s choice: other sessions keep their labels private (not listed), the mode needs labels, unknown sessions are 404', async () => {
    const links = await createRoom(ts.url, { classroom: { labels: ['A1', 'A2'] } });
    // Answered without an error status: the join page asks every class it opens.
    expect(await list(links.room.roomId)).toEqual({ status: 200, body: { id: links.room.roomId, labelList: false, ended: false } });
    await expect(joinRoom(ts.url, links.room.roomId, { label: 'A1' })).rejects.toThrow(/label alone is not enough/);
    await expect(createRoom(ts.url, { classroom: { labelList: true } })).rejects.toThrow(/needs a list of labels/);
    expect((await list('NOPE99')).status).toBe(404);
    const plain = await createRoom(ts.url, {});
    expect((await list(plain.room.roomId)).status).toBe(404);
    await Promise.all([links.room.leave(), plain.room.leave()]);
  });
});
