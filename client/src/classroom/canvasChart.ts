/**
 * Small charts drawn on a DOM <canvas> (not Phaser) so each one downloads as a PNG with
 * `toDataURL`: multi-series lines over days, and bar charts. Labels follow the UI direction.
 */
import { compact } from '../util/format.js';
import { dir, localDigits } from '../i18n/index.js';

export interface LineSeries {
  label: string;
  color: string;
  values: readonly (number | null)[];
}

const BG = '#0e1320';
const AXIS = '#93a0b8';
const GRID = 'rgba(60, 75, 105, 0.5)';

function prepare(canvas: HTMLCanvasElement, title: string): { ctx: CanvasRenderingContext2D; w: number; h: number } {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  const w = canvas.width;
  const h = canvas.height;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, w, h);
  ctx.direction = dir();
  ctx.font = '600 15px system-ui, "Noto Sans", "DejaVu Sans", sans-serif';
  ctx.fillStyle = '#e8edf6';
  ctx.textBaseline = 'top';
  ctx.textAlign = dir() === 'rtl' ? 'right' : 'left';
  ctx.fillText(localDigits(title), dir() === 'rtl' ? w - 10 : 10, 8);
  return { ctx, w, h };
}

/** Lines over `xs` (days); a legend along the bottom. */
export function drawLines(canvas: HTMLCanvasElement, title: string, xs: readonly number[], series: readonly LineSeries[]): void {
  const { ctx, w, h } = prepare(canvas, title);
  const left = 62;
  const right = w - 12;
  const top = 34;
  const bottom = h - 46;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of s.values) if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (lo > 0 && lo < hi * 0.5) lo = 0;
  // A flat or nearly flat series (everyone still at the starting cash) gets a visible band around it.
  const pad = Math.max(Math.abs(hi), Math.abs(lo)) * 0.02;
  if (hi - lo < pad) {
    lo -= pad || 1;
    hi += pad || 1;
  }
  const x0 = xs[0] ?? 0;
  const x1 = Math.max(x0 + 1, xs[xs.length - 1] ?? 1);
  const sx = (x: number) => left + ((x - x0) / (x1 - x0)) * (right - left);
  const sy = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  ctx.font = '12px system-ui, "Noto Sans", "DejaVu Sans", sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.direction = 'ltr';
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    const y = sy(v);
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = AXIS;
    ctx.fillText(localDigits(compact(v)), left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let i = 0; i <= 4; i++) {
    const x = x0 + ((x1 - x0) * i) / 4;
    ctx.fillText(localDigits(String(Math.round(x))), sx(x), bottom + 4);
  }
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { pen = false; return; }
      const x = sx(xs[i] ?? i);
      const y = sy(v);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    });
    ctx.stroke();
  }
  ctx.lineWidth = 1;
  legend(ctx, series, w, h);
}

function legend(ctx: CanvasRenderingContext2D, items: readonly { label: string; color: string }[], w: number, h: number): void {
  const rtl = dir() === 'rtl';
  ctx.direction = dir();
  ctx.textBaseline = 'middle';
  ctx.textAlign = rtl ? 'right' : 'left';
  let x = rtl ? w - 12 : 12;
  const y = h - 14;
  for (const it of items) {
    const text = localDigits(it.label);
    const width = ctx.measureText(text).width;
    ctx.fillStyle = it.color;
    ctx.fillRect(rtl ? x - 10 : x, y - 5, 10, 10);
    ctx.fillStyle = '#e8edf6';
    ctx.fillText(text, rtl ? x - 14 : x + 14, y);
    x += (rtl ? -1 : 1) * (width + 30);
  }
}

/** Vertical bars with a label under each and the count on top; `marks` draws vertical lines at bar positions (0–1 across). */
export function drawBars(canvas: HTMLCanvasElement, title: string, bars: readonly { label: string; count: number; color?: string }[], marks: readonly { at: number; label: string; color: string }[] = []): void {
  const { ctx, w, h } = prepare(canvas, title);
  const left = 16;
  const right = w - 16;
  const top = 34 + marks.length * 16;
  const bottom = h - 30;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const bw = (right - left) / Math.max(1, bars.length);
  const rtl = dir() === 'rtl';
  ctx.direction = 'ltr';
  ctx.textAlign = 'center';
  ctx.font = '12px system-ui, "Noto Sans", "DejaVu Sans", sans-serif';
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
      ctx.fillStyle = '#e8edf6';
      ctx.textBaseline = 'bottom';
      ctx.fillText(localDigits(String(b.count)), x + bw / 2, bottom - bh - 2);
    }
  });
  ctx.font = '600 13px system-ui, "Noto Sans", "DejaVu Sans", sans-serif';
  marks.forEach((m, i) => {
    const x = left + m.at * (right - left);
    ctx.strokeStyle = m.color;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, 34 + i * 16 + 2);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = m.color;
    ctx.textBaseline = 'bottom';
    ctx.direction = dir();
    ctx.textAlign = rtl ? 'right' : 'left';
    // Labels stack above the bars, one line per mark, so mean and target never overlap.
    ctx.fillText(localDigits(m.label), x + (rtl ? -4 : 4), 34 + (i + 1) * 16 - 2);
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
