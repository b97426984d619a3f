/** Each company's path (NAV and market cap over the days), one coloured line per company. */
import type Phaser from 'phaser';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { SeriesStore } from '../core/SeriesStore.js';
import { LineChart } from './LineChart.js';
import { playerColorInt, seatLetter } from './palette.js';
import { compact } from '../util/format.js';
import { t } from '../i18n/index.js';

export class PathCharts {
  private readonly nav: LineChart;
  private readonly mcap: LineChart;

  constructor(scene: Phaser.Scene, private series: SeriesStore) {
    const format = (v: number) => `$${compact(v)}`;
    this.mcap = new LineChart(scene, { title: t('chart.mcap'), unit: '$', format, log: true });
    this.nav = new LineChart(scene, { title: t('chart.nav'), unit: '$', format, log: true });
  }

  layout(x: number, y: number, w: number, h: number): void {
    const gap = 8;
    this.mcap.layout(x, y, w, (h - gap) / 2);
    this.nav.layout(x, y + (h + gap) / 2, w, (h - gap) / 2);
  }

  /** Swaps in a fuller series (the re-simulated replay covers days this client never saw). */
  setSeries(series: SeriesStore): void {
    this.series = series;
  }

  draw(view: PlayerView): void {
    const lines = (key: 'nav' | 'mcap') => view.players.flatMap((p) => {
      const s = this.series.players.get(p.id);
      return s ? [{ days: s.days, values: s[key], color: playerColorInt(p.colorIndex), label: seatLetter(p.colorIndex) }] : [];
    });
    this.mcap.draw(lines('mcap'), view.day);
    this.nav.draw(lines('nav'), view.day);
  }

  destroy(): void {
    this.nav.destroy();
    this.mcap.destroy();
  }
}
