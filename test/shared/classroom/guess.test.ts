import { describe, it, expect } from 'vitest';
import { CH_PARAMS, hierarchyGuess, level0Range, levelAnswers, poissonWeights, predictedMean } from '../../../shared/classroom/cognitiveHierarchy.js';
import { seedRng } from '../../../shared/rules/rng.js';
import {
  NAGEL_1995,
  NAGEL_1995_OTHER_P,
  simulateClasses,
  botGuessesForRound,
  classifyGuess,
  closeRound,
  createGuessGame,
  currentRound,
  equilibriumGuess,
  guessExportRows,
  guessView,
  histogram,
  levelKCounts,
  levelKTable,
  mean,
  median,
  openRound,
  readRound,
  scoreRound,
  simulateClass,
  submitGuess,
  type GuessGame,
  type GuessResult,
} from '../../../shared/classroom/guess.js';

function must(r: GuessResult): GuessGame {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.game;
}

function errorCode(r: GuessResult): string | null {
  return r.ok ? null : r.error.code;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** A game with round 1 open and the given guesses submitted in order. */
function play(p: number, guesses: [string, number][], rounds = 3): GuessGame {
  let g = must(openRound(must(createGuessGame(p, rounds))));
  for (const [id, v] of guesses) g = must(submitGuess(g, id, v));
  return g;
}

describe('round scoring', () => {
  it('target = p × mean, the closest guess wins (hand-computed)', () => {
    // mean (20+30+40+50)/4 = 35, target 2/3 × 35 = 23.33…; 20 is 3.33 away, 30 is 6.67 away.
    const g = must(closeRound(play(2 / 3, [['a', 20], ['b', 30], ['c', 40], ['d', 50]])));
    const r = g.rounds[0]!;
    expect(r.open).toBe(false);
    expect(r.mean).toBe(35);
    expect(r.median).toBe(35);
    expect(r.target).toBeCloseTo(70 / 3, 12);
    expect(r.winner).toBe('a');
    expect(r.winners).toEqual(['a']);
  });

  it('ties: every closest guess is a winner, the earliest submission is named', () => {
    // p = 1/2: mean (0+40+20)/3 = 20, target 10; x (0) and z (20) are both 10 away.
    const g = must(closeRound(play(0.5, [['x', 0], ['y', 40], ['z', 20]])));
    expect(g.rounds[0]!.target).toBe(10);
    expect(g.rounds[0]!.winners).toEqual(['x', 'z']);
    expect(g.rounds[0]!.winner).toBe('x');
  });

  it('a re-guess replaces the old one and loses its place in the tie-break', () => {
    const g = must(closeRound(play(0.5, [['x', 0], ['y', 40], ['z', 20], ['x', 0]])));
    const r = g.rounds[0]!;
    expect(r.guesses.map((q) => q.playerId)).toEqual(['y', 'z', 'x']);
    expect(r.guesses.map((q) => q.seq)).toEqual([2, 3, 4]);
    expect(r.winners).toEqual(['z', 'x']);
    expect(r.winner).toBe('z');
  });

  it('a changed guess counts once, with its new value', () => {
    // a: 90 then 10; mean (10+50)/2 = 30, target 20: a (10) wins.
    const g = must(closeRound(play(2 / 3, [['a', 90], ['b', 50], ['a', 10]])));
    expect(g.rounds[0]!.guesses).toHaveLength(2);
    expect(g.rounds[0]!.mean).toBe(30);
    expect(g.rounds[0]!.target).toBeCloseTo(20, 12);
    expect(g.rounds[0]!.winner).toBe('a');
  });

  it('an empty round closes with no winner', () => {
    const g = must(closeRound(play(2 / 3, [])));
    expect(g.rounds[0]).toMatchObject({ open: false, mean: null, median: null, target: null, winner: null, winners: [] });
    expect(scoreRound(2 / 3, []).winner).toBeNull();
  });

  it('p > 1: a single guess of 100 hits the capped target', () => {
    const s = scoreRound(1.5, [{ playerId: 'a', value: 100, seq: 1 }, { playerId: 'b', value: 60, seq: 2 }]);
    // mean 80, target 120: 100 is nearer.
    expect(s.target).toBe(120);
    expect(s.winner).toBe('a');
  });
});

describe('statistics', () => {
  it('mean and median', () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('histogram has ten bins of 10, with 100 in the last', () => {
    expect(histogram([0, 9.99, 10, 55, 100, 99.5])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(histogram([])).toEqual(new Array(10).fill(0));
  });
});

describe('level-k reading', () => {
  it('p = 2/3: L0 50, L1 33.3, L2 22.2, L3 14.8, equilibrium 0', () => {
    const t = levelKTable(2 / 3);
    expect(t.map((l) => l.label)).toEqual(['L0', 'L1', 'L2', 'L3', 'EQ']);
    expect(t[0]!.value).toBe(50);
    expect(t[1]!.value).toBeCloseTo(100 / 3, 12);
    expect(t[2]!.value).toBeCloseTo(200 / 9, 12);
    expect(t[3]!.value).toBeCloseTo(400 / 27, 12);
    expect(t[4]).toEqual({ label: 'EQ', depth: null, value: 0 });
  });

  it('classifies each guess to its nearest level, ties to the shallower level', () => {
    const t = levelKTable(0.5); // 50, 25, 12.5, 6.25, 0
    expect(classifyGuess(30, t).label).toBe('L1');
    expect(classifyGuess(80, t).label).toBe('L0');
    expect(classifyGuess(2, t).label).toBe('EQ');
    expect(classifyGuess(37.5, t).label).toBe('L0');
    expect(classifyGuess(3.125, t).label).toBe('L3');
    expect(levelKCounts([30, 80, 2, 37.5, 3.125, 12], t)).toEqual([2, 1, 1, 1, 1]);
  });

  it('equilibrium: 0 below p = 1, 100 above, none at p = 1', () => {
    expect(equilibriumGuess(2 / 3)).toBe(0);
    expect(equilibriumGuess(4 / 3)).toBe(100);
    expect(equilibriumGuess(1)).toBeNull();
    expect(levelKTable(1)).toEqual([{ label: 'L0', depth: 0, value: 50 }]);
    // p = 1.5: 50, 75, 112.5 capped to 100 (which is also the equilibrium), listed once.
    expect(levelKTable(1.5).map((l) => [l.label, l.value])).toEqual([['L0', 50], ['L1', 75], ['L2', 100]]);
  });

  it('later rounds are read from the previous round\'s mean', () => {
    let g = must(closeRound(play(0.5, [['a', 40], ['b', 20]]))); // mean 30
    g = must(openRound(g));
    g = must(submitGuess(g, 'a', 15));
    g = must(submitGuess(g, 'b', 8));
    const first = readRound(g, 0);
    const second = readRound(g, 1);
    expect(first.levels.map((l) => l.value)).toEqual([50, 25, 12.5, 6.25, 0]);
    expect(second.levels.map((l) => l.value)).toEqual([30, 15, 7.5, 3.75, 0]);
    expect(second.levelCounts).toEqual([0, 1, 1, 0, 0]);
    expect(first.histogram[4]).toBe(1);
    expect(first.count).toBe(2);
  });
});

describe('validation and flow', () => {
  it('guesses must be numbers from 0 to 100', () => {
    const g = play(2 / 3, []);
    for (const bad of [-1, 100.01, NaN, Infinity, '50' as unknown as number]) expect(errorCode(submitGuess(g, 'a', bad))).toBe('BAD_GUESS');
    expect(must(submitGuess(g, 'a', 0)).rounds[0]!.guesses[0]!.value).toBe(0);
    expect(must(submitGuess(g, 'a', 100)).rounds[0]!.guesses[0]!.value).toBe(100);
    expect(errorCode(submitGuess(g, '', 5))).toBe('BAD_PLAYER');
  });

  it('guesses only while a round is open; rounds open one at a time up to the plan', () => {
    let g = must(createGuessGame(2 / 3, 2));
    expect(errorCode(submitGuess(g, 'a', 10))).toBe('NO_OPEN_ROUND');
    expect(errorCode(closeRound(g))).toBe('NO_OPEN_ROUND');
    g = must(openRound(g));
    expect(errorCode(openRound(g))).toBe('ROUND_OPEN');
    g = must(closeRound(must(submitGuess(g, 'a', 10))));
    expect(currentRound(g)).toBeNull();
    expect(errorCode(submitGuess(g, 'a', 10))).toBe('NO_OPEN_ROUND');
    g = must(closeRound(must(openRound(g))));
    expect(errorCode(openRound(g))).toBe('ALL_ROUNDS_PLAYED');
  });

  it('rejects bad p and round counts', () => {
    for (const p of [0, -0.5, 2.5, NaN]) expect(errorCode(createGuessGame(p, 3))).toBe('BAD_P');
    for (const n of [0, 1.5, 51]) expect(errorCode(createGuessGame(2 / 3, n))).toBe('BAD_ROUNDS');
  });

  it('never mutates the game it is given, and the state is plain JSON', () => {
    const g = deepFreeze(play(2 / 3, [['a', 20], ['b', 30]]));
    const before = JSON.stringify(g);
    const after = must(closeRound(must(submitGuess(g, 'a', 25))));
    expect(JSON.stringify(g)).toBe(before);
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });
});

describe('the bots\' Poisson cognitive hierarchy', () => {
  it('levels are Poisson(τ) weighted and each level answers p × the mean of the levels below it', () => {
    const w = poissonWeights(1.5, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let k = 1; k <= 12; k++) expect(w[k]! / w[k - 1]!).toBeCloseTo(1.5 / k, 12);
    const g = levelAnswers(2 / 3, 1.5, 50, 12);
    expect(g[0]).toBe(50);
    expect(g[1]).toBeCloseTo(100 / 3, 12);
    expect(g[2]).toBeCloseTo(((2 / 3) * (w[0]! * 50 + w[1]! * g[1]!)) / (w[0]! + w[1]!), 12);
    for (let k = 2; k <= 12; k++) expect(g[k]!).toBeLessThan(g[k - 1]!);
    // p > 1: answers climb and stop at 100.
    expect(Math.max(...levelAnswers(1.9, 3, 50, 12))).toBe(100);
  });

  it('level 0 ignores p: its draws are the same whatever the teacher sets', () => {
    const draws = (p: number) => Array.from({ length: 300 }, (_, i) => {
      const rng = seedRng(`l0-${i}`);
      return hierarchyGuess(rng, p, 0, null);
    }).filter((d) => d.level === 0).map((d) => d.value);
    expect(draws(0.5).length).toBeGreaterThan(60);
    expect(draws(0.5)).toEqual(draws(4 / 3));
    expect(level0Range(50)).toEqual([0, 100]);
    expect(level0Range(20)).toEqual([0, 40]);
    expect(level0Range(90)).toEqual([80, 100]);
  });

  it('τ is fitted so the large-class round-1 mean at p = 2/3 is Nagel\'s', () => {
    expect(predictedMean(2 / 3, CH_PARAMS.tau)).toBeCloseTo(NAGEL_1995.firstRoundMean, 1);
    // Structure, not refitting, gives other p: smaller p, lower guesses; p > 1, above 50.
    expect(predictedMean(0.5, CH_PARAMS.tau)).toBeLessThan(predictedMean(2 / 3, CH_PARAMS.tau) - 4);
    expect(predictedMean(4 / 3, CH_PARAMS.tau)).toBeGreaterThan(60);
  });

  it('simulateClasses averages classes with seeds S-0 … S-(n−1)', () => {
    const sum = simulateClasses({ p: 2 / 3, players: 10, rounds: 2, seed: 'avg', classes: 3 });
    if ('code' in sum) throw new Error(sum.message);
    const each = [0, 1, 2].map((c) => must(simulateClass({ p: 2 / 3, players: 10, rounds: 2, seed: `avg-${c}` })).rounds[0]!);
    expect(sum.rounds[0]!.mean).toBeCloseTo(each.reduce((a, r) => a + r.mean!, 0) / 3, 12);
    expect(sum.rounds[0]!.median).toBeCloseTo(each.reduce((a, r) => a + r.median!, 0) / 3, 12);
  });

  it('same seed, same class; another seed, another class', () => {
    const a = simulateClass({ p: 2 / 3, players: 30, rounds: 4, seed: 'alpha' });
    const b = simulateClass({ p: 2 / 3, players: 30, rounds: 4, seed: 'alpha' });
    const c = simulateClass({ p: 2 / 3, players: 30, rounds: 4, seed: 'beta' });
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    const game = must(a);
    expect(game.rounds).toHaveLength(4);
    for (const r of game.rounds) {
      expect(r.guesses).toHaveLength(30);
      for (const q of r.guesses) expect(Number.isInteger(q.value) && q.value >= 0 && q.value <= 100).toBe(true);
      expect(r.target).toBeCloseTo((2 / 3) * r.mean!, 12);
    }
  });

  it('botGuessesForRound depends only on game, ids and seed', () => {
    const g = must(openRound(must(createGuessGame(2 / 3, 3))));
    const ids = ['s1', 's2', 's3', 's4'];
    expect(botGuessesForRound(g, ids, 'k')).toEqual(botGuessesForRound(g, ids, 'k'));
    expect(botGuessesForRound(g, ids, 'k').map((x) => x.playerId)).toEqual(ids);
  });

  it('rejects an empty class', () => {
    expect(errorCode(simulateClass({ p: 2 / 3, players: 0, rounds: 1, seed: 's' }))).toBe('BAD_PLAYER');
  });

  it(`first round at p = 2/3 matches Nagel (1995): mean ${NAGEL_1995.firstRoundMean}, median ${NAGEL_1995.firstRoundMedian}`, () => {
    const means: number[] = [];
    const medians: number[] = [];
    for (let s = 0; s < 200; s++) {
      const r = must(simulateClass({ p: 2 / 3, players: 40, rounds: 1, seed: `nagel-${s}` })).rounds[0]!;
      means.push(r.mean!);
      medians.push(r.median!);
    }
    // The model gives ≈ 36.5 and ≈ 31.2 over 200 classes (sd of the average ≈ 0.2). The median is
    // not fitted: the hierarchy's structure puts it 1.8 below Nagel's (docs/classroom.md).
    expect(Math.abs(mean(means) - NAGEL_1995.firstRoundMean)).toBeLessThan(1);
    expect(Math.abs(mean(medians) - NAGEL_1995.firstRoundMedian)).toBeLessThan(2.5);
  });

  it('over repeated rounds the class moves toward the equilibrium like Nagel\'s groups', () => {
    const rounds = 8;
    const sums = new Array<number>(rounds).fill(0);
    const classes = 60;
    for (let s = 0; s < classes; s++) {
      const g = must(simulateClass({ p: 2 / 3, players: 40, rounds, seed: `rep-${s}` }));
      g.rounds.forEach((r, i) => (sums[i]! += r.mean! / classes));
    }
    for (let i = 1; i < rounds; i++) expect(sums[i]!).toBeLessThan(sums[i - 1]!);
    // Nagel: 36.7 → 24 → 16.5 → 10.9.
    expect(Math.abs(sums[1]! - 24)).toBeLessThan(3);
    expect(Math.abs(sums[2]! - 16.5)).toBeLessThan(3);
    expect(Math.abs(sums[3]! - 10.9)).toBeLessThan(3);
    expect(sums[rounds - 1]!).toBeLessThan(5);
  });

  /**
   * Out-of-sample check: the parameters are fitted on p = 2/3 only (NAGEL_1995), so the model's
   * round 1 at p = 1/2 and p = 4/3 is a prediction. Source: Nagel (1995), "Unraveling in guessing
   * games: an experimental study", AER 85(5), first-period means p = 1/2: 27.05, p = 4/3: 60.12
   * (range 0–100). Nagel's figures pool her sessions of 15–18 students; the tolerance is the
   * model's own sampling spread for such a pool: Nagel's mean must lie inside the central 95 % of
   * the round-1 means of 1,000 simulated pools of 45 (three sessions of 15, the smallest pool).
   * The model is high at both p (large-class means 30.8 and 65.5, docs/classroom.md).
   */
  it.each(NAGEL_1995_OTHER_P.map((n) => ({ p: n.p, nagel: n.firstRoundMean })))('predicts Nagel\'s first-round mean at p = $p ($nagel) from the p = 2/3 fit, within sampling error', ({ p, nagel }) => {
    expect(NAGEL_1995.p).toBe(2 / 3);
    const pool = 45;
    const means: number[] = [];
    for (let s = 0; s < 1000; s++) means.push(must(simulateClass({ p, players: pool, rounds: 1, seed: `nagel-other-p-${s}` })).rounds[0]!.mean!);
    means.sort((a, b) => a - b);
    expect(means[25]!).toBeLessThanOrEqual(nagel);
    expect(means[974]!).toBeGreaterThanOrEqual(nagel);
    // The direction the structure predicts: reasoning toward 0 below p = 1, toward 100 above it.
    expect(predictedMean(p, CH_PARAMS.tau)).toBeCloseTo(p < 1 ? 30.89 : 65.52, 1);
  });

  it('with p > 1 the class climbs toward 100', () => {
    const g = must(simulateClass({ p: 4 / 3, players: 40, rounds: 6, seed: 'up' }));
    const means = g.rounds.map((r) => r.mean!);
    expect(means[5]!).toBeGreaterThan(means[0]! + 20);
    // Noise shrinks toward the equilibrium, so a class that got there stays.
    expect(means[5]!).toBeGreaterThan(98);
  });
});

describe('views and export', () => {
  it('while a round is open only counts, the histogram and your own guess are visible', () => {
    const g = play(0.5, [['a', 40], ['b', 20]]);
    const forA = guessView(g, 'a').rounds[0]!;
    expect(forA).toMatchObject({ round: 1, open: true, myGuess: 40, guesses: [], mean: null, target: null, winner: null, count: 2 });
    expect(forA.histogram[2]).toBe(1);
    expect(forA.histogram[4]).toBe(1);
    expect(guessView(g, 'c').rounds[0]!.myGuess).toBeNull();
    expect(JSON.stringify(guessView(g, null))).not.toContain('"playerId"');
  });

  it('a closed round shows every guess and the result', () => {
    const g = must(closeRound(play(0.5, [['a', 40], ['b', 20]])));
    const v = guessView(g, 'b');
    expect(v.equilibrium).toBe(0);
    expect(v.rounds[0]!.guesses.map((q) => q.playerId)).toEqual(['a', 'b']);
    expect(v.rounds[0]).toMatchObject({ open: false, myGuess: 20, mean: 30, target: 15, winner: 'b' });
  });

  it('one export row per guess with its level, distance and result', () => {
    let g = must(closeRound(play(0.5, [['a', 40], ['b', 20]]))); // mean 30, target 15
    g = must(submitGuess(must(openRound(g)), 'a', 15)); // read from 30: L1 = 15
    expect(guessExportRows(g)).toEqual([
      { round: 1, playerId: 'a', value: 40, seq: 1, level: 'L0', distance: 25, won: false },
      { round: 1, playerId: 'b', value: 20, seq: 2, level: 'L1', distance: 5, won: true },
      { round: 2, playerId: 'a', value: 15, seq: 1, level: 'L1', distance: null, won: false },
    ]);
  });
});
