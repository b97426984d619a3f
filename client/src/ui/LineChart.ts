/**
 * A line chart drawn with Phaser Graphics: title, unit, y-axis ticks, a day axis and the current
 * value. Several series may share one chart (the results screen's company paths).
 */
import Phaser from 'phaser';
import { dir, localDigits, t } from '../i18n/index.js';

export interface ChartSeries {
  days: readonly number[];
  values: readonly number[];
  color: number;
  label?: string;
}

export interface ChartOptions {
  title: string;
  unit: string;
  format: (v: number) => string;
  /** Log scale suits prices that move by multiples (BTC, NAV). */
  log?: boolean;
}

const AXIS = 0x51607e;
const GRID = 0x222c42;

export class LineChart {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly current: Phaser.GameObjects.Text;
  private readonly ticks: Phaser.GameObjects.Text[] = [];
  /** Each line's label at its last point, when a chart holds several lines. */
  private readonly ends: Phaser.GameObjects.Text[] = [];
  private rect = new Phaser.Geom.Rectangle(0, 0, 100, 100);
  private lastKey = '';
  private readonly rtl: boolean;

  constructor(private readonly scene: Phaser.Scene, private readonly opts: ChartOptions) {
    this.g = scene.add.graphics();
    // Arabic: the title reads from the right edge and the current value moves to the left.
    this.rtl = dir() === 'rtl';
    this.title = scene.add.text(0, 0, `${opts.title} (${opts.unit})`, { fontFamily: 'system-ui, sans-serif', color: '#93a0b8', rtl: this.rtl }).setOrigin(this.rtl ? 1 : 0, 0);
    this.current = scene.add.text(0, 0, '', { fontFamily: 'system-ui, sans-serif', color: '#e8edf6', fontStyle: 'bold' }).setOrigin(this.rtl ? 0 : 1, 0);
    for (let i = 0; i < 6; i += 1) {
      this.ticks.push(scene.add.text(0, 0, '', { fontFamily: 'system-ui, sans-serif', color: '#7d8aa3' }));
    }
  }

  layout(x: number, y: number, w: number, h: number): void {
    this.rect.setTo(x, y, w, h);
    const fs = Math.max(11, Math.min(16, Math.round(h / 11)));
    this.title.setFontSize(fs).setPosition(this.rtl ? x + w - 4 : x + 4, y + 2);
    // Narrow charts (a phone): drop the unit, then shorten, so the title never runs into the current value.
    const room = w - 8 - (fs + 2) * 4.2;
    let text = `${this.opts.title} (${this.opts.unit})`;
    this.title.setText(text);
    if (this.title.width > room) this.title.setText((text = this.opts.title));
    while (this.title.width > room && text.length > 4) this.title.setText(`${(text = text.slice(0, -2))}…`);
    this.current.setFontSize(fs + 2).setPosition(this.rtl ? x + 4 : x + w - 4, y + 1);
    for (const t of this.ticks) t.setFontSize(Math.max(10, fs - 2));
    this.lastKey = '';
  }

  /** Draws points with day ≤ `uptoDay`; skips work when nothing changed. */
  draw(series: readonly ChartSeries[], uptoDay: number, firstDay = 0, lastDay?: number): void {
    const key = `${uptoDay}|${series.map((s) => `${s.values.length}:${s.values[s.values.length - 1] ?? ''}`).join(',')}|${this.rect.width}x${this.rect.height}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const { x, y, width: w, height: h } = this.rect;
    const fs = this.title.style.fontSize ? parseInt(String(this.title.style.fontSize), 10) : 12;
    const plot = new Phaser.Geom.Rectangle(x + fs * 3.6, y + fs * 1.8, w - fs * 3.6 - 8, h - fs * 3.4);
    const g = this.g;
    g.clear();
    g.fillStyle(0x111827, 0.85).fillRoundedRect(x, y, w, h, 6);
    g.lineStyle(1, 0x2c3852, 1).strokeRoundedRect(x, y, w, h, 6);

    let lo = Infinity;
    let hi = -Infinity;
    let maxDay = lastDay ?? firstDay;
    for (const s of series) {
      for (let i = 0; i < s.days.length; i += 1) {
        const d = s.days[i] ?? 0;
        if (d > uptoDay) break;
        const v = s.values[i] ?? 0;
        if (this.opts.log && v <= 0) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        if (lastDay === undefined) maxDay = Math.max(maxDay, d);
      }
    }
    for (const t of this.ticks) t.setVisible(false);
    if (!Number.isFinite(lo)) {
      this.current.setText('–');
      return;
    }
    if (hi - lo < Math.abs(hi) * 0.02 + 1e-9) {
      const pad = Math.abs(hi) * 0.05 || 1;
      // A flat series of non-negative values keeps its axis at or above zero.
      lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
      hi += pad;
    }
    const tf = (v: number) => (this.opts.log ? Math.log(Math.max(v, 1e-9)) : v);
    const tlo = tf(lo);
    const thi = tf(hi);
    const sx = (d: number) => plot.x + ((d - firstDay) / Math.max(1, maxDay - firstDay)) * plot.width;
    const sy = (v: number) => plot.bottom - ((tf(v) - tlo) / (thi - tlo || 1)) * plot.height;

    // Four y gridlines with labels, plus first/last day on the x axis.
    for (let i = 0; i <= 3; i += 1) {
      const tv = tlo + ((thi - tlo) * i) / 3;
      const raw = this.opts.log ? Math.exp(tv) : tv;
      const v = Math.abs(raw) < 1e-6 ? 0 : raw;
      const py = sy(v);
      g.lineStyle(1, GRID, 1).lineBetween(plot.x, py, plot.right, py);
      const t = this.ticks[i];
      if (t) t.setText(localDigits(this.opts.format(v))).setOrigin(1, 0.5).setPosition(plot.x - 4, py).setVisible(true);
    }
    g.lineStyle(1, AXIS, 1).lineBetween(plot.x, plot.y, plot.x, plot.bottom).lineBetween(plot.x, plot.bottom, plot.right, plot.bottom);
    this.ticks[4]?.setText(localDigits(t('chart.day', { day: firstDay }))).setOrigin(0, 0).setPosition(plot.x, plot.bottom + 2).setVisible(true);
    this.ticks[5]?.setText(localDigits(t('chart.day', { day: maxDay }))).setOrigin(1, 0).setPosition(plot.right, plot.bottom + 2).setVisible(true);

    for (const t of this.ends) t.setVisible(false);
    series.forEach((s, si) => {
      g.lineStyle(2, s.color, 1);
      g.beginPath();
      let started = false;
      // Thin the path to about one point per pixel so long matches stay cheap to draw.
      const stride = Math.max(1, Math.floor(s.days.length / Math.max(1, plot.width)));
      let lastX = 0;
      let lastY = 0;
      for (let i = 0; i < s.days.length; i += stride) {
        const d = s.days[i] ?? 0;
        if (d > uptoDay) break;
        const v = s.values[i] ?? 0;
        if (this.opts.log && v <= 0) continue;
        lastX = sx(d);
        lastY = sy(v);
        if (!started) g.moveTo(lastX, lastY);
        else g.lineTo(lastX, lastY);
        started = true;
      }
      g.strokePath();
      if (started) g.fillStyle(s.color, 1).fillCircle(lastX, lastY, 3);
      if (started && s.label && series.length > 1) {
        let t = this.ends[si];
        if (!t) {
          t = this.scene.add.text(0, 0, '', { fontFamily: 'system-ui, sans-serif', fontStyle: 'bold' });
          this.ends[si] = t;
        }
        t.setText(s.label).setFontSize(Math.max(10, fs - 2)).setColor(`#${s.color.toString(16).padStart(6, '0')}`)
          .setOrigin(1, 1).setPosition(lastX - 4, lastY - 2).setVisible(true);
      }
    });
    const main = series[0];
    if (main && series.length === 1) {
      let idx = main.days.length - 1;
      while (idx > 0 && (main.days[idx] ?? 0) > uptoDay) idx -= 1;
      this.current.setText(localDigits(this.opts.format(main.values[idx] ?? 0))).setColor(`#${main.color.toString(16).padStart(6, '0')}`);
    } else {
      this.current.setText('');
    }
  }

  setVisible(v: boolean): void {
    this.g.setVisible(v);
    this.title.setVisible(v);
    this.current.setVisible(v);
    for (const t of this.ticks) t.setVisible(v && t.text !== '');
    for (const t of this.ends) t.setVisible(v && t.text !== '');
  }

  destroy(): void {
    this.g.destroy();
    this.title.destroy();
    this.current.destroy();
    for (const t of this.ticks) t.destroy();
    for (const t of this.ends) t.destroy();
  }
}
