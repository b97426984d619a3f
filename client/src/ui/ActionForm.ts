/**
 * One action form from a data spec: fields, a submit button and a status line where the server's
 * error message appears in place. Client-side parsing (the shared zod schemas) catches typos; the
 * server decides everything else.
 */
import { parseAction, type Action } from '../../../shared/rules/actions.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { ActionResult } from '../core/MatchFeed.js';
import { h, setChildren, setText } from './dom.js';
import { t, tMaybe } from '../i18n/index.js';

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'number' | 'text' | 'select';
  options?: (view: PlayerView) => Option[];
  placeholder?: string;
  step?: string;
  optional?: boolean;
  initial?: string;
}

export interface FormSpec {
  id: string;
  title: string;
  /** Keyboard shortcut that focuses the form's first field. */
  key?: string;
  submitLabel?: string;
  danger?: boolean;
  hint?: (view: PlayerView) => string;
  /**
   * What the action would do, before the click (cost, MW, revenue/day, payback…), priced by the
   * engine's figures in the view (shared/rules/quotes.ts). Lines; a leading '!' marks a warning.
   */
  preview?: (view: PlayerView, values: Record<string, string>) => string[];
  fields: FieldSpec[];
  build: (values: Record<string, string>) => Record<string, unknown>;
}

export type Sender = (action: Action) => Promise<ActionResult>;

export class ActionForm {
  readonly el: HTMLFormElement;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly optionKeys = new Map<string, string>();
  private readonly status: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly preview: HTMLElement;
  private view: PlayerView | null = null;

  constructor(readonly spec: FormSpec, private readonly sender: Sender, private readonly enabled: boolean) {
    const fields = h('div', { class: 'fields' });
    for (const f of spec.fields) {
      const testid = `field-${spec.id}-${f.name}`;
      const input =
        f.kind === 'select'
          ? h('select', { name: f.name, testid, id: testid })
          : h('input', { name: f.name, testid, id: testid, type: f.kind === 'number' ? 'number' : 'text', step: f.step ?? 'any', placeholder: f.placeholder ?? (f.optional ? t('game.optional') : ''), value: f.initial ?? '' });
      this.inputs.set(f.name, input);
      fields.append(h('label', { for: testid }, fieldLabel(spec.id, f.name, f.label)), input);
    }
    this.status = h('div', { class: 'status', testid: `status-${spec.id}`, role: 'status' });
    this.hint = h('div', { class: 'hint' });
    this.preview = h('div', { class: 'preview', testid: `preview-${spec.id}` });
    fields.addEventListener('input', () => this.renderPreview());
    fields.addEventListener('change', () => this.renderPreview());
    this.submit = h('button', { type: 'submit', class: spec.danger ? 'danger' : 'primary', testid: `submit-${spec.id}`, disabled: !enabled }, spec.submitLabel ?? formTitle(spec));
    this.el = h(
      'form',
      { class: 'action', testid: `form-${spec.id}`, onsubmit: (e: Event) => { e.preventDefault(); void this.run(); } },
      h('div', { class: 'title' }, h('span', {}, formTitle(spec)), spec.key ? h('kbd', {}, spec.key.toUpperCase()) : null),
      fields,
      this.hint,
      this.preview,
      h('div', { class: 'row' }, this.submit),
      this.status,
    );
  }

  /** Refreshes select options (keeping the chosen value when it still exists) and the hint. */
  update(view: PlayerView): void {
    for (const f of this.spec.fields) {
      if (!f.options) continue;
      const select = this.inputs.get(f.name) as HTMLSelectElement;
      const options = f.options(view);
      const key = options.map((o) => `${o.value}:${o.label}`).join('|');
      if (this.optionKeys.get(f.name) === key) continue;
      this.optionKeys.set(f.name, key);
      const keep = select.value;
      const list = f.optional ? [{ value: '', label: '—' }, ...options] : options;
      select.replaceChildren(...list.map((o) => h('option', { value: o.value }, o.label === o.value ? tMaybe(`opt.${o.value}`) ?? o.label : o.label)));
      if (list.some((o) => o.value === keep)) select.value = keep;
      // Never leave a required list with nothing chosen while it shows a choice: the submit would say "required".
      if (select.selectedIndex < 0 && select.options.length > 0) select.selectedIndex = 0;
    }
    const hint = this.spec.hint?.(view) ?? '';
    setText(this.hint, hint);
    this.view = view;
    this.renderPreview();
  }

  private renderPreview(): void {
    if (!this.spec.preview || !this.view) return;
    const lines = this.spec.preview(this.view, this.values());
    setChildren(this.preview, ...lines.map((l) => h('div', { class: l.startsWith('!') ? 'warn' : '' }, l.replace(/^!/, ''))));
  }

  set(name: string, value: string): void {
    const input = this.inputs.get(name);
    if (!input) return;
    // A select keeps its choice when asked for a value it does not list (yet): a blank select reads as "required".
    if (input instanceof HTMLSelectElement && !Array.from(input.options).some((o) => o.value === value)) return;
    input.value = value;
    this.renderPreview();
  }

  focus(): void {
    const first = this.inputs.values().next().value;
    first?.focus();
    this.el.scrollIntoView({ block: 'nearest' });
  }

  private values(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, input] of this.inputs) out[name] = input.value.trim();
    return out;
  }

  private show(text: string, kind: 'ok' | 'err' | ''): void {
    showStatus(this.status, text, kind);
  }

  async run(): Promise<void> {
    if (!this.enabled) return;
    const values = this.values();
    for (const f of this.spec.fields) {
      if (!f.optional && values[f.name] === '') return this.show(t('game.required', { label: fieldLabel(this.spec.id, f.name, f.label) }), 'err');
    }
    const parsed = parseAction(this.spec.build(values));
    if (!parsed.ok) return this.show(parsed.message, 'err');
    this.submit.disabled = true;
    this.show(t('game.sending'), '');
    const result = await this.sender(parsed.action);
    this.submit.disabled = false;
    if (result.ok) this.show(t('game.accepted'), 'ok');
    else this.show(`${result.message} (${result.code})`, 'err');
  }
}

/** Helpers for `build`: numbers from inputs, and dropping empty optional fields. */
export const num = (s: string | undefined): number => (s === undefined || s === '' ? NaN : Number(s));
export function optional<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== '' && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)))) as T;
}

/** A form's title in the UI language (the spec's English title when no locale key exists). */
export function formTitle(spec: Pick<FormSpec, 'id' | 'title'>): string {
  return tMaybe(`form.${spec.id}`) ?? spec.title;
}

/** A field label: a form-specific key first (`field.expandSite.mw`), then the field name's. */
export function fieldLabel(formId: string, name: string, fallback: string): string {
  return tMaybe(`field.${formId}.${name}`) ?? tMaybe(`field.${name}`) ?? fallback;
}

/** How long a success line stays before it fades (errors stay until the next try). */
export const OK_FADE_MS = 4000;

/** Writes a status line; a success fades out after `OK_FADE_MS` so old "✓ Accepted" lines do not linger. */
export function showStatus(el: HTMLElement, text: string, kind: 'ok' | 'err' | ''): void {
  el.textContent = text;
  el.className = `status ${kind}`;
  const stamp = String(Number(el.dataset.stamp ?? '0') + 1);
  el.dataset.stamp = stamp;
  if (kind !== 'ok') return;
  window.setTimeout(() => {
    if (el.dataset.stamp === stamp) el.classList.add('fading');
  }, OK_FADE_MS);
  window.setTimeout(() => {
    if (el.dataset.stamp !== stamp) return;
    el.textContent = '';
    el.className = 'status';
  }, OK_FADE_MS + 800);
}
