/**
 * Chart.js on DOM canvases for the debrief and the projector: only the controllers, scales and
 * plugins these charts use are registered (tree-shaken), each chart is filled with an opaque
 * background so its PNG reads on paper and slides, the lesson wraps to the chart's width, tooltips
 * are DOM boxes (crisp at any size, readable by tests), and company charts get a scrollable list of
 * every company that highlights the line clicked.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, SubTitle, Title, Tooltip,
  type ChartConfiguration, type ChartType, type Plugin, type TooltipModel,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { h, setChildren } from '../ui/dom.js';
import { CHART_BG, CHART_FONT, FONT_PX, fontPx, lineChartConfig, wrapWords, type LineChartSpec } from './chartConfig.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Title, SubTitle, Legend, Tooltip, annotationPlugin);

/** Paints the background first: a PNG of a transparent canvas is black text on black in most viewers. */
const background: Plugin = {
  id: 'bcBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = CHART_BG;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** The lesson as lines that fit `width` CSS px at the chart's lesson size. */
function lessonLines(canvas: HTMLCanvasElement, lesson: string, width: number): string[] {
  const ctx = canvas.getContext('2d');
  if (!ctx || !lesson) return lesson ? [lesson] : [];
  ctx.save();
  ctx.font = `${fontPx(FONT_PX.lesson, width)}px ${CHART_FONT}`;
  const lines = wrapWords(lesson, width - 40, (s) => ctx.measureText(s).width);
  ctx.restore();
  return lines;
}

declare global {
  /** Each chart as last drawn, by id: for the browser tests. */
  interface Window { __bcCharts?: Record<string, { ticks: string[]; datasets: number; annotations: string[]; width: number; height: number }> }
}

function expose(id: string, chart: Chart): void {
  const scales = chart.scales as Record<string, { ticks: { label?: string | string[] }[] } | undefined>;
  const ticks = [...(scales.x?.ticks ?? []), ...(scales.y?.ticks ?? [])].map((t) => String(t.label ?? ''));
  const ann = (chart.options.plugins as { annotation?: { annotations?: Record<string, { label?: { content?: string | string[] } }> } } | undefined)?.annotation?.annotations ?? {};
  window.__bcCharts = { ...(window.__bcCharts ?? {}), [id]: { ticks, datasets: chart.data.datasets.length, annotations: Object.values(ann).map((a) => [a.label?.content ?? ''].flat().join(' ')), width: chart.width, height: chart.height } };
}

/** A DOM tooltip next to the pointer, in the page's direction, for one chart. */
function externalTooltip(tip: HTMLElement) {
  return (args: { chart: Chart; tooltip: TooltipModel<ChartType> }): void => {
    const { chart, tooltip } = args;
    if (tooltip.opacity === 0 || tooltip.body.length === 0) {
      tip.style.display = 'none';
      return;
    }
    const rows = tooltip.body.map((b, i) => {
      const c = tooltip.labelColors[i];
      return h('div', {}, h('span', { class: 'swatch', style: `background:${typeof c?.borderColor === 'string' ? c.borderColor : '#fff'}` }), h('bdi', { style: i === 0 ? 'font-weight:700' : '' }, b.lines.join(' ')));
    });
    setChildren(tip, ...tooltip.title.map((line) => h('div', { class: 'muted' }, line)), ...rows);
    tip.style.display = '';
    const x = chart.canvas.offsetLeft + tooltip.caretX;
    const y = chart.canvas.offsetTop + tooltip.caretY;
    const parent = chart.canvas.parentElement?.clientWidth ?? chart.width;
    tip.style.left = `${Math.max(0, Math.min(x + 14, parent - tip.offsetWidth - 4))}px`;
    tip.style.top = `${y + 14}px`;
  };
}

export interface ChartHandle {
  el: HTMLElement;
  canvas: HTMLCanvasElement;
  /** Builds the chart; call once the element is in the document (Chart.js sizes it to its box). */
  draw: () => void;
  /** Redraws with new data (the projector's live histogram). */
  update: (config: ChartConfiguration) => void;
  png: () => string;
  destroy: () => void;
}

/**
 * A chart in a sized box with its DOM tooltip. `height` is the box's CSS height; the canvas fills
 * the box's width (a two-column grid on a wall, the full width on a phone).
 */
export function chartBox(id: string, make: () => ChartConfiguration, lesson: string, height: string): ChartHandle {
  const canvas = h('canvas', { testid: `chart-${id}`, role: 'img' });
  const tip = h('div', { class: 'charttip', testid: `chart-${id}-tip`, style: 'display:none' });
  const box = h('div', { class: 'chartbox', style: `height:${height}` }, canvas, tip);
  let chart: Chart | null = null;
  let wrappedAt = 0;
  /** Our tooltip, background and the lesson wrapped to the box's width, on a fresh config. */
  const prepare = (config: ChartConfiguration): ChartConfiguration => {
    const options = config.options ?? {};
    const plugins = (options.plugins ?? {}) as Record<string, unknown>;
    const tooltip = (plugins.tooltip ?? {}) as Record<string, unknown>;
    const subtitle = plugins.subtitle as { text?: unknown } | undefined;
    wrappedAt = box.clientWidth || 800;
    if (subtitle) subtitle.text = lessonLines(canvas, lesson, wrappedAt);
    config.options = {
      ...options,
      plugins: { ...plugins, tooltip: { ...tooltip, enabled: false, external: externalTooltip(tip) } },
      // A narrower box (a phone turned, a window resized) wraps the lesson again.
      onResize: (c: Chart, size: { width: number }) => {
        if (!subtitle || Math.abs(size.width - wrappedAt) < 40) return;
        wrappedAt = size.width;
        (c.options.plugins as { subtitle: { text: unknown } }).subtitle.text = lessonLines(canvas, lesson, size.width);
        queueMicrotask(() => c.update('none'));
      },
    };
    // What the browser tests read: ticks as drawn, marker labels, size.
    config.plugins = [...(config.plugins ?? []), background, { id: 'bcExpose', afterRender: (c: Chart) => expose(id, c) }];
    return config;
  };
  const build = (config: ChartConfiguration) => {
    chart?.destroy();
    chart = new Chart(canvas, prepare(config));
    // The title and lesson for screen readers: the canvas is one image.
    const title = (config.options?.plugins as { title?: { text?: string | string[] } } | undefined)?.title?.text ?? '';
    canvas.setAttribute('aria-label', `${[title].flat().join(' ')}. ${lesson}`);
  };
  canvas.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  return {
    el: box,
    canvas,
    draw: () => build(make()),
    update: (config) => {
      if (!chart || (chart.config as { type?: string }).type !== config.type) return build(config);
      const next = prepare(config);
      chart.data = next.data;
      chart.options = next.options as typeof chart.options;
      chart.update('none');
    },
    png: () => {
      if (!chart) return canvas.toDataURL('image/png');
      // Drawn again at twice the pixels for the file: a slide or a printout needs more than the screen's.
      const screen = chart.options.devicePixelRatio;
      chart.options.devicePixelRatio = Math.max(2, window.devicePixelRatio || 1);
      chart.resize();
      const url = chart.toBase64Image('image/png');
      chart.options.devicePixelRatio = screen;
      chart.resize();
      return url;
    },
    destroy: () => { chart?.destroy(); chart = null; },
  };
}

/** Saves a data URL through a temporary link. */
export function downloadUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * A company chart with the full list under it: scrollable, every company in its colour, and a
 * click on a name lights its line up (and dims it again) without losing the leaders.
 */
export function companyChart(id: string, spec: LineChartSpec, height: string): ChartHandle & { list: HTMLElement } {
  const picked = new Set<string>(spec.highlight ?? []);
  const handle = chartBox(id, () => lineChartConfig({ ...spec, highlight: [...picked] }), spec.lesson, height);
  const list = h('div', { class: 'chartlegend', testid: `legend-${id}` }, ...spec.series.filter((s) => s.id !== undefined && s.label !== '').map((s) => {
    const item = h('button', { type: 'button', class: 'legenditem', 'aria-pressed': picked.has(s.id!) ? 'true' : 'false', onclick: () => {
      if (picked.has(s.id!)) picked.delete(s.id!);
      else picked.add(s.id!);
      item.setAttribute('aria-pressed', picked.has(s.id!) ? 'true' : 'false');
      handle.update(lineChartConfig({ ...spec, highlight: [...picked] }));
    } }, h('span', { class: 'swatch', style: `background:${s.color}` }), h('bdi', {}, spec.locale.digits(s.label)));
    return item;
  }));
  return { ...handle, list };
}
