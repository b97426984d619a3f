/**
 * `npm run sim -- --scenario ID --seed N [--days D] [--bots a,b,...] [--pinned] [--out report.json]`
 *   (`--pinned`: the published BTC keyframes exactly, without the seed's jitter; for calibration)
 * `npm run sim -- --replay FILE [--out report.json]` (see `--help`)
 * A bot is a registry name, a path to a Strategy module or a path to a protocol program.
 * Runs a match headless and prints key prices and the final table; `--out` writes the JSON report
 * documented in docs/sim-report.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cli, parseCli } from './args.js';
import { botLabel, loadModuleStrategy, resolveBot } from '../bots/resolve.js';
import { limitsFor, processStrategy, type ProcessStrategy } from '../bots/process/processBot.js';
import type { Strategy } from '../../shared/bots/types.js';
import { getScenario, pinnedHistory, SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';
import { STRATEGY_NAMES, getStrategy } from '../../shared/bots/index.js';
import { botSeed, runMatch } from '../../shared/bots/runMatch.js';
import { runReplay, REPLAY_FORMAT, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { daySummary, type DaySummary } from '../../shared/rules/summary.js';
import type { GameState } from '../../shared/rules/types.js';

function die(message: string): never {
  console.error(`sim: ${message}`);
  process.exit(2);
}

export interface SimReport {
  scenario: string;
  seed: string;
  stateHash: string;
  finalDay: number;
  days: DaySummary[];
  players: { id: string; name: string; strategy: string; navUsd: number; marketCapUsd: number; bankrupt: boolean }[];
}

interface SimArgs { scenario?: string; seed?: string; days?: string; bots?: string; out?: string; replay?: string; quiet?: boolean; pinned?: boolean; budgetMs: string }

function parse(): SimArgs {
  const program = cli('sim', 'Run one match headless (or re-run a replay file) and print key prices and the final table.')
    .option('--scenario <id>', `scenario (${SCENARIO_IDS.join(', ')})`)
    .option('--seed <s>', 'match seed', '1')
    .option('--days <d>', 'play only the first D days')
    .option('--bots <list>', `comma-separated bots: registry names (${STRATEGY_NAMES.join(', ')}), Strategy module paths or protocol program paths`, 'idle')
    .option('--budget-ms <ms>', 'CPU time per decision for process bots', '50')
    .option('--replay <file>', 'replay a recorded match instead (checks its stateHash)')
    .option('--out <file>', 'write the JSON report (docs/sim-report.md)')
    .option('--pinned', 'the published BTC keyframes exactly, without the seed\'s jitter (calibration)')
    .option('--quiet', 'print no tables');
  return parseCli(program).opts<SimArgs>();
}

function loadReplay(path: string): ReplayFile {
  let file: ReplayFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ReplayFile;
  } catch (e) {
    die(`cannot read replay ${path}: ${(e as Error).message}`);
  }
  if ((file.format as string) !== REPLAY_FORMAT) die(`${path} is not a ${REPLAY_FORMAT} file`);
  return file;
}

/** A match played here: its replay file, and the summary of each day as it was played. */
interface Played { file: ReplayFile; state: GameState; days: DaySummary[] }

async function matchFromArgs(args: SimArgs): Promise<Played> {
  if (!args.scenario) die(`--scenario is required (one of: ${SCENARIO_IDS.join(', ')})`);
  const base = getScenario(args.scenario);
  if (!base) die(`unknown scenario "${args.scenario}" (one of: ${SCENARIO_IDS.join(', ')})`);
  const seed = args.seed ?? '1';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(seed)) die(`bad seed "${seed}": use 1–64 letters, digits, _ or -`);
  let days = base.days;
  if (args.days !== undefined) {
    days = Number(args.days);
    if (!Number.isInteger(days) || days < 1 || days > base.days) die(`--days must be a whole number from 1 to ${base.days}`);
  }
  const names = (args.bots ?? 'idle').split(',').map((s) => s.trim()).filter(Boolean);
  const budgetMs = Number(args.budgetMs);
  if (!Number.isInteger(budgetMs) || budgetMs < 1) die('--budget-ms must be a whole number ≥ 1');
  const scenario = args.pinned ? pinnedHistory({ ...base, days }) : { ...base, days };
  const processes: ProcessStrategy[] = [];
  const strategies: Strategy[] = [];
  for (const [i, spec] of names.entries()) {
    let src;
    try {
      src = resolveBot(spec);
    } catch (e) {
      die((e as Error).message);
    }
    if (src.kind === 'registry') strategies.push(getStrategy(src.name)!);
    else if (src.kind === 'module') strategies.push(await loadModuleStrategy(src.file, botLabel(spec)));
    else {
      const p = processStrategy({ spawn: src.spawn, label: spec, seed: botSeed(seed, `p${i + 1}`), limits: limitsFor(budgetMs) });
      processes.push(p);
      strategies.push(p);
    }
  }
  const bots = names.map((spec, i) => ({ id: `p${i + 1}`, name: `${botLabel(spec)} #${i + 1}`, strategy: strategies[i]! }));
  try {
    // Each day is summed up as it is played: replaying the match for its days doubled the run.
    const summaries: DaySummary[] = [];
    const { state, log, strikes } = runMatch({ scenario, seed, bots, onDay: (s) => summaries.push(daySummary(s)) });
    for (const k of strikes.slice(0, 20)) console.error(`sim: strike for ${k.botId} on day ${k.day} (${k.reason}): ${k.message}`);
    const file: ReplayFile = { format: REPLAY_FORMAT, scenario, seed, finalDay: state.day, entries: log, stateHash: stateHash(state) };
    return { file, state, days: [dayZero(file), ...summaries] };
  } finally {
    for (const p of processes) p.close(days, 'match over');
  }
}

/** Day 0 as the players found it: seated, before the first step. */
function dayZero(file: ReplayFile): DaySummary {
  return daySummary(runReplay({ ...file, finalDay: 0, entries: file.entries.filter((e) => e.day === 0) }));
}

function replayed(file: ReplayFile): Played {
  const days: DaySummary[] = [dayZero(file)];
  const state = runReplay(file, { onDay: (s) => days.push(daySummary(s)) });
  return { file, state, days };
}

function buildReport({ file, state, days }: Played): SimReport {
  return {
    scenario: file.scenario.id,
    seed: file.seed,
    stateHash: stateHash(state),
    finalDay: state.day,
    days,
    players: state.playerOrder.map((id) => {
      const p = state.players[id]!;
      return { id, name: p.name, strategy: p.strategy, navUsd: p.navUsd, marketCapUsd: p.marketCapUsd, bankrupt: p.bankrupt };
    }),
  };
}

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
const fix = (n: number, d = 1) => n.toFixed(d);

function printSummary(report: SimReport): void {
  const rows: [string, DaySummary | undefined][] = [['start', report.days[0]]];
  const halvingIdx = report.days.findIndex((d, i) => i > 0 && d.subsidyBtc < (report.days[i - 1]?.subsidyBtc ?? d.subsidyBtc));
  if (halvingIdx > 0) {
    rows.push(['halving −7d', report.days[Math.max(0, halvingIdx - 7)]]);
    rows.push(['halving', report.days[halvingIdx]]);
    rows.push(['halving +14d', report.days[Math.min(report.days.length - 1, halvingIdx + 14)]]);
  }
  rows.push(['end', report.days[report.days.length - 1]]);
  console.log(`\n${report.scenario}, seed ${report.seed}: ${report.finalDay} days, stateHash ${report.stateHash}\n`);
  console.table(
    rows.filter(([, d]) => d).map(([label, d]) => ({
      when: label,
      date: d!.date,
      'BTC $': Math.round(d!.btcUsd),
      'EH/s': fix(d!.hashrateEhs),
      'subsidy': d!.subsidyBtc,
      'hashprice $/PH/d': fix(d!.hashpriceUsdPerPhDay),
      'ASIC $/TH': fix(d!.asicUsdPerTh),
      'H100 $/h': fix(d!.gpuRentUsdPerHour, 2),
      'power $/MWh': fix(d!.powerUsdPerMwh),
    })),
  );
  const table = [...report.players].sort((a, b) => b.marketCapUsd - a.marketCapUsd);
  console.table(table.map((p) => ({ player: p.name, NAV: usd(p.navUsd), 'market cap': usd(p.marketCapUsd), bankrupt: p.bankrupt ? 'yes' : '' })));
}

const args = parse();
const played = args.replay ? replayed(loadReplay(args.replay)) : await matchFromArgs(args);
const { file } = played;
const report = buildReport(played);
if (!args.quiet) printSummary(report);
if (file.stateHash && file.stateHash !== report.stateHash) {
  console.error(`sim: replay hash ${report.stateHash} differs from the recorded ${file.stateHash}`);
  process.exitCode = 1;
} else if (args.replay && file.stateHash) {
  console.log(`replay reproduces the recorded stateHash ${file.stateHash}`);
}
if (args.out) {
  writeFileSync(args.out, JSON.stringify(report, null, 1));
  console.log(`report written to ${args.out}`);
}
