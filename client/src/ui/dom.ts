/** Minimal DOM building for the panels that sit over the Phaser canvas. */
import { localDigits } from '../i18n/index.js';

type Attrs = Record<string, string | number | boolean | ((ev: Event) => void) | undefined>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') el.className = String(value);
    else if (key === 'html') el.innerHTML = String(value);
    else if (key === 'testid') el.setAttribute('data-testid', String(value));
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: HTMLElement, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    // Text goes through the digit setting (Arabic-Indic or Western); codes and URLs set textContent directly.
    el.append(c instanceof Node ? c : document.createTextNode(localDigits(String(c))));
  }
}

/** Replaces the children of `el` only when the new content differs, so focus and scroll survive updates. */
export function setChildren(el: HTMLElement, ...children: Child[]): void {
  const tmp = document.createElement(el.tagName);
  append(tmp, children);
  if (tmp.innerHTML !== el.innerHTML) el.replaceChildren(...Array.from(tmp.childNodes));
}

export function setText(el: HTMLElement, text: string): void {
  const local = localDigits(text);
  if (el.textContent !== local) el.textContent = local;
}

export function uiRoot(): HTMLElement {
  const el = document.getElementById('ui');
  if (!el) throw new Error('#ui missing from index.html');
  return el;
}

/** Mounts `el` into the overlay and returns a function that removes it. */
export function mount(el: HTMLElement): () => void {
  uiRoot().append(el);
  return () => el.remove();
}

/** A swatch + seat letter for a player, in its palette colour. */
export function playerTag(colorIndex: number, name: string, color: string, letter: string): HTMLElement {
  return h('span', { class: 'ptag' }, h('span', { class: 'swatch', style: `background:${color}` }), `${letter} · ${name}`);
}
