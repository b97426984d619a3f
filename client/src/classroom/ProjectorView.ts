/**
 * The projector: a large room code, the join URL and its QR code, the live roster, prices, meters,
 * every company's card, the contest tally, the teacher's controls and the ⅔ panel. One DOM widget;
 * the Projector scene feeds it the network service's events.
 */
import { EVENT_KINDS } from '../../../shared/economy/scenarios/types.js';
import type { Body, ClientMessage, Command } from '../net/protocol.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { RoomInfo } from '../core/MatchFeed.js';
import type { ClassroomState, RosterEntry, UpcomingEvent } from '../net/protocol.js';
import { h, setChildren, setText } from '../ui/dom.js';
import { playerColor, seatLetter } from '../ui/palette.js';
import { compact, usd } from '../util/format.js';
import { engineMessage, lang, newsLine, t, tMaybe, tWord } from '../i18n/index.js';
import { statusLabel } from '../ui/TopBar.js';
import { qrCanvas } from './qr.js';
import { GuessPanel } from './GuessPanel.js';
import { StudentLinksPanel } from './studentLinks.js';
import { fillPaceMenu } from '../ui/paceMenu.js';


/** Above this many seats the roster switches to two dense columns. */
const ROSTER_DENSE_FROM = 16;
/** Above this many companies the cards become one line each, ranked by market cap. */
const CARDS_COMPACT_FROM = 12;
/** One-line companies per page: 48 fit the column on a 1080-line projector. */
const CARDS_PER_PAGE = 48;
const COMPANY_PAGE_MS = 8000;

export interface ProjectorLinks {
  join: string;
  /** The join link still says localhost (no LAN address, no PUBLIC_URL): phones cannot open it. */
  joinLoopback?: boolean;
  /** Students pick their name from the session's list of labels when they open the join link. */
  labelList?: boolean;
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
  private readonly roster = h('div', { class: 'list rostergrid', testid: 'proj-roster', style: 'max-height:none' });
  private readonly rosterCount = h('span', { class: 'muted', testid: 'proj-roster-count' });
  /** Labels of the teacher's list nobody has used yet: who is still missing. */
  private readonly notJoined = h('div', { class: 'notjoined', testid: 'proj-not-joined' });
  private labels: string[] = [];
  private readonly companiesPage = h('span', { class: 'muted', testid: 'proj-companies-page' });
  private page = 0;
  private pageTimer: ReturnType<typeof setInterval> | null = null;
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
  private upcoming: UpcomingEvent[] = [];
  private readonly scheduleList = h('div', { testid: 'proj-schedule' });
  private readonly autoPause = h('input', { type: 'checkbox', testid: 'proj-autopause' });
  private readonly awayBots = h('input', { type: 'checkbox', testid: 'proj-away-bots' });
  /** Anonymous sessions: the wall shows display names (Company A…); real names stay in the teacher's export. */
  private anonymous = false;

  constructor(code: string, links: ProjectorLinks, private readonly command: Command) {
    this.guess = new GuessPanel(command, (id) => this.nameOf(id));
    this.studentLinks = new StudentLinksPanel(`${t('proj.code')} ${code}`);
    const codeEl = h('div', { class: 'roomcode', testid: 'proj-code' });
    codeEl.textContent = code;
    const joinEl = h('div', { class: 'ltr joinurl', testid: 'proj-join-url' });
    joinEl.textContent = links.join;
    const joinHint = links.labelList ? h('div', { class: 'join-hint', testid: 'proj-join-hint' }, t('proj.joinTapName')) : null;
    const joinWarning = links.joinLoopback ? h('div', { class: 'bad join-warning', testid: 'proj-join-warning', role: 'alert' }, t('proj.joinLoopback')) : null;
    // Drawn large and scaled down by CSS: the same canvas fills the screen when the teacher asks.
    const qr = qrCanvas(links.join, 600);
    const qrBig = h('div', { class: 'qr-big', testid: 'proj-qr-big', style: 'display:none', onclick: () => { qrBig.style.display = 'none'; } },
      h('div', { class: 'ltr joinurl' }, links.join), h('button', { type: 'button' }, t('proj.qrClose')));
    const qrButton = h('button', { type: 'button', class: 'qr-button', title: t('proj.qrBig'), 'aria-label': t('proj.qrBig'), testid: 'proj-qr-button', onclick: () => {
      qrBig.insertBefore(qrCanvas(links.join, 1200), qrBig.firstChild);
      qrBig.querySelectorAll('canvas').forEach((c, i) => { if (i > 0) c.remove(); });
      qrBig.style.display = '';
    } }, qr);
    this.autoPause.addEventListener('change', () => void this.run('autoPause', { on: this.autoPause.checked }));
    this.awayBots.addEventListener('change', () => void this.run('seatBots', { playerId: '*', on: this.awayBots.checked }));
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
        h('button', { testid: 'proj-inject', onclick: () => void this.run('inject', { kind: kind.value as Body<'inject'>['kind'], ...(headline.value.trim() ? { headline: headline.value.trim() } : {}) }) }, t('proj.injectButton'))),
      h('div', { class: 'row' }, this.status),
      h('h3', { style: 'margin-top:0.6em' }, t('proj.nextEvents')), this.scheduleList,
      h('label', { style: 'min-width:0' }, this.autoPause, ' ', t('proj.autoPause')));
    this.el = h('div', { class: 'projector', testid: 'projector' },
      h('div', { class: 'proj-head' },
        h('div', {}, h('div', { class: 'muted' }, t('proj.code')), codeEl),
        h('div', { style: 'flex:1;min-width:0' }, h('div', { class: 'muted' }, t('proj.join')), joinEl, joinHint, joinWarning, h('div', { class: 'row' }, this.day, this.state)),
        qrButton),
      qrBig,
      this.question,
      h('div', { class: 'proj-body' },
        h('div', { class: 'proj-col' }, h('h3', {}, t('proj.roster'), ' ', this.rosterCount),
          h('label', { style: 'min-width:0;font-size:0.85em', title: t('proj.awayBotsHint') }, this.awayBots, ' ', t('proj.awayBots')), this.roster, this.notJoined,
          h('h3', { style: 'margin-top:0.8em' }, t('proj.tally')), this.tally, this.chatSlot),
        h('div', { class: 'proj-col wide' }, h('h3', {}, t('proj.prices')), this.prices, h('h3', { style: 'margin-top:0.8em' }, t('proj.companies'), ' ', this.companiesPage), this.cards),
        h('div', { class: 'proj-col wide' }, controls, this.guess.el,
          h('div', { class: 'row', style: 'margin-top:0.8em' },
            h('button', { testid: 'proj-debrief', onclick: () => this.onDebrief() }, t('proj.debrief')),
            h('a', { href: links.exportZip, download: '', testid: 'proj-export', style: 'color:#56b4e9' }, t('proj.export'))),
          // Folded: the projector is on the wall, and the link is the teacher's key.
          h('details', { style: 'margin-top:0.6em;font-size:0.85em', testid: 'proj-teacher-details' }, h('summary', { class: 'muted' }, t('proj.teacherLink')), teacherLink),
          this.studentLinks.el)));
  }

  private async run<K extends ClientMessage>(type: K, body?: Body<K>): Promise<void> {
    setText(this.status, '…');
    this.status.className = 'status';
    const r = await this.command(type, body ?? ({} as Body<K>));
    setText(this.status, r.ok ? `✓ ${tMaybe(`proj.cmd.${type}`) ?? type}` : engineMessage(r.message));
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
    this.el.classList.toggle('waiting', room.status === 'waiting');
    setText(this.state, statusLabel(room.status));
    this.state.className = `pill ${room.status}`;
    this.startBtn.style.display = room.status === 'waiting' ? '' : 'none';
    this.pauseBtn.disabled = room.status !== 'running' && room.status !== 'paused';
    this.resumeBtn.disabled = room.status !== 'paused';
    fillPaceMenu(this.speed, room.daysPerSecond);
    this.renderSchedule();
    const q = cls?.question ?? '';
    this.question.style.display = room.status === 'paused' ? '' : 'none';
    setChildren(this.question, h('b', {}, t('proj.paused')), q ? h('span', { testid: 'proj-question-text', dir: 'auto' }, q) : null);
    this.renderRoster();
  }

  updateRoster(list: RosterEntry[]): void {
    this.rosterList = list;
    this.renderRoster();
  }

  /** The teacher's label list (in its order), to show who has not joined yet. */
  updateLabels(labels: string[]): void {
    this.labels = labels;
    this.renderRoster();
  }

  private renderNotJoined(): void {
    const used = new Set(this.rosterList.map((r) => (r.label ?? '').trim().toLowerCase()).filter(Boolean));
    const missing = this.labels.filter((l) => !used.has(l.trim().toLowerCase()));
    this.notJoined.style.display = missing.length ? '' : 'none';
    setChildren(this.notJoined, h('h3', {}, t('proj.notJoined', { count: missing.length })),
      h('div', { class: 'chips' }, ...missing.map((l) => h('span', { class: 'chip', dir: 'auto', testid: 'proj-missing-label' }, l))));
  }

  /** Stops the companies' page rotation (the scene calls this when it closes). */
  destroy(): void {
    if (this.pageTimer) clearInterval(this.pageTimer);
    this.pageTimer = null;
  }

  private renderRoster(): void {
    const room = this.roomInfo;
    const seats = room?.seats ?? [];
    const entries = this.rosterList.length ? this.rosterList : seats.map((s) => ({ playerId: s.id, name: s.name, displayName: s.name, label: '', kind: s.bot ? 'bot' : 'student', control: s.bot ? 'bot' : 'human', connected: s.connected, awayBot: false } satisfies RosterEntry));
    const online = entries.filter((e) => e.kind === 'bot' || e.connected).length;
    setText(this.rosterCount, t('proj.rosterCount', { online, total: entries.length }));
    // A class of 40 fits the column in two narrower columns of smaller type.
    const dense = entries.length > ROSTER_DENSE_FROM;
    this.roster.classList.toggle('dense', dense);
    this.renderNotJoined();
    setChildren(this.roster, ...entries.map((e) => {
      const seat = seats.find((s) => s.id === e.playerId);
      const on = e.kind === 'bot' || e.connected;
      const shown = this.anonymous ? e.displayName || e.name : e.name;
      return h('div', { class: 'item', testid: `roster-${e.playerId}` },
        h('span', { dir: 'auto' }, h('span', { class: 'swatch', style: `background:${playerColor(seat?.colorIndex ?? 0)}` }), `${seatLetter(seat?.colorIndex ?? 0)} · `, h('span', { dir: 'auto' }, shown),
          !this.anonymous && e.displayName && e.displayName !== e.name ? h('span', { class: 'muted' }, ` (${e.displayName})`) : null,
          !this.anonymous && e.label && e.label !== e.name && !dense ? h('span', { class: 'pill' }, e.label) : null),
        h('span', { class: 'roster-right' },
          e.kind === 'student' && this.rosterList.length ? this.seatSwitch(e, dense) : null,
          // Dense (a class): the dot alone, the word in its tooltip.
          h('span', { class: on ? 'good' : 'bad', testid: `roster-state-${e.playerId}`, title: rosterStateWord(e, on) },
            e.kind === 'bot' ? (dense ? '⚙' : t('proj.bot')) : on ? (dense ? '●' : `● ${t('proj.online')}`) : dense ? '○' : awayText(e))));
    }));
    const students = this.rosterList.filter((e) => e.kind === 'student');
    this.awayBots.checked = students.length > 0 && students.every((e) => e.awayBot);
  }

  /** The per-seat "bot when away" switch (off by default: the company waits for its student); a class-size roster keeps the box, its words in the tooltip. */
  private seatSwitch(e: RosterEntry, dense: boolean): HTMLElement {
    const box = h('input', { type: 'checkbox', testid: `roster-bot-${e.playerId}`, checked: Boolean(e.awayBot) });
    box.addEventListener('change', () => void this.run('seatBots', { playerId: e.playerId, on: box.checked }));
    return dense
      ? h('label', { class: 'muted seat-bot', title: `${t('proj.awayBotSeat')}: ${t('proj.awayBotsHint')}` }, box)
      : h('label', { class: 'muted seat-bot', title: t('proj.awayBotsHint') }, box, ' ', t('proj.awayBotSeat'));
  }

  /** The teacher's calendar: upcoming scheduled events and the auto-pause switch (roster message). */
  updateSchedule(list: UpcomingEvent[], autoPause: boolean): void {
    this.upcoming = list;
    if (document.activeElement !== this.autoPause) this.autoPause.checked = autoPause;
    this.renderSchedule();
  }

  private renderSchedule(): void {
    const today = this.view?.day ?? 0;
    const dps = this.roomInfo?.daysPerSecond ?? 1;
    const ahead = this.upcoming.filter((e) => e.day >= today);
    setChildren(this.scheduleList, ...(ahead.length ? ahead.slice(0, 5).map((e) => {
      // The event fires in the step played from its day (auto-pause stops the clock on that day).
      const days = e.day - today;
      const name = tMaybe(`event.${e.kind}`) ?? e.kind;
      // Day and countdown on one line, what happens under it: wrapped inline runs would tangle on a narrow column.
      return h('div', { class: 'sched', testid: `proj-event-${e.day}-${e.kind}` },
        h('div', {}, h('b', {}, t('proj.day', { day: e.day, end: this.view?.endDay ?? '?' })), ' · ',
          h('span', { class: days <= 1 ? 'bad' : 'v', testid: 'proj-event-countdown' }, days <= 0 ? t('proj.eventNext') : t('proj.eventIn', { days, time: clock(days / Math.max(0.01, dps)) }))),
        h('div', { class: 'muted sched-what' }, h('span', {}, name), e.headline ? ' · ' : null, e.headline ? h('bdi', { dir: 'auto' }, `“${newsLine(e.kind, e.headline)}”`) : null));
    }) : [h('div', { class: 'muted' }, t('proj.noEvents'))]));
  }

  updateView(v: PlayerView): void {
    this.view = v;
    this.renderSchedule();
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
      ...v.contest.history.slice(-4).reverse().map((r) => h('div', {}, `${t('contest.round')} ${r.round}: `, h('b', {}, lang() === 'en' ? r.winner.toUpperCase() : tWord(r.winner)), r.poolUsdCents === null ? '' : ` · ${usd(r.poolUsdCents / 100)}`)),
      last ? null : h('div', { class: 'muted' }, t('contest.none')));
    const sitesOf = (id: string) => v.sites.filter((s) => s.ownerId === id).length;
    const many = v.players.length > CARDS_COMPACT_FROM;
    this.cards.classList.toggle('compact', many);
    if (!many) {
      setText(this.companiesPage, '');
      setChildren(this.cards, ...v.players.map((p) => h('div', { class: 'ccard', testid: `company-${p.id}`, style: `border-color:${playerColor(p.colorIndex)}` },
        h('div', { class: 'cname' }, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} · ${p.name}`, p.bankrupt ? ' †' : ''),
        h('div', { class: 'grid2' },
          h('span', {}, t('proj.mcap')), h('b', { class: 'v' }, usd(p.marketCapUsd)),
          h('span', {}, t('proj.nav')), h('b', { class: 'v' }, usd(p.navUsd)),
          h('span', {}, t('proj.sites')), h('span', { class: 'v' }, String(sitesOf(p.id))),
          h('span', {}, t('proj.revenue')), h('span', { class: 'v' }, `${usd(p.revenueMiningUsdPerDay)} / ${usd(p.revenueAiUsdPerDay)}`)))));
      return;
    }
    // A class: one line per company, largest market cap first, paged only beyond what the column holds.
    const ranked = [...v.players].sort((a, b) => b.marketCapUsd - a.marketCapUsd);
    const pages = Math.ceil(ranked.length / CARDS_PER_PAGE);
    if (pages > 1 && !this.pageTimer) this.pageTimer = setInterval(() => { this.page += 1; if (this.view) this.updateView(this.view); }, COMPANY_PAGE_MS);
    if (pages <= 1 && this.pageTimer) this.destroy();
    const page = this.page % pages;
    setText(this.companiesPage, pages > 1 ? t('proj.companiesPage', { page: page + 1, pages }) : `(${ranked.length})`);
    setChildren(this.cards,
      h('div', { class: 'crow head' }, h('span', {}, '#'), h('span', {}, t('proj.companies')), h('span', { class: 'v' }, t('proj.mcap')), h('span', { class: 'v' }, t('proj.nav'))),
      ...ranked.slice(page * CARDS_PER_PAGE, (page + 1) * CARDS_PER_PAGE).map((p, i) => h('div', { class: 'crow', testid: `company-${p.id}`, style: `border-color:${playerColor(p.colorIndex)}` },
        h('span', { class: 'muted' }, String(page * CARDS_PER_PAGE + i + 1)),
        h('span', { class: 'cname', dir: 'auto' }, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} · `, h('bdi', {}, p.name), p.bankrupt ? ' †' : ''),
        h('b', { class: 'v' }, usd(p.marketCapUsd)), h('span', { class: 'v' }, usd(p.navUsd)))));
  }
}

/** 75 s → "1:15": the countdown's real time at the current pace. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What an away student's seat does: waits (frozen) or is played by a bot, as the teacher chose. */
function awayText(e: RosterEntry): string {
  return e.control === 'bot' ? t('proj.awayBotPlays') : e.control === 'frozen' ? t('proj.awayWaits') : `○ ${t('proj.offline')}`;
}

function rosterStateWord(e: RosterEntry, on: boolean): string {
  return e.kind === 'bot' ? t('proj.bot') : on ? t('proj.online') : awayText(e);
}
