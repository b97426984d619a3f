/**
 * `npm run bench:bots [-- --days N]`: what a process bot costs per decision against an
 * in-process one. The same 8-seat match (7 reference strategies + the measured seat) is played
 * with the measured seat as: in-process `idle`, a Python and a Node program that parse the view and
 * answer nothing, and the Python and JS starter kits. Each decision of the measured seat is timed
 * on its own: day 0 (which starts the process) apart, then the median and p90 of the rest; the
 * median against in-process `idle` is the protocol's overhead per decision. Figures only.
 */
import { join, resolve } from 'node:path';
import { getScenario } from '../shared/economy/scenarios/index.js';
import { getStrategy, REFERENCE_STRATEGIES } from '../shared/bots/index.js';
import { botSeed, runMatch } from '../shared/bots/runMatch.js';
import type { Strategy } from '../shared/bots/types.js';
import { playerView } from '../shared/rules/view.js';
import { createGame, addPlayer } from '../shared/rules/engine.js';
import { limitsFor, processStrategy, type ProcessStrategy } from '../server/bots/process/processBot.js';
import { resolveBot } from '../server/bots/resolve.js';
import { cli, parseCli } from '../server/cli/args.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = parseCli(cli('bench:bots', 'Per-decision cost of a process bot against an in-process one.').option('--days <n>', 'days per match', '120')).opts<{ days: string }>();
const days = Number(args.days);
const scenario = { ...getScenario('halving-sprint')!, days };

interface Timing { wallMs: number; firstMs: number; medianMs: number; p90Ms: number }

function play(seat: Strategy | string): Timing {
  const inner = typeof seat === 'string' ? getStrategy(seat)! : seat;
  const times: number[] = [];
  const timed: Strategy = {
    ...inner,
    decide(view, ctx) {
      const t0 = performance.now();
      try {
        return inner.decide(view, ctx);
      } finally {
        times.push(performance.now() - t0);
      }
    },
  };
  const bots = [...REFERENCE_STRATEGIES.map((s, i) => ({ id: `p${i + 1}`, name: s, strategy: s })), { id: 'p8', name: 'measured', strategy: timed }];
  const t0 = performance.now();
  runMatch({ scenario, seed: 'bench', bots });
  const rest = times.slice(1).sort((a, b) => a - b);
  return { wallMs: performance.now() - t0, firstMs: times[0] ?? 0, medianMs: rest[Math.floor(rest.length / 2)] ?? 0, p90Ms: rest[Math.floor(rest.length * 0.9)] ?? 0 };
}

const row = (seat: string, t: Timing, base: Timing | null, extra: Record<string, number> = {}) => ({
  seat, 'match s': +(t.wallMs / 1000).toFixed(2), 'day 0 ms': +t.firstMs.toFixed(1), 'median ms': +t.medianMs.toFixed(3), 'p90 ms': +t.p90Ms.toFixed(3),
  'overhead ms (median − idle)': base ? +(t.medianMs - base.medianMs).toFixed(3) : 0, ...extra,
});

function proc(path: string): ProcessStrategy {
  const src = resolveBot(path, { cwd: ROOT });
  if (src.kind !== 'process') throw new Error(`${path} is not a program`);
  return processStrategy({ spawn: src.spawn, label: path, seed: botSeed('bench', 'p8'), limits: limitsFor(1000) });
}

// View size: what crosses the pipe each day.
let g = createGame(scenario, 'bench');
for (const [i, s] of REFERENCE_STRATEGIES.entries()) g = addPlayer(g, { id: `p${i + 1}`, name: s, strategy: s });
const viewBytes = JSON.stringify(playerView(g, 'p1')).length;

play('idle'); // warm-up: JIT and caches
const base = play('idle');
const rows: Record<string, string | number>[] = [row('idle (in-process)', base, null)];
for (const [label, path] of [['echo.py (process)', 'bench/bots/echo.py'], ['echo.mjs (process)', 'bench/bots/echo.mjs'], ['python kit', 'kits/python/bot.py'], ['js kit', 'kits/js/bot.mjs']] as const) {
  const p = proc(path);
  const r = play(p);
  p.close(days, 'bench over');
  rows.push(row(label, r, base, { 'bot CPU ms/decision': +(p.stats.cpuMs / p.stats.decisions).toFixed(2) }));
}
const tpl = play('template');
rows.push(row('template (in-process)', tpl, base));
rows.push(row('narrative-chaser (in-process)', play('narrative-chaser'), base));
console.log(`halving-sprint, ${days} days, 8 seats; a day's view at the start is ${(viewBytes / 1024).toFixed(1)} KB of JSON (${join('bench', 'bots')} holds the echo bots)`);
console.table(rows);
