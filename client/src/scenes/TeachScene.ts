/** "Teach a class": the treatment settings of a session, then the projector view. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import { MARKET_KEYS, type MarketKey } from '../net/protocol.js';
import { h, mount, setChildren, setText } from '../ui/dom.js';
import { drawBackdrop } from '../ui/Backdrop.js';
import { engineMessage, t, tMaybe } from '../i18n/index.js';
import type { MessageKey } from '../i18n/en.js';
import { buildSessionOptions, parseLabels } from '../classroom/sessionOptions.js';
import { hideTeacherToken } from '../classroom/teacherToken.js';
import { MAX_DAYS_PER_SECOND, MIN_DAYS_PER_SECOND, matchMinutes, secondsPerDay } from '../../../shared/rules/pace.js';
import { describeEvent, parseSchedule } from '../classroom/eventSchedule.js';
import type { ScenarioListing } from '../net/protocol.js';
import { scenarioPace } from '../ui/scenarioPace.js';
import { MARKET_LABEL } from '../ui/ActionPanel.js';
import { EVENT_KINDS, EVENT_TABLE } from '../../../shared/economy/events.js';


export class TeachScene extends Phaser.Scene {
  constructor() {
    super(SCENES.teach);
  }

  create(): void {
    const net = this.registry.get(REG.net) as NetworkService;
    const cleanup: (() => void)[] = [drawBackdrop(this)];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => cleanup.forEach((f) => f()));
    const input = (testid: string, attrs: Record<string, string | number> = {}) => h('input', { testid, ...attrs });
    const className = input('teach-name', { maxlength: 60, value: t('teach.classNameDefault') });
    const scenario = h('select', { testid: 'teach-scenario' });
    const pace = input('teach-pace', { type: 'number', step: '0.01', min: String(MIN_DAYS_PER_SECOND), max: String(MAX_DAYS_PER_SECOND), value: '0.08' });
    const paceHint = h('span', { class: 'muted', testid: 'teach-pace-hint' });
    const loadScenarios = scenarioPace(scenario, pace, paceHint);
    const cash = input('teach-cash', { type: 'number', min: '0', step: '1000000', placeholder: '—' });
    const markets = Object.fromEntries(MARKET_KEYS.map((k) => [k, h('input', { type: 'checkbox', testid: `teach-market-${k}`, checked: true })])) as Record<MarketKey, HTMLInputElement>;
    // The schedule is a small language (kinds and parameter names are keywords), so it reads left to right in any locale.
    const events = h('textarea', { testid: 'teach-events', rows: 3, placeholder: t('teach.eventsPlaceholder'), style: 'width:100%', dir: 'ltr', translate: 'no' });
    const period = input('teach-contest-days', { type: 'number', min: '1', max: '365', placeholder: '—' });
    const stake = input('teach-stake', { type: 'number', min: '0', step: '100000', placeholder: '—' });
    const anonymous = h('input', { type: 'checkbox', testid: 'teach-anonymous' });
    const chat = h('input', { type: 'checkbox', testid: 'teach-chat' });
    const bots = input('teach-bots', { type: 'number', min: '0', max: '40', step: '1', value: '0' });
    const labels = h('textarea', { testid: 'teach-labels', rows: 4, style: 'width:100%' });
    const labelCount = h('span', { class: 'muted', testid: 'teach-label-count' });
    const guests = h('input', { type: 'checkbox', testid: 'teach-guests' });
    const labelList = h('input', { type: 'checkbox', testid: 'teach-label-list' });
    const teacher = input('teach-teacher', { maxlength: '80' });
    // The browser's own file button speaks the browser's language: ours speaks the page's.
    const file = h('input', { type: 'file', accept: '.txt,.csv,text/plain,text/csv', testid: 'teach-labels-file', style: 'display:none' });
    const fileName = h('span', { class: 'muted', 'data-user-text': true });
    const fileButton = h('button', { type: 'button', testid: 'teach-labels-file-button', onclick: () => file.click() }, t('teach.loadFile'));
    const status = h('div', { class: 'status', testid: 'teach-status' });
    const duration = h('div', { class: 'muted', testid: 'teach-duration' });
    const eventsPreview = h('div', { testid: 'teach-events-preview', style: 'font-size:0.85em' });
    let scenarios: readonly ScenarioListing[] = [];
    const scenarioDays = () => scenarios.find((s) => s.id === scenario.value)?.days;
    // The lesson's length and when each scheduled event lands, as the teacher types.
    const refresh = () => {
      const days = scenarioDays();
      const dps = Number(pace.value);
      const ok = days !== undefined && dps >= MIN_DAYS_PER_SECOND && dps <= MAX_DAYS_PER_SECOND;
      setText(duration, ok ? t('teach.duration', { minutes: Math.round(matchMinutes(days, dps)), days, seconds: secondsPerDay(dps).toFixed(1) }) : '');
      const { events: planned, errors } = parseSchedule(events.value, days);
      setChildren(eventsPreview,
        ...errors.map((e) => h('div', { class: 'bad', testid: 'teach-event-error' }, e.message)),
        ...planned.map((e) => h('div', { class: 'muted', testid: 'teach-event-line' }, t('teach.eventAt', {
          day: e.day, event: describeEvent(e), headline: e.headline ? ` · “${e.headline}”` : '', time: ok ? clockTime(matchMinutes(e.day, dps) * 60) : '—',
        }))),
        !errors.length && !planned.length ? h('div', { class: 'muted' }, t('teach.eventsNone')) : null);
    };
    for (const el of [pace, events]) el.addEventListener('input', refresh);
    const countLabels = () => setText(labelCount, String(parseLabels(labels.value).length));
    labels.addEventListener('input', countLabels);
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void f.text().then((text) => { labels.value = text; countLabels(); setText(fileName, f.name); });
    });
    const row = (label: MessageKey, ...children: (Node | string)[]) => h('div', { class: 'row' }, h('label', {}, t(label)), ...children);
    const submit = async () => {
      const built = buildSessionOptions({
        className: className.value, scenario: scenario.value, daysPerSecond: Number(pace.value), startingCashUsd: cash.value,
        markets: Object.fromEntries(MARKET_KEYS.map((k) => [k, markets[k].checked])) as Record<MarketKey, boolean>,
        eventsText: events.value, contestPeriodDays: period.value, maxStakeUsd: stake.value, anonymousNames: anonymous.checked, chat: chat.checked,
        bots: Number(bots.value), labelsText: labels.value, allowGuests: guests.checked, labelList: labelList.checked, teacher: teacher.value, scenarioDays: scenarioDays(),
      });
      if (!built.ok) {
        setText(status, built.errors.join(' · '));
        status.className = 'status err';
        return;
      }
      setText(status, t('teach.creating'));
      status.className = 'status';
      try {
        await net.create(built.options);
        await waitFor(() => Boolean(net.welcome?.hostToken || net.hostToken));
        // A reload reopens this session; the token stays in the tab, not in the projected address bar.
        hideTeacherToken(net.roomCode, net.hostToken);
        this.scene.start(SCENES.projector);
      } catch (e) {
        setText(status, t('teach.failed', { message: engineMessage((e as Error).message) }));
        status.className = 'status err';
      }
    };
    const card = h('div', { class: 'card', style: 'width:min(900px,96vw)', testid: 'teach-setup' },
      h('h1', {}, t('teach.title')), h('div', { class: 'muted', style: 'margin-bottom:0.8em' }, t('teach.intro')),
      h('div', { class: 'cols' },
        h('div', {},
          row('teach.className', className), row('teach.teacher', teacher), row('teach.scenario', scenario), row('teach.pace', pace, paceHint), duration, row('teach.cash', cash),
          row('teach.contestDays', period), row('teach.stake', stake), row('teach.bots', bots),
          row('teach.anonymous', anonymous, h('span', { class: 'muted' }, t('teach.anonymousHint'))), row('teach.chat', chat)),
        h('div', {},
          h('h3', {}, t('teach.markets')),
          h('div', { class: 'grid2' }, ...MARKET_KEYS.map((k) => h('label', {}, markets[k], ' ', t(MARKET_LABEL[k])))),
          h('h3', { style: 'margin-top:0.6em' }, t('teach.events')), events, eventHelp(), eventsPreview,
          h('h3', { style: 'margin-top:0.6em' }, t('teach.labels'), ' ', labelCount), labels,
          h('div', { class: 'row' }, file, fileButton, fileName, h('span', { class: 'muted', style: 'font-size:0.85em' }, t('teach.labelsHint'))),
          h('div', { class: 'row' }, h('label', { style: 'min-width:0' }, labelList, ' ', t('teach.labelList'))),
          h('div', { class: 'row' }, h('label', { style: 'min-width:0' }, guests, ' ', t('teach.allowGuests'))))),
      h('div', { class: 'row', style: 'margin-top:0.8em' },
        h('button', { class: 'primary', testid: 'teach-create', onclick: () => void submit() }, t('teach.create')),
        h('button', { testid: 'teach-back', onclick: () => this.scene.start(SCENES.title) }, t('teach.back'))),
      status);
    cleanup.push(mount(card));
    void net.listScenarios().then((list) => {
      scenarios = list;
      loadScenarios(list);
      // After scenarioPace's own listener, so the pace it sets for the scenario is the one shown.
      scenario.addEventListener('change', refresh);
      refresh();
    }).catch((e: Error) => setText(status, t('title.unreachable', { message: e.message })));
  }
}

/** 375 s → "6:15". */
function clockTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function waitFor(test: () => boolean, timeoutMs = 8000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (test()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('no answer from the server'));
      setTimeout(poll, 50);
    };
    poll();
  });
}

/** The schedule's syntax: an example, then each kind's keyword, its name and its parameters. */
function eventHelp(): HTMLElement {
  const code = (text: string) => h('code', { translate: 'no', dir: 'ltr' }, text);
  return h('div', { class: 'muted', style: 'font-size:0.85em', testid: 'teach-events-help' },
    t('teach.eventsLead'), h('div', {}, code(t('teach.eventsPlaceholder'))),
    h('details', {}, h('summary', {}, t('teach.eventKinds')),
      ...EVENT_KINDS.map((kind) => {
        const params = Object.keys(EVENT_TABLE[kind].params);
        return h('div', { testid: `teach-kind-${kind}` }, code(kind), ' ', tMaybe(`event.${kind}`) ?? kind, params.length ? ' · ' : '', params.length ? code(params.map((p) => `${p}=`).join(' ')) : '');
      })));
}
