/**
 * `npm run balance`: the fair-game report. For each exploit strategy, a league of it against the
 * seven reference bots (a ring sits two seats); then the reference bots against `idle`. Prints win
 * share and mean rank by the headline score (founders' stake at market, or --basis nav) and the
 * share of rank variance that bot identity explains.
 *
 *   npm run balance -- --scenario halving-sprint --matches 20 [--basis nav] [--only hype-shell]
 */
import { cli, dieWith, parseCli } from '../server/cli/args.js';
import { getScenario } from '../shared/economy/scenarios/index.js';
import { EXPLOIT_STRATEGIES, REFERENCE_STRATEGIES } from '../shared/bots/index.js';
import { playBalance, type BalanceResult } from '../shared/bots/balance.js';
import { exploitLineup } from '../shared/bots/exploits/index.js';
import type { ScoreBasis } from '../shared/rules/score.js';

const args = parseCli(cli('balance', 'The fair-game report: each exploit strategy against the seven reference bots, then the reference bots against idle.')
  .option('--scenario <id>', 'scenario', 'halving-sprint')
  .option('--matches <n>', 'matches per league', '20')
  .option('--basis <basis>', 'headline score basis: market or nav', 'market')
  .option('--only <list>', 'comma-separated exploit strategies (default: all, then the reference league)')
  .option('--seed <s>', 'league seed', 'balance')).opts<{ scenario: string; matches: string; basis: string; only?: string; seed: string }>();
const die = dieWith('balance');
const scenario = getScenario(args.scenario) ?? die(`unknown scenario "${args.scenario}"`);
if (args.basis !== 'market' && args.basis !== 'nav') die('--basis must be market or nav');
if (!(Number(args.matches) >= 1)) die('--matches must be a number ≥ 1');
const basis = args.basis as ScoreBasis;
const seeds = Array.from({ length: Number(args.matches) }, (_, i) => `${args.seed}-${i + 1}`);

function print(title: string, r: BalanceResult, focus?: string) {
  console.log(`\n${title}  (${r.matches} matches, rank variance explained by bot: ${(r.rankVarianceExplained * 100).toFixed(0)} %)`);
  console.log('| bot | seats | wins | win share | mean rank |\n|---|---|---|---|---|');
  for (const row of r.rows) {
    const mark = row.bot === focus ? ' **' : '';
    console.log(`| ${row.bot}${mark} | ${row.seats} | ${row.wins} | ${(row.winShare * 100).toFixed(0)} % | ${row.meanRank.toFixed(2)} |`);
  }
}

const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)} %`;
const exploits = args.only ? args.only.split(',') : EXPLOIT_STRATEGIES;
const t0 = performance.now();
for (const exploit of exploits) {
  const r = playBalance({ scenario, seeds, lineup: exploitLineup(exploit), basis });
  print(`${scenario.id}: ${exploit} vs the reference seven, by ${basis}`, r, exploit);
}
if (!args.only) {
  const r = playBalance({ scenario, seeds, lineup: [...REFERENCE_STRATEGIES, 'idle'], basis });
  print(`${scenario.id}: the reference seven and idle, by ${basis}`, r);
  console.log('\n| bot | beats random | beats idle |\n|---|---|---|');
  for (const bot of REFERENCE_STRATEGIES.filter((b) => b !== 'random')) {
    console.log(`| ${bot} | ${pct(r.beats[bot]?.random)} | ${pct(r.beats[bot]?.idle)} |`);
  }
}
console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
