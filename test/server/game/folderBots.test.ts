import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayFile } from '../../../shared/rules/replay.js';
import { bootServer, createRoom, SCENARIO, waitFor, waitMessage, welcomeOf, WAIT_CEILING_MS, type TestServer } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const botsDir = mkdtempSync(join(tmpdir(), 'bots-dir-'));
let srv: TestServer;

beforeAll(async () => {
  copyFileSync(join(ROOT, 'kits', 'python', 'bot.py'), join(botsDir, 'pykit.py'));
  writeFileSync(join(botsDir, 'README.md'), 'not a bot\n');
  srv = await bootServer({ botsDir });
});
afterAll(async () => srv.stop());

describe('seats for bots from the server\'s bot folder (BOTS_DIR)', () => {
  it('lists the folder\'s programs next to the registry', async () => {
    const bots = (await (await fetch(`${srv.http}/api/bots`)).json()) as { name: string; kind: string }[];
    expect(bots).toContainEqual(expect.objectContaining({ name: 'pykit', kind: 'folder' }));
    expect(bots).toContainEqual(expect.objectContaining({ name: 'hodl-miner', kind: 'registry' }));
    expect(bots.some((b) => b.name === 'README')).toBe(false);
  });

  it('seats a folder bot by name: it plays in its own process and its actions are in the match log', async () => {
    const host = await createRoom(srv.url, { scenario: SCENARIO, daysPerSecond: 20, bots: [{ strategy: 'pykit', count: 1 }], playerName: 'Host' });
    const { hostToken } = await welcomeOf(host);
    host.room.send('start', { ref: 'go' });
    await waitMessage(host, 'ack', (p) => p.ref === 'go');
    const code = host.room.roomId;
    // Polls the match log until the folder bot has acted (the room runs 20 days a second).
    const replay = await waitFor(async () => {
      const r = (await (await fetch(`${srv.http}/api/matches/${code}/replay.json?token=${hostToken}`)).json()) as ReplayFile;
      const botId = r.entries.find((e) => e.kind === 'join' && e.strategy === 'pykit')?.playerId;
      return botId && r.entries.some((e) => e.kind === 'action' && e.playerId === botId) ? r : null;
    }, WAIT_CEILING_MS, 'the folder bot to act');
    const botJoin = replay.entries.find((e) => e.kind === 'join' && e.strategy === 'pykit')!;
    expect(replay.entries.filter((e) => e.kind === 'action' && e.playerId === botJoin.playerId).map((e) => (e as { action: { type: string } }).action.type)).toContain('buySite');
    await host.room.leave();
  });

  it('refuses a bot name that is neither in the registry nor in the folder (paths never reach the folder lookup)', async () => {
    await expect(createRoom(srv.url, { scenario: SCENARIO, bots: [{ strategy: '../pykit', count: 1 }], playerName: 'Host' })).rejects.toThrow(/Unknown bot strategy/);
  });
});
