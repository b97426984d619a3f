/**
 * `npm run guess -- --p P --players N --rounds R [--seed S] [--out FILE]`
 * Simulates a class of bots playing "Guess p × the average" (shared/classroom/guess.ts) and prints
 * each round's mean, median, target and winner, so a teacher can show what a class like theirs
 * would do. `--out` writes `{ p, players, seed, rounds: [{ mean, median, target, winner }] }`.
 * P may be a decimal or a fraction ("2/3"). Bad arguments: one line on stderr, exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { cli, parseCli } from './args.js';
import { MAX_ROUNDS, NAGEL_1995, P_MAX, simulateClass } from '../../shared/classroom/guess.js';

const MAX_PLAYERS = 1000;

function die(message: string): never {
  console.error(`guess: ${message}`);
  process.exit(2);
}

export interface GuessSimReport {
  p: number;
  players: number;
  seed: string;
  rounds: { mean: number | null; median: number | null; target: number | null; winner: string | null }[];
}

function parse(): { p?: string; players?: string; rounds?: string; seed?: string; out?: string } {
  const program = cli('guess', 'Simulate a class of bots playing "Guess p × the average" and print each round.')
    .option('--p <p>', 'the multiplier p, a decimal or a fraction like 2/3 (required)')
    .option('--players <n>', `bots in the class, 1–${MAX_PLAYERS} (required)`)
    .option('--rounds <r>', `rounds to play, 1–${MAX_ROUNDS} (required)`)
    .option('--seed <s>', 'seed for the bots\' draws', '1')
    .option('--out <file>', 'write { p, players, seed, rounds } as JSON');
  return parseCli(program).opts();
}

function parseP(text: string | undefined): number {
  if (text === undefined) die('--p is required (for example --p 2/3)');
  const fraction = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  const p = fraction ? Number(fraction[1]) / Number(fraction[2]) : text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(p) || p <= 0 || p > P_MAX) die(`--p must be a number above 0 and at most ${P_MAX}, like 2/3 or 0.5 (got "${text}")`);
  return p;
}

function parseWhole(name: string, text: string | undefined, max: number): number {
  if (text === undefined) die(`--${name} is required`);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) die(`--${name} must be a whole number from 1 to ${max} (got "${text}")`);
  return n;
}

function main(): void {
  const args = parse();
  const p = parseP(args.p);
  const players = parseWhole('players', args.players, MAX_PLAYERS);
  const rounds = parseWhole('rounds', args.rounds, MAX_ROUNDS);
  const seed = args.seed ?? '1';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(seed)) die(`bad seed "${seed}": use 1–64 letters, digits, _ or -`);

  const result = simulateClass({ p, players, rounds, seed });
  if (!result.ok) die(result.error.message);
  const report: GuessSimReport = {
    p,
    players,
    seed,
    rounds: result.game.rounds.map(({ mean, median, target, winner }) => ({ mean, median, target, winner })),
  };

  const fix = (n: number | null) => (n === null ? '—' : n.toFixed(2));
  console.log(`\nGuess p × the average, p = ${args.p!.trim()}: ${players} bots, ${rounds} round(s), seed ${seed}\n`);
  console.table(
    result.game.rounds.map((r, i) => {
      const win = r.guesses.find((g) => g.playerId === r.winner);
      return {
        round: i + 1,
        mean: fix(r.mean),
        median: fix(r.median),
        target: fix(r.target),
        winner: r.winner === null ? '—' : `${r.winner} (${win?.value ?? '?'})${r.winners.length > 1 ? ` +${r.winners.length - 1} tied` : ''}`,
      };
    }),
  );
  if (Math.abs(p - NAGEL_1995.p) < 1e-9) {
    console.log(`Nagel (1995), p = 2/3, human classes: round means ${NAGEL_1995.laterRoundMeans.join(' → ')}; first-round median ${NAGEL_1995.firstRoundMedian}.`);
  }

  if (args.out) {
    try {
      writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
    } catch (e) {
      die(`cannot write ${args.out}: ${(e as Error).message}`);
    }
    console.log(`wrote ${args.out}`);
  }
}

main();
