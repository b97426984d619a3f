/**
 * `npm run sim -- --scenario ID --seed N [--days D] [--bots a,b,...] [--pinned] [--out report.json]`
 *   (`--pinned`: the published BTC keyframes exactly, without the seed's jitter; for calibration)
 * `npm run sim -- --replay FILE [--out report.json]`
 * Runs a match headless and prints key prices and the final table; `--out` writes the JSON report
 * documented in docs/sim-report.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getScenario, pinnedHistory, SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';
import { STRATEGIES, getStrategy } from '../../shared/bots/index.js';
import { runMatch } from '../../shared/bots/runMatch.js';
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

function parse() {
  try {
    return parseArgs({
      options: {
        scenario: { type: 'string' },
        seed: { type: 'string' },
        days: { type: 'string' },
        bots: { type: 'string' },
        out: { type: 'string' },
        replay: { type: 'string' },
        quiet: { type: 'boolean' },
        pinned: { type: 'boolean' },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    die((e as Error).message);
  }
}

function loadReplay(path: string): ReplayFile {
  let file: ReplayFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ReplayFile;
  } catch (e) {
    die(`cannot read replay ${path}: ${(e as Error).message}`);
  }
  if (file.format !== REPLAY_FORMAT) die(`${path} is not a ${REPLAY_FORMAT} file`);
  return file;
}

function matchFromArgs(args: ReturnType<typeof parse>): ReplayFile {
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
  for (const n of names) if (!getStrategy(n)) die(`unknown bot "${n}" (one of: ${Object.keys(STRATEGIES).join(', ')})`);
  const scenario = args.pinned ? pinnedHistory({ ...base, days }) : { ...base, days };
  const bots = names.map((strategy, i) => ({ id: `p${i + 1}`, name: `${strategy} #${i + 1}`, strategy }));
  const { state, log } = runMatch({ scenario, seed, bots });
  return { format: REPLAY_FORMAT, scenario, seed, finalDay: state.day, entries: log, stateHash: stateHash(state) };
}

function buildReport(file: ReplayFile): { report: SimReport; state: GameState } {
  const days: DaySummary[] = [daySummary(runReplay({ ...file, finalDay: 0, entries: file.entries.filter((e) => e.day === 0) }))];
  const state = runReplay(file, { onDay: (s) => days.push(daySummary(s)) });
  return {
    state,
    report: {
      scenario: file.scenario.id,
      seed: file.seed,
      stateHash: stateHash(state),
      finalDay: state.day,
      days,
      players: state.playerOrder.map((id) => {
        const p = state.players[id]!;
        return { id, name: p.name, strategy: p.strategy, navUsd: p.navUsd, marketCapUsd: p.marketCapUsd, bankrupt: p.bankrupt };
      }),
    },
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
const file = args.replay ? loadReplay(args.replay) : matchFromArgs(args);
const { report } = buildReport(file);
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
