/** Results: both rankings side by side, every company's path, the contest history and the meters. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import type { ReplayFile } from '../../../shared/rules/replay.js';
import { h, mount } from '../ui/dom.js';
import { contestTable, lesson, metersTable, placement, rankings } from '../ui/Rankings.js';
import { PathCharts } from '../ui/PathCharts.js';
import { serverEndpoint } from '../net/protocol.js';
import { ReplayPlayer } from '../replay/ReplayPlayer.js';
import { scenarioName, t } from '../i18n/index.js';

export class ResultsScene extends Phaser.Scene {
  constructor() {
    super(SCENES.results);
  }

  create(): void {
    this.replay = null;
    const net = this.registry.get(REG.net) as NetworkService;
    const view = net.view;
    const status = h('div', { class: 'status', testid: 'results-status' });
    const chartArea = h('div', { style: 'flex:1;min-height:0', testid: 'results-charts' });
    const code = net.roomCode;
    const standings = net.ended?.standings;
    const rows = view ? view.players.map((p) => {
      const s = standings?.find((x) => x.playerId === p.id);
      return s ? { ...p, navUsd: s.navUsd, marketCapUsd: s.marketCapUsd, multiple: s.multiple, bankrupt: s.bankrupt, scoreMarketUsd: s.scoreMarketUsd ?? p.scoreMarketUsd, scoreNavUsd: s.scoreNavUsd ?? p.scoreNavUsd } : p;
    }) : [];
    const panel = h('div', { class: 'side results', testid: 'results' },
      h('h1', {}, t('results.title')),
      // The state hash is for bot authors checking a replay: a tooltip, not a line players must read.
      h('div', { class: 'muted', title: net.ended?.stateHash ? t('results.hash', { hash: net.ended.stateHash }) : '' }, t('results.line', { code, scenario: scenarioName(view?.scenarioId ?? net.welcome?.scenario.id ?? '', net.welcome?.scenario.name ?? view?.scenarioId ?? ''), day: net.ended?.finalDay ?? view?.day ?? 0 })),
      placement(rows, view?.playerId ?? ''),
      lesson(rows),
      rankings(rows, view?.playerId ?? ''),
      h('div', { class: 'cols' }, view ? contestTable(view) : null, view ? metersTable(view) : null),
      h('div', { class: 'row' },
        h('button', { class: 'primary', testid: 'watch-replay', onclick: () => void this.openReplay(code, status) }, t('results.watch')),
        h('a', { href: `${serverEndpoint().http}/api/matches/${code}/replay.json`, download: `${code}.replay.json`, style: 'color:#56b4e9' }, t('results.download')),
        h('button', { testid: 'back-title', onclick: () => void net.leave().then(() => this.scene.start(SCENES.title)) }, t('results.back'))),
      status);
    const right = h('div', { class: 'resultscharts' }, chartArea);
    const unmount = [mount(panel), mount(right)];
    const charts = new PathCharts(this, net.series);
    const layout = () => {
      const r = chartArea.getBoundingClientRect();
      charts.layout(r.left + 10, r.top + 10, r.width - 20, r.height - 20);
      if (view) charts.draw(view);
    };
    requestAnimationFrame(layout);
    // The paths this client saw start when it joined (or reloaded): the finished match's replay,
    // re-simulated here, has every company from day 0.
    void this.loadReplay(code).then((file) => {
      if (!file || !view || !this.scene.isActive()) return;
      const player = new ReplayPlayer();
      player.load(file);
      charts.setSeries(player.series);
      charts.draw(view);
      this.replay = file;
    }).catch(() => undefined);
    this.scale.on('resize', layout);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off('resize', layout);
      charts.destroy();
      unmount.forEach((f) => f());
    });
  }

  private replay: ReplayFile | null = null;

  private async loadReplay(code: string): Promise<ReplayFile | null> {
    const res = await fetch(`${serverEndpoint().http}/api/matches/${code}/replay.json`);
    if (!res.ok) throw new Error(`${res.status}`);
    return (await res.json()) as ReplayFile;
  }

  private async openReplay(code: string, status: HTMLElement): Promise<void> {
    status.textContent = t('results.loading');
    try {
      const file = this.replay ?? (await this.loadReplay(code));
      this.scene.start(SCENES.replay, { file, back: SCENES.results });
    } catch (e) {
      status.textContent = t('results.loadFailed', { message: (e as Error).message });
      status.className = 'status err';
    }
  }
}
