/**
 * The teacher's debrief, after or during a session: the session's replay re-simulated in the
 * browser (classroom/debriefData.ts) drawn as downloadable charts, plus the decisions, contests,
 * ⅔ rounds and event effects as tables, and the export zip.
 */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import type { ReplayFile } from '../../../shared/rules/replay.js';
import { h, mount, setChildren } from '../ui/dom.js';
import { t, tMaybe } from '../i18n/index.js';
import { newsText } from '../ui/NewsTicker.js';
import type { MessageKey } from '../i18n/en.js';
import { playerColor, seatLetter } from '../ui/palette.js';
import { usd } from '../util/format.js';
import { buildDebrief, premiumPaths, type DebriefData } from '../classroom/debriefData.js';
import { downloadPng, drawLines, type LineSeries } from '../classroom/canvasChart.js';
import { fmt1, pLabel } from '../classroom/guessDisplay.js';

interface SessionGuessRound { game: number; round: number; p?: number; count: number; mean: number | null; median: number | null; target: number | null; winner: string | null }

export class DebriefScene extends Phaser.Scene {
  constructor() {
    super(SCENES.debrief);
  }

  create(data: { code: string; token: string; back?: string }): void {
    const net = this.registry.get(REG.net) as NetworkService;
    const body = h('div', { testid: 'debrief-body' }, h('div', { class: 'muted' }, t('debrief.loading')));
    const q = `token=${encodeURIComponent(data.token)}`;
    const root = h('div', { class: 'debrief', testid: 'debrief' },
      h('div', { class: 'row' }, h('h1', { style: 'margin:0' }, t('debrief.title')), h('span', { style: 'flex:1' }),
        h('a', { href: `${net.httpBase}/api/sessions/${data.code}/export.zip?${q}`, download: '', testid: 'debrief-export', style: 'color:#56b4e9' }, t('proj.export')),
        h('button', { testid: 'debrief-close', onclick: () => this.scene.start(data.back ?? SCENES.title) }, t('debrief.close'))),
      body);
    const unmount = mount(root);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, unmount);
    const names = new Map(net.roster.map((r) => [r.playerId, r.name !== r.displayName ? `${r.name} (${r.displayName})` : r.name]));
    void Promise.all([
      fetch(`${net.httpBase}/api/matches/${data.code}/replay.json?${q}`).then(async (r) => { if (!r.ok) throw new Error(`replay ${r.status}`); return (await r.json()) as ReplayFile; }),
      fetch(`${net.httpBase}/api/sessions/${data.code}?${q}`).then(async (r) => (r.ok ? ((await r.json()) as { guess?: { rounds?: SessionGuessRound[] }; roster?: { playerId: string; name: string; displayName: string }[] }) : null)).catch(() => null),
    ]).then(([file, session]) => {
      const d = buildDebrief(file);
      // Reopened later from the teacher link: the real names come from the session record.
      for (const r of session?.roster ?? []) if (!names.has(r.playerId)) names.set(r.playerId, r.name !== r.displayName ? `${r.name} (${r.displayName})` : r.name);
      setChildren(body, ...render(d, data.code, (id) => names.get(id) ?? d.companies.find((c) => c.id === id)?.name ?? id, session?.guess?.rounds ?? []));
      (window as unknown as { __bcDebrief?: unknown }).__bcDebrief = { days: d.days.length, companies: d.companies.length, events: d.events, contests: d.contests.length, decisions: d.decisions.length };
    }).catch((e: Error) => setChildren(body, h('div', { class: 'status err', testid: 'debrief-error' }, t('debrief.failed', { message: e.message }))));
  }
}

function figure(id: string, code: string, draw: (c: HTMLCanvasElement) => void): HTMLElement {
  const canvas = h('canvas', { width: 640, height: 300, testid: `chart-${id}` });
  draw(canvas);
  return h('figure', {}, canvas,
    h('div', { class: 'row', style: 'margin:0.2em 0 0' }, h('button', { class: 'small', testid: `png-${id}`, onclick: () => downloadPng(canvas, `${code}-${id}.png`) }, `⤓ ${t('debrief.png')}`)));
}

function pctCell(v: number): HTMLElement {
  return h('td', { class: `num ${v < 0 ? 'bad' : 'good'}` }, `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`);
}

function cols(key: MessageKey): HTMLElement {
  return h('tr', {}, ...t(key).split('|').map((c) => h('th', {}, c)));
}

function render(d: DebriefData, code: string, nameOf: (id: string) => string, guessRounds: SessionGuessRound[]): HTMLElement[] {
  const per = (pick: (c: DebriefData['companies'][number]) => readonly (number | null)[]): LineSeries[] =>
    d.companies.map((c) => ({ label: `${seatLetter(c.colorIndex)} ${nameOf(c.id)}`, color: playerColor(c.colorIndex), values: pick(c) }));
  const premium = premiumPaths(d);
  const charts = h('div', { class: 'charts' },
    figure('score-market', code, (c) => drawLines(c, t('debrief.scoreMarket'), d.days, per((x) => x.scoreMarketUsd))),
    figure('score-nav', code, (c) => drawLines(c, t('debrief.scoreNav'), d.days, per((x) => x.scoreNavUsd))),
    figure('cash', code, (c) => drawLines(c, t('debrief.cash'), d.days, per((x) => x.cashUsd))),
    figure('nav', code, (c) => drawLines(c, t('debrief.nav'), d.days, per((x) => x.navUsd))),
    figure('mcap', code, (c) => drawLines(c, t('debrief.mcap'), d.days, per((x) => x.marketCapUsd))),
    figure('gap', code, (c) => drawLines(c, t('debrief.gap'), d.days, per((x) => premium.find((p) => p.id === x.id)?.values ?? []))),
    figure('gw', code, (c) => drawLines(c, t('debrief.gw'), d.days, [
      { label: t('debrief.mining'), color: '#E69F00', values: d.miningGw }, { label: t('debrief.ai'), color: '#56B4E9', values: d.aiGw }])),
    figure('compute', code, (c) => drawLines(c, t('debrief.compute'), d.days, [{ label: t('debrief.compute'), color: '#009E73', values: d.computeH100Days }])),
    figure('btc', code, (c) => drawLines(c, t('debrief.btc'), d.days, [{ label: 'BTC', color: '#E69F00', values: d.btcUsd }])));
  const events = h('div', { class: 'wide' }, h('h3', {}, t('debrief.events')),
    d.events.length === 0 ? h('div', { class: 'muted' }, t('debrief.noEvents')) :
      h('table', { testid: 'debrief-events' }, cols('debrief.eventCols'), ...d.events.map((e) => h('tr', {},
        h('td', {}, String(e.day)), h('td', {}, h('b', {}, tMaybe(`event.${e.kind}`) ?? e.kind), ' ', newsText(e.kind, e.headline)), h('td', { class: 'num' }, usd(e.btcBeforeUsd)), h('td', { class: 'num' }, usd(e.btcNextUsd)),
        pctCell(e.changePct), pctCell(e.changeAfterPct)))));
  const contests = h('div', {}, h('h3', {}, t('debrief.contests')),
    d.contests.length === 0 ? h('div', { class: 'muted' }, t('contest.none')) :
      h('table', { testid: 'debrief-contests' }, cols('debrief.contestCols'), ...d.contests.map((r) => h('tr', {},
        h('td', {}, String(r.round)), h('td', {}, String(r.day)), h('td', {}, t(r.winner === 'ai' ? 'opt.ai' : 'opt.crypto')), h('td', { class: 'num' }, usd(r.weightCrypto)), h('td', { class: 'num' }, usd(r.weightAi)), h('td', { class: 'num' }, usd(r.poolUsdCents / 100))))));
  const guesses = h('div', { class: 'wide' }, h('h3', {}, t('debrief.guessRounds')),
    guessRounds.length === 0 ? h('div', { class: 'muted' }, t('guess.notStarted')) :
      h('table', { testid: 'debrief-guess' }, cols('debrief.guessCols'), ...guessRounds.map((r) => h('tr', {},
        h('td', {}, String(r.game)), h('td', {}, String(r.round)), h('td', {}, r.p === undefined ? '–' : pLabel(r.p)), h('td', { class: 'num' }, String(r.count)), h('td', { class: 'num' }, fmt1(r.mean)), h('td', { class: 'num' }, fmt1(r.median)),
        h('td', { class: 'num' }, fmt1(r.target)), h('td', {}, r.winner ? nameOf(r.winner) : '–')))));
  const timeline = h('div', { style: 'grid-column:1/-1' }, h('h3', {}, t('debrief.timeline')),
    ...d.companies.map((c) => {
      const mine = d.decisions.filter((x) => x.playerId === c.id);
      return h('details', { testid: `timeline-${c.id}` }, h('summary', {}, h('span', { class: 'swatch', style: `background:${playerColor(c.colorIndex)}` }), `${seatLetter(c.colorIndex)} ${nameOf(c.id)} · ${mine.length}`),
        mine.length === 0 ? h('div', { class: 'muted' }, t('debrief.noActions')) :
          h('table', {}, cols('debrief.decisionCols'), ...mine.map((x) => h('tr', {}, h('td', {}, String(x.day)), h('td', {}, tMaybe(`form.${x.type}`) ?? x.type), h('td', { class: x.result === 'accepted' ? 'good' : 'bad' }, x.result === 'accepted' ? t('game.accepted') : x.result)))));
    }));
  return [charts, h('div', { class: 'tables' }, events, contests, guesses, timeline)];
}
