import { describe, expect, it } from 'vitest';
import {
  binIndex, convergenceSeries, ltrNumber, distinctColors, fontPx, FONT_PX, histogramConfig, leaders, LEGEND_MAX, lineChartConfig, markerAnnotations, withAlpha, wrapWords, yRange,
  type ChartLocale, type LineChartSpec, type LineSeries,
} from '../../../client/src/classroom/chartConfig.js';
import { localDigits } from '../../../client/src/i18n/index.js';

const EN: ChartLocale = { rtl: false, digits: (s) => s };
const AR: ChartLocale = { rtl: true, digits: (s) => localDigits(s, 'arabic') };

/** 40 companies over 10 days; company i ends at i × 1000, so the top five are 39…35. */
function companies(n = 40): LineSeries[] {
  const colors = distinctColors(n);
  return Array.from({ length: n }, (_, i) => ({ id: `p${i}`, label: `Company ${i}`, color: colors[i]!, values: Array.from({ length: 10 }, (_, d) => (d === 0 ? null : i * 100 * d)) }));
}

function spec(over: Partial<LineChartSpec> = {}): LineChartSpec {
  return {
    title: 'NAV', lesson: 'Lesson.', xs: Array.from({ length: 10 }, (_, i) => i), series: companies(), format: (v) => `$${v}`, xName: 'Day', locale: EN,
    othersLabel: (n) => `${n} others`, ...over,
  };
}

/** Runs a scriptable option (Chart.js calls font options with a context that reaches the chart). */
function resolveFont(font: unknown, width: number): { size?: number } {
  return typeof font === 'function' ? (font as (ctx: object) => { size?: number })({ chart: { width } }) : (font as { size?: number });
}

describe('chart colours and ranges', () => {
  it('gives 40 companies 40 different colours, the colour-blind-safe palette first', () => {
    const c = distinctColors(40);
    expect(new Set(c).size).toBe(40);
    expect(c[0]).toBe('#E69F00');
  });

  it('mutes a colour by making it see-through, keeping its hue', () => {
    expect(withAlpha('#E69F00', 0.3)).toBe('rgba(230, 159, 0, 0.3)');
    expect(withAlpha('hsl(20, 85%, 62%)', 0.3)).toBe('hsla(20, 85%, 62%, 0.3)');
  });

  it('keeps a visible range when every value is zero or flat, and includes zero near the data', () => {
    expect(yRange([0, 0, 0])).toEqual({ lo: -1, hi: 1 });
    const flat = yRange([50e6, 50e6]);
    expect(flat.hi).toBeGreaterThan(flat.lo);
    expect(yRange([null, null])).toEqual({ lo: 0, hi: 1 });
    expect(yRange([10, 30]).lo).toBe(0);
    expect(yRange([-30, -10]).hi).toBe(0);
    expect(yRange([-5, 20])).toEqual({ lo: -5, hi: 20 });
  });

  it('gives an all-zero chart (the premium before anyone trades) a y axis around its line', () => {
    const zero = lineChartConfig(spec({ series: companies(3).map((s) => ({ ...s, values: s.values.map((v) => (v === null ? null : 0)) })) }));
    const y = zero.options!.scales!.y as { suggestedMin: number; suggestedMax: number };
    expect(y.suggestedMin).toBeLessThan(0);
    expect(y.suggestedMax).toBeGreaterThan(0);
    expect((zero.options!.plugins!.annotation!.annotations as Record<string, unknown>).flat).toBeUndefined();
    const noted = lineChartConfig(spec({ series: companies(3).map((s) => ({ ...s, values: s.values.map((v) => (v === null ? null : 0)) })), flatNote: (v) => `Every line stays at ${v}` }));
    expect((noted.options!.plugins!.annotation!.annotations as Record<string, { content: string; yValue: number }>).flat).toMatchObject({ content: 'Every line stays at $0', yValue: 0 });
    // Anything that moved: no note.
    expect((lineChartConfig(spec({ flatNote: (v) => v })).options!.plugins!.annotation!.annotations as Record<string, unknown>).flat).toBeUndefined();
  });

  it('wraps a lesson into lines no wider than the chart', () => {
    const lines = wrapWords('one two three four five six', 10, (s) => s.length);
    expect(lines).toEqual(['one two', 'three four', 'five six']);
    expect(lines.every((l) => l.length <= 10)).toBe(true);
  });
});

describe('a company chart for a class of 40', () => {
  it('highlights the five leaders and the picked company, and mutes the rest', () => {
    const lit = leaders(companies(), 5, ['p3']);
    expect([...lit].sort((a, b) => a - b)).toEqual([3, 35, 36, 37, 38, 39]);
    const cfg = lineChartConfig(spec({ highlight: ['p3'] }));
    const ds = cfg.data.datasets;
    expect(ds[39]!.borderColor).toBe(distinctColors(40)[39]);
    expect(ds[3]!.borderColor).toBe(distinctColors(40)[3]);
    expect(ds[0]!.borderColor as string).toMatch(/^rgba\(.*0\.32\)$/);
    expect(Number(ds[39]!.borderWidth)).toBeGreaterThan(Number(ds[0]!.borderWidth));
  });

  it('names the highlighted companies in the legend and counts the others in one entry', () => {
    const cfg = lineChartConfig(spec());
    const ds = cfg.data.datasets;
    expect(ds).toHaveLength(41);
    expect(ds[40]!.label).toBe('35 others');
    const filter = cfg.options!.plugins!.legend!.labels!.filter!;
    const shown = ds.filter((d, i) => filter({ text: d.label ?? '', datasetIndex: i }, {} as never)).map((d) => d.label);
    expect(shown).toEqual(['Company 35', 'Company 36', 'Company 37', 'Company 38', 'Company 39', '35 others']);
    expect(shown.length).toBeLessThanOrEqual(LEGEND_MAX + 1);
  });

  it('shows a few named lines in full, all in the legend', () => {
    const cfg = lineChartConfig(spec({ series: companies(2) }));
    expect(cfg.data.datasets).toHaveLength(2);
    expect(cfg.data.datasets.every((d, i) => d.borderColor === distinctColors(2)[i])).toBe(true);
    expect(cfg.options!.plugins!.legend!.display).toBe(true);
  });

  it('sets type at 18 px or more on a wall and scales it down on a phone', () => {
    const cfg = lineChartConfig(spec());
    const ticks = cfg.options!.scales!.x!.ticks as { font: unknown };
    expect(resolveFont(ticks.font, 900).size).toBeGreaterThanOrEqual(18);
    expect(resolveFont(cfg.options!.plugins!.legend!.labels!.font, 900).size).toBeGreaterThanOrEqual(18);
    expect(resolveFont(cfg.options!.plugins!.title!.font, 900).size).toBe(FONT_PX.title);
    expect(resolveFont(ticks.font, 360).size).toBeLessThan(18);
    expect(fontPx(18, 360)).toBeGreaterThanOrEqual(11);
  });

  it('writes axis and tooltip numbers in Arabic-Indic digits and lays legend and tooltip right to left in Arabic', () => {
    const cfg = lineChartConfig(spec({ locale: AR }));
    const y = cfg.options!.scales!.y as { ticks: { callback: (v: number) => string } };
    // Kept left to right inside the Arabic canvas, so the $ stays in front.
    expect(ltrNumber('$1.5k', EN)).toBe('$1.5k');
    expect(y.ticks.callback(1500)).toBe('\u2066\u200E$\u200E١٥٠٠\u2069');
    const label = cfg.options!.plugins!.tooltip!.callbacks!.label as (item: unknown) => string;
    expect(label({ dataset: { label: 'Company 7' }, parsed: { y: 250 } })).toBe('Company ٧: \u2066\u200E$\u200E٢٥٠\u2069');
    const title = cfg.options!.plugins!.tooltip!.callbacks!.title as (items: unknown[]) => string;
    expect(title([{ parsed: { x: 12 } }])).toBe('Day ١٢');
    expect(cfg.options!.plugins!.legend!.rtl).toBe(true);
    expect(cfg.options!.plugins!.title!.align).toBe('end');
  });

  it('asks for the nearest line on a crowded chart and every line at that day on a sparse one', () => {
    expect(lineChartConfig(spec()).options!.interaction!.mode).toBe('nearest');
    expect(lineChartConfig(spec({ series: companies(2) })).options!.interaction!.mode).toBe('index');
  });
});

describe('event markers', () => {
  it('draws one labelled vertical line per day, merging events of the same day', () => {
    const ann = markerAnnotations([
      { x: 3, label: 'crash', color: '#ff6b6b' }, { x: 3, label: 'fee spike', color: '#f0e442' }, { x: 20, label: 'halving' },
    ], AR, 30, (d) => `Day ${d}`);
    const lines = Object.values(ann) as { type: string; value: number; borderColor: string; label: { content: string; yAdjust: number } }[];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ type: 'line', value: 3, borderColor: '#ff6b6b' });
    expect(lines[0]!.label.content).toBe('Day ٣: crash · fee spike');
    expect(lines[1]!.label.content).toBe('Day ٢٠: halving');
  });

  it('steps the labels of nearby markers down so they do not print over each other', () => {
    const ann = markerAnnotations([{ x: 3, label: 'a' }, { x: 4, label: 'b' }, { x: 5, label: 'c' }, { x: 40, label: 'd' }], EN, 60);
    const rows = Object.values(ann).map((a) => (a as { label: { yAdjust: number } }).label.yAdjust);
    expect(rows).toEqual([0, 30, 60, 0]);
  });

  it('puts the markers on the chart they teach', () => {
    const cfg = lineChartConfig(spec({ markers: [{ x: 4, label: 'crash' }] }));
    expect(Object.keys(cfg.options!.plugins!.annotation!.annotations as object)).toHaveLength(1);
  });
});

describe('the ⅔ charts', () => {
  const rounds = [
    { round: 1, mean: 44.9, median: 40, target: 29.9, guesses: [10, 50, 70] },
    { round: 2, mean: 32.5, median: 30, target: 21.7, guesses: [5, 30] },
    { round: 3, mean: 20.9, median: 20, target: 13.9, guesses: [20] },
  ];
  const names = { mean: 'mean', median: 'median', target: 'target', equilibrium: 'equilibrium', reference: 'Nagel', guesses: 'guesses' };

  it('draws mean, median and target by round, the equilibrium, the reference and every guess as dots', () => {
    const s = convergenceSeries(rounds, names, 0, [36.7, 25.9, 20.2]);
    expect(s.map((x) => x.label)).toEqual(['mean', 'median', 'target', 'equilibrium', 'Nagel', 'guesses', '', '']);
    expect(s[0]!.values).toEqual([44.9, 32.5, 20.9]);
    expect(s[3]!.values).toEqual([0, 0, 0]);
    expect(s[5]!.values).toEqual([10, 5, 20]);
    expect(s[7]!.values).toEqual([70, null, null]);
    const cfg = lineChartConfig({ title: '⅔', lesson: '', xs: [1, 2, 3], series: s, format: String, xName: 'Round', locale: EN, rankLeaders: false });
    // The guess cloud is one legend entry and no tooltip rows.
    const filter = cfg.options!.plugins!.legend!.labels!.filter!;
    expect(cfg.data.datasets.filter((d, i) => filter({ text: d.label ?? '', datasetIndex: i }, {} as never))).toHaveLength(6);
    const tipFilter = cfg.options!.plugins!.tooltip!.filter!;
    expect(tipFilter({ datasetIndex: 6, dataset: cfg.data.datasets[6] } as never, 0, [], {} as never)).toBe(false);
    expect(tipFilter({ datasetIndex: 0, dataset: cfg.data.datasets[0] } as never, 0, [], {} as never)).toBe(true);
    expect(cfg.data.datasets[5]!.showLine).toBe(false);
  });

  it('marks the mean and target at their place among the bins', () => {
    expect(binIndex(35, 10, 10)).toBeCloseTo(3, 9);
    expect(binIndex(0, 10, 10)).toBe(-0.5);
    expect(binIndex(100, 10, 10)).toBe(9.5);
    const cfg = histogramConfig({
      title: 'Guesses', lesson: 'L', bars: [{ label: '0–9', count: 2 }, { label: '10–19', count: 5 }], binWidth: 10,
      marks: [{ value: 12, label: 'mean 12', color: '#e69f00' }, { value: 8, label: 'target 8', color: '#009e73' }], locale: AR, countName: 'guesses',
    });
    // A range reads low to high in Arabic too.
    expect(cfg.data.labels).toEqual(['\u2066٠\u200E–\u200E٩\u2069', '\u2066١٠\u200E–\u200E١٩\u2069']);
    expect(cfg.data.datasets[0]!.data).toEqual([2, 5]);
    const marks = Object.values(cfg.options!.plugins!.annotation!.annotations as object) as { value: number; label: { content: string; yAdjust: number } }[];
    expect(marks.map((m) => m.label.content)).toEqual(['mean ١٢', 'target ٨']);
    expect(marks[0]!.value).toBeCloseTo(0.7, 9);
    expect(marks[1]!.label.yAdjust).toBeGreaterThan(marks[0]!.label.yAdjust);
  });

  it('keeps an empty round drawable: bars at zero and a y axis from 0', () => {
    const cfg = histogramConfig({ title: 'Guesses', lesson: '', bars: Array.from({ length: 10 }, (_, i) => ({ label: String(i), count: 0 })), binWidth: 10, marks: [], locale: EN, countName: 'guesses' });
    const y = cfg.options!.scales!.y as { min: number; suggestedMax: number };
    expect(y.min).toBe(0);
    expect(y.suggestedMax).toBeGreaterThan(0);
  });
});
