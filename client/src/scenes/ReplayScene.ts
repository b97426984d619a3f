/**
 * Replay viewer: opens a ReplayFile (drag-drop, file picker, `?replay=URL`, or handed over by the
 * results screen), re-simulates it in the browser with the shared engine and plays it back with
 * pause, speed, a day scrubber and a choice of whose private view to show.
 */
import Phaser from 'phaser';
import { SCENES } from '../keys.js';
import type { ReplayFile } from '../../../shared/rules/replay.js';
import { ReplayPlayer } from '../replay/ReplayPlayer.js';
import { GameScreen } from '../ui/GameScreen.js';
import { h, mount } from '../ui/dom.js';
import { drawBackdrop } from '../ui/Backdrop.js';
import { debugSet } from '../core/debug.js';
import { localDigits, t } from '../i18n/index.js';

const SPEEDS = [1, 2, 5, 10, 20, 50];

export class ReplayScene extends Phaser.Scene {
  private player: ReplayPlayer | null = null;
  private scrubber: HTMLInputElement | null = null;
  private dayLabel: HTMLElement | null = null;
  private playBtn: HTMLButtonElement | null = null;
  private status: () => void = () => undefined;

  constructor() {
    super(SCENES.replay);
  }

  /** Where Exit goes: the results screen that opened the replay, else the title. */
  private back: string = SCENES.title;

  create(data: { file?: ReplayFile; back?: string }): void {
    this.back = data?.back ?? SCENES.title;
    const cleanup: (() => void)[] = [];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      cleanup.forEach((f) => f());
      this.player = null;
    });
    const url = new URLSearchParams(window.location.search).get('replay');
    if (data?.file) return this.start(data.file, cleanup);
    const backdrop = drawBackdrop(this);
    const status = h('div', { class: 'status', testid: 'replay-status' });
    const picker = h('input', { type: 'file', accept: '.json,application/json', testid: 'replay-file' });
    const zone = h('div', { class: 'dropzone', testid: 'replay-drop' }, t('replay.drop'));
    const card = h('div', { class: 'card', style: 'width:min(620px,94vw)', testid: 'replay-open' },
      h('h2', {}, t('replay.title')), zone, h('div', { class: 'row' }, picker), status,
      h('div', { class: 'row' }, h('button', { onclick: () => this.scene.start(SCENES.title) }, t('replay.back'))));
    const unmount = mount(card);
    const close = () => {
      unmount();
      backdrop();
    };
    cleanup.push(close);
    const accept = async (text: Promise<string>) => {
      status.textContent = t('replay.resim');
      status.className = 'status';
      try {
        const file = JSON.parse(await text) as ReplayFile;
        close();
        cleanup.splice(cleanup.indexOf(close), 1);
        this.start(file, cleanup);
      } catch (e) {
        status.textContent = t('replay.openFailed', { message: (e as Error).message });
        status.className = 'status err';
      }
    };
    picker.addEventListener('change', () => { const f = picker.files?.[0]; if (f) void accept(f.text()); });
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('hot'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('hot'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('hot');
      const f = e.dataTransfer?.files[0];
      if (f) void accept(f.text());
    });
    if (url) void accept(fetch(url).then((r) => { if (!r.ok) throw new Error(`${url}: ${r.status}`); return r.text(); }));
  }

  private start(file: ReplayFile, cleanup: (() => void)[]): void {
    const player = new ReplayPlayer();
    let summary;
    try {
      summary = player.load(file);
    } catch (e) {
      const card = h('div', { class: 'card status err', testid: 'replay-error' }, (e as Error).message, h('div', { class: 'row' }, h('button', { onclick: () => this.scene.restart({}) }, t('replay.back'))));
      cleanup.push(mount(card));
      return;
    }
    this.player = player;
    const screen = new GameScreen(this, player, t('replay.name'));
    cleanup.push(() => screen.destroy());
    this.scrubber = h('input', { type: 'range', min: 0, max: player.lastDay, value: 0, step: 1, testid: 'replay-scrubber', style: 'width:14em' });
    this.scrubber.addEventListener('input', () => player.seek(Number(this.scrubber?.value ?? 0)));
    this.playBtn = h('button', { type: 'button', class: 'primary', testid: 'replay-play', onclick: () => this.toggle() }, t('replay.play'));
    const speed = h('select', { testid: 'replay-speed', onchange: () => { player.daysPerSecond = Number(speed.value); } }, ...SPEEDS.map((s) => h('option', { value: s }, t('unit.dps', { n: s }))));
    speed.value = String(player.daysPerSecond);
    const viewer = h('select', { testid: 'replay-viewer', title: t('replay.viewerTitle'), onchange: () => player.setViewer(viewer.value || null) },
      h('option', { value: '' }, t('replay.public')), ...(player.room?.seats ?? []).map((s) => h('option', { value: s.id }, s.name)));
    viewer.value = player.viewerId ?? '';
    this.dayLabel = h('span', { testid: 'replay-day', class: 'num', style: 'min-width:6em' });
    // The engine is bit-exact across JS engines (detMath), so a differing hash means an edited file or
    // other rules: say so, and still play what the file holds.
    const hashNote = summary.hashMatches === null ? '' : summary.hashMatches ? t('replay.hashOk') : t('replay.hashDiffers');
    // The control bar docks above the map (the top bar is full of figures already).
    const bar = h('div', { class: 'replaybar', testid: 'replay-bar' }, this.playBtn, speed, this.scrubber, this.dayLabel, viewer,
      h('span', { class: 'muted', testid: 'replay-summary' }, `${t('replay.summary', { players: summary.players, days: summary.days, rejected: summary.rejected })}${hashNote}`),
      h('button', { type: 'button', testid: 'replay-exit', onclick: () => this.scene.start(this.back, {}) }, t(this.back === SCENES.results ? 'replay.exitResults' : 'replay.exit')));
    screen.dockTop(bar);
    this.status = () => screen.top.status(player.room ? { ...player.room, status: player.playing ? 'running' : 'paused', daysPerSecond: player.daysPerSecond } : null, 'offline');
    screen.onHostToggle = () => this.toggle();
    debugSet('view', player.view);
    const off = player.bus.on('view', (v) => debugSet('view', v));
    cleanup.push(off);
    this.syncControls();
  }

  private toggle(): void {
    const p = this.player;
    if (!p) return;
    if (!p.playing && p.day >= p.lastDay) p.seek(0);
    p.playing = !p.playing;
    this.syncControls();
  }

  private syncControls(): void {
    const p = this.player;
    if (!p) return;
    if (this.scrubber && document.activeElement !== this.scrubber) this.scrubber.value = String(p.day);
    if (this.dayLabel) this.dayLabel.textContent = localDigits(t('replay.day', { day: p.day, last: p.lastDay }));
    if (this.playBtn) this.playBtn.textContent = t(p.playing ? 'replay.pause' : 'replay.play');
    this.status();
  }

  override update(_time: number, delta: number): void {
    if (!this.player) return;
    this.player.tick(delta);
    this.syncControls();
  }
}
