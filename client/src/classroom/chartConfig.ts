/**
 * Chart.js configurations for the debrief and the projector, built from plain numbers: no DOM, no
 * chart instance, so the choices that make a chart readable at class size are unit-tested here —
 * type sized for the back of a room, y ranges that survive flat or all-zero data, one colour per
 * company for 40 companies with the leaders highlighted and the rest muted, a legend that names the
 * leaders and counts the others instead of running off the canvas, event markers as labelled
 * vertical lines (chartjs-plugin-annotation), and digits in the reader's script.
 */
import type { ChartConfiguration, ChartDataset, FontSpec, TooltipItem } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import { PLAYER_COLORS } from '../ui/palette.js';

export const CHART_BG = '#0e1320';
const AXIS = '#a7b3c9';
const TEXT = '#e8edf6';
const GRID = 'rgba(60, 75, 105, 0.55)';
const LESSON = '#f0e442';
export const CHART_FONT = 'system-ui, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

/** CSS px at full size (a chart at least `FULL_SIZE_FROM` wide): ≥ 18 px reads from the back of a room on a 1920 × 1080 wall. */
export const FONT_PX = Object.freeze({ title: 26, lesson: 20, tick: 18, legend: 18, marker: 18, tooltip: 18 });
/** Narrower charts (a phone) scale their type down so the plot keeps its room. */
export const FULL_SIZE_FROM = 560;

/** Legend names beyond this many lines: the rest are counted as "others" (40 names do not fit under a chart). */
export const LEGEND_MAX = 8;
/** Companies drawn in full colour on a company chart: the leaders at the end, plus the viewer's own. */
export const HIGHLIGHT_TOP = 5;

/** A font size for a chart `width` CSS px wide. */
export function fontPx(base: number, width: number): number {
  return width >= FULL_SIZE_FROM ? base : Math.max(11, Math.round(base * Math.max(0.62, width / FULL_SIZE_FROM)));
}

function font(base: number, weight: FontSpec['weight'] = 'normal') {
  // Every scriptable context (chart, scale, tick, annotation) reaches the chart through its parents.
  return (ctx: object): Partial<FontSpec> => ({ family: CHART_FONT, size: fontPx(base, (ctx as { chart?: { width: number } }).chart?.width ?? FULL_SIZE_FROM), weight });
}

/**
 * `n` colours that stay apart: the Okabe–Ito palette first (colour-blind safe), then hues spaced
 * by the golden angle at alternating lightness, so 40 companies get 40 different lines.
 */
export function distinctColors(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i < PLAYER_COLORS.length) out.push(PLAYER_COLORS[i]!);
    else {
      const k = i - PLAYER_COLORS.length;
      const hue = Math.round((k * 137.508 + 20) % 360);
      const light = [62, 48, 74][k % 3]!;
      out.push(`hsl(${hue}, ${k % 2 ? 70 : 85}%, ${light}%)`);
    }
  }
  return out;
}

/** The same colour, see-through: muted lines keep their hue (a tooltip still matches them) but step back. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const v = parseInt(hex[1]!, 16);
    return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
  }
  const hsl = /^hsl\((.+)\)$/.exec(color);
  if (hsl) return `hsla(${hsl[1]}, ${alpha})`;
  return color;
}

/** The y range to draw: 0 included when the data is all on one side near it, and never empty. */
export function yRange(values: Iterable<number | null | undefined>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return { lo: 0, hi: 1 };
  if (lo > 0 && lo < hi * 0.5) lo = 0;
  if (hi < 0 && hi > lo * 0.5) hi = 0;
  // Flat data (everyone at the starting cash, a premium of exactly 0) gets a band around it.
  const pad = Math.max(Math.abs(hi), Math.abs(lo)) * 0.02;
  if (hi - lo <= pad) {
    const band = pad || 1;
    return { lo: lo - band, hi: hi + band };
  }
  return { lo, hi };
}

/** Lines no wider than `width` by `measure`, broken at spaces (the lesson under a chart's title). */
export function wrapWords(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export interface LineSeries {
  /** Company id or a fixed key; used to highlight a company across charts. */
  id?: string;
  label: string;
  color: string;
  values: readonly (number | null)[];
  /** Drawn thicker (a class average, the BTC price). */
  bold?: boolean;
  /** Dashed (a reference line such as the equilibrium). */
  dashed?: boolean;
  /** Dots only, no line (individual guesses); left out of the legend. */
  dots?: boolean;
}

export interface ChartMarker {
  /** Position on the x axis (a day, a round). */
  x: number;
  label: string;
  /** A fall (red) or a rise or neutral event (yellow). */
  color?: string;
}

/** How the page reads: digits in its script and right-to-left text. */
export interface ChartLocale {
  rtl: boolean;
  digits: (text: string) => string;
}

export interface LineChartSpec {
  title: string;
  /** One sentence under the title (and in the PNG): what the class should take from the chart. */
  lesson: string;
  xs: readonly number[];
  series: readonly LineSeries[];
  markers?: readonly ChartMarker[];
  /** A marker's place in words ("Day 3"), before its events' names. */
  markerWhere?: (x: number) => string;
  /** Axis and tooltip numbers. */
  format: (v: number) => string;
  /** Word before x values in tooltips and under the axis ("Day", "Round"). */
  xName: string;
  locale: ChartLocale;
  /**
   * Company charts: highlight these series ids (the viewer's company, a name clicked in the list)
   * on top of the leaders; the others are muted and counted in the legend.
   */
  highlight?: readonly string[];
  /** "{n} others" in the page's language. */
  othersLabel?: (n: number) => string;
  /** Said over a chart whose every value is the same ("Every line stays at $0"), given that value formatted. */
  flatNote?: (value: string) => string;
  /** Highlight the leaders at the end (company charts); off for a few named lines. */
  rankLeaders?: boolean;
}

/** The last value of a series that is a number (a company's standing at the end). */
export function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

/** Indices of the series drawn in full colour: the top `top` by their last value, then `extra` ids. */
export function leaders(series: readonly LineSeries[], top: number, extra: readonly string[] = []): Set<number> {
  const ranked = series.map((s, i) => ({ i, v: lastValue(s.values) })).filter((r) => r.v !== null).sort((a, b) => (b.v ?? 0) - (a.v ?? 0) || a.i - b.i);
  const out = new Set(ranked.slice(0, top).map((r) => r.i));
  series.forEach((s, i) => { if (s.id !== undefined && extra.includes(s.id)) out.add(i); });
  return out;
}

/**
 * Markers on the same x merge into one line ("3 crash · fee spike"), and labels of nearby lines
 * step down in rows so they do not print over each other.
 */
export function markerAnnotations(markers: readonly ChartMarker[], locale: ChartLocale, xSpan: number, where?: (x: number) => string): Record<string, AnnotationOptions> {
  const byX = new Map<number, ChartMarker[]>();
  for (const m of markers) byX.set(m.x, [...(byX.get(m.x) ?? []), m]);
  const xs = [...byX.keys()].sort((a, b) => a - b);
  const out: Record<string, AnnotationOptions> = {};
  // A label is ~1/6 of the axis wide: markers closer than that take the next row.
  const near = Math.max(1, xSpan / 6);
  xs.forEach((x, i) => {
    const group = byX.get(x)!;
    const color = group.find((m) => m.color === '#ff6b6b')?.color ?? group[0]?.color ?? '#f0e442';
    const row = xs.slice(0, i).filter((px) => x - px < near).length % 4;
    out[`event${i}`] = {
      type: 'line',
      scaleID: 'x',
      value: x,
      borderColor: color,
      borderWidth: 2,
      borderDash: [8, 6],
      label: {
        display: true,
        content: locale.digits(`${where ? `${where(x)}: ` : ''}${group.map((m) => m.label).join(' · ')}`),
        position: 'start',
        yAdjust: row * 30,
        backgroundColor: 'rgba(14, 19, 32, 0.85)',
        color,
        font: font(FONT_PX.marker, 'bold'),
        padding: 4,
      },
    };
  });
  return out;
}

export type LineConfig = ChartConfiguration<'line', { x: number; y: number | null }[], number>;

function titlePlugins(title: string, lesson: string, rtl: boolean) {
  return {
    title: { display: true, text: title, color: TEXT, font: font(FONT_PX.title, 'bold'), align: rtl ? ('end' as const) : ('start' as const), padding: { top: 6, bottom: 2 } },
    // The lesson: wrapped to the chart's width when drawn (charts.ts); printed into the PNG too.
    subtitle: { display: lesson !== '', text: lesson, color: LESSON, font: font(FONT_PX.lesson), align: rtl ? ('end' as const) : ('start' as const), padding: { bottom: 10 } },
  };
}

/**
 * A number kept left to right inside right-to-left text: the canvas of an Arabic page lays "$53M"
 * out as "53M$" otherwise. An isolate (U+2066 … U+2069) is not enough for Arabic-Indic digits:
 * they count as Arabic numbers, which pull a "$" or the dash of "٠–٩" to their right, so each
 * sign between them is pinned with left-to-right marks (U+200E).
 */
export function ltrNumber(text: string, locale: ChartLocale): string {
  if (!locale.rtl) return text;
  return `\u2066${text.replace(/[^0-9\u0660-\u0669.,\u066B\u066C]/g, (c) => `\u200E${c}\u200E`)}\u2069`;
}

/** The ticks' and grid's common look, numbers through the reader's digits. */
function axis(format: (v: number) => string, locale: ChartLocale, precision?: number) {
  return {
    ticks: { color: AXIS, font: font(FONT_PX.tick), callback: (v: number | string) => ltrNumber(locale.digits(format(Number(v))), locale), ...(precision === undefined ? {} : { precision }) },
    grid: { color: GRID },
    border: { color: AXIS },
  };
}

/** Ticks at the axis ends only when they are whole (a padded axis would label 0.75). */
function axisWithBounds<T extends { ticks: object }>(a: T, includeBounds: boolean): T {
  return { ...a, ticks: { ...a.ticks, includeBounds } };
}

/** The one value every series holds all along, or null when anything moved. */
export function flatValue(series: readonly LineSeries[]): number | null {
  let seen: number | null = null;
  for (const s of series) for (const v of s.values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (seen === null) seen = v;
    else if (v !== seen) return null;
  }
  return seen;
}

/** A flat chart says so in words across its middle: a line on an axis alone reads as "no data". */
function flatAnnotation(spec: LineChartSpec, xMid: number): Record<string, AnnotationOptions> {
  const v = spec.series.length > 0 && spec.flatNote ? flatValue(spec.series) : null;
  if (v === null || !spec.flatNote) return {};
  return {
    flat: {
      type: 'label', xValue: xMid, yValue: v, yAdjust: -34, content: spec.flatNote(ltrNumber(spec.locale.digits(spec.format(v)), spec.locale)),
      color: TEXT, backgroundColor: 'rgba(14, 19, 32, 0.85)', font: font(FONT_PX.marker, 'bold'), padding: 6,
    },
  };
}

/** A line chart over days or rounds: company charts highlight their leaders and count the others. */
export function lineChartConfig(spec: LineChartSpec): LineConfig {
  const { locale } = spec;
  const many = spec.series.filter((s) => !s.dots).length;
  const ranked = spec.rankLeaders ?? many > LEGEND_MAX;
  const lit = ranked ? leaders(spec.series, HIGHLIGHT_TOP, spec.highlight) : new Set(spec.series.map((_, i) => i));
  const range = yRange(spec.series.flatMap((s) => s.values));
  const datasets: ChartDataset<'line', { x: number; y: number | null }[]>[] = spec.series.map((s, i) => {
    const on = lit.has(i);
    const color = on ? s.color : withAlpha(s.color, 0.32);
    return {
      label: s.label,
      data: s.values.map((y, k) => ({ x: spec.xs[k] ?? k, y: y ?? null })),
      borderColor: color,
      backgroundColor: color,
      borderWidth: s.bold ? 4 : on ? 3 : 1.5,
      borderDash: s.dashed ? [10, 8] : [],
      showLine: !s.dots,
      // Points only where they can be told apart: a few lit lines over a few days or rounds.
      pointRadius: s.dots ? 5 : on && lit.size <= LEGEND_MAX && spec.xs.length <= 12 ? 4 : 0,
      pointHoverRadius: 7,
      pointHitRadius: 6,
      spanGaps: false,
      // Chart.js draws higher orders first: highlighted lines over the muted ones, and over the guess cloud.
      order: s.dots ? 2 : on ? 0 : 1,
    };
  });
  const hidden = ranked ? spec.series.length - [...lit].length : 0;
  if (hidden > 0 && spec.othersLabel) {
    // A legend entry with no data: "31 others", in the muted style.
    datasets.push({ label: spec.othersLabel(hidden), data: [], borderColor: 'rgba(167, 179, 201, 0.5)', backgroundColor: 'rgba(167, 179, 201, 0.5)', borderWidth: 1.5, order: 2 });
  }
  const legendShown = (label: string, index: number) =>
    label !== '' && !(spec.series[index]?.dots && index > 0 && spec.series[index - 1]?.dots) && (index >= spec.series.length || lit.has(index));
  const x0 = spec.xs[0] ?? 0;
  const x1 = Math.max(x0 + 1, spec.xs[spec.xs.length - 1] ?? 1);
  // A few rounds or days: a margin so the first and last points (the guess cloud) are not cut in half.
  const xPad = spec.xs.length <= 12 ? 0.25 : 0;
  const named = datasets.filter((d, i) => legendShown(d.label ?? '', i)).length;
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      locale: locale.rtl ? 'ar' : 'en',
      interaction: many > 6 ? { mode: 'nearest', intersect: false, axis: 'xy' } : { mode: 'index', intersect: false },
      layout: { padding: { left: 8, right: 16, bottom: 4 } },
      scales: {
        // Time runs left to right in both languages, as on every chart the students saw in the game.
        x: { type: 'linear', min: x0 - xPad, max: x1 + xPad, ...axisWithBounds(axis((v) => String(Math.round(v)), locale, 0), xPad === 0),
          title: { display: true, text: spec.xName, color: AXIS, font: font(FONT_PX.tick) } },
        y: { type: 'linear', suggestedMin: range.lo, suggestedMax: range.hi, ...axis(spec.format, locale, range.hi - range.lo >= 2 ? 0 : undefined) },
      },
      plugins: {
        ...titlePlugins(spec.title, spec.lesson, locale.rtl),
        legend: {
          display: named > 1,
          position: 'bottom',
          rtl: locale.rtl,
          textDirection: locale.rtl ? 'rtl' : 'ltr',
          labels: {
            color: TEXT, font: font(FONT_PX.legend), boxWidth: 22, boxHeight: 12, padding: 14,
            filter: (item) => legendShown(item.text, item.datasetIndex ?? 0),
          },
        },
        tooltip: {
          rtl: locale.rtl,
          textDirection: locale.rtl ? 'rtl' : 'ltr',
          titleFont: font(FONT_PX.tooltip, 'bold'),
          bodyFont: font(FONT_PX.tooltip),
          // A cloud of 40 guess dots would bury the round's mean and target.
          filter: (item) => !spec.series[item.datasetIndex]?.dots,
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => locale.digits(`${spec.xName} ${items[0]?.parsed.x ?? ''}`.trim()),
            label: (item: TooltipItem<'line'>) => `${locale.digits(item.dataset.label ?? '')}: ${ltrNumber(locale.digits(spec.format(item.parsed.y ?? 0)), locale)}`,
          },
        },
        annotation: { annotations: { ...markerAnnotations(spec.markers ?? [], locale, x1 - x0, spec.markerWhere), ...flatAnnotation(spec, (x0 + x1) / 2) } },
      },
    },
  };
}

export interface BarMark {
  /** A value on the bars' 0–100 axis (a mean, a target). */
  value: number;
  label: string;
  color: string;
}

export interface HistogramSpec {
  title: string;
  lesson: string;
  bars: readonly { label: string; count: number }[];
  /** The width of one bar on the value axis (10 for bins 0–9, 10–19, …). */
  binWidth: number;
  marks: readonly BarMark[];
  locale: ChartLocale;
  /** "guesses" for the y axis and tooltips. */
  countName: string;
}

export type BarConfig = ChartConfiguration<'bar', number[], string>;

/**
 * A value's place on a category axis of bins: bin i is centred on index i, so v sits at
 * v / binWidth − 0.5 (a mean of 33.3 falls a third into the "30–39" bar).
 */
export function binIndex(value: number, binWidth: number, bins: number): number {
  return Math.min(bins - 0.5, Math.max(-0.5, value / binWidth - 0.5));
}

/** The ⅔ histogram: counts per bin, the mean and target as labelled vertical lines. */
export function histogramConfig(spec: HistogramSpec): BarConfig {
  const { locale } = spec;
  const annotations: Record<string, AnnotationOptions> = {};
  spec.marks.forEach((m, i) => {
    annotations[`mark${i}`] = {
      type: 'line', scaleID: 'x', value: binIndex(m.value, spec.binWidth, spec.bars.length), borderColor: m.color, borderWidth: 3, borderDash: [8, 5],
      label: { display: true, content: locale.digits(m.label), position: 'start', yAdjust: i * 30, color: m.color, backgroundColor: 'rgba(14, 19, 32, 0.85)', font: font(FONT_PX.marker, 'bold'), padding: 4 },
    };
  });
  const top = Math.max(1, ...spec.bars.map((b) => b.count));
  return {
    type: 'bar',
    data: {
      labels: spec.bars.map((b) => ltrNumber(locale.digits(b.label), locale)),
      datasets: [{ label: spec.countName, data: spec.bars.map((b) => b.count), backgroundColor: '#56b4e9', borderRadius: 3 }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: locale.rtl ? 'ar' : 'en',
      layout: { padding: { left: 4, right: 12 } },
      scales: {
        // Numbers read left to right even in Arabic (0 on the left), as on a number line.
        x: { type: 'category', ticks: { color: AXIS, font: font(FONT_PX.tick), maxRotation: 0, autoSkip: true }, grid: { display: false }, border: { color: AXIS } },
        // Headroom above the tallest bar for the marks' labels; an empty round still shows 0–1.
        y: { type: 'linear', min: 0, suggestedMax: Math.ceil(top * 1.25) + spec.marks.length, ...axis((v) => String(v), locale, 0) },
      },
      plugins: {
        ...titlePlugins(spec.title, spec.lesson, locale.rtl),
        legend: { display: false },
        tooltip: {
          rtl: locale.rtl,
          textDirection: locale.rtl ? 'rtl' : 'ltr',
          titleFont: font(FONT_PX.tooltip, 'bold'),
          bodyFont: font(FONT_PX.tooltip),
          callbacks: { label: (item: TooltipItem<'bar'>) => locale.digits(`${spec.countName}: ${item.parsed.y}`) },
        },
        annotation: { annotations },
      },
    },
  };
}

/** Rounds of one ⅔ game as the convergence chart draws them. */
export interface ConvergenceRound {
  round: number;
  mean: number | null;
  median: number | null;
  target: number | null;
  /** Every guess of the round, when known (the game on screen). */
  guesses?: readonly number[];
}

export interface ConvergenceNames {
  mean: string;
  median: string;
  target: string;
  equilibrium: string;
  reference: string;
  guesses: string;
}

/**
 * The convergence chart's lines: the class's mean (bold), median and target by round, the
 * equilibrium (dashed), a published reference by round when one exists for this p (dashed), and
 * every guess as a dot cloud.
 */
export function convergenceSeries(rounds: readonly ConvergenceRound[], names: ConvergenceNames, equilibrium: number | null, reference: readonly number[] | null): LineSeries[] {
  const series: LineSeries[] = [
    { id: 'mean', label: names.mean, color: '#E69F00', values: rounds.map((r) => r.mean), bold: true },
    { id: 'median', label: names.median, color: '#56B4E9', values: rounds.map((r) => r.median) },
    { id: 'target', label: names.target, color: '#009E73', values: rounds.map((r) => r.target) },
  ];
  if (equilibrium !== null) series.push({ id: 'eq', label: names.equilibrium, color: '#D9D9D9', values: rounds.map(() => equilibrium), dashed: true });
  if (reference) series.push({ id: 'ref', label: names.reference, color: '#CC79A7', values: rounds.map((r) => reference[r.round - 1] ?? null), dashed: true });
  const most = Math.max(0, ...rounds.map((r) => r.guesses?.length ?? 0));
  for (let k = 0; k < most; k++) {
    series.push({ label: k === 0 ? names.guesses : '', color: 'rgba(240, 228, 66, 0.5)', values: rounds.map((r) => r.guesses?.[k] ?? null), dots: true });
  }
  return series;
}
