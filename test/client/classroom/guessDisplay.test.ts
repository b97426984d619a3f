import { describe, expect, it } from 'vitest';
import { closeRound, createGuessGame, guessView, openRound, submitGuess, type GuessGame } from '../../../shared/classroom/guess.js';
import { fmt1, histogramBars, latestRound, levelRows, myOutcome, pLabel, parseGuess, parseP } from '../../../client/src/classroom/guessDisplay.js';

function game(values: [string, number][], close = true): GuessGame {
  let g = expectOk(createGuessGame(2 / 3, 3));
  g = expectOk(openRound(g));
  for (const [id, v] of values) g = expectOk(submitGuess(g, id, v));
  return close ? expectOk(closeRound(g)) : g;
}

function expectOk(r: { ok: true; game: GuessGame } | { ok: false }): GuessGame {
  if (!r.ok) throw new Error('reducer failed');
  return r.game;
}

describe('⅔ display helpers', () => {
  it('labels p and parses what a teacher types', () => {
    expect(pLabel(2 / 3)).toBe('⅔');
    expect(pLabel(0.5)).toBe('½');
    expect(pLabel(0.9)).toBe('0.9');
    expect(parseP('2/3')).toBeCloseTo(2 / 3, 12);
    expect(parseP(' 0.5 ')).toBe(0.5);
    expect(parseP('')).toBeNaN();
  });

  it('parses phone input: decimal comma, Arabic-Indic digits, range 0–100', () => {
    expect(parseGuess('33')).toBe(33);
    expect(parseGuess('33,5')).toBe(33.5);
    expect(parseGuess('٣٣')).toBe(33);
    expect(parseGuess('101')).toBeNaN();
    expect(parseGuess('-1')).toBeNaN();
    expect(parseGuess('abc')).toBeNaN();
  });

  it('reads a closed round: the winner, each student’s distance, the bars and level rows', () => {
    // Guesses 20, 40, 60: mean 40, target 26.67; 20 is 6.67 away, 40 is 13.33 away.
    const g = game([['a', 20], ['b', 40], ['c', 60]]);
    const round = latestRound(guessView(g, 'b'));
    if (!round) throw new Error('no round');
    expect(fmt1(round.mean)).toBe('40');
    expect(fmt1(round.target)).toBe('26.7');
    expect(myOutcome(round, 'a')).toMatchObject({ won: true, value: 20 });
    expect(myOutcome(round, 'a')?.distance).toBeCloseTo(20 / 3, 9);
    expect(myOutcome(round, 'b')?.won).toBe(false);
    expect(myOutcome(round, 'b')?.distance).toBeCloseTo(40 / 3, 9);
    const bars = histogramBars(round.histogram);
    expect(bars.map((b) => b.count)).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 0, 0]);
    expect(bars[9]?.label).toBe('90–100');
    expect(bars[2]?.share).toBe(1);
    const rows = levelRows(round);
    expect(rows.map((r) => r.label)).toEqual(['L0', 'L1', 'L2', 'L3', 'EQ']);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(3);
  });

  it('shows no outcome while the round is open', () => {
    const round = latestRound(guessView(game([['a', 20]], false), 'a'));
    if (!round) throw new Error('no round');
    expect(round.myGuess).toBe(20);
    expect(myOutcome(round, 'a')).toBeNull();
  });
});
