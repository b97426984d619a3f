/**
 * The teacher's ⅔ panel on the projector: set p and the rounds, open and close rounds, and the live
 * histogram, mean, median, target, winner and level-k reading of the latest round.
 */
import type { GuessMessage } from '../core/MatchFeed.js';
import type { Body, ClientMessage, Command } from '../net/protocol.js';
import type { ClassroomState } from '../net/protocol.js';
import { h, setChildren, setText } from '../ui/dom.js';
import { dir, localDigits, t } from '../i18n/index.js';
import { HISTOGRAM_BIN_WIDTH } from '../../../shared/classroom/guess.js';
import { histogramConfig, type BarMark } from './chartConfig.js';
import { chartBox, downloadUrl } from './charts.js';
import { fmt1, histogramBars, latestRound, levelRows, pLabel, parseP } from './guessDisplay.js';

export class GuessPanel {
  readonly el: HTMLElement;
  /** The live histogram (Chart.js), redrawn on every guess message. */
  readonly chart = chartBox('guess-histogram', () => this.histogram(null), t('guess.lesson.histogram'), '320px');
  private readonly title = h('h2', { testid: 'guess-title' }, t('guess.title'));
  private readonly roundLine = h('div', { class: 'muted', testid: 'guess-round' }, t('guess.notStarted'));
  private readonly stats = h('div', { class: 'grid2 big-stats', testid: 'guess-stats' });
  private readonly levels = h('table', { testid: 'guess-levels' });
  private readonly status = h('span', { class: 'status', testid: 'guess-status' });
  private readonly openBtn: HTMLButtonElement;
  private readonly closeBtn: HTMLButtonElement;
  private last: GuessMessage | null = null;

  constructor(private readonly command: Command, private readonly nameOf: (id: string) => string) {
    const p = h('input', { testid: 'guess-p', value: '2/3', style: 'width:4.5em', dir: 'ltr' });
    const rounds = h('input', { testid: 'guess-rounds', type: 'number', min: '1', max: '50', value: '3', style: 'width:4em' });
    const bots = h('input', { testid: 'guess-bots', type: 'number', min: '0', max: '100', value: '0', style: 'width:4em' });
    this.openBtn = h('button', { testid: 'guess-open', onclick: () => void this.run('guessOpen') }, t('guess.open'));
    this.closeBtn = h('button', { class: 'primary', testid: 'guess-close', onclick: () => void this.run('guessClose') }, t('guess.close'));
    this.el = h('div', { class: 'section', testid: 'guess-panel' },
      this.title,
      h('div', { class: 'row' },
        h('label', { style: 'min-width:0' }, t('guess.p')), p, h('label', { style: 'min-width:0' }, t('guess.rounds')), rounds,
        h('label', { style: 'min-width:0' }, t('guess.bots')), bots,
        h('button', { testid: 'guess-start', onclick: () => {
          const pv = parseP(p.value);
          void this.run('guessStart', { p: pv, rounds: Number(rounds.value), ...(Number(bots.value) > 0 ? { bots: Number(bots.value) } : {}) });
        } }, t('guess.start'))),
      h('div', { class: 'row' }, this.openBtn, this.closeBtn, this.status),
      this.roundLine, this.chart.el,
      h('div', { class: 'row', style: 'margin:0.2em 0 0' }, h('button', { class: 'small', testid: 'png-guess-histogram', onclick: () => downloadUrl(this.chart.png(), `guess-round-${latestRound(this.last)?.round ?? 0}.png`) }, `⤓ ${t('debrief.png')}`)),
      this.stats,
      h('h3', { style: 'margin-top:0.4em' }, t('guess.levels')), this.levels);
    this.render(null, null);
  }

  /** The latest round's bars with its mean and target marked; ten empty bins before the first round. */
  private histogram(view: GuessMessage | null) {
    const round = latestRound(view);
    const marks: BarMark[] = [];
    if (round?.mean !== null && round?.mean !== undefined) marks.push({ value: round.mean, label: `${t('guess.mean')} ${fmt1(round.mean)}`, color: '#e69f00' });
    if (round?.target !== null && round?.target !== undefined) marks.push({ value: round.target, label: `${t('guess.target')} ${fmt1(round.target)}`, color: '#009e73' });
    return histogramConfig({
      title: round && view ? `${t('guess.histogram')} · ${t('guess.roundOf', { round: round.round, total: view.plannedRounds })}` : t('guess.histogram'),
      lesson: t('guess.lesson.histogram'), bars: histogramBars(round?.histogram ?? new Array<number>(10).fill(0)), binWidth: HISTOGRAM_BIN_WIDTH, marks,
      locale: { rtl: dir() === 'rtl', digits: (s) => localDigits(s) }, countName: t('debrief.guesses'),
    });
  }

  private async run<K extends ClientMessage>(type: K, body?: Body<K>): Promise<void> {
    setText(this.status, '…');
    const r = await this.command(type, body ?? ({} as Body<K>));
    setText(this.status, r.ok ? '✓' : r.message);
    this.status.className = `status ${r.ok ? 'ok' : 'err'}`;
  }

  render(msg: GuessMessage | null, cls: ClassroomState | null): void {
    if (msg) this.last = msg;
    const view = this.last;
    const round = latestRound(view);
    this.openBtn.disabled = !view || Boolean(round?.open) || (view.rounds.length >= view.plannedRounds);
    this.closeBtn.disabled = !round?.open;
    if (!view || !round) {
      this.chart.update(this.histogram(null));
      setChildren(this.stats);
      setChildren(this.levels);
      return;
    }
    setText(this.title, t('guess.titleP', { p: pLabel(view.p) }));
    const count = cls?.guessOpen && cls.guessRound === round.round ? Math.max(cls.guessCount, round.count) : round.count;
    setText(this.roundLine, `${t('guess.roundOf', { round: round.round, total: view.plannedRounds })} · ${round.open ? t('guess.openNow') : t('guess.closed')} · ${t(count === 1 ? 'guess.countOne' : 'guess.count', { n: count })}`);
    this.chart.update(this.histogram(view));
    const winner = round.winner ? `${this.nameOf(round.winner)}${round.winners.length > 1 ? ` (+${round.winners.length - 1})` : ''}` : round.open ? '…' : t('guess.nobody');
    const winGuess = round.winner ? round.guesses.find((g) => g.playerId === round.winner)?.value : undefined;
    setChildren(this.stats,
      h('span', {}, t('guess.mean')), h('b', { class: 'v', testid: 'guess-mean' }, fmt1(round.mean)),
      h('span', {}, t('guess.median')), h('b', { class: 'v', testid: 'guess-median' }, fmt1(round.median)),
      h('span', {}, t('guess.target')), h('b', { class: 'v', testid: 'guess-target' }, fmt1(round.target)),
      h('span', {}, t('guess.winner')), h('b', { class: 'v', testid: 'guess-winner' }, winGuess !== undefined ? `${winner} · ${fmt1(winGuess)}` : winner));
    setChildren(this.levels,
      ...levelRows(round).map((l) => h('tr', {}, h('td', {}, levelName(l.label)), h('td', { class: 'num' }, `≈ ${fmt1(l.value)}`), h('td', { class: 'num' }, String(l.count)), h('td', { class: 'num muted' }, `${l.pct}%`))));
  }
}

/** "L0 (no reasoning)", "L2", "EQ (equilibrium)". */
export function levelName(label: string): string {
  if (label === 'L0') return t('guess.level.L0');
  if (label === 'EQ') return t('guess.level.EQ');
  return label;
}
