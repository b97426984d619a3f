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
import { dir, localDigits, t, tMaybe } from '../i18n/index.js';
import { newsText } from '../ui/NewsTicker.js';
import type { MessageKey } from '../i18n/en.js';
import { seatLetter } from '../ui/palette.js';
import { compact, usd } from '../util/format.js';
import { buildDebrief, premiumPaths, type DebriefData, type EventImpact } from '../classroom/debriefData.js';
import { convergenceSeries, distinctColors, histogramConfig, lineChartConfig, type ChartLocale, type ChartMarker, type LineChartSpec, type LineSeries } from '../classroom/chartConfig.js';
import { chartBox, companyChart, downloadUrl, type ChartHandle } from '../classroom/charts.js';
import { fmt1, histogramBars, pLabel } from '../classroom/guessDisplay.js';
import { exportPanel } from '../classroom/exportPanel.js';
import { HISTOGRAM_BIN_WIDTH, NAGEL_1995, equilibriumGuess, type GuessView } from '../../../shared/classroom/guess.js';

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
      const charts: ChartHandle[] = [];
      setChildren(body, ...render(d, data.code, (id) => names.get(id) ?? d.companies.find((c) => c.id === id)?.name ?? id, session?.guess?.rounds ?? [], net.guess, charts));
      // Chart.js sizes each chart to its box: draw once the boxes are in the page.
      for (const c of charts) c.draw();
      this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => charts.forEach((c) => c.destroy()));
      (window as unknown as { __bcDebrief?: unknown }).__bcDebrief = { days: d.days.length, companies: d.companies.length, events: d.events, contests: d.contests.length, decisions: d.decisions.length };
    }).catch((e: Error) => setChildren(body, h('div', { class: 'status err', testid: 'debrief-error' }, t('debrief.failed', { message: e.message }))));
  }
}

type ChartId = 'score-market' | 'score-nav' | 'cash' | 'nav' | 'mcap' | 'gap' | 'gw' | 'compute' | 'btc' | 'guess' | 'guess-hist';

/** Box heights: tall enough for 18-px type on a wall, short enough that two charts share a phone screen. */
const COMPANY_HEIGHT = 'clamp(440px, 30vw + 60px, 640px)';
const CHART_HEIGHT = 'clamp(380px, 24vw + 40px, 540px)';

const locale = (): ChartLocale => ({ rtl: dir() === 'rtl', digits: (s) => localDigits(s) });

/** A chart (its lesson under the title, in the page and in the PNG) with a PNG button and, for companies, the full list. */
function figure(id: ChartId, code: string, handle: ChartHandle, charts: ChartHandle[], list?: HTMLElement): HTMLElement {
  charts.push(handle);
  return h('figure', { testid: `figure-${id}` }, handle.el,
    list ? h('div', { class: 'muted legendhint' }, t('debrief.legendHint')) : null, list ?? null,
    h('div', { class: 'row', style: 'margin:0.2em 0 0' }, h('button', { class: 'small', testid: `png-${id}`, onclick: () => downloadUrl(handle.png(), `${code}-${id}.png`) }, `⤓ ${t('debrief.png')}`)));
}

const lessonOf = (id: ChartId) => t(`debrief.lesson.${id}` as MessageKey);

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

/**
 * The ⅔ convergence chart of one game (mean, median and target per round, every guess, the
 * equilibrium and Nagel's students), and beside it the histogram of its last round.
 */
function guessFigures(code: string, game: number, rounds: SessionGuessRound[], view: GuessView | null, charts: ChartHandle[]): HTMLElement[] {
  const p = rounds[0]?.p ?? 2 / 3;
  // Individual guesses are known for the game on screen once its rounds closed.
  const closed = view && rounds.length === view.rounds.length ? view.rounds : [];
  const series = convergenceSeries(rounds.map((r, i) => ({ round: r.round, mean: r.mean, median: r.median, target: r.target, guesses: closed[i]?.guesses.map((g) => g.value) })),
    { mean: t('guess.mean'), median: t('guess.median'), target: t('guess.target'), equilibrium: t('debrief.equilibrium'), reference: t('debrief.nagel'), guesses: t('debrief.guesses') },
    equilibriumGuess(p), Math.abs(p - NAGEL_1995.p) < 1e-9 ? NAGEL_1995.laterRoundMeans : null);
  const xs = rounds.map((r) => r.round);
  const spec: LineChartSpec = {
    title: t('debrief.guessChart', { game, p: pLabel(p) }), lesson: lessonOf('guess'), xs: xs.length === 1 ? [xs[0]!, xs[0]! + 1] : xs, series,
    format: (v) => fmt1(v), xName: t('debrief.round'), locale: locale(), rankLeaders: false,
  };
  const out = [figure('guess', `${code}-game${game}`, chartBox('guess', () => lineChartConfig(spec), spec.lesson, CHART_HEIGHT), charts)];
  const last = closed[closed.length - 1];
  if (last) {
    const marks = [
      ...(last.mean === null ? [] : [{ value: last.mean, label: `${t('guess.mean')} ${fmt1(last.mean)}`, color: '#E69F00' }]),
      ...(last.target === null ? [] : [{ value: last.target, label: `${t('guess.target')} ${fmt1(last.target)}`, color: '#009E73' }]),
    ];
    const hist = histogramConfig({
      title: `${t('guess.histogram')} · ${t('guess.roundOf', { round: last.round, total: rounds.length })}`, lesson: lessonOf('guess-hist'),
      bars: histogramBars(last.histogram), binWidth: HISTOGRAM_BIN_WIDTH, marks, locale: locale(), countName: t('debrief.guesses'),
    });
    out.push(figure('guess-hist', `${code}-game${game}`, chartBox('guess-hist', () => hist, lessonOf('guess-hist'), CHART_HEIGHT), charts));
  }
  return out;
}

function render(d: DebriefData, code: string, nameOf: (id: string) => string, guessRounds: SessionGuessRound[], guessView: GuessView | null, charts: ChartHandle[]): HTMLElement[] {
  // 40 companies need 40 colours: the seat palette repeats after eight.
  const colours = distinctColors(d.companies.length);
  const per = (pick: (c: DebriefData['companies'][number]) => readonly (number | null)[]): LineSeries[] =>
    d.companies.map((c, i) => ({ id: c.id, label: `${seatLetter(c.colorIndex)} ${nameOf(c.id)}`, color: colours[i]!, values: pick(c) }));
  const premium = premiumPaths(d);
  const markers: ChartMarker[] = d.events.map((e) => ({ x: e.day, label: eventName(e.kind), color: e.shockPct !== null && e.shockPct < 0 ? '#ff6b6b' : '#f0e442' }));
  const money = (v: number) => `${v < 0 ? '−' : ''}$${compact(Math.abs(v))}`;
  const base = (id: ChartId, title: MessageKey, series: LineSeries[]): LineChartSpec => ({
    title: t(title), lesson: lessonOf(id), xs: d.days, series, markers, markerWhere: (day) => t('debrief.eventDay', { day }), format: money,
    xName: t('debrief.day'), locale: locale(), othersLabel: (n) => t('debrief.others', { n }), flatNote: (value) => t('debrief.flat', { value }),
  });
  const companies = (id: ChartId, title: MessageKey, series: LineSeries[]) => {
    const c = companyChart(id, base(id, title, series), COMPANY_HEIGHT);
    return figure(id, code, c, charts, c.list);
  };
  const single = (id: ChartId, spec: LineChartSpec) => figure(id, code, chartBox(id, () => lineChartConfig(spec), spec.lesson, CHART_HEIGHT), charts);
  const games = [...new Set(guessRounds.map((r) => r.game))];
  const lastGame = games[games.length - 1];
  const chartsEl = h('div', { class: 'charts' },
    companies('score-market', 'debrief.scoreMarket', per((x) => x.scoreMarketUsd)),
    companies('score-nav', 'debrief.scoreNav', per((x) => x.scoreNavUsd)),
    single('btc', base('btc', 'debrief.btc', [{ id: 'btc', label: 'BTC', color: '#E69F00', values: d.btcUsd, bold: true }])),
    ...games.flatMap((g) => guessFigures(code, g, guessRounds.filter((r) => r.game === g), g === lastGame ? guessView : null, charts)),
    companies('gap', 'debrief.gap', per((x) => premium.find((p) => p.id === x.id)?.values ?? [])),
    companies('mcap', 'debrief.mcap', per((x) => x.marketCapUsd)),
    companies('nav', 'debrief.nav', per((x) => x.navUsd)),
    companies('cash', 'debrief.cash', per((x) => x.cashUsd)),
    single('gw', { ...base('gw', 'debrief.gw', [
      { id: 'mining', label: t('debrief.mining'), color: '#E69F00', values: d.miningGw }, { id: 'ai', label: t('debrief.ai'), color: '#56B4E9', values: d.aiGw }]), format: (v) => `${v.toFixed(2)} GW` }),
    single('compute', { ...base('compute', 'debrief.compute', [{ id: 'compute', label: t('debrief.compute'), color: '#009E73', values: d.computeH100Days }]), format: (v) => compact(v), markers: [] }));
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
  return [chartsEl, h('div', { class: 'tables' }, events, contests, guesses, timeline)];
}
