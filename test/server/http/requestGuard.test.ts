/**
 * Unbounded inputs (issue 11, item 6): body size on every route incl. Colyseus' /matchmake, and
 * room creation per client address and in total.
 */
import http from 'node:http';
import { Client } from 'colyseus.js';
import { afterEach, describe, expect, it } from 'vitest';
import { bootServer, SCENARIO, waitFor, type TestServer } from '../helpers.js';

/** POSTs `totalBytes` in 1 MB chunks (honouring backpressure) until the server answers. */
function streamBody(port: number, path: string, totalBytes: number, opts: { localAddress?: string; declareLength?: boolean } = {}) {
  return new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: '127.0.0.1', port, path, method: 'POST', localAddress: opts.localAddress,
      headers: { 'content-type': 'application/json', ...(opts.declareLength ? { 'content-length': String(totalBytes) } : {}) },
    });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (c) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBytes: sent }));
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** A raw matchmake create (so a test can pick its source address). */
function createFrom(port: number, localAddress: string) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const payload = JSON.stringify({ scenario: SCENARIO, seed: 'guard' });
    const req = http.request({ host: '127.0.0.1', port, path: '/matchmake/create/market', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Rooms here are only counted: swallow their messages (colyseus.js warns about unhandled types). */
async function quiet<T extends { onMessage(type: '*', cb: () => void): unknown }>(room: Promise<T>): Promise<T> {
  const r = await room;
  r.onMessage('*', () => {});
  return r;
}

describe('request guard', () => {
  let ts: TestServer | undefined;
  afterEach(async () => {
    await ts?.stop();
    ts = undefined;
  });

  it('answers a 200 MB chunked POST to /matchmake with 413 after reading about the cap, and RSS stays flat', async () => {
    ts = await bootServer({ maxHttpBodyBytes: 64 * 1024 });
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const r = await streamBody(ts.server.port, '/matchmake/create/market', 200 * 1024 * 1024);
    clearInterval(sampler);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ errorCode: 'TOO_LARGE', error: expect.stringMatching(/65536 bytes/) });
    // Before: Colyseus buffered all of it (a 400 MB body moved RSS from 170 to 1,375 MB).
    expect(r.sentBytes).toBeLessThan(64 * 1024 * 1024);
    expect(peak - rss0).toBeLessThan(100 * 1024 * 1024);
    // A declared length above the cap is refused before any byte is read, on the API routes too.
    const declared = await streamBody(ts.server.port, '/api/sessions/ABCDEF/open', 10 * 1024 * 1024, { declareLength: true });
    expect(declared.status).toBe(413);
    console.log(`body cap: ${JSON.stringify({ sentMb: Math.round(r.sentBytes / 2 ** 20), rssGrowthMb: Math.round((peak - rss0) / 2 ** 20) })}`);
    expect((await fetch(`${ts.http}/healthz`)).status).toBe(200);
  });

  it('caps live rooms per client address, counting a burst of parallel creates, with a clear error', async () => {
    ts = await bootServer({ maxRoomsPerClient: 3, maxRooms: 50 });
    const url = ts.url;
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => quiet(new Client(url).create('market', { scenario: SCENARIO, seed: `burst-${i}` }))));
    const made = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(made).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason.code).toBe(429);
      expect(r.reason.message).toMatch(/At most 3 open rooms per client/);
    }
    // Another address is not affected.
    const other = await createFrom(ts.server.port, '127.0.0.2');
    expect(other.status).toBe(200);
    expect(other.body.room.roomId).toMatch(/^[A-Z]{6}$/);
    // Closing a room frees its slot.
    const first = (made[0] as PromiseFulfilledResult<Awaited<ReturnType<Client['create']>>>).value;
    const closedId = first.roomId;
    await first.leave();
    await waitFor(() => !ts!.server.context.live.has(closedId), 10_000, 'room disposed');
    const again = await quiet(new Client(url).create('market', { scenario: SCENARIO, seed: 'again' }));
    expect(again.roomId).toMatch(/^[A-Z]{6}$/);
    await Promise.all([again, ...made.map((m) => (m as PromiseFulfilledResult<Awaited<ReturnType<Client['create']>>>).value).slice(1)].map((r) => r.leave()));
  });

  it('answers PUT and HEAD under /matchmake with 405 instead of leaving the socket open', async () => {
    ts = await bootServer();
    for (const method of ['PUT', 'HEAD', 'DELETE']) {
      // Before: Colyseus answered only GET/POST/OPTIONS, so these hung until the client gave up.
      const r = await fetch(`${ts.http}/matchmake/create/market`, { method, signal: AbortSignal.timeout(10_000) });
      expect(r.status).toBe(405);
    }
  });

  it('caps live rooms in total (503)', async () => {
    ts = await bootServer({ maxRoomsPerClient: 10, maxRooms: 2 });
    const a = await quiet(new Client(ts.url).create('market', { scenario: SCENARIO }));
    const b = await createFrom(ts.server.port, '127.0.0.3');
    expect(b.status).toBe(200);
    const c = await createFrom(ts.server.port, '127.0.0.4');
    expect(c.status).toBe(503);
    expect(c.body).toMatchObject({ errorCode: 'SERVER_FULL', error: expect.stringMatching(/maximum of 2 rooms/) });
    await a.leave();
  });
});
