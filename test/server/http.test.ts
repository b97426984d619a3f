import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type TestServer } from './helpers.js';
import { SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ monitorPassword: 's3cret' });
});
afterAll(async () => {
  await ts?.stop();
});

describe('HTTP API', () => {
  it('answers health, scenarios and an empty match list', async () => {
    expect((await (await fetch(`${ts.http}/healthz`)).json()).ok).toBe(true);
    const scenarios = await (await fetch(`${ts.http}/api/scenarios`)).json();
    expect(scenarios.map((s: { id: string }) => s.id)).toEqual([...SCENARIO_IDS]);
    expect(await (await fetch(`${ts.http}/api/matches`)).json()).toEqual([]);
    expect((await fetch(`${ts.http}/api/matches/ABCDEF`)).status).toBe(404);
    expect((await fetch(`${ts.http}/api/matches/ABCDEF/replay.json`)).status).toBe(404);
  });

  it('serves a status page when no client is built', async () => {
    const res = await fetch(`${ts.http}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('server is running');
  });

  it('puts the Colyseus monitor behind basic auth', async () => {
    expect((await fetch(`${ts.http}/colyseus/`)).status).toBe(401);
    const wrong = Buffer.from('admin:nope').toString('base64');
    expect((await fetch(`${ts.http}/colyseus/`, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
    const right = Buffer.from('admin:s3cret').toString('base64');
    expect((await fetch(`${ts.http}/colyseus/api`, { headers: { authorization: `Basic ${right}` } })).status).toBe(200);
  });
});
