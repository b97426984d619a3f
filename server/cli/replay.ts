/**
 * `npm run replay -- FILE [--html [OUT]]`: re-runs a replay file (a league's replays/<seed>.json or
 * one written by the simulator), checks it reproduces its recorded stateHash, prints the final
 * table, and with --html writes a standalone HTML replay (viewer and data in one file, opens from
 * disk without a server) to OUT, default FILE with .html.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { REPLAY_FORMAT, type ReplayFile } from '../../shared/rules/replay.js';
import { replayData, replayHtml } from '../replay/html.js';
import { cli, dieWith, parseCli } from './args.js';

const die: (message: string) => never = dieWith('replay');
const program = cli('replay', 'Re-run a replay file, check its stateHash, and optionally write a standalone HTML replay.')
  .argument('<file>', 'replay JSON (league replays/<seed>.json, or sim output)')
  .option('--html [out]', 'write a standalone HTML replay (default: FILE with .html)');
parseCli(program);
const path = program.args[0]!;
const opts = program.opts<{ html?: string | boolean }>();

let file: ReplayFile;
try {
  file = JSON.parse(readFileSync(path, 'utf8')) as ReplayFile;
} catch (e) {
  die(`cannot read ${path}: ${(e as Error).message}`);
}
if ((file.format as string) !== REPLAY_FORMAT) die(`${path} is not a ${REPLAY_FORMAT} file`);
const data = replayData(file);
const last = data.days[data.days.length - 1]!;
console.log(`${data.scenario}, seed ${data.seed}: ${last.day} days, stateHash ${data.stateHash}`);
console.table(data.players.map((p, k) => ({ company: p.name, bot: p.strategy, 'market cap $': last.p[k]![0], 'NAV $': last.p[k]![1], bankrupt: last.p[k]![2] ? 'yes' : '' }))
  .sort((a, b) => b['market cap $'] - a['market cap $']));
if (data.recordedHash && data.recordedHash !== data.stateHash) {
  console.error(`replay: the replay gives ${data.stateHash}, the file recorded ${data.recordedHash}`);
  process.exitCode = 1;
}
if (opts.html !== undefined) {
  const out = typeof opts.html === 'string' ? opts.html : path.replace(/\.json$/i, '') + '.html';
  writeFileSync(out, replayHtml(data));
  console.log(`wrote ${out}: open it in a browser (no server needed)`);
}
