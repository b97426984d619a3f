/**
 * Charts drawn on a DOM <canvas> (not Phaser) so each one downloads as a PNG with `toDataURL`:
 * multi-series lines over days, and bar charts. No maintained charting library is installed
 * (chart.js, uPlot, echarts: none in node_modules), and adding one is a dependency change, so this
 * module covers what the debrief needs itself: type sized for a projector, ranges that survive flat
 * or all-zero data, event markers, a legend that wraps for 40 companies with 40 distinct colours,
 * the chart's lesson printed into the PNG, localised digits, and hover tooltips.
 */
import { compact } from '../util/format.js';
import { dir, localDigits } from '../i18n/index.js';
import { PLAYER_COLORS } from '../ui/palette.js';

export interface LineSeries {
  label: string;
  color: string;
  values: readonly (number | null)[];
  /** Drawn thicker (a class average, the BTC price). */
  bold?: boolean;
  /** Dashed (a reference line such as the equilibrium). */
  dashed?: boolean;
  /** Dots only, no line (individual guesses). */
  dots?: boolean;
}

export interface ChartMarker {
  /** Position on the x axis (a day, a round). */
  x: number;
  label: string;
  color?: string;
}

export interface LineChartOptions {
  markers?: readonly ChartMarker[];
  /** One sentence printed under the chart (and into its PNG): what the class should take from it. */
  lesson?: string;
  /** Axis and tooltip numbers (default: compact, $-free). */
  format?: (v: number) => string;
  /** Word before x values in tooltips ("Day", "Round"). */
  xName?: string;
}

const BG = '#0e1320';
const AXIS = '#a7b3c9';
const TEXT = '#e8edf6';
const GRID = 'rgba(60, 75, 105, 0.55)';
const FONT = 'system-ui, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

/** Canvas width the debrief draws at: about 1.3 canvas pixels per CSS pixel in a two-column grid on a 1920-wide projector. */
export const CHART_WIDTH = 1200;
const PLOT_HEIGHT = 500;

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

interface Geometry {
  xs: readonly number[];
  series: readonly LineSeries[];
  left: number;
  right: number;
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  lo: number;
  hi: number;
  format: (v: number) => string;
  xName: string;
}

const geometry = new WeakMap<HTMLCanvasElement, Geometry>();

/** The y range to draw: 0 included when the data is all on one side near it, and never empty. */
export function yRange(values: Iterable<number | null>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
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

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) at least `raw`: y ticks people can read at a glance. */
export function niceRealStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  let mag = 1;
  while (mag > raw) mag /= 10;
  while (mag * 10 <= raw) mag *= 10;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw - 1e-12) return m * mag;
  return 10 * mag;
}

/** A whole step of 1, 2 or 5 × 10ⁿ at least `raw` (x ticks on whole days and rounds). */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  let mag = 1;
  while (mag * 10 <= raw) mag *= 10;
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function font(px: number, weight = 400): string {
  return `${weight} ${px}px ${FONT}`;
}

/** Lines of text no wider than `width`, broken at spaces. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The direction of a text's first strong character (Arabic or Hebrew script → rtl). */
export function strongDir(text: string): 'ltr' | 'rtl' {
  const m = /[A-Za-z\u00C0-\u024F\u0590-\u08FF]/.exec(text);
  return m && /[\u0590-\u08FF]/.test(m[0]) ? 'rtl' : 'ltr';
}

const ellipsis = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Lines over `xs` (days or rounds), with a wrapping legend, event markers and the lesson underneath. */
export function drawLines(canvas: HTMLCanvasElement, title: string, xs: readonly number[], series: readonly LineSeries[], opts: LineChartOptions = {}): void {
  const w = CHART_WIDTH;
  const rtl = dir() === 'rtl';
  const measure = canvas.getContext('2d');
  if (!measure) throw new Error('2D canvas unavailable');
  // Legend and lesson sizes first: the canvas grows to hold them (40 companies need several rows).
  measure.font = font(18);
  // Unlabelled series (a cloud of individual guesses after its first) stay out of the legend.
  const named = series.filter((s) => s.label !== '');
  const labels = named.map((s) => localDigits(ellipsis(s.label, 28)));
  const colWidth = Math.max(120, ...labels.map((l) => measure.measureText(l).width + 34));
  const cols = Math.max(1, Math.floor((w - 24) / colWidth));
  const legendRows = named.length > 1 ? Math.ceil(named.length / cols) : 0;
  measure.font = font(19, 400);
  const lessonLines = opts.lesson ? wrap(measure, localDigits(opts.lesson), w - 40) : [];
  const h = PLOT_HEIGHT + legendRows * 26 + (legendRows ? 10 : 0) + lessonLines.length * 26 + (lessonLines.length ? 14 : 0);
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, w, h);
  ctx.direction = dir();
  ctx.font = font(26, 700);
  ctx.fillStyle = TEXT;
  ctx.textBaseline = 'top';
  ctx.textAlign = rtl ? 'right' : 'left';
  ctx.fillText(localDigits(title), rtl ? w - 16 : 16, 12);

  const format = opts.format ?? ((v: number) => compact(v));
  const markers = opts.markers ?? [];
  const markerRows = Math.min(3, markers.length);
  const left = 96;
  const right = w - 24;
  const top = 56 + markerRows * 24;
  const bottom = PLOT_HEIGHT - 44;
  const raw = yRange(series.flatMap((s) => s.values));
  const yStep = niceRealStep((raw.hi - raw.lo) / 4);
  const lo = Math.floor(raw.lo / yStep + 1e-9) * yStep;
  const hi = Math.ceil(raw.hi / yStep - 1e-9) * yStep;
  const x0 = xs[0] ?? 0;
  const x1 = Math.max(x0 + 1, xs[xs.length - 1] ?? 1);
  const sx = (x: number) => left + ((x - x0) / (x1 - x0)) * (right - left);
  const sy = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);

  // Axes read left to right in both languages (time runs that way on every chart the students saw).
  ctx.direction = 'ltr';
  ctx.font = font(20);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let v = lo; v <= hi + yStep * 1e-6; v += yStep) {
    const y = sy(v);
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = AXIS;
    ctx.fillText(localDigits(format(v)), left - 10, y);
  }
  if (lo < 0 && hi > 0) {
    ctx.strokeStyle = AXIS;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(left, sy(0));
    ctx.lineTo(right, sy(0));
    ctx.stroke();
    ctx.lineWidth = 1;
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const step = niceStep((x1 - x0) / 6);
  for (let x = Math.ceil(x0 / step) * step; x <= x1 + 1e-9; x += step) ctx.fillText(localDigits(String(Math.round(x))), sx(x), bottom + 8);

  markers.forEach((m, i) => {
    const x = sx(m.x);
    const row = i % Math.max(1, markerRows);
    ctx.strokeStyle = m.color ?? '#ff6b6b';
    ctx.lineWidth = 2;
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.moveTo(x, 56 + row * 24 + 20);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
    ctx.fillStyle = m.color ?? '#ff6b6b';
    ctx.font = font(17, 600);
    ctx.textBaseline = 'top';
    ctx.direction = dir();
    // Labels run away from the right edge so the last event's label stays on the chart.
    const towardsLeft = x > (left + right) / 2;
    ctx.textAlign = towardsLeft ? 'right' : 'left';
    const text = localDigits(ellipsis(m.label, 38));
    ctx.direction = strongDir(text);
    ctx.fillText(text, x + (towardsLeft ? -6 : 6), 56 + row * 24);
    ctx.direction = 'ltr';
  });

  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = s.bold ? 4 : series.length > 12 ? 2 : 2.5;
    ctx.setLineDash(s.dashed ? [10, 8] : []);
    ctx.beginPath();
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { pen = false; return; }
      const x = sx(xs[i] ?? i);
      const y = sy(v);
      if (s.dots) {
        ctx.moveTo(x + 4, y);
        ctx.arc(x, y, 4, 0, Math.PI * 2);
        return;
      }
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    });
    if (s.dots) ctx.fill();
    else ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.lineWidth = 1;

  // Legend: a grid, reading order follows the language.
  ctx.font = font(18);
  ctx.textBaseline = 'middle';
  ctx.direction = dir();
  ctx.textAlign = rtl ? 'right' : 'left';
  if (legendRows) {
    named.forEach((s, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      const y = PLOT_HEIGHT + 6 + row * 26;
      const x = rtl ? w - 12 - col * colWidth : 12 + col * colWidth;
      ctx.fillStyle = s.color;
      ctx.fillRect(rtl ? x - 14 : x, y - 7, 14, 14);
      ctx.fillStyle = TEXT;
      // Each name in its own direction ("Student S03" stays LTR inside an Arabic legend).
      ctx.direction = strongDir(labels[i]!);
      ctx.fillText(labels[i]!, rtl ? x - 20 : x + 20, y);
    });
  }
  if (lessonLines.length) {
    ctx.font = font(19, 400);
    ctx.fillStyle = '#f0e442';
    ctx.textBaseline = 'top';
    const y0 = PLOT_HEIGHT + legendRows * 26 + (legendRows ? 14 : 0);
    lessonLines.forEach((line, i) => ctx.fillText(line, rtl ? w - 20 : 20, y0 + i * 26));
  }
  geometry.set(canvas, { xs, series, left, right, top, bottom, x0, x1, lo, hi, format, xName: opts.xName ?? '' });
}

/**
 * What a hover at canvas point (x, y) shows: the nearest x, and the series there sorted by their
 * distance from the pointer (the nearest first), at most `max`.
 */
export function tooltipAt(canvas: HTMLCanvasElement, x: number, y: number, max = 6): { x: number; rows: { label: string; color: string; value: number }[] } | null {
  const g = geometry.get(canvas);
  if (!g || x < g.left - 10 || x > g.right + 10 || y < g.top - 20 || y > g.bottom + 10) return null;
  const xv = g.x0 + ((x - g.left) / (g.right - g.left)) * (g.x1 - g.x0);
  let best = 0;
  for (let i = 0; i < g.xs.length; i++) if (Math.abs((g.xs[i] ?? i) - xv) < Math.abs((g.xs[best] ?? best) - xv)) best = i;
  const yv = g.lo + ((g.bottom - y) / (g.bottom - g.top)) * (g.hi - g.lo);
  const rows = g.series
    .map((s) => ({ label: s.label, color: s.color, value: s.values[best] }))
    .filter((r): r is { label: string; color: string; value: number } => r.value !== null && r.value !== undefined && Number.isFinite(r.value))
    .sort((a, b) => Math.abs(a.value - yv) - Math.abs(b.value - yv))
    .slice(0, max);
  return { x: g.xs[best] ?? best, rows };
}

/** Hover tooltips on a chart drawn by `drawLines`: the nearest day and the nearest lines' values. */
export function attachTooltip(canvas: HTMLCanvasElement): HTMLElement {
  const tip = document.createElement('div');
  tip.className = 'charttip';
  tip.setAttribute('data-testid', `${canvas.getAttribute('data-testid') ?? 'chart'}-tip`);
  tip.style.display = 'none';
  const hide = () => (tip.style.display = 'none');
  canvas.addEventListener('mouseleave', hide);
  canvas.addEventListener('mousemove', (ev) => {
    const rect = canvas.getBoundingClientRect();
    const scale = canvas.width / rect.width;
    const at = tooltipAt(canvas, (ev.clientX - rect.left) * scale, (ev.clientY - rect.top) * scale);
    const g = geometry.get(canvas);
    if (!at || !g || at.rows.length === 0) return hide();
    tip.replaceChildren();
    const head = document.createElement('div');
    head.className = 'muted';
    head.textContent = localDigits(`${g.xName} ${at.x}`.trim());
    tip.append(head);
    at.rows.forEach((r, i) => {
      const line = document.createElement('div');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = r.color;
      const text = document.createElement('span');
      text.textContent = localDigits(`${r.label}: ${g.format(r.value)}`);
      if (i === 0) text.style.fontWeight = '700';
      line.append(sw, text);
      tip.append(line);
    });
    tip.style.display = '';
    const parent = canvas.parentElement?.getBoundingClientRect() ?? rect;
    tip.style.left = `${Math.min(ev.clientX - parent.left + 14, parent.width - 260)}px`;
    tip.style.top = `${ev.clientY - parent.top + 14}px`;
  });
  return tip;
}

function prepare(canvas: HTMLCanvasElement, title: string, scale: number): { ctx: CanvasRenderingContext2D; w: number; h: number } {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  const w = canvas.width;
  const h = canvas.height;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, w, h);
  ctx.direction = dir();
  ctx.font = font(Math.round(15 * scale), 600);
  ctx.fillStyle = TEXT;
  ctx.textBaseline = 'top';
  ctx.textAlign = dir() === 'rtl' ? 'right' : 'left';
  ctx.fillText(localDigits(title), dir() === 'rtl' ? w - 10 : 10, 8);
  return { ctx, w, h };
}

/** Vertical bars with a label under each and the count on top; `marks` draws vertical lines at bar positions (0–1 across). */
export function drawBars(canvas: HTMLCanvasElement, title: string, bars: readonly { label: string; count: number; color?: string }[], marks: readonly { at: number; label: string; color: string }[] = []): void {
  // Type grows with the canvas: the projector's histogram is drawn larger than the phone's.
  const scale = Math.max(1, canvas.width / 560);
  const { ctx, w, h } = prepare(canvas, title, scale);
  const line = Math.round(16 * scale);
  const left = 16;
  const right = w - 16;
  const top = 34 * scale + marks.length * line;
  const bottom = h - 30 * scale;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const bw = (right - left) / Math.max(1, bars.length);
  const rtl = dir() === 'rtl';
  ctx.direction = 'ltr';
  ctx.textAlign = 'center';
  ctx.font = font(Math.round(12 * scale));
  bars.forEach((b, i) => {
    // Numbers read left to right even in Arabic (0 on the left), as on a number line.
    const x = left + i * bw;
    const bh = (b.count / max) * (bottom - top);
    ctx.fillStyle = b.color ?? '#56b4e9';
    ctx.fillRect(x + 3, bottom - bh, bw - 6, bh);
    ctx.fillStyle = AXIS;
    ctx.textBaseline = 'top';
    ctx.fillText(localDigits(b.label), x + bw / 2, bottom + 5);
    if (b.count > 0) {
      ctx.fillStyle = TEXT;
      ctx.textBaseline = 'bottom';
      ctx.fillText(localDigits(String(b.count)), x + bw / 2, bottom - bh - 2);
    }
  });
  ctx.font = font(Math.round(13 * scale), 600);
  marks.forEach((m, i) => {
    const x = left + m.at * (right - left);
    ctx.strokeStyle = m.color;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, 34 * scale + i * line + 2);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = m.color;
    ctx.textBaseline = 'bottom';
    ctx.direction = dir();
    ctx.textAlign = rtl ? 'right' : 'left';
    // Labels stack above the bars, one line per mark, so mean and target never overlap.
    ctx.fillText(localDigits(m.label), x + (rtl ? -4 : 4), 34 * scale + (i + 1) * line - 2);
    ctx.direction = 'ltr';
    ctx.textAlign = 'center';
  });
  ctx.lineWidth = 1;
}

/** Saves the canvas as a PNG through a temporary link. */
export function downloadPng(canvas: HTMLCanvasElement, filename: string): void {
  const a = document.createElement('a');
  a.href = canvas.toDataURL('image/png');
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}
