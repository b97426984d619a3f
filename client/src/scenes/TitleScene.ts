/** Title: your name; create a match (scenario, pace, bots) or join by code or from the live list; open a replay. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import { BOT_STRATEGIES, type RoomListing, type ScenarioListing } from '../net/protocol.js';
import { h, mount, setChildren, setText } from '../ui/dom.js';
import { drawBackdrop } from '../ui/Backdrop.js';
import { scenarioName, t, tMaybe } from '../i18n/index.js';
import { MAX_DAYS_PER_SECOND, MIN_DAYS_PER_SECOND, defaultDaysPerSecond } from '../../../shared/rules/pace.js';
import { scenarioPace } from '../ui/scenarioPace.js';
import { GUIDE_KEY } from '../ui/Guide.js';

const NAME_KEY = 'bc.name';

export class TitleScene extends Phaser.Scene {
  private net!: NetworkService;
  private cleanup: (() => void)[] = [];
  private status!: HTMLElement;
  private scenarios: ScenarioListing[] = [];

  constructor() {
    super(SCENES.title);
  }

  create(): void {
    this.net = this.registry.get(REG.net) as NetworkService;
    this.cleanup = [drawBackdrop(this)];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.cleanup.forEach((f) => f()));
    if (this.net.storedSession()) {
      const card = h('div', { class: 'card', testid: 'resuming' }, h('h2', {}, t('title.rejoining')));
      this.cleanup.push(mount(card));
      void this.net.resume().then((ok) => {
        card.remove();
        if (ok) this.scene.start(SCENES.lobby);
        else this.buildCard();
      });
      return;
    }
    this.buildCard();
  }

  private buildCard(): void {
    const name = h('input', { testid: 'name', maxlength: 40, value: localStorage.getItem(NAME_KEY) ?? '', placeholder: t('title.namePlaceholder') });
    const scenario = h('select', { testid: 'scenario' });
    const pace = h('input', { testid: 'pace', type: 'number', step: '0.01', min: String(MIN_DAYS_PER_SECOND), max: String(MAX_DAYS_PER_SECOND), value: '0.08', style: 'width:6em' });
    const paceHint = h('span', { class: 'muted', testid: 'pace-hint' });
    const loadScenarios = scenarioPace(scenario, pace, paceHint);
    const bots = h('input', { testid: 'bots', type: 'number', step: '1', min: '0', max: '40', value: '3' });
    const botKind = h('select', { testid: 'bot-strategy' }, h('option', { value: 'mixed' }, t('title.mixed')), ...BOT_STRATEGIES.map((s) => h('option', { value: s }, s)));
    const priv = h('input', { type: 'checkbox', testid: 'private' });
    const code = h('input', { testid: 'join-code', placeholder: t('title.codePlaceholder'), maxlength: 12, style: 'text-transform:uppercase;width:9em' });
    const rooms = h('div', { class: 'list', testid: 'room-list' });
    this.status = h('div', { class: 'status', testid: 'title-status' });
    const card = h('div', { class: 'card', style: 'width:min(980px,94vw)', testid: 'title' },
      h('h1', {}, t('title.name')),
      h('div', { class: 'muted', style: 'margin-bottom:1em' }, t('title.tagline')),
      h('div', { class: 'row' }, h('label', {}, t('title.yourName')), name),
      h('div', { class: 'cols', style: 'margin-top:1em' },
        h('div', {}, h('h2', {}, t('title.create')),
          h('div', { class: 'row' }, h('label', {}, t('title.scenario')), scenario),
          h('div', { class: 'row' }, h('label', {}, t('title.pace')), pace, paceHint),
          h('div', { class: 'row' }, h('label', {}, t('title.bots')), bots, botKind),
          h('div', { class: 'row' }, h('label', {}, t('title.private')), priv, h('span', { class: 'muted' }, t('title.privateHint'))),
          h('div', { class: 'row' }, h('button', { class: 'primary', testid: 'create', onclick: () => void this.createMatch(name.value, scenario.value, Number(pace.value), Number(bots.value), botKind.value, priv.checked) }, t('title.createButton')))),
        h('div', {}, h('h2', {}, t('title.join')),
          h('div', { class: 'row' }, code, h('button', { class: 'primary', testid: 'join', onclick: () => void this.join(name.value, code.value) }, t('title.joinButton')),
            h('button', { testid: 'spectate', title: t('title.watchTitle'), onclick: () => void this.join(name.value, code.value, true) }, t('title.watch'))),
          h('h3', { style: 'margin-top:0.8em' }, t('title.live')), rooms)),
      h('div', { class: 'row', style: 'margin-top:1em' }, h('button', { class: 'primary', testid: 'guided', onclick: () => void this.createGuided(name.value) }, t('title.guided')),
        h('span', { class: 'muted' }, t('title.guidedHint'))),
      h('div', { class: 'row' }, h('button', { class: 'primary', testid: 'teach', onclick: () => this.scene.start(SCENES.teach) }, t('title.teach')),
        h('span', { class: 'muted' }, t('title.teachHint'))),
      h('div', { class: 'row' }, h('button', { testid: 'open-replay', onclick: () => this.scene.start(SCENES.replay, {}) }, t('title.replay')),
        h('span', { class: 'muted' }, t('title.keysHint'))),
      this.status);
    this.cleanup.push(mount(card));
    code.addEventListener('keydown', (e) => { if (e.key === 'Enter') void this.join(name.value, code.value); });
    // Programs in the server's bot folder (BOTS_DIR) join the built-in strategies.
    void this.net.listBots().then((list) => {
      for (const b of list) if (b.kind === 'folder') botKind.append(h('option', { value: b.name, title: b.description }, t('title.folderBot', { name: b.name })));
    }).catch(() => undefined);
    void this.net.listScenarios().then((list) => {
      this.scenarios = list;
      loadScenarios(list);
    }).catch((e: Error) => this.say(t('title.unreachable', { message: e.message }), true));
    const refresh = () => void this.net.listRooms().then((list) => this.renderRooms(rooms, list, name)).catch(() => undefined);
    refresh();
    const timer = this.time.addEvent({ delay: 3000, loop: true, callback: refresh });
    this.cleanup.push(() => timer.remove());
    name.focus();
  }

  private renderRooms(el: HTMLElement, all: RoomListing[], name: HTMLInputElement): void {
    // A finished match is not live: it has nothing to join (its results and replay live on the server).
    const list = all.filter((r) => r.phase !== 'ended');
    setChildren(el, ...(list.length === 0 ? [h('div', { class: 'item muted' }, t('title.noMatches'))] : list.map((r) =>
      h('div', { class: 'item', testid: `room-${r.roomId}` },
        h('span', {}, h('b', {}, r.code ?? r.roomId), ' ', h('bdi', { 'data-user-text': true }, r.name ?? ''), h('br'), h('span', { class: 'muted' }, t('title.roomLine', { scenario: scenarioName(r.scenarioId ?? '', r.scenarioId ?? ''), phase: tMaybe(`status.${r.phase ?? ''}`) ?? r.phase ?? '', day: r.day ?? 0, end: r.endDay ?? '?', humans: r.humans ?? 0, seats: r.seats ?? 0, max: r.maxPlayers ?? '?' }))),
        h('span', {},
          r.phase !== 'ended' ? h('button', { class: 'small primary', 'data-room': r.roomId, onclick: () => void this.join(name.value, r.roomId) }, t('title.joinRoom')) : null, ' ',
          h('button', { class: 'small', onclick: () => void this.join(name.value, r.roomId, true) }, t('title.watch')))))));
  }

  private say(text: string, err = false): void {
    setText(this.status, text);
    this.status.className = `status ${err ? 'err' : ''}`;
  }

  private checkName(name: string): string | null {
    const n = name.trim();
    if (!n) {
      this.say(t('title.enterName'), true);
      return null;
    }
    localStorage.setItem(NAME_KEY, n);
    return n;
  }

  private async createMatch(rawName: string, scenario: string, pace: number, botCount: number, botKind: string, isPrivate: boolean): Promise<void> {
    const name = this.checkName(rawName);
    if (!name) return;
    const count = Math.max(0, Math.floor(botCount || 0));
    const bots = botKind === 'mixed'
      ? BOT_STRATEGIES.map((strategy, i) => ({ strategy, count: Math.floor(count / BOT_STRATEGIES.length) + (i < count % BOT_STRATEGIES.length ? 1 : 0) })).filter((b) => b.count > 0)
      : count > 0 ? [{ strategy: botKind, count }] : [];
    this.say(t('title.creating'));
    try {
      await this.net.create({ playerName: name, name: t('title.matchName', { name }), scenario, daysPerSecond: pace, bots, private: isPrivate });
      this.scene.start(SCENES.lobby);
    } catch (e) {
      this.say(t('title.createFailed', { message: (e as Error).message }), true);
    }
  }

  /** A private halving-sprint with three bots at the default pace; the guide card takes it from the lobby. */
  private async createGuided(rawName: string): Promise<void> {
    const name = this.checkName(rawName);
    if (!name) return;
    this.say(t('title.creating'));
    try {
      sessionStorage.setItem(GUIDE_KEY, '1');
      const sprint = this.scenarios.find((x) => x.id === 'halving-sprint');
      const daysPerSecond = sprint?.defaultDaysPerSecond ?? defaultDaysPerSecond(sprint?.days ?? 120);
      await this.net.create({ playerName: name, name: t('title.matchName', { name }), scenario: 'halving-sprint', daysPerSecond, bots: [{ strategy: 'hodl-miner', count: 1 }, { strategy: 'ai-pivot', count: 1 }, { strategy: 'disciplined-miner', count: 1 }], private: true });
      this.scene.start(SCENES.lobby);
    } catch (e) {
      sessionStorage.removeItem(GUIDE_KEY);
      this.say(t('title.createFailed', { message: (e as Error).message }), true);
    }
  }

  private async join(rawName: string, code: string, spectate = false): Promise<void> {
    if (!code.trim()) return this.say(t('title.enterCode'), true);
    try {
      // A class session is joined through its own page (its list of names, or a personal link),
      // before any name is asked for: the class decides who the student is.
      const room = spectate ? null : await this.net.findRoom(code).catch(() => null);
      if (room?.classroom) {
        history.replaceState(null, '', `${location.pathname}?join=${encodeURIComponent(room.code ?? room.roomId)}`);
        this.scene.start(SCENES.classJoin);
        return;
      }
      const name = spectate ? rawName.trim() || t('title.spectator') : this.checkName(rawName);
      if (!name) return;
      this.say(t('title.joining'));
      await this.net.join(code, name, spectate);
      this.scene.start(SCENES.lobby);
    } catch (e) {
      this.say(t('title.joinFailed', { message: (e as Error).message }), true);
    }
  }
}

