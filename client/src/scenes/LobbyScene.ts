/** The waiting room: the code to share, seats with colours, and the host's Start. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import type { RoomInfo } from '../core/MatchFeed.js';
import { h, mount, setChildren } from '../ui/dom.js';
import { playerColor, seatLetter } from '../ui/palette.js';
import { drawBackdrop } from '../ui/Backdrop.js';


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
    const start = h('button', { class: 'primary', testid: 'start', style: 'display:none', onclick: () => void this.start(status) }, 'Start the match');
    const card = h('div', { class: 'card', style: 'width:min(640px,94vw)', testid: 'lobby' },
      h('h2', {}, 'Waiting room'), h('div', { class: 'muted' }, 'Share this code:'), code, info,
      h('h3', { style: 'margin-top:1em' }, 'Seats'), seats,
      h('div', { class: 'row', style: 'margin-top:1em' }, start,
        h('button', { testid: 'leave', onclick: () => void this.net.leave().then(() => this.scene.start(SCENES.title)) }, 'Leave')),
      status);
    cleanup.push(mount(card));
    const render = (room: RoomInfo) => {
      if (room.status === 'ended') return this.scene.start(SCENES.results);
      if (room.status !== 'waiting' && this.net.view) return this.scene.start(SCENES.game);
      code.textContent = this.net.roomCode || room.code;
      info.textContent = `${this.net.welcome?.scenario.name ?? room.scenarioId} · ${room.daysPerSecond} days/s · you are ${this.net.isHost ? 'the host' : this.net.canAct ? 'a player' : 'a spectator'}`;
      start.style.display = this.net.isHost ? '' : 'none';
      if (!this.net.isHost) status.textContent = 'Waiting for the host to start…';
      setChildren(seats, ...room.seats.map((s) => h('div', { class: 'item', testid: `seat-${s.id}` },
        h('span', {}, h('span', { class: 'swatch', style: `background:${playerColor(s.colorIndex)}` }), `${seatLetter(s.colorIndex)} · ${s.name}`,
          s.id === this.net.playerId ? h('span', { class: 'pill' }, 'you') : null, s.id === room.hostId ? h('span', { class: 'pill' }, 'host') : null),
        h('span', { class: 'muted' }, s.bot ? 'bot' : s.connected ? 'ready' : 'away'))));
    };
    const offs = [
      this.net.bus.on('room', render),
      this.net.bus.on('view', () => { if (this.net.room) render(this.net.room); }),
      this.net.bus.on('connection', (c) => { if (c === 'lost') status.textContent = 'Connection lost.'; }),
      this.net.bus.on('notice', (n) => { status.textContent = n.message; status.className = 'status err'; }),
    ];
    if (this.net.room) render(this.net.room);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      offs.forEach((f) => f());
      cleanup.forEach((f) => f());
    });
  }

  private async start(status: HTMLElement): Promise<void> {
    status.textContent = 'Starting…';
    const r = await this.net.host({ type: 'start' });
    status.textContent = r.ok ? '' : r.message;
    status.className = `status ${r.ok ? '' : 'err'}`;
  }
}
