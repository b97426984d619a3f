import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CLIS: [string, string][] = [
  ['server/cli/sim.ts', 'Usage: sim'],
  ['server/cli/league.ts', 'Usage: league'],
  ['server/cli/league-worker.ts', 'Usage: league:worker'],
  ['server/cli/bot.ts', 'Usage: bot'],
  ['server/cli/guess.ts', 'Usage: guess'],
  ['server/cli/replay.ts', 'Usage: replay'],
  ['server/cli/bench-server.ts', 'Usage: bench:server'],
  ['server/start.ts', 'Usage: start'],
  ['bench/all.ts', 'Usage: bench'],
  ['bench/client.ts', 'Usage: bench:client'],
  ['bench/processBots.ts', 'Usage: bench:bots'],
  ['bench/stylizedFacts.ts', 'Usage: facts'],
];

describe('every CLI', () => {
  it.each(CLIS)('%s answers --help with its usage and exit code 0, and an unknown option with one line and exit code 2', (file, usage) => {
    const help = spawnSync('npx', ['tsx', file, '--help'], { encoding: 'utf8', timeout: 240_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain(usage);
    expect(help.stdout).toContain('-h, --help');
    const bad = spawnSync('npx', ['tsx', file, '--no-such-option'], { encoding: 'utf8', timeout: 240_000 });
    expect(bad.status).toBe(2);
    // CLIs with required options report the first missing one before the stray option.
    expect(bad.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'))).toEqual([
      expect.stringMatching(/^[a-z:]+: (unknown option '--no-such-option'|required option '--[a-z-]+ <[a-z]+>' not specified) \(see --help\)$/),
    ]);
  });
});
