/**
 * A student's way into a class: `/?join=CODE&key=KEY` (their personal link or QR code); in a class
 * whose teacher lets students choose their name from the list, `/?join=CODE` lists the labels
 * nobody has taken yet and a tap takes one; where the teacher admits guests, `/?join=CODE` and a
 * name. The title page's "join by code" lands here too, so a class's labels are never skipped.
 */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import type { NetworkService } from '../net/NetworkService.js';
import { h, mount, setText } from '../ui/dom.js';
import { drawBackdrop } from '../ui/Backdrop.js';
import { t } from '../i18n/index.js';
import { linkKey } from '../classroom/links.js';

const NAME_KEY = 'bc.name';
/** Above this many free labels the list gets a filter box (a class of 40 scrolls on a phone). */
const FILTER_FROM = 12;

interface LabelList {
  live: boolean;
  labels: string[];
  taken: number;
}

export class ClassJoinScene extends Phaser.Scene {
  constructor() {
    super(SCENES.classJoin);
  }

  create(): void {
    const net = this.registry.get(REG.net) as NetworkService;
    const cleanup: (() => void)[] = [drawBackdrop(this)];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => cleanup.forEach((f) => f()));
    const params = new URLSearchParams(window.location.search);
    const key = (params.get('key') ?? '').trim();
    const code = (params.get('join') ?? '').trim().toUpperCase();
    const card = h('div', { class: 'card', style: 'width:min(460px,96vw)', testid: 'class-join' });
    cleanup.push(mount(card));
    const lobby = () => this.scene.start(SCENES.lobby);
    if (key || !code) return this.linkForm(net, card, code, key, lobby);
    setText(card, t('title.joining'));
    void labelList(net.httpBase, code).then((list) => {
      if (!card.isConnected) return;
      if (list) this.picker(net, card, code, list, lobby);
      else this.linkForm(net, card, code, key, lobby);
    });
  }

  /** The personal-link / guest form. */
  private linkForm(net: NetworkService, card: HTMLElement, initialCode: string, key: string, done: () => void): void {
    const code = h('input', { testid: 'class-code', maxlength: 12, value: initialCode, dir: 'ltr', style: 'text-transform:uppercase;width:8em' });
    const name = h('input', { testid: 'class-name', maxlength: 40, value: localStorage.getItem(NAME_KEY) ?? '', placeholder: t('title.namePlaceholder') });
    const status = h('div', { class: 'status', testid: 'class-status' });
    // Came by the room code (title page, projector QR): a student can still paste their personal link here.
    const pasted = h('input', { testid: 'class-link-input', dir: 'ltr', autocomplete: 'off', placeholder: t('student.pastePlaceholder'), style: 'width:100%' });
    const keyOf = () => key || linkKey(pasted.value);
    const join = async () => {
      if (!code.value.trim()) return setText(status, t('title.enterCode'));
      // With a personal link the label names the seat; a guest needs a name.
      if (!keyOf() && !name.value.trim()) return setText(status, t('title.enterName'));
      setText(status, t('title.joining'));
      try {
        await net.joinSession(code.value, name.value, keyOf());
        localStorage.setItem(NAME_KEY, name.value.trim());
        done();
      } catch (e) {
        const message = (e as Error).message;
        setText(status, /admits only its students|label alone/.test(message) ? t('student.needLink') : t('title.joinFailed', { message }));
        status.className = 'status err';
      }
    };
    card.replaceChildren();
    card.append(
      h('h2', {}, t('student.join')),
      h('div', { class: 'row' }, h('label', {}, t('student.code')), code),
      key ? h('div', { class: 'row', testid: 'class-key' }, h('label', {}, t('student.label')), h('span', { class: 'good' }, `✓ ${t('student.pick')}`))
        : h('div', { class: 'row' }, h('label', {}, t('student.label')), pasted),
      h('div', { class: 'row' }, h('label', {}, t('title.yourName')), name),
      h('div', { class: 'row' }, h('button', { class: 'primary', testid: 'class-join-button', onclick: () => void join() }, t('student.joinButton'))),
      status);
  }

  /**
   * "Choose your name from the list": one big button per free label; this device's own label
   * (taken by it earlier) first, so a student who closed the tab is back in one tap.
   */
  private picker(net: NetworkService, card: HTMLElement, code: string, list: LabelList, done: () => void): void {
    const status = h('div', { class: 'status', testid: 'class-status', role: 'status' });
    const mine = net.labelClaimFor(code);
    const options = h('div', { class: 'label-list', testid: 'class-label-list' });
    const filter = h('input', { type: 'search', testid: 'class-label-filter', placeholder: t('student.filterNames'), autocomplete: 'off', style: 'width:100%' });
    let busy = false;
    const take = async (label: string) => {
      if (busy) return;
      busy = true;
      setText(status, t('title.joining'));
      status.className = 'status';
      try {
        await net.joinSession(code, '', '', label);
        done();
      } catch (e) {
        const message = (e as Error).message ?? '';
        status.className = 'status err';
        setText(status, /already taken/.test(message) ? t('student.labelTaken', { label }) : t('title.joinFailed', { message }));
        busy = false;
        // Someone else was faster: show what is still free.
        const fresh = await labelList(net.httpBase, code);
        if (fresh) render(fresh);
      }
    };
    const button = (label: string, own: boolean) => {
      const b = h('button', { class: own ? 'primary label-option' : 'label-option', testid: own ? 'class-label-mine' : 'class-label-option', 'data-label': label, dir: 'auto', onclick: () => void take(label) });
      // A label is the teacher's text: its digits stay as written (not localised).
      if (own) b.append(t('student.continueAs', { label: '' }), h('bdi', { 'data-user-text': true }, document.createTextNode(label)));
      else b.append(h('bdi', { 'data-user-text': true }, document.createTextNode(label)));
      return b;
    };
    const render = (l: LabelList) => {
      const q = filter.value.trim().toLowerCase();
      const free = l.labels.filter((x) => !q || x.toLowerCase().includes(q));
      options.replaceChildren();
      if (mine && !l.labels.some((x) => x.toLowerCase() === mine.toLowerCase())) options.append(button(mine, true));
      options.append(...free.map((x) => button(x, false)));
      if (!options.childElementCount) options.append(h('div', { class: 'muted', testid: 'class-label-none' }, l.labels.length ? t('student.noMatch') : t('student.allTaken')));
    };
    filter.addEventListener('input', () => render(list));
    card.replaceChildren();
    card.append(
      h('h2', {}, t('student.chooseName')),
      h('div', { class: 'muted' }, t('student.chooseHint', { code })),
      ...(list.live ? [] : [h('div', { class: 'status err', testid: 'class-not-live' }, t('student.notOpenYet'))]),
      ...(list.labels.length > FILTER_FROM ? [h('div', { class: 'row' }, filter)] : []),
      options,
      status,
      h('details', { class: 'muted', style: 'margin-top:0.6em' },
        h('summary', {}, t('student.nameMissing')),
        h('div', {}, t('student.nameMissingHint'))));
    render(list);
  }
}

/** The session's free labels when its teacher chose "choose your name from the list"; null otherwise. */
async function labelList(http: string, code: string): Promise<LabelList | null> {
  try {
    const res = await fetch(`${http}/api/sessions/${encodeURIComponent(code)}/labels`, { cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as Partial<LabelList> & { labelList?: boolean };
    return body.labelList === true && Array.isArray(body.labels) ? { live: body.live === true, labels: body.labels.filter((x): x is string => typeof x === 'string'), taken: Number(body.taken) || 0 } : null;
  } catch {
    return null;
  }
}
