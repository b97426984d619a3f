#!/usr/bin/env node
// `npm test`: lint, type check, then the four test tiers (unit, balance, integration, browser), none
// skipped: one command for developers, newcomers and CI. `node scripts/test.mjs <tier>` runs one
// tier (what `npm run test:balance` / `test:integration` / `test:browser` call). Before a tier that needs them it
// finds (or, as root on Debian, installs) a Chromium for the browser tier, and `redis-server` and
// `python3` for the integration tier (scale-out, league queue, the Python starter kit).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function playwrightCacheChromium() {
  const root = join(process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright'));
  if (!existsSync(root)) return null;
  for (const dir of readdirSync(root).filter((d) => d.startsWith('chromium')).sort().reverse()) {
    for (const bin of ['chrome-linux/chrome', 'chrome-linux64/chrome']) {
      const p = join(root, dir, bin);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', playwrightCacheChromium()];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

function hasRedisServer() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function hasPython3() {
  return spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
}

const TIERS = {
  unit: { needs: [] },
  balance: { needs: [] },
  integration: { needs: ['redis-server', 'python3'] },
  browser: { needs: ['chromium'] },
};
const HAVE = { chromium: () => findChromium() !== null, 'redis-server': hasRedisServer, python3: hasPython3 };
const ADVICE = {
  chromium: 'no Chromium found: install one (sudo apt-get install -y chromium) or set CHROMIUM_PATH=/path/to/chromium',
  'redis-server': 'no redis-server found: install it (sudo apt-get install -y redis-server); the scale-out and league-queue tests need it',
  python3: 'no python3 found: install it (sudo apt-get install -y python3); the Python starter kit plays in a real league in the tests',
};

const args = process.argv.slice(2);
const only = args[0] !== undefined && Object.hasOwn(TIERS, args[0]) ? args.shift() : null;
const tiers = only ? [only] : Object.keys(TIERS);

const needs = [...new Set(tiers.flatMap((t) => TIERS[t].needs))];
let missing = needs.filter((n) => !HAVE[n]());
if (missing.length && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`npm test: installing Debian's ${missing.join(', ')} (root)…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} >/dev/null`, { stdio: 'inherit' });
  missing = needs.filter((n) => !HAVE[n]());
}
if (missing.length) {
  for (const n of missing) console.error(`npm test: ${ADVICE[n]}`);
  process.exit(1);
}
if (needs.includes('chromium')) process.env.CHROMIUM_PATH = findChromium();

const steps = [
  ...(only ? [] : [['lint', ['npx', 'eslint', '.']], ['typecheck', ['npx', 'tsc', '--noEmit', '-p', '.']]]),
  // Extra arguments without a tier (`npm test -- test/server/room.test.ts`) filter one vitest run.
  ...(only || !args.length ? tiers.map((t) => [`${t} tests`, ['npx', 'vitest', 'run', '--project', t, ...args]]) : [['tests', ['npx', 'vitest', 'run', ...args]]]),
];
const timings = [];
for (const [name, [cmd, ...rest]] of steps) {
  console.log(`\n── ${name}: ${cmd} ${rest.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, rest, { stdio: 'inherit', env: process.env });
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (r.status !== 0) {
    console.error(`npm test: ${name} failed (${timings.join(', ')})`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\nnpm test: all passed (${timings.join(', ')})`);
