/**
 * `npm run bench:client`: frame-time probe of the game screen in headless Chromium with 8 and with
 * 20 companies on the map (synthetic view, no server: `?bench=N`). Prints median and p95 of the
 * frame interval and of Phaser's step+render work per frame.
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), BC_SKIP_BUILD=1 to reuse client/dist, BENCH_SECONDS.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { cli, parseCli } from '../server/cli/args.js';

parseCli(cli('bench:client', 'Frame times of the game screen in headless Chromium with 8 and 20 companies (no server).').addHelpText('after', `
Env: CHROMIUM_PATH (default /usr/bin/chromium), BC_SKIP_BUILD=1 to reuse client/dist, BENCH_SECONDS (default 6).`));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'client', 'dist');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const RUNS: [number, string][] = [[8, 'webgl'], [20, 'webgl'], [8, 'canvas'], [20, 'canvas']];
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

interface BenchResult {
  done: boolean;
  renderer?: string;
  players: number;
  frames: number;
  sites: number;
  frameMedianMs: number;
  frameP95Ms: number;
  workMedianMs: number;
  workP95Ms: number;
}

async function main(): Promise<void> {
  if (process.env.BC_SKIP_BUILD !== '1' || !existsSync(join(DIST, 'index.html'))) {
    await build({ configFile: join(ROOT, 'client', 'vite.config.ts'), logLevel: 'error' });
  }
  const server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
    let file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const results: BenchResult[] = [];
  try {
    for (const [players, renderer] of RUNS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(`http://127.0.0.1:${port}/?bench=${players}&seconds=${SECONDS}&renderer=${renderer}`);
      await page.waitForFunction(() => (window as unknown as { __bc: { bench: { done?: boolean } | null } }).__bc?.bench?.done === true, undefined, { timeout: (SECONDS + 60) * 1000 });
      const r = (await page.evaluate(() => (window as unknown as { __bc: { bench: unknown } }).__bc.bench)) as BenchResult;
      if (errors.length) throw new Error(`console errors with ${players} players: ${errors.join('; ')}`);
      results.push({ ...r, renderer });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(`\nclient frame time, headless Chromium (--disable-gpu), 1280×720, ${SECONDS} s per run`);
  console.log('renderer  players  sites  frames  interval median  interval p95  work median  work p95   (ms)');
  for (const r of results) {
    console.log(`${(r.renderer ?? '').padEnd(8)}  ${String(r.players).padStart(7)}  ${String(r.sites).padStart(5)}  ${String(r.frames).padStart(6)}  ${f(r.frameMedianMs)}         ${f(r.frameP95Ms)}      ${f(r.workMedianMs)}    ${f(r.workP95Ms)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
