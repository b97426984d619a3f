/**
 * Hostile connections (issue 11): create and join options of every wrong shape (huge strings,
 * prototype keys, wrong types, unicode controls), then many sockets against one room (spectator
 * floods, seat grabs, sockets dropped mid-join, reservations never used). At the real limits
 * (nothing raised): every attempt is answered (a room or a refusal with a message), nothing is
 * polluted or locked, the creator stays host, and the room's own players always get back in.
 * Prints tried/held figures like fuzz.test.ts.
 */
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO, bootServer, createRoom, joinRoom, record, waitFor, waitMessage, welcomeOf, type Recorded, type TestServer } from './helpers.js';

const HUGE = 'x'.repeat(100_000);
const CONTROLS = '\u0000\u0007\u001b[31m\u202Eevil\u202C\u2066\uFEFF\n\r\t';
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const WRONG: unknown[] = [null, true, 0, -1, 1e308, NaN, '', HUGE, [], [1, 2], {}, { a: 1 }, '__proto__', CONTROLS, '١٢٣'];

/** Raw JSON text, so `__proto__` arrives as an own key the way an attacker's client would send it. */
function bodies(base: Record<string, unknown>, fields: string[]): string[] {
  const out: string[] = [];
  for (const f of fields) for (const v of WRONG) out.push(JSON.stringify({ ...base, [f]: v }));
  for (const k of PROTO_KEYS) {
    out.push(JSON.stringify(base).replace(/^\{/, `{"${k}":{"isHost":true,"polluted":1},`));
    for (const f of fields) out.push(JSON.stringify({ ...base, [f]: k }));
  }
  out.push(`{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(base).slice(1)}`);
  return out;
}

async function matchmake(http: string, path: string, body: string): Promise<any> {
  const res = await fetch(`${http}/matchmake/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return res.json();
}

/** Opens the reserved seat; resolves to the room or to the refusal's message. */
async function consume(url: string, reservation: any): Promise<{ room?: Recorded; refused?: string }> {
  if (reservation?.error) return { refused: String(reservation.error) };
  try {
    return { room: record(await new Client(url).consumeSeatReservation(reservation), false) };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

describe('hostile create and join options, many sockets', () => {
  it('answers every hostile create/join option set, never pollutes prototypes, and keeps names clean', async () => {
    let tried = 0;
    let held = 0;
    const failures: string[] = [];
    const check = (ok: boolean, what: string) => {
      tried++;
      if (ok) held++;
      else if (failures.length < 10) failures.push(what);
    };

    for (const body of bodies({ scenario: SCENARIO }, ['scenario', 'seed', 'name', 'maxPlayers', 'daysPerSecond', 'bots', 'private', 'leaverPolicy', 'classroom', 'playerName', 'spectate'])) {
      const r = await consume(ts.url, await matchmake(ts.http, 'create/market', body));
      if (r.room) {
        const w = await welcomeOf(r.room);
        check(w.isHost === true, `creator not host for ${body.slice(0, 80)}`);
        const name = String(r.room.room.state.room?.name ?? '');
        check(!/[\u0000-\u001f\u202A-\u202E\u2066-\u2069\uFEFF]/.test(name), `control characters kept in room name ${JSON.stringify(name)}`);
        await r.room.room.leave();
      } else {
        check(typeof r.refused === 'string' && r.refused.length > 0, `silent refusal for ${body.slice(0, 80)}`);
      }
    }

    const host = await createRoom(ts.url, { maxPlayers: 50 });
    const hw = await welcomeOf(host);
    const code = host.room.roomId;
    const joined: Recorded[] = [];
    for (const body of bodies({}, ['playerName', 'spectate', 'seatToken', 'hostToken', 'label', 'studentKey', 'creatorKey'])) {
      const r = await consume(ts.url, await matchmake(ts.http, `joinById/${code}`, body));
      if (r.room) {
        const w = await welcomeOf(r.room);
        check(w.isHost === false && w.hostToken === '', `join became host with ${body.slice(0, 80)}`);
        const me = w.playerId ? await waitFor(() => host.room.state.players.get(w.playerId), 5000, 'seat synced') : null;
        check(!me || !/[\u0000-\u001f\u202A-\u202E\u2066-\u2069\uFEFF]/.test(String(me.name)), `control characters kept in ${JSON.stringify(me?.name)}`);
        joined.push(r.room);
      } else {
        check(typeof r.refused === 'string' && r.refused.length > 0, `silent refusal for ${body.slice(0, 80)}`);
      }
    }
    check(({} as Record<string, unknown>).polluted === undefined && ({} as Record<string, unknown>).isHost === undefined, 'Object.prototype polluted');
    check((await fetch(`${ts.http}/healthz`)).ok, 'healthz down');
    host.room.send('start', { ref: 'still-host' });
    await waitMessage(host, 'ack', (p) => p.ref === 'still-host');
    check(host.room.state.players.get(hw.playerId)?.isHost === true, 'host lost its rights');
    console.log(`[fuzzSockets] hostile options: ${tried} checks tried, ${held} held`);
    expect(failures).toEqual([]);
    expect(held).toBe(tried);
    await Promise.all([host.room.leave(), ...joined.map((j) => j.room.leave())]);
  });

  it('many sockets against one room: floods are refused with messages, the room never locks, its players get back in', async () => {
    const host = await createRoom(ts.url, { maxPlayers: 8 });
    const hw = await welcomeOf(host);
    const code = host.room.roomId;
    const guest = await joinRoom(ts.url, code, { playerName: 'Owner' });
    const gw = await welcomeOf(guest);
    let tried = 0;
    let admitted = 0;
    const refusals = new Map<string, number>();
    const refuse = (msg: string) => refusals.set(msg.replace(/\d+/g, 'N'), (refusals.get(msg.replace(/\d+/g, 'N')) ?? 0) + 1);
    const open: Recorded[] = [];

    // 60 reservations nobody ever opens (they expire on their own; they must not lock anything).
    for (let i = 0; i < 60; i++) {
      tried++;
      const r = await matchmake(ts.http, `joinById/${code}`, JSON.stringify({ spectate: true }));
      if (r.error) refuse(String(r.error));
    }
    // 40 sockets that close as soon as they are open, players and spectators.
    await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      tried++;
      try {
        const room = await new Client(ts.url).joinById(code, i % 2 ? { spectate: true } : { playerName: `Drop ${i}` });
        admitted++;
        await room.leave(i % 4 < 2);
      } catch (err) {
        refuse((err as Error).message);
      }
    }));
    // 140 spectators and 20 seat grabs at once.
    await Promise.all(Array.from({ length: 160 }, async (_, i) => {
      tried++;
      try {
        open.push(record(await new Client(ts.url).joinById(code, i < 140 ? { spectate: true } : { playerName: `Grab ${i}` }), false));
        admitted++;
      } catch (err) {
        refuse((err as Error).message);
      }
    }));
    const listing = ((await (await fetch(`${ts.http}/api/rooms`)).json()) as { roomId: string; locked: boolean }[]).find((r) => r.roomId === code);
    expect(listing?.locked).toBe(false);
    expect([...refusals.keys()].every((m) => m.length > 10)).toBe(true);

    // The room's own people: the guest drops and returns by seat token, the host by host token.
    await guest.room.leave(false);
    const back = await joinRoom(ts.url, code, { seatToken: gw.seatToken });
    expect((await welcomeOf(back)).playerId).toBe(gw.playerId);
    const hostScreen = await joinRoom(ts.url, code, { spectate: true, hostToken: hw.hostToken });
    expect((await welcomeOf(hostScreen)).isHost).toBe(true);
    expect((await fetch(`${ts.http}/healthz`)).ok).toBe(true);
    console.log(`[fuzzSockets] many sockets: ${tried} tried, ${admitted} admitted, refused ${JSON.stringify(Object.fromEntries(refusals))}; `
      + 'held: room unlocked, seat-token and host-token rejoins admitted');
    await Promise.all([host.room.leave(), back.room.leave(), hostScreen.room.leave(), ...open.map((o) => o.room.leave())]);
  });
});
