/** The teacher's projector view of a classroom session; reached from "Teach a class" or the teacher link. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import { h, mount } from '../ui/dom.js';
import { t } from '../i18n/index.js';
import { ProjectorView } from '../classroom/ProjectorView.js';
import { joinUrl, studentBase, studentUrl, teacherUrl, type ServerJoinBase } from '../classroom/links.js';
import { hideTeacherToken, teacherParams } from '../classroom/teacherToken.js';
import { ReconnectOverlay } from '../ui/ReconnectOverlay.js';
import { ChatBox } from '../classroom/ChatBox.js';
import { rememberSession } from '../classroom/exportPanel.js';

export class ProjectorScene extends Phaser.Scene {
  constructor() {
    super(SCENES.projector);
  }

  create(): void {
    const net = this.registry.get(REG.net) as NetworkService;
    const cleanup: (() => void)[] = [];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => cleanup.forEach((f) => f()));
    const params = teacherParams(window.location.search, sessionStorage);
    if (params) hideTeacherToken(params.code, params.token);
    else if (new URLSearchParams(window.location.search).has('teach') && !net.room) {
      // `?teach=CODE` without its token (a copied projector address, another tab): nothing to open.
      cleanup.push(mount(h('div', { class: 'card', testid: 'proj-loading' }, h('h2', {}, t('proj.needToken')),
        h('button', { onclick: () => { history.replaceState(null, '', window.location.pathname); this.scene.start(SCENES.title); } }, t('reconnect.back')))));
      return;
    }
    if (params && (!net.room || net.roomCode !== params.code)) {
      const card = h('div', { class: 'card', testid: 'proj-loading' }, h('h2', {}, t('proj.loading')));
      cleanup.push(mount(card));
      void net.teach(params.code, params.token).then((how) => {
        card.remove();
        if (how === 'ended') this.scene.start(SCENES.debrief, { code: params.code, token: params.token, back: SCENES.title });
        else void this.build(net, cleanup);
      }).catch((e: Error) => {
        card.replaceChildren(h('h2', {}, t('proj.openFailed', { message: e.message })),
          h('button', { onclick: () => { history.replaceState(null, '', window.location.pathname); this.scene.start(SCENES.title); } }, t('reconnect.back')));
      });
      return;
    }
    void this.build(net, cleanup);
  }

  private async build(net: NetworkService, cleanup: (() => void)[]): Promise<void> {
    const code = net.roomCode;
    const token = net.hostToken;
    // For the across-sessions export: every session this browser taught.
    rememberSession({ code, token });
    // Phones need the server's network address, not the "localhost" this page may have been opened as.
    const server = await fetch(`${net.httpBase}/api/join-base`).then((r) => (r.ok ? r.json() as Promise<ServerJoinBase> : null)).catch(() => null);
    if (!this.scene.isActive()) return;
    const { base, loopback } = studentBase(window.location, server);
    // In "choose your name from the list" mode the wall tells students what the link will ask.
    const labelList = await fetch(`${net.httpBase}/api/sessions/${encodeURIComponent(code)}/labels`, { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() as Promise<{ labelList?: boolean }> : null)).then((j) => j?.labelList === true).catch(() => false);
    if (!this.scene.isActive()) return;
    const view = new ProjectorView(code, {
      join: joinUrl(window.location, code, base),
      joinLoopback: loopback,
      labelList,
      teacher: teacherUrl(window.location, code, token),
      exportZip: `${net.httpBase}/api/sessions/${code}/export.zip?token=${encodeURIComponent(token)}`,
    }, (type, body) => net.command(type, body));
    view.onDebrief = () => this.scene.start(SCENES.debrief, { code, token, back: SCENES.projector });
    const overlay = new ReconnectOverlay(() => void net.leave().then(() => this.scene.start(SCENES.title)), () => net.reconnectSince);
    view.el.append(overlay.el);
    cleanup.push(mount(view.el));
    let chat: ChatBox | null = null;
    const linksOf = () => net.studentLinks.map((l) => ({ label: l.label, url: studentUrl(window.location, code, l.key, base) }));
    const syncRoom = () => {
      if (net.room) view.updateRoom(net.room, net.classroom);
      if (net.classroom?.chat && !chat) {
        chat = new ChatBox(net, () => false);
        view.chatSlot.append(chat.el);
        cleanup.push(() => chat?.destroy());
      }
    };
    const offs = [
      net.bus.on('room', syncRoom),
      net.bus.on('classroom', syncRoom),
      net.bus.on('roster', (list) => {
        view.updateRoster(list);
        view.updateSchedule(net.schedule, net.autoPause);
        view.studentLinks.update(linksOf());
        view.updateLabels(net.studentLinks.map((l) => l.label));
      }),
      net.bus.on('view', (v) => view.updateView(v)),
      net.bus.on('guess', (g) => view.guess.render(g, net.classroom)),
      net.bus.on('classroom', (c) => view.guess.render(null, c)),
      net.bus.on('connection', (c) => overlay.update(c)),
    ];
    cleanup.push(() => offs.forEach((f) => f()), () => view.destroy(), () => overlay.stop());
    syncRoom();
    view.updateRoster(net.roster);
    view.updateSchedule(net.schedule, net.autoPause);
    view.studentLinks.update(linksOf());
    view.updateLabels(net.studentLinks.map((l) => l.label));
    if (net.view) view.updateView(net.view);
    view.guess.render(net.guess, net.classroom);
    overlay.update(net.connection);
  }
}
