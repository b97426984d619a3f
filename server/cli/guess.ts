/**
 * `npm run guess -- --p P --players N --rounds R [--seed S] [--classes C] [--out FILE]`, `npm run guess -- --fit`
 * Simulates a class of bots playing "Guess p × the average" (shared/classroom/guess.ts, the bots'
 * Poisson cognitive hierarchy in shared/classroom/cognitiveHierarchy.ts) and prints each round's
 * mean, median, target and winner, so a teacher can show what a class like theirs would do.
 * `--classes C` plays C classes (seeds S-0 … S-(C−1)) and prints the average round means and
 * medians and how much classes differ. `--fit` re-fits the model's parameters on Nagel's p = 2/3
 * data and prints them. `--out` writes the JSON report. P may be a decimal or a fraction ("2/3").
 * Bad arguments: one line on stderr, exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { cli, parseCli } from './args.js';
import { GUESS_MAX, MAX_ROUNDS, NAGEL_1995, NAGEL_1995_OTHER_P, P_MAX, simulateClass, simulateClasses } from '../../shared/classroom/guess.js';
import { CH_PARAMS, predictedMean, type HierarchyParams } from '../../shared/classroom/cognitiveHierarchy.js';

const MAX_PLAYERS = 1000;
const MAX_CLASSES = 10_000;

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

function parse(): { p?: string; players?: string; rounds?: string; seed?: string; out?: string; classes?: string; fit?: boolean } {
  const program = cli('guess', 'Simulate a class of bots playing "Guess p × the average" and print each round.')
    .option('--p <p>', 'the multiplier p, a decimal or a fraction like 2/3 (required)')
    .option('--players <n>', `bots in the class, 1–${MAX_PLAYERS} (required)`)
    .option('--rounds <r>', `rounds to play, 1–${MAX_ROUNDS} (required)`)
    .option('--seed <s>', 'seed for the bots\' draws', '1')
    .option('--classes <c>', `play this many classes (1–${MAX_CLASSES}) and print the average round means and medians`)
    .option('--fit', 'fit the bots\' cognitive-hierarchy parameters on Nagel\'s p = 2/3 data and print them')
    .option('--out <file>', 'write the report as JSON');
  return parseCli(program).opts();
}

/** Classes per candidate in the fit: enough that the simulated averages move by < 0.2. */
const FIT_CLASSES = 300;

/**
 * The fit, on p = 2/3 only. τ: the large-class round-1 mean equals Nagel's 36.73 (bisection on the
 * closed form, as Camerer, Ho and Chong fit τ). σ is not identified by a mean and a median (the
 * median moves by < 1 between σ = 0 and 0.3), so it stays the stated assumption `CH_PARAMS.sigma`;
 * the fit reports the median it implies. τ's growth per round: grid search on simulated classes
 * against the later round means (same seeds for every candidate).
 */
function fitHierarchy(): { params: HierarchyParams; round1: { mean: number; median: number }; later: number[]; sigmaMedians: [number, number][] } {
  const run = (params: HierarchyParams, rounds: number) => {
    const r = simulateClasses({ p: NAGEL_1995.p, players: 40, rounds, seed: 'fit', classes: FIT_CLASSES, params });
    if ('code' in r) throw new Error(r.message);
    return r.rounds;
  };
  let lo = 0.01;
  let hi = 5;
  // The mean falls as τ grows (deeper thinkers guess lower when p < 1).
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (predictedMean(NAGEL_1995.p, mid) > NAGEL_1995.firstRoundMean) lo = mid;
    else hi = mid;
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const tau = r3(lo);
  const sigma = CH_PARAMS.sigma;
  const sigmaMedians: [number, number][] = [0, 0.1, 0.2, 0.3].map((sg) => [sg, run({ ...CH_PARAMS, tau, sigma: sg, tauGrowthPerRound: 0 }, 1)[0]!.median]);
  let growth = { err: Infinity, g: 0, means: [] as number[] };
  const targets = NAGEL_1995.laterRoundMeans.slice(1);
  for (let g = 0; g <= 1 + 1e-9; g += 0.02) {
    const rounds = run({ ...CH_PARAMS, tau, sigma, tauGrowthPerRound: g }, targets.length + 1);
    const err = targets.reduce((e, t, i) => e + (rounds[i + 1]!.mean - t) ** 2, 0);
    if (err < growth.err) growth = { err, g, means: rounds.map((r) => r.mean) };
  }
  const [r1] = run({ ...CH_PARAMS, tau, sigma, tauGrowthPerRound: 0 }, 1);
  return { params: { ...CH_PARAMS, tau, sigma, tauGrowthPerRound: r3(growth.g) }, round1: { mean: r1!.mean, median: r1!.median }, later: growth.means.slice(1), sigmaMedians };
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
  if (args.fit) {
    const fit = fitHierarchy();
    console.log(`Fitted on Nagel (1995), p = 2/3, ${FIT_CLASSES} classes of 40 per candidate:`);
    console.log(`  tau = ${fit.params.tau} (round-1 mean), tauGrowthPerRound = ${fit.params.tauGrowthPerRound} (rounds 2–4), sigma = ${fit.params.sigma} (assumed)`);
    console.log(`  round-1 median by sigma: ${fit.sigmaMedians.map(([sg, m]) => `${sg} → ${m.toFixed(2)}`).join(', ')}`);
    console.log(`  round 1: mean ${fit.round1.mean.toFixed(2)} (Nagel ${NAGEL_1995.firstRoundMean}), median ${fit.round1.median.toFixed(2)} (Nagel ${NAGEL_1995.firstRoundMedian})`);
    console.log(`  rounds 2–${fit.later.length + 1}: ${fit.later.map((m) => m.toFixed(2)).join(' → ')} (Nagel ${NAGEL_1995.laterRoundMeans.slice(1).join(' → ')})`);
    console.log(`  in use (shared/classroom/cognitiveHierarchy.ts): tau = ${CH_PARAMS.tau}, sigma = ${CH_PARAMS.sigma}, tauGrowthPerRound = ${CH_PARAMS.tauGrowthPerRound}`);
    return;
  }
  const p = parseP(args.p);
  const players = parseWhole('players', args.players, MAX_PLAYERS);
  const rounds = parseWhole('rounds', args.rounds, MAX_ROUNDS);
  const seed = args.seed ?? '1';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(seed)) die(`bad seed "${seed}": use 1–64 letters, digits, _ or -`);

  if (args.classes !== undefined) {
    const classes = parseWhole('classes', args.classes, MAX_CLASSES);
    const sum = simulateClasses({ p, players, rounds, seed, classes });
    if ('code' in sum) die(sum.message);
    console.log(`\nGuess p × the average, p = ${args.p!.trim()}: ${classes} classes of ${players} bots, ${rounds} round(s), seeds ${seed}-0 … ${seed}-${classes - 1}`);
    console.log(`Model: Poisson cognitive hierarchy, tau = ${CH_PARAMS.tau} (+${CH_PARAMS.tauGrowthPerRound} a round), sigma = ${CH_PARAMS.sigma}; large-class round-1 mean ${predictedMean(p, CH_PARAMS.tau).toFixed(2)}\n`);
    console.table(sum.rounds.map((r, i) => ({ round: i + 1, mean: r.mean.toFixed(2), 'sd of class means': r.meanSd.toFixed(2), median: r.median.toFixed(2), target: Math.min(GUESS_MAX, p * r.mean).toFixed(2) })));
    if (Math.abs(p - NAGEL_1995.p) < 1e-9) {
      console.log(`Nagel (1995), p = 2/3, human classes: round means ${NAGEL_1995.laterRoundMeans.join(' → ')}; first-round median ${NAGEL_1995.firstRoundMedian}.`);
    }
    const other = NAGEL_1995_OTHER_P.find((n) => Math.abs(n.p - p) < 1e-9);
    if (other) console.log(`Nagel (1995), p = ${args.p!.trim()}, human classes: first-round mean ${other.firstRoundMean} (not fitted on: the row above is a prediction).`);
    if (args.out) write(args.out, { p, players, seed, classes, rounds: sum.rounds });
    return;
  }

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

  if (args.out) write(args.out, report);
}

function write(file: string, report: unknown): void {
  try {
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  } catch (e) {
    die(`cannot write ${file}: ${(e as Error).message}`);
  }
  console.log(`wrote ${file}`);
}

main();
