/** The waiting room: the code to share, seats with colours, and the host's Start. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import type { RoomInfo } from '../core/MatchFeed.js';
import { h, mount, setChildren, setText, uiRoot } from '../ui/dom.js';
import { ClassOverlay } from '../classroom/ClassOverlay.js';
import { playerColor, seatLetter } from '../ui/palette.js';
import { drawBackdrop } from '../ui/Backdrop.js';
import { scenarioName, t } from '../i18n/index.js';
import { ReconnectOverlay } from '../ui/ReconnectOverlay.js';


export class LobbyScene extends Phaser.Scene {
  private net!: NetworkService;

  constructor() {
    super(SCENES.lobby);
  }

  create(): void {
    this.net = this.registry.get(REG.net) as NetworkService;
    const cleanup: (() => void)[] = [drawBackdrop(this)];
    const seats = h('div', { class: 'list', testid: 'seats', style: 'max-height:22em' });
    const code = h('div', { testid: 'room-code', style: 'font-size:2.6em;font-weight:800;letter-spacing:0.12em;color:#56b4e9' });
    const info = h('div', { class: 'muted' });
    const status = h('div', { class: 'status', testid: 'lobby-status' });
    const start = h('button', { class: 'primary', testid: 'start', style: 'display:none', onclick: () => void this.start(status) }, t('lobby.start'));
    const card = h('div', { class: 'card', style: 'width:min(640px,94vw)', testid: 'lobby' },
      h('h2', {}, t('lobby.title')), h('div', { class: 'muted' }, t('lobby.share')), code, info,
      h('h3', { style: 'margin-top:1em' }, t('lobby.seats')), seats,
      h('div', { class: 'row', style: 'margin-top:1em' }, start,
        h('button', { testid: 'leave', onclick: () => void this.net.leave().then(() => this.scene.start(SCENES.title)) }, t('lobby.leave'))),
      status);
    cleanup.push(mount(card));
    // Classroom sessions: the ⅔ game and the pause question work in the waiting room too.
    const cls = new ClassOverlay(this.net, uiRoot());
    cleanup.push(() => cls.destroy());
    const overlay = new ReconnectOverlay(() => void this.net.leave().then(() => this.scene.start(SCENES.title)), () => this.net.reconnectSince);
    cleanup.push(mount(overlay.el), () => overlay.stop());
    const render = (room: RoomInfo) => {
      if (room.status === 'ended') return this.scene.start(SCENES.results);
      if (room.status !== 'waiting' && this.net.view) return this.scene.start(SCENES.game);
      code.textContent = this.net.roomCode || room.code;
      setText(info, t('lobby.info', { scenario: scenarioName(room.scenarioId, this.net.welcome?.scenario.name ?? room.scenarioId), pace: room.daysPerSecond, role: t(this.net.isHost ? 'lobby.host' : this.net.canAct ? 'lobby.player' : 'lobby.spectator') }));
      start.style.display = this.net.isHost ? '' : 'none';
      if (!this.net.isHost) setText(status, t('lobby.waiting'));
      setChildren(seats, ...room.seats.map((s) => h('div', { class: 'item', testid: `seat-${s.id}` },
        h('span', {}, h('span', { class: 'swatch', style: `background:${playerColor(s.colorIndex)}` }), `${seatLetter(s.colorIndex)} · ${s.name}`,
          s.id === this.net.playerId ? h('span', { class: 'pill' }, t('lobby.you')) : null, s.id === room.hostId ? h('span', { class: 'pill' }, t('lobby.hostPill')) : null),
        h('span', { class: 'muted' }, t(s.bot ? 'lobby.bot' : s.connected ? 'lobby.ready' : 'lobby.away')))));
    };
    const offs = [
      this.net.bus.on('room', render),
      this.net.bus.on('view', () => { if (this.net.room) render(this.net.room); }),
      this.net.bus.on('connection', (c) => {
        overlay.update(c);
        if (c === 'lost') setText(status, t('lobby.lost'));
      }),
      this.net.bus.on('notice', (n) => { status.textContent = n.message; status.className = 'status err'; }),
    ];
    if (this.net.room) render(this.net.room);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      offs.forEach((f) => f());
      cleanup.forEach((f) => f());
    });
  }

  private async start(status: HTMLElement): Promise<void> {
    setText(status, t('lobby.starting'));
    const r = await this.net.host({ type: 'start' });
    status.textContent = r.ok ? '' : r.message;
    status.className = `status ${r.ok ? '' : 'err'}`;
  }
}
