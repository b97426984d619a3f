/**
 * The right-hand column: one tab per area of play, each with its forms, plus the depth ladder,
 * open tenders and contest history. Number keys switch tabs; letter keys focus a form.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import { ActionForm, type Sender } from './ActionForm.js';
import { TABS } from './formSpecs.js';
import { DepthLadder } from './DepthLadder.js';
import { TendersList } from './TendersList.js';
import { h, setChildren } from './dom.js';
import { usd } from '../util/format.js';
import { lang, t, tWord } from '../i18n/index.js';
import { Activity } from './Activity.js';
import type { MarketKey } from '../net/protocol.js';
import type { MessageKey } from '../i18n/en.js';

const ACTIVITY_TAB = 'activity';

/** The class market each form trades in (server/classroom/settings.ts MARKET_OF_ACTION): a closed market hides its forms. */
const FORM_MARKET: Readonly<Partial<Record<string, MarketKey>>> = Object.freeze({
  tradeBtc: 'btcTrading', placeLeaseOrder: 'leaseBook', bidTender: 'tenders', takeLoan: 'loans', raiseEquity: 'equity', buyback: 'equity', contestPick: 'contest',
});

/** The names of the class markets, as the teacher's setup form says them. */
export const MARKET_LABEL: Readonly<Record<MarketKey, MessageKey>> = Object.freeze({
  btcTrading: 'teach.market.btc', leaseBook: 'teach.market.lease', tenders: 'teach.market.tenders', hosting: 'teach.market.hosting',
  loans: 'teach.market.loans', equity: 'teach.market.equity', contest: 'teach.market.contest',
});

export class ActionPanel {
  readonly el: HTMLElement;
  readonly forms = new Map<string, ActionForm>();
  private readonly tabButtons = new Map<string, HTMLButtonElement>();
  private readonly bodies = new Map<string, HTMLElement>();
  private readonly ladder = new DepthLadder();
  private readonly tenders = new TendersList();
  private readonly history = h('div', { class: 'section' });
  private current = TABS[0]?.id ?? 'sites';
  private readonly closedNotes = new Map<string, HTMLElement>();
  private closedKey = '';
  readonly activity = new Activity();

  constructor(sender: Sender, enabled: boolean) {
    const tabs = h('div', { class: 'tabs', role: 'tablist' });
    const wrap = h('div', { class: 'tabbody' });
    TABS.forEach((tab, i) => {
      const btn = h('button', { type: 'button', testid: `tab-${tab.id}`, onclick: () => this.show(tab.id) }, tab.label, h('kbd', {}, String(i + 1)));
      this.tabButtons.set(tab.id, btn);
      tabs.append(btn);
      const body = h('div', { testid: `tabbody-${tab.id}` });
      if (tab.id === 'market') body.append(this.ladder.el);
      if (tab.id === 'tenders') body.append(this.tenders.el);
      for (const spec of tab.forms) {
        const form = new ActionForm(spec, sender, enabled);
        this.forms.set(spec.id, form);
        const market = FORM_MARKET[spec.id];
        const note = h('div', { class: 'muted closed-market', testid: `closed-${spec.id}`, style: 'display:none' }, market ? t('game.marketClosed', { market: t(MARKET_LABEL[market]) }) : '');
        this.closedNotes.set(spec.id, note);
        body.append(form.el, note);
      }
      if (tab.id === 'contest') body.append(this.history);
      this.bodies.set(tab.id, body);
      wrap.append(body);
    });
    // My activity: not a form tab, the last one (key 7), with an unread count.
    const badge = h('span', { class: 'badge', testid: 'activity-unread' });
    const actBtn = h('button', { type: 'button', testid: 'tab-activity', onclick: () => this.show(ACTIVITY_TAB) }, t('tab.activity'), badge, h('kbd', {}, String(TABS.length + 1)));
    this.tabButtons.set(ACTIVITY_TAB, actBtn);
    tabs.append(actBtn);
    const actBody = h('div', { testid: `tabbody-${ACTIVITY_TAB}` }, this.activity.el);
    this.bodies.set(ACTIVITY_TAB, actBody);
    wrap.append(actBody);
    this.activity.onUnread = (n) => {
      if (this.current === ACTIVITY_TAB && n > 0) return this.activity.markRead();
      badge.textContent = n > 0 ? String(n) : '';
    };
    this.el = h('div', { class: 'side right', testid: 'action-panel' }, tabs, wrap);
    this.ladder.onPick = (side, price) => {
      this.forms.get('placeLeaseOrder')?.set('side', side);
      this.forms.get('placeLeaseOrder')?.set('priceUsdPerGpuHour', price.toFixed(2));
    };
    this.tenders.onBid = (tenderId, reserve) => {
      const f = this.forms.get('bidTender');
      f?.set('tenderId', tenderId);
      f?.set('priceUsdPerGpuHour', reserve.toFixed(2));
      f?.focus();
    };
    this.show(this.current);
  }

  /**
   * A class whose teacher closed some markets: their forms give way to one line saying so (an
   * action there would only be refused). `null` (not a class) opens everything.
   */
  setMarkets(open: Readonly<Record<MarketKey, boolean>> | null): void {
    const key = open ? JSON.stringify(open) : '';
    if (key === this.closedKey) return;
    this.closedKey = key;
    for (const [id, form] of this.forms) {
      const market = FORM_MARKET[id];
      const closed = Boolean(open && market && open[market] === false);
      form.el.style.display = closed ? 'none' : '';
      const note = this.closedNotes.get(id);
      if (note) note.style.display = closed ? '' : 'none';
    }
  }

  /** Puts the match chat at the top of the Activity tab; new lines count as unread there. */
  attachChat(el: HTMLElement): void {
    this.bodies.get(ACTIVITY_TAB)?.prepend(el);
  }

  show(tabId: string): void {
    this.current = tabId;
    if (tabId === ACTIVITY_TAB) this.activity.markRead();
    for (const [id, body] of this.bodies) body.style.display = id === tabId ? '' : 'none';
    for (const [id, btn] of this.tabButtons) btn.classList.toggle('on', id === tabId);
  }

  /** Focuses the form bound to `key` (switching tab); returns false when no form uses it. */
  shortcut(key: string): boolean {
    const n = Number(key);
    if (Number.isInteger(n) && n >= 1 && n <= TABS.length + 1) {
      this.show(TABS[n - 1]?.id ?? ACTIVITY_TAB);
      return true;
    }
    for (const tab of TABS) {
      const spec = tab.forms.find((f) => f.key === key);
      if (spec) {
        this.show(tab.id);
        this.forms.get(spec.id)?.focus();
        return true;
      }
    }
    return false;
  }

  /** Opens the form for `formId` with some fields filled (site clicks on the map, list buttons). */
  prefill(formId: string, values: Record<string, string>): void {
    const tab = TABS.find((t) => t.forms.some((f) => f.id === formId));
    if (tab) this.show(tab.id);
    const form = this.forms.get(formId);
    for (const [k, v] of Object.entries(values)) form?.set(k, v);
    form?.focus();
  }

  update(view: PlayerView): void {
    for (const f of this.forms.values()) f.update(view);
    this.activity.update(view);
    this.ladder.update(view);
    this.tenders.update(view);
    setChildren(
      this.history,
      h('h3', {}, t('game.contestHistory')),
      view.contest.history.length === 0
        ? h('div', { class: 'muted' }, t('game.noRound'))
        : h('table', { testid: 'contest-history' },
            h('tr', {}, h('th', {}, t('contest.round')), h('th', {}, t('contest.day')), h('th', {}, t('contest.winner')), h('th', { class: 'num' }, t('contest.pool')), h('th', {}, t('game.yourPayout'))),
            ...[...view.contest.history].reverse().map((r) =>
              h('tr', {}, h('td', {}, String(r.round)), h('td', {}, String(r.day)), h('td', {}, lang() === 'en' ? r.winner.toUpperCase() : tWord(r.winner)), h('td', { class: 'num' }, r.poolUsdCents === null ? '–' : usd(r.poolUsdCents / 100)),
                h('td', { class: 'num' }, r.payouts[view.playerId] !== undefined ? usd((r.payouts[view.playerId] ?? 0) / 100) : '–'))),
          ),
    );
  }
}
