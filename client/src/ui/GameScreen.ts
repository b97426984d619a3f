/**
 * The whole game screen as one widget: DOM columns (top bar, company, actions, ticker) around the
 * Phaser-drawn map and charts. The live Game scene and the Replay scene both build one over their
 * MatchFeed, so a replay looks exactly like the match did.
 */
import type Phaser from 'phaser';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { GameEvent } from '../../../shared/rules/types.js';
import type { MatchFeed } from '../core/MatchFeed.js';
import { siteLoads } from '../core/derive.js';
import { h, mount } from './dom.js';
import { TopBar } from './TopBar.js';
import { CompanyPanel } from './CompanyPanel.js';
import { ActionPanel } from './ActionPanel.js';
import { NewsTicker } from './NewsTicker.js';
import { Banner } from './Banner.js';
import { WorldMap } from './WorldMap.js';
import { GlossaryTip, gloss, type GlossId } from './Glossary.js';
import { MarketCharts } from './MarketCharts.js';
import { t } from '../i18n/index.js';
import type { MessageKey } from '../i18n/en.js';

const HELP: [string, MessageKey][] = [
  ['1–7', 'help.tabs'],
  ['B / G / C', 'help.sites'],
  ['O / I', 'help.hardware'],
  ['L / X', 'help.market'],
  ['T / F', 'help.tender'],
  ['P / N', 'help.contest'],
  ['Space', 'help.pause'],
  ['?', 'help.help'],
];

export class GameScreen {
  readonly root: HTMLElement;
  readonly top: TopBar;
  readonly company: CompanyPanel;
  readonly actions: ActionPanel;
  readonly banner: Banner;
  private readonly ticker = new NewsTicker();
  private readonly center = h('div', { id: 'center' });
  private readonly map: WorldMap;
  private readonly charts: MarketCharts;
  private readonly help: HTMLElement;
  private readonly unmount: () => void;
  private readonly offs: (() => void)[] = [];
  private lastDay = -1;
  /** Everyone sees when the clock is held, not only the host (a quiet map looks like a hang). */
  private readonly glossary: GlossaryTip;
  private readonly pausedFlag = h('div', { class: 'pausedflag', testid: 'paused-flag', style: 'display:none' });
  onHostToggle: () => void = () => undefined;
  /** Share of the centre cell the map takes; the charts get the rest. */
  private mapShare = 0.56;

  constructor(private readonly scene: Phaser.Scene, private readonly feed: MatchFeed, title: string) {
    const send = (a: Parameters<MatchFeed['send']>[0]) => feed.send(a);
    this.top = new TopBar(title);
    this.company = new CompanyPanel(send, feed.canAct);
    this.actions = new ActionPanel(send, feed.canAct);
    this.company.onSelect = (form, values) => this.actions.prefill(form, values);
    this.help = h('div', { class: 'help', style: 'display:none', testid: 'help' }, h('h3', {}, t('help.title')),
      h('table', {}, ...HELP.map(([k, d]) => h('tr', {}, h('td', {}, h('kbd', {}, k ?? '')), h('td', {}, t(d))))));
    this.root = h('div', { class: 'game', testid: 'game-screen' }, this.top.el, this.company.el, this.center, this.actions.el, this.ticker.el, this.help);
    this.root.append(this.pausedFlag);
    this.glossary = new GlossaryTip(this.root);
    this.banner = new Banner(this.root);
    this.unmount = mount(this.root);
    this.map = new WorldMap(scene);
    this.map.onSiteClick = (site) => {
      if (!this.feed.view) return;
      if (site.ownerId === null) this.actions.prefill('buySite', { siteId: site.id });
      else if (site.ownerId === this.feed.view.playerId) this.actions.prefill('installHardware', { siteId: site.id });
    };
    this.charts = new MarketCharts(scene, feed.series);
    this.offs.push(feed.bus.on('view', (v) => this.render(v)));
    this.offs.push(feed.bus.on('events', (e) => this.onEvents(e)));
    const onKey = (e: KeyboardEvent) => this.onKey(e);
    document.addEventListener('keydown', onKey);
    this.offs.push(() => document.removeEventListener('keydown', onKey));
    const onResize = () => this.layout();
    scene.scale.on('resize', onResize);
    this.offs.push(() => scene.scale.off('resize', onResize));
    // On a phone the page scrolls and the map window with it: the canvas follows on the next frame.
    let pending = false;
    const onScroll = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; this.layout(); });
    };
    this.root.addEventListener('scroll', onScroll, { passive: true });
    this.offs.push(() => this.root.removeEventListener('scroll', onScroll));
    // The grid settles after mount; lay out on the next frame too.
    requestAnimationFrame(() => this.layout());
    this.layout();
    if (feed.view) this.render(feed.view);
  }

  /** Map on top, charts below, inside the transparent centre cell of the grid. */
  layout(): void {
    const full = this.center.getBoundingClientRect();
    this.lastRect = `${Math.round(full.left)},${Math.round(full.top)},${Math.round(full.width)},${Math.round(full.height)}`;
    // A bar docked at the top of the centre cell (the replay controls) pushes the map down instead of covering it.
    const dock = this.topDock?.getBoundingClientRect();
    // Only when it sits over the top of the cell (on a phone the bar flows below the map instead).
    const inset = dock && dock.height > 0 && dock.top < full.top + 20 && dock.bottom > full.top ? dock.bottom - full.top + 6 : 0;
    const r = { left: full.left, top: full.top + inset, width: full.width, height: full.height - inset };
    if (r.width < 10 || r.height < 10) return;
    const pad = 6;
    const mapH = Math.round(r.height * this.mapShare);
    this.map.layout(r.left + pad, r.top + pad, r.width - pad * 2, mapH - pad);
    this.charts.layout(r.left + pad, r.top + mapH + pad, r.width - pad * 2, r.height - mapH - pad * 2);
    if (this.feed.view) this.charts.draw(this.feed.view.day);
    this.placeChartHotspots();
  }

  /**
   * A class session: on a phone the lesson comes first (news, then the BTC and rent charts over a
   * smaller map, then the actions) and the company list folds away (style.css, `.classmode`).
   */
  setClassMode(on: boolean): void {
    if (this.root.classList.contains('classmode') === on) return;
    this.root.classList.toggle('classmode', on);
    this.company.foldRivalsOnPhones = on;
    this.mapShare = on && window.matchMedia('(max-width: 700px)').matches ? 0.4 : 0.56;
    requestAnimationFrame(() => this.layout());
  }

  /** The charts are canvas: a transparent strip over each title carries its glossary entry. */
  private readonly chartHotspots = new Map<string, HTMLElement>();

  private placeChartHotspots(): void {
    const ids: Record<string, GlossId> = { btcUsd: 'btc', hashpriceUsdPerPhDay: 'hashprice', gpuRentUsdPerHour: 'gpuRent', powerUsdPerMwh: 'power' };
    for (const b of this.charts.boxes) {
      let el = this.chartHotspots.get(b.key);
      if (!el) {
        el = h('div', { class: 'charthot', testid: `chart-gloss-${b.key}`, ...gloss(ids[b.key] ?? 'btc') });
        this.chartHotspots.set(b.key, el);
        this.root.append(el);
      }
      Object.assign(el.style, { left: `${b.x}px`, top: `${b.y}px`, width: `${b.w}px`, height: `${Math.min(b.h, 26)}px` });
    }
  }

  private lastRect = '';

  /** Re-lays the canvas when the centre cell moved (a flag, a card or the guide pushed it on a phone). */
  private followCenter(): void {
    const r = this.center.getBoundingClientRect();
    const key = `${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)},${Math.round(r.height)}`;
    if (key !== this.lastRect) this.layout();
  }

  private render(view: PlayerView): void {
    this.followCenter();
    this.top.update(view);
    this.company.update(view);
    this.actions.update(view);
    this.ticker.update(view);
    this.banner.onNews(view);
    this.map.update(view, siteLoads(view));
    this.charts.draw(view.day);
    this.lastDay = view.day;
  }

  private onEvents(events: readonly GameEvent[]): void {
    this.banner.onEvents(events, this.feed.view);
    this.actions.activity.onEvents(events, this.feed.view);
    this.map.animate(events);
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (e.key === 'Escape') {
      (document.activeElement as HTMLElement | null)?.blur();
      this.help.style.display = 'none';
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '?') {
      this.help.style.display = this.help.style.display === 'none' ? '' : 'none';
      return;
    }
    if (e.key === ' ') {
      e.preventDefault();
      this.onHostToggle();
      return;
    }
    if (this.feed.canAct && this.actions.shortcut(e.key.toLowerCase())) e.preventDefault();
  }

  private topDock: HTMLElement | null = null;

  /** Docks `el` at the top of the centre cell; the map and charts lay out below it. */
  dockTop(el: HTMLElement): void {
    this.topDock = el;
    el.classList.add('topdock');
    this.root.append(el);
    requestAnimationFrame(() => this.layout());
    this.layout();
  }

  /** Shows or hides the paused flag over the map; `host` adds how to resume. */
  setPaused(paused: boolean, host: boolean): void {
    this.pausedFlag.style.display = paused ? '' : 'none';
    if (paused) this.pausedFlag.replaceChildren(h('b', {}, t('game.paused')), h('small', {}, t(host ? 'game.pausedHost' : 'game.pausedHint')));
    this.followCenter();
  }

  get day(): number {
    return this.lastDay;
  }

  destroy(): void {
    for (const off of this.offs) off();
    this.banner.destroy();
    this.glossary.destroy();
    this.map.destroy();
    this.charts.destroy();
    this.unmount();
  }
}
