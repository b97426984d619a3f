/** The live match: the game screen over the network service, host controls, reconnect overlay. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import { GameScreen } from '../ui/GameScreen.js';
import { HostControls } from '../ui/HostControls.js';
import { ReconnectOverlay } from '../ui/ReconnectOverlay.js';
import { debugSet } from '../core/debug.js';
import { h } from '../ui/dom.js';
import { serverEndpoint } from '../net/protocol.js';
import { ClassOverlay } from '../classroom/ClassOverlay.js';
import { t } from '../i18n/index.js';
import { Guide, guideWanted } from '../ui/Guide.js';
import { MatchChat } from '../ui/MatchChat.js';

const RESULTS_DELAY_MS = 2500;

export class GameScene extends Phaser.Scene {
  constructor() {
    super(SCENES.game);
  }

  create(): void {
    const net = this.registry.get(REG.net) as NetworkService;
    const screen = new GameScreen(this, net, t('top.room', { code: net.roomCode }));
    const overlay = new ReconnectOverlay(() => void net.leave().then(() => this.scene.start(SCENES.title)), () => net.reconnectSince);
    screen.root.append(overlay.el);
    const notice = h('div', { class: 'status err', testid: 'notice', style: 'position:absolute;left:50%;bottom:3em;transform:translateX(-50%);background:#0b1120;padding:0.3em 1em;border-radius:6px;display:none' });
    screen.root.append(notice);
    const cls = new ClassOverlay(net, screen.root);
    let host: HostControls | null = null;
    const syncHost = () => {
      if (net.isHost && !host) {
        const base = `${serverEndpoint().http}/api/matches/${net.roomCode}`;
        const token = encodeURIComponent(net.hostToken);
        host = new HostControls((cmd) => net.host(cmd), token ? { csv: `${base}/export.csv?token=${token}`, replay: `${base}/replay.json?token=${token}` } : null);
        screen.top.hostSlot.append(host.el);
      }
      if (host && net.room) host.update(net.room);
      screen.setClassMode(Boolean(net.classroom));
      screen.top.status(net.room, net.connection, net.view?.phase);
      screen.actions.setMarkets(net.classroom?.markets ?? null);
      screen.setPaused(net.room?.status === 'paused', net.isHost);
    };
    screen.onHostToggle = () => void host?.togglePause();
    // The guided first match: the clock waits for the newcomer, the card walks through two decisions.
    let guide: Guide | null = null;
    let heldForGuide = false;
    const syncGuide = () => {
      if (!guide && guideWanted() && net.isHost && net.view?.me) {
        guide = new Guide(screen.root, (tab) => screen.actions.show(tab));
        guide.onClose = () => requestAnimationFrame(() => screen.layout());
        requestAnimationFrame(() => screen.layout());
      }
      if (!guide) return;
      if (!heldForGuide && net.room?.status === 'running') {
        heldForGuide = true;
        void net.host({ type: 'pause' });
      }
      if (net.view) guide.update(net.view, net.room?.status !== 'running');
    };
    syncHost();
    // Classroom sessions have their own chat on the class card.
    const chat = net.classroom ? null : new MatchChat(net);
    if (chat) {
      screen.actions.attachChat(chat.el);
      chat.onLine = () => screen.actions.activity.bump();
    }
    let leaving = false;
    const toResults = () => {
      if (leaving) return;
      leaving = true;
      this.time.delayedCall(RESULTS_DELAY_MS, () => this.scene.start(SCENES.results));
    };
    const offs = [
      net.bus.on('room', (room) => {
        syncHost();
        syncGuide();
        if (room.status === 'ended') toResults();
      }),
      net.bus.on('view', () => { syncHost(); syncGuide(); }),
      net.bus.on('ended', toResults),
      net.bus.on('events', () => debugSet('banners', screen.banner.shown)),
      net.bus.on('connection', (c) => {
        overlay.update(c);
        syncHost();
      }),
      net.bus.on('notice', (n) => {
        notice.textContent = n.message;
        notice.style.display = '';
        this.time.delayedCall(5000, () => { notice.style.display = 'none'; });
      }),
    ];
    const bannerPoll = this.time.addEvent({ delay: 500, loop: true, callback: () => debugSet('banners', screen.banner.shown) });
    overlay.update(net.connection);
    if (net.room?.status === 'ended') toResults();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      bannerPoll.remove();
      overlay.stop();
      offs.forEach((f) => f());
      cls.destroy();
      chat?.destroy();
      screen.destroy();
    });
  }
}
