import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import { stateHash } from '../../../shared/rules/engine.js';
import { REPLAY_FORMAT, type ReplayFile } from '../../../shared/rules/replay.js';
import type { ReplayData } from '../../../server/replay/html.js';

describe('npm run replay -- FILE --html', () => {
  it('writes one standalone HTML file holding the viewer and every day of the match, with nothing fetched from elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-html-'));
    const scenario = { ...getScenario('halving-sprint')!, days: 30 };
    const { state, log } = runMatch({ scenario, seed: 'h', bots: [{ id: 'p1', name: 'Miner', strategy: 'hodl-miner' }, { id: 'p2', name: 'Rando </script>', strategy: 'random' }] });
    const file: ReplayFile = { format: REPLAY_FORMAT, scenario, seed: 'h', finalDay: state.day, entries: log, stateHash: stateHash(state) };
    writeFileSync(join(dir, 'm.json'), JSON.stringify(file));
    const run = spawnSync('npx', ['tsx', 'server/cli/replay.ts', join(dir, 'm.json'), '--html'], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`stateHash ${file.stateHash}`);
    const html = readFileSync(join(dir, 'm.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // Standalone: no external scripts, styles or fetches.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|fetch\(|https?:\/\/(?!www\.w3)/);
    const json = /<script id="replay-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
    const data = JSON.parse(json) as ReplayData;
    expect(data.days).toHaveLength(31);
    expect(data.stateHash).toBe(file.stateHash);
    expect(data.players.map((p) => p.name)).toEqual(['Miner', 'Rando </script>']);
    expect(Object.values(data.actions).flat().length).toBe(log.filter((e) => e.kind === 'action').length);
  });
});
