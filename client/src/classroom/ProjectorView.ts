/**
 * The projector: a large room code, the join URL and its QR code, the live roster, prices, meters,
 * every company's card, the contest tally, the teacher's controls and the ⅔ panel. One DOM widget;
 * the Projector scene feeds it the network service's events.
 */
import { EVENT_KINDS } from '../../../shared/economy/scenarios/types.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { ActionResult, RoomInfo } from '../core/MatchFeed.js';
import type { ClassroomState, RosterEntry } from '../net/protocol.js';
import { h, setChildren, setText } from '../ui/dom.js';
import { playerColor, seatLetter } from '../ui/palette.js';
import { compact, usd } from '../util/format.js';
import { t, tMaybe } from '../i18n/index.js';
import { statusLabel } from '../ui/TopBar.js';
import { qrCanvas } from './qr.js';
import { GuessPanel } from './GuessPanel.js';
import { StudentLinksPanel } from './studentLinks.js';
import { fillPaceMenu } from '../ui/paceMenu.js';


export interface ProjectorLinks {
  join: string;
  teacher: string;
  exportZip: string;
}

export class ProjectorView {
  readonly el: HTMLElement;
  readonly guess: GuessPanel;
  /** Each label's personal link, folded (the wall is public) and printable. */
  readonly studentLinks: StudentLinksPanel;
  onDebrief: () => void = () => undefined;
  private readonly day = h('div', { class: 'big', testid: 'proj-day' });
  private readonly state = h('span', { class: 'pill', testid: 'proj-status' });
  private readonly question = h('div', { class: 'question', testid: 'proj-question', style: 'display:none' });
  private readonly roster = h('div', { class: 'list', testid: 'proj-roster', style: 'max-height:none' });
  private readonly rosterCount = h('span', { class: 'muted', testid: 'proj-roster-count' });
  private readonly prices = h('div', { class: 'grid2', testid: 'proj-prices' });
  private readonly tally = h('div', { testid: 'proj-tally' });
  /** Filled with the session chat when the teacher switched it on. */
  readonly chatSlot = h('div', {});
  private readonly cards = h('div', { class: 'cards', testid: 'proj-companies' });
  private readonly status = h('span', { class: 'status', testid: 'proj-cmd-status' });
  private readonly startBtn: HTMLButtonElement;
  private readonly pauseBtn: HTMLButtonElement;
  private readonly resumeBtn: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private roomInfo: RoomInfo | null = null;
  private rosterList: RosterEntry[] = [];
  private view: PlayerView | null = null;
  /** Anonymous sessions: the wall shows display names (Company A…); real names stay in the teacher's export. */
  private anonymous = false;

  constructor(code: string, links: ProjectorLinks, private readonly command: (type: string, body?: Record<string, unknown>) => Promise<ActionResult>) {
    this.guess = new GuessPanel(command, (id) => this.nameOf(id));
    this.studentLinks = new StudentLinksPanel(`${t('proj.code')} ${code}`);
    const codeEl = h('div', { class: 'roomcode', testid: 'proj-code' });
    codeEl.textContent = code;
    const joinEl = h('div', { class: 'ltr joinurl', testid: 'proj-join-url' });
    joinEl.textContent = links.join;
    const questionInput = h('input', { testid: 'proj-question-input', placeholder: t('proj.question'), maxlength: 280, dir: 'auto', style: 'flex:1;min-width:12em' });
    this.startBtn = h('button', { class: 'primary', testid: 'proj-start', onclick: () => void this.run('start') }, t('proj.start'));
    this.pauseBtn = h('button', { testid: 'proj-pause', onclick: () => void this.run('pause', questionInput.value.trim() ? { question: questionInput.value.trim() } : {}) }, t('proj.pause'));
    this.resumeBtn = h('button', { class: 'primary', testid: 'proj-resume', onclick: () => void this.run('resume') }, t('proj.resume'));
    this.speed = h('select', { testid: 'proj-speed', onchange: () => void this.run('speed', { daysPerSecond: Number(this.speed.value) }) });
    fillPaceMenu(this.speed, 1);
    const kind = h('select', { testid: 'proj-event-kind' }, ...EVENT_KINDS.map((k) => h('option', { value: k }, tMaybe(`event.${k}`) ?? k)));
    kind.value = 'crash';
    const headline = h('input', { testid: 'proj-event-headline', placeholder: t('proj.headline'), maxlength: 120, dir: 'auto', style: 'flex:1;min-width:10em' });
    const teacherLink = h('a', { href: links.teacher, class: 'ltr', testid: 'proj-teacher-link', style: 'color:#56b4e9;word-break:break-all;font-size:0.8em' });
    teacherLink.textContent = links.teacher;
    const controls = h('div', { class: 'section', testid: 'proj-controls' },
      h('div', { class: 'row' }, this.startBtn, this.pauseBtn, this.resumeBtn, h('label', { style: 'min-width:0' }, t('proj.speed')), this.speed,
        h('button', { testid: 'proj-advance', title: t('proj.advanceTitle'), onclick: () => void this.run('advance') }, t('proj.advance')),
        h('button', { class: 'danger', testid: 'proj-end', onclick: () => { if (confirm(t('proj.endConfirm'))) void this.run('end'); } }, t('proj.end'))),
      h('div', { class: 'row' }, questionInput),
      h('div', { class: 'row' }, kind, headline,
        h('button', { testid: 'proj-inject', onclick: () => void this.run('inject', { kind: kind.value, ...(headline.value.trim() ? { headline: headline.value.trim() } : {}) }) }, t('proj.injectButton'))),
      h('div', { class: 'row' }, this.status));
    this.el = h('div', { class: 'projector', testid: 'projector' },
      h('div', { class: 'proj-head' },
        h('div', {}, h('div', { class: 'muted' }, t('proj.code')), codeEl),
        h('div', { style: 'flex:1;min-width:0' }, h('div', { class: 'muted' }, t('proj.join')), joinEl, h('div', { class: 'row' }, this.day, this.state)),
        qrCanvas(links.join, 150)),
      this.question,
      h('div', { class: 'proj-body' },
        h('div', { class: 'proj-col' }, h('h3', {}, t('proj.roster'), ' ', this.rosterCount), this.roster,
          h('h3', { style: 'margin-top:0.8em' }, t('proj.tally')), this.tally, this.chatSlot),
        h('div', { class: 'proj-col wide' }, h('h3', {}, t('proj.prices')), this.prices, h('h3', { style: 'margin-top:0.8em' }, t('proj.companies')), this.cards),
        h('div', { class: 'proj-col wide' }, controls, this.guess.el,
          h('div', { class: 'row', style: 'margin-top:0.8em' },
            h('button', { testid: 'proj-debrief', onclick: () => this.onDebrief() }, t('proj.debrief')),
            h('a', { href: links.exportZip, download: '', testid: 'proj-export', style: 'color:#56b4e9' }, t('proj.export'))),
          // Folded: the projector is on the wall, and the link is the teacher's key.
          h('details', { style: 'margin-top:0.6em;font-size:0.85em', testid: 'proj-teacher-details' }, h('summary', { class: 'muted' }, t('proj.teacherLink')), teacherLink),
          this.studentLinks.el)));
  }

  private async run(type: string, body: Record<string, unknown> = {}): Promise<void> {
    setText(this.status, '…');
    this.status.className = 'status';
    const r = await this.command(type, body);
    setText(this.status, r.ok ? `✓ ${type}` : r.message);
    this.status.className = `status ${r.ok ? 'ok' : 'err'}`;
  }

  nameOf(id: string): string {
    const r = this.rosterList.find((s) => s.playerId === id);
    if (r) return r.displayName || r.name;
    return this.view?.players.find((p) => p.id === id)?.name ?? id;
  }

  updateRoom(room: RoomInfo, cls: ClassroomState | null): void {
    this.roomInfo = room;
    this.anonymous = Boolean(cls?.anonymousNames);
    setText(this.state, statusLabel(room.status));
    this.state.className = `pill ${room.status}`;
    this.startBtn.style.display = room.status === 'waiting' ? '' : 'none';
    this.pauseBtn.disabled = room.status !== 'running' && room.status !== 'paused';
    this.resumeBtn.disabled = room.status !== 'paused';
    fillPaceMenu(this.speed, room.daysPerSecond);
    const q = cls?.question ?? '';
    this.question.style.display = room.status === 'paused' ? '' : 'none';
    setChildren(this.question, h('b', {}, t('proj.paused')), q ? h('span', { testid: 'proj-question-text', dir: 'auto' }, q) : null);
    this.renderRoster();
  }

  updateRoster(list: RosterEntry[]): void {
    this.rosterList = list;
    this.renderRoster();
  }

  private renderRoster(): void {
    const room = this.roomInfo;
    const seats = room?.seats ?? [];
    const entries = this.rosterList.length ? this.rosterList : seats.map((s) => ({ playerId: s.id, name: s.name, displayName: s.name, label: null, kind: s.bot ? 'bot' : 'student', control: s.bot ? 'bot' : 'human', connected: s.connected, joinedDay: 0 }));
    const online = entries.filter((e) => e.kind === 'bot' || e.connected).length;
    setText(this.rosterCount, t('proj.rosterCount', { online, total: entries.length }));
    setChildren(this.roster, ...entries.map((e) => {
      const seat = seats.find((s) => s.id === e.playerId);
      const on = e.kind === 'bot' || e.connected;
      const shown = this.anonymous ? e.displayName || e.name : e.name;
      return h('div', { class: 'item', testid: `roster-${e.playerId}` },
        h('span', {}, h('span', { class: 'swatch', style: `background:${playerColor(seat?.colorIndex ?? 0)}` }), `${seatLetter(seat?.colorIndex ?? 0)} · `, h('span', { dir: 'auto' }, shown),
          !this.anonymous && e.displayName && e.displayName !== e.name ? h('span', { class: 'muted' }, ` (${e.displayName})`) : null,
          !this.anonymous && e.label && e.label !== e.name ? h('span', { class: 'pill' }, e.label) : null),
        h('span', { class: on ? 'good' : 'bad', testid: `roster-state-${e.playerId}` }, e.kind === 'bot' ? t('proj.bot') : on ? `● ${t('proj.online')}` : `○ ${t('proj.offline')}`));
    }));
  }

  updateView(v: PlayerView): void {
    this.view = v;
    setText(this.day, `${v.date} · ${t('proj.day', { day: v.day, end: v.endDay })}`);
    const w = v.world;
    const kv = (label: string, value: string, id: string) => [h('span', {}, label), h('b', { class: 'v', testid: `proj-${id}` }, value)];
    setChildren(this.prices,
      ...kv(t('proj.btc'), `$${compact(w.btcUsd)}`, 'btc'),
      ...kv(t('proj.hashprice'), `$${w.hashpriceUsdPerPhDay.toFixed(1)}/PH·d`, 'hashprice'),
      ...kv(t('proj.spot'), `$${w.gpuRentUsdPerHour.toFixed(2)}/h`, 'spot'),
      ...kv(t('meters.mining'), w.meters.miningGw.toFixed(2), 'gw-mining'),
      ...kv(t('meters.ai'), w.meters.aiGw.toFixed(2), 'gw-ai'),
      ...kv(t('meters.compute'), compact(w.meters.aiComputeH100Days), 'compute'),
      ...kv(t('meters.energy'), w.meters.energyPriceIndex.toFixed(0), 'energy'));
    const last = v.contest.history[v.contest.history.length - 1];
    setChildren(this.tally,
      h('div', {}, t('proj.tallyLine', { round: v.contest.round, day: v.contest.resolveDay })),
      h('div', { class: 'muted' }, `${v.contest.pickCount} · ${t('proj.picks')}`),
      ...v.contest.history.slice(-4).reverse().map((r) => h('div', {}, `${t('contest.round')} ${r.round}: `, h('b', {}, r.winner.toUpperCase()), r.poolUsdCents === null ? '' : ` · ${usd(r.poolUsdCents / 100)}`)),
      last ? null : h('div', { class: 'muted' }, t('contest.none')));
    const sitesOf = (id: string) => v.sites.filter((s) => s.ownerId === id).length;
    setChildren(this.cards, ...v.players.map((p) => h('div', { class: 'ccard', testid: `company-${p.id}`, style: `border-color:${playerColor(p.colorIndex)}` },
      h('div', { class: 'cname' }, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} · ${p.name}`, p.bankrupt ? ' †' : ''),
      h('div', { class: 'grid2' },
        h('span', {}, t('proj.mcap')), h('b', { class: 'v' }, usd(p.marketCapUsd)),
        h('span', {}, t('proj.nav')), h('b', { class: 'v' }, usd(p.navUsd)),
        h('span', {}, t('proj.sites')), h('span', { class: 'v' }, String(sitesOf(p.id))),
        h('span', {}, t('proj.revenue')), h('span', { class: 'v' }, `${usd(p.revenueMiningUsdPerDay)} / ${usd(p.revenueAiUsdPerDay)}`)))));
  }
}
