/** The market panel's four charts: BTC, hashprice, GPU rent and power price, from the SeriesStore. */
import type Phaser from 'phaser';
import { LineChart } from './LineChart.js';
import type { MarketSeriesKey, SeriesStore } from '../core/SeriesStore.js';
import { SERIES_COLORS } from './palette.js';
import { compact } from '../util/format.js';
import { t } from '../i18n/index.js';

const CHARTS: { key: MarketSeriesKey; title: string; unit: string; color: number; format: (v: number) => string; log?: boolean }[] = [
  { key: 'btcUsd', title: t('chart.btc'), unit: '$', color: SERIES_COLORS.btc, format: (v) => `$${compact(v)}`, log: true },
  { key: 'hashpriceUsdPerPhDay', title: t('chart.hashprice'), unit: t('chart.hashpriceUnit'), color: SERIES_COLORS.hashprice, format: (v) => `$${v.toFixed(1)}` },
  { key: 'gpuRentUsdPerHour', title: t('chart.rent'), unit: t('chart.rentUnit'), color: SERIES_COLORS.rent, format: (v) => `$${v.toFixed(2)}` },
  { key: 'powerUsdPerMwh', title: t('chart.power'), unit: t('chart.powerUnit'), color: SERIES_COLORS.power, format: (v) => `$${v.toFixed(1)}` },
];

export class MarketCharts {
  private readonly charts: LineChart[];
  /** Each chart's box after the last layout (page pixels), for DOM hotspots over the canvas. */
  readonly boxes: { key: MarketSeriesKey; x: number; y: number; w: number; h: number }[] = [];

  constructor(scene: Phaser.Scene, private readonly series: SeriesStore) {
    this.charts = CHARTS.map((c) => new LineChart(scene, { title: c.title, unit: c.unit, format: c.format, log: c.log }));
  }

  /** Lays the charts out 2×2 (or 4×1 when the area is wide and short). */
  layout(x: number, y: number, w: number, h: number): void {
    const wide = w / h > 3.2;
    const cols = wide ? 4 : 2;
    const rows = wide ? 1 : 2;
    const gap = 6;
    const cw = (w - gap * (cols - 1)) / cols;
    const ch = (h - gap * (rows - 1)) / rows;
    this.boxes.length = 0;
    this.charts.forEach((c, i) => {
      const bx = x + (i % cols) * (cw + gap);
      const by = y + Math.floor(i / cols) * (ch + gap);
      c.layout(bx, by, cw, ch);
      const key = CHARTS[i]?.key;
      if (key) this.boxes.push({ key, x: bx, y: by, w: cw, h: ch });
    });
  }

  draw(uptoDay: number, endDay?: number): void {
    const s = this.series;
    this.charts.forEach((c, i) => {
      const spec = CHARTS[i];
      if (!spec) return;
      c.draw([{ days: s.days, values: s.market[spec.key], color: spec.color }], uptoDay, s.days[0] ?? 0, endDay);
    });
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}
