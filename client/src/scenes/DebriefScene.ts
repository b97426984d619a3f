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
import { localDigits, t, tMaybe } from '../i18n/index.js';
import { newsText } from '../ui/NewsTicker.js';
import type { MessageKey } from '../i18n/en.js';
import { seatLetter } from '../ui/palette.js';
import { compact, usd } from '../util/format.js';
import { buildDebrief, premiumPaths, type DebriefData, type EventImpact } from '../classroom/debriefData.js';
import { attachTooltip, distinctColors, downloadPng, drawLines, type ChartMarker, type LineChartOptions, type LineSeries } from '../classroom/canvasChart.js';
import { fmt1, pLabel } from '../classroom/guessDisplay.js';
import { exportPanel } from '../classroom/exportPanel.js';
import { NAGEL_1995, equilibriumGuess, type GuessView } from '../../../shared/classroom/guess.js';

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
        exportPanel(net.httpBase, data.code, data.token),
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
      setChildren(body, ...render(d, data.code, (id) => names.get(id) ?? d.companies.find((c) => c.id === id)?.name ?? id, session?.guess?.rounds ?? [], net.guess));
      (window as unknown as { __bcDebrief?: unknown }).__bcDebrief = { days: d.days.length, companies: d.companies.length, events: d.events, contests: d.contests.length, decisions: d.decisions.length };
    }).catch((e: Error) => setChildren(body, h('div', { class: 'status err', testid: 'debrief-error' }, t('debrief.failed', { message: e.message }))));
  }
}

type ChartId = 'score-market' | 'score-nav' | 'cash' | 'nav' | 'mcap' | 'gap' | 'gw' | 'compute' | 'btc' | 'guess';

/** A chart with its lesson (caption and printed into the PNG), hover tooltips and a PNG button. */
function figure(id: ChartId, code: string, draw: (c: HTMLCanvasElement, lesson: string) => void): HTMLElement {
  const canvas = h('canvas', { width: 1200, height: 500, testid: `chart-${id}` });
  const lesson = t(`debrief.lesson.${id}` as MessageKey);
  draw(canvas, lesson);
  return h('figure', { testid: `figure-${id}` }, canvas, attachTooltip(canvas),
    h('div', { class: 'row', style: 'margin:0.2em 0 0' }, h('button', { class: 'small', testid: `png-${id}`, onclick: () => downloadPng(canvas, `${code}-${id}.png`) }, `⤓ ${t('debrief.png')}`)));
}

const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;

function pctCell(v: number | null): HTMLElement {
  if (v === null) return h('td', { class: 'num muted' }, t('debrief.pending'));
  return h('td', { class: `num ${v < 0 ? 'bad' : 'good'}` }, localDigits(signed(v)));
}

function cols(key: MessageKey): HTMLElement {
  return h('tr', {}, ...t(key).split('|').map((c) => h('th', {}, c)));
}

const eventName = (kind: string) => tMaybe(`event.${kind}`) ?? kind;

/** An indicator's value as the table shows it. */
function indicatorValue(e: EventImpact, v: number | null): string {
  if (v === null) return '–';
  if (e.indicator === 'btcUsd') return usd(v);
  if (e.indicator === 'hashpriceBtc') return `${localDigits((v * 1e8).toFixed(0))} sat/PH·d`;
  if (e.indicator === 'gpuRentUsdPerHour') return `$${localDigits(v.toFixed(2))}/h`;
  if (e.indicator === 'interestRatePct') return `${localDigits(v.toFixed(2))}%`;
  if (e.indicator === 'networkHashrateEhs') return `${localDigits(v.toFixed(1))} EH/s`;
  return localDigits(v.toFixed(1));
}

/** The ⅔ convergence chart of one game: mean, median and target per round, every guess, the equilibrium and Nagel's students. */
function guessFigure(code: string, game: number, rounds: SessionGuessRound[], view: GuessView | null): HTMLElement {
  const xs = rounds.map((r) => r.round);
  const p = rounds[0]?.p ?? 2 / 3;
  const series: LineSeries[] = [
    { label: t('guess.mean'), color: '#E69F00', values: rounds.map((r) => r.mean), bold: true },
    { label: t('guess.median'), color: '#56B4E9', values: rounds.map((r) => r.median) },
    { label: t('guess.target'), color: '#009E73', values: rounds.map((r) => r.target) },
  ];
  const eq = equilibriumGuess(p);
  if (eq !== null) series.push({ label: t('debrief.equilibrium'), color: '#D9D9D9', values: rounds.map(() => eq), dashed: true });
  if (Math.abs(p - NAGEL_1995.p) < 1e-9) {
    series.push({ label: t('debrief.nagel'), color: '#CC79A7', values: rounds.map((r) => NAGEL_1995.laterRoundMeans[r.round - 1] ?? null), dashed: true });
  }
  // Individual guesses are known for the game on screen once its rounds closed.
  const closed = view && rounds.length === view.rounds.length ? view.rounds : [];
  const most = Math.max(0, ...closed.map((r) => r.guesses.length));
  for (let k = 0; k < most; k++) {
    series.push({ label: k === 0 ? t('debrief.guesses') : '', color: 'rgba(240,228,66,0.45)', values: closed.map((r) => r.guesses[k]?.value ?? null), dots: true });
  }
  const legendless = series.filter((x) => x.label !== '');
  const dots = series.filter((x) => x.label === '');
  return figure('guess', `${code}-game${game}`, (c, lesson) =>
    drawLines(c, t('debrief.guessChart', { game, p: pLabel(p) }), xs.length === 1 ? [xs[0]!, xs[0]! + 1] : xs, [...legendless, ...dots], {
      lesson, xName: t('debrief.round'), format: (v) => fmt1(v),
    }));
}

function render(d: DebriefData, code: string, nameOf: (id: string) => string, guessRounds: SessionGuessRound[], guessView: GuessView | null): HTMLElement[] {
  // 40 companies need 40 colours: the seat palette repeats after eight.
  const colours = distinctColors(d.companies.length);
  const per = (pick: (c: DebriefData['companies'][number]) => readonly (number | null)[]): LineSeries[] =>
    d.companies.map((c, i) => ({ label: `${seatLetter(c.colorIndex)} ${nameOf(c.id)}`, color: colours[i]!, values: pick(c) }));
  const premium = premiumPaths(d);
  const markers: ChartMarker[] = d.events.map((e) => ({ x: e.day, label: `${localDigits(String(e.day))} ${eventName(e.kind)}`, color: e.shockPct !== null && e.shockPct < 0 ? '#ff6b6b' : '#f0e442' }));
  const money = (v: number) => `${v < 0 ? '−' : ''}$${compact(Math.abs(v))}`;
  const dayChart = (id: ChartId, title: MessageKey, series: LineSeries[], extra: Partial<LineChartOptions> = {}) =>
    figure(id, code, (c, lesson) => drawLines(c, t(title), d.days, series, { lesson, xName: t('debrief.day'), format: money, markers, ...extra }));
  const games = [...new Set(guessRounds.map((r) => r.game))];
  const lastGame = games[games.length - 1];
  const charts = h('div', { class: 'charts' },
    dayChart('score-market', 'debrief.scoreMarket', per((x) => x.scoreMarketUsd)),
    dayChart('score-nav', 'debrief.scoreNav', per((x) => x.scoreNavUsd)),
    dayChart('btc', 'debrief.btc', [{ label: 'BTC', color: '#E69F00', values: d.btcUsd, bold: true }]),
    ...games.map((g) => guessFigure(code, g, guessRounds.filter((r) => r.game === g), g === lastGame ? guessView : null)),
    dayChart('gap', 'debrief.gap', per((x) => premium.find((p) => p.id === x.id)?.values ?? [])),
    dayChart('mcap', 'debrief.mcap', per((x) => x.marketCapUsd)),
    dayChart('nav', 'debrief.nav', per((x) => x.navUsd)),
    dayChart('cash', 'debrief.cash', per((x) => x.cashUsd)),
    dayChart('gw', 'debrief.gw', [
      { label: t('debrief.mining'), color: '#E69F00', values: d.miningGw }, { label: t('debrief.ai'), color: '#56B4E9', values: d.aiGw }], { format: (v) => `${v.toFixed(2)} GW` }),
    dayChart('compute', 'debrief.compute', [{ label: t('debrief.compute'), color: '#009E73', values: d.computeH100Days }], { format: (v) => compact(v), markers: [] }));
  const events = h('div', { class: 'wide' }, h('h3', {}, t('debrief.events')),
    d.events.length === 0 ? h('div', { class: 'muted' }, t('debrief.noEvents')) :
      h('table', { testid: 'debrief-events' }, cols('debrief.eventsCols'), ...d.events.map((e) => h('tr', { 'data-kind': e.kind },
        h('td', {}, localDigits(String(e.day))),
        h('td', {}, h('b', {}, eventName(e.kind)), ' ', newsText(e.kind, e.headline), e.sameDay ? h('div', { class: 'muted' }, t('debrief.sameDay', { n: e.sameDay })) : null),
        h('td', {}, t(`debrief.ind.${e.indicator}` as MessageKey)),
        h('td', { class: 'num' }, indicatorValue(e, e.before)), h('td', { class: 'num' }, indicatorValue(e, e.next)),
        pctCell(e.changePct), pctCell(e.changeAfterPct), h('td', { class: 'num' }, e.shockPct === null ? '–' : localDigits(signed(e.shockPct)))))));
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
    ...d.companies.map((c, i) => {
      const mine = d.decisions.filter((x) => x.playerId === c.id);
      return h('details', { testid: `timeline-${c.id}` }, h('summary', {}, h('span', { class: 'swatch', style: `background:${colours[i]!}` }), `${seatLetter(c.colorIndex)} ${nameOf(c.id)} · ${mine.length}`),
        mine.length === 0 ? h('div', { class: 'muted' }, t('debrief.noActions')) :
          h('table', {}, cols('debrief.decisionCols'), ...mine.map((x) => h('tr', {}, h('td', {}, String(x.day)), h('td', {}, tMaybe(`form.${x.type}`) ?? x.type), h('td', { class: x.result === 'accepted' ? 'good' : 'bad' }, x.result === 'accepted' ? t('game.accepted') : x.result)))));
    }));
  return [charts, h('div', { class: 'tables' }, events, contests, guesses, timeline)];
}
