/**
 * What a student sees of a classroom session on top of the lobby or the game: the teacher's pause
 * question, and the ⅔ card (a number 0–100 and Submit, their guess echoed, the round's result).
 * Sized for phones: on a narrow screen the card docks to the bottom edge at full width.
 */
import type { NetworkService } from '../net/NetworkService.js';
import { h, setChildren, setText } from '../ui/dom.js';
import { t } from '../i18n/index.js';
import { fmt1, latestRound, myOutcome, parseGuess, pLabel } from './guessDisplay.js';
import { ChatBox } from './ChatBox.js';

export class ClassOverlay {
  readonly question = h('div', { class: 'classq', testid: 'class-question', style: 'display:none' });
  readonly card = h('div', { class: 'classcard', testid: 'guess-card', style: 'display:none' });
  private readonly title = h('h2', { style: 'margin:0 0 0.3em' });
  private readonly roundLine = h('div', { class: 'muted', testid: 'guess-card-round' });
  private readonly prompt = h('div', { style: 'margin:0.3em 0' });
  private readonly input = h('input', { class: 'bigin', testid: 'guess-input', type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: 6, dir: 'ltr', placeholder: '0–100' });
  private readonly submit: HTMLButtonElement;
  private readonly form: HTMLElement;
  private readonly echo = h('div', { testid: 'guess-echo', style: 'font-weight:700;margin-top:0.3em' });
  private readonly result = h('div', { testid: 'guess-result', style: 'margin-top:0.3em' });
  private readonly status = h('div', { class: 'status', testid: 'guess-card-status' });
  /** After the last round: back to the market (the card folds to its title, out of the forms' way). */
  private readonly done = h('button', { type: 'button', class: 'primary', testid: 'guess-card-done', style: 'display:none;margin-top:0.4em', onclick: () => { this.collapsed = true; this.render(); } });
  private readonly offs: (() => void)[] = [];
  private readonly body = h('div', {});
  private readonly gameBox = h('div', {});
  private readonly toggle: HTMLButtonElement;
  /** Folded to its title so a student can use the market; a newly opened round unfolds it. */
  private collapsed = false;
  private lastRoundKey = '';
  /** The last guess the server acknowledged, per round: `guess` views sent before that ack may still arrive and must not roll the echo back. */
  private acked: { round: string; value: number } | null = null;
  private chat: ChatBox | null = null;
  /** Publishes the docked card's height (`--classcard-h`) so a phone's page can scroll its last form above it. */
  private readonly sizer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.publishHeight());

  constructor(private readonly net: NetworkService, host: HTMLElement) {
    this.submit = h('button', { class: 'primary', testid: 'guess-submit', type: 'submit' }, t('guess.submit'));
    this.form = h('form', { class: 'row', onsubmit: (e: Event) => { e.preventDefault(); void this.send(); } }, this.input, this.submit);
    const toggle = h('button', { type: 'button', class: 'small', testid: 'guess-card-toggle', style: 'float:inline-end', title: '−/+', onclick: () => {
      this.collapsed = !this.collapsed;
      this.render();
    } }, '−');
    this.body.append(this.roundLine, this.prompt, this.form, this.echo, this.result, this.status, this.done);
    setText(this.done, t('guess.backToMarket'));
    // Reaching for a form while the game is over folds the card too, so it never covers Trade BTC.
    const onFocus = (e: Event) => {
      if (this.card.dataset.over === 'true' && !this.collapsed && (e.target as Element | null)?.closest?.('.side')) {
        this.collapsed = true;
        this.render();
      }
    };
    document.addEventListener('focusin', onFocus);
    this.offs.push(() => document.removeEventListener('focusin', onFocus));
    this.gameBox.append(this.title, this.body);
    this.card.append(toggle, this.gameBox);
    this.toggle = toggle;
    host.append(this.question, this.card);
    this.sizer?.observe(this.card);
    this.offs.push(net.bus.on('guess', () => this.render()), net.bus.on('classroom', () => this.render()), net.bus.on('room', () => this.render()));
    this.render();
  }

  private async send(): Promise<void> {
    const value = parseGuess(this.input.value);
    if (!Number.isFinite(value)) {
      setText(this.status, t('guess.bad'));
      this.status.className = 'status err';
      return;
    }
    this.submit.disabled = true;
    const r = await this.net.command('guess', { value });
    this.submit.disabled = false;
    setText(this.status, r.ok ? t('guess.sent') : r.message);
    this.status.className = `status ${r.ok ? 'ok' : 'err'}`;
    if (r.ok) {
      this.acked = { round: this.roundId(), value };
      setText(this.echo, t('guess.yours', { value: fmt1(value) }));
    }
  }

  render(): void {
    const cls = this.net.classroom;
    const paused = this.net.room?.status === 'paused';
    this.question.style.display = cls && paused ? '' : 'none';
    if (cls && paused) setChildren(this.question, h('div', { class: 'muted', style: 'font-size:0.7em' }, cls.question ? t('student.question') : t('student.paused')), cls.question ? h('b', { testid: 'class-question-text', dir: 'auto' }, cls.question) : null);
    if (cls?.chat && !this.chat) {
      this.chat = new ChatBox(this.net, () => this.net.canAct);
      this.card.append(this.chat.el);
    }
    const view = this.net.guess;
    const round = latestRound(view);
    this.card.style.display = cls && (view || cls.chat) ? '' : 'none';
    this.gameBox.style.display = view ? '' : 'none';
    if (!view) return;
    setText(this.title, t('guess.titleP', { p: pLabel(view.p) }));
    this.title.setAttribute('data-testid', 'guess-card-title');
    const roundKey = round ? `${this.net.guess?.game ?? 0}:${round.round}:${round.open}` : '';
    // After the last planned round the game is over: the card says so and folds away from the market.
    const over = Boolean(round && !round.open && round.round >= view.plannedRounds);
    if (roundKey !== this.lastRoundKey && round?.open) this.collapsed = false;
    this.card.dataset.over = over ? 'true' : 'false';
    this.done.style.display = over ? '' : 'none';
    this.lastRoundKey = roundKey;
    this.body.style.display = this.collapsed ? 'none' : '';
    this.card.classList.toggle('folded', this.collapsed);
    if (this.chat) this.chat.el.style.display = this.collapsed ? 'none' : '';
    setText(this.toggle, this.collapsed ? '+' : '−');
    if (!round) {
      setText(this.roundLine, t('guess.waiting'));
      this.form.style.display = 'none';
      return;
    }
    setText(this.roundLine, over ? t('guess.overLine', { total: view.plannedRounds }) : `${t('guess.roundOf', { round: round.round, total: view.plannedRounds })} · ${round.open ? t('guess.openNow') : t('guess.closed')}`);
    setText(this.prompt, round.open ? t('guess.prompt', { p: pLabel(view.p) }) : over ? t('guess.over') : t('guess.waiting'));
    this.form.style.display = round.open ? '' : 'none';
    const me = this.net.playerId;
    const fromServer = round.myGuess ?? round.guesses.filter((g) => g.playerId === me).pop()?.value ?? null;
    const mine = this.acked?.round === this.roundId() ? this.acked.value : fromServer;
    setText(this.echo, mine === null ? '' : t('guess.yours', { value: fmt1(mine) }));
    const out = myOutcome(round, me);
    if (!out) {
      setChildren(this.result);
      return;
    }
    setChildren(this.result,
      h('div', {}, t('guess.result', { round: round.round, mean: fmt1(round.mean), target: fmt1(round.target) })),
      out.won ? h('b', { class: 'good', testid: 'guess-won' }, t('guess.youWon')) : out.distance !== null ? h('span', {}, t('guess.youDist', { d: fmt1(out.distance) })) : null);
    if (!round.open) setText(this.status, '');
  }

  private roundId(): string {
    const view = this.net.guess;
    return view ? `${view.game}:${view.rounds.length}` : '';
  }

  private publishHeight(): void {
    const docked = window.matchMedia('(max-width: 700px)').matches && this.card.style.display !== 'none';
    document.documentElement.style.setProperty('--classcard-h', docked ? `${Math.ceil(this.card.getBoundingClientRect().height)}px` : '0px');
  }

  destroy(): void {
    this.sizer?.disconnect();
    document.documentElement.style.removeProperty('--classcard-h');
    this.offs.forEach((f) => f());
    this.chat?.destroy();
    this.question.remove();
    this.card.remove();
  }
}
