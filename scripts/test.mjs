#!/usr/bin/env node
// `npm test`: finds (or, as root, installs) a Chromium for the browser tests and a `redis-server`
// for the scale-out and league-queue tests, then runs the lint, the type check and every vitest
// suite, none skipped. One command for developers, newcomers and CI.
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

let chromium = findChromium();
let redis = hasRedisServer();
let python = hasPython3();
const missing = [...(chromium ? [] : ['chromium']), ...(redis ? [] : ['redis-server']), ...(python ? [] : ['python3'])];
if (missing.length && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`npm test: installing Debian's ${missing.join(', ')} (root)…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} >/dev/null`, { stdio: 'inherit' });
  chromium = findChromium();
  redis = hasRedisServer();
  python = hasPython3();
}
if (!chromium) {
  console.error('npm test: no Chromium found: install one (sudo apt-get install -y chromium) or set CHROMIUM_PATH=/path/to/chromium');
  process.exit(1);
}
if (!redis) {
  console.error('npm test: no redis-server found: install it (sudo apt-get install -y redis-server); the scale-out and league-queue tests need it');
  process.exit(1);
}
if (!python) {
  console.error('npm test: no python3 found: install it (sudo apt-get install -y python3); the Python starter kit plays in a real league in the tests');
  process.exit(1);
}
process.env.CHROMIUM_PATH = chromium;

const steps = [
  ['lint', ['npx', 'eslint', '.']],
  ['typecheck', ['npx', 'tsc', '--noEmit', '-p', '.']],
  ['tests', ['npx', 'vitest', 'run', ...process.argv.slice(2)]],
];
for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n── ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`npm test: ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
