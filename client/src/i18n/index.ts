/**
 * The UI language and digit style, chosen per browser (localStorage) so a teacher and each student
 * choose independently. `t(key, vars)` looks a string up in the active locale; `localDigits` turns
 * Western digits into Arabic-Indic ones when that setting is on (dom.ts applies it to every text node).
 */
import { en, type MessageKey, type Messages } from './en.js';
import { ar } from './ar.js';

export type Lang = 'en' | 'ar';
export type DigitStyle = 'western' | 'arabic';

export const LOCALES: Readonly<Record<Lang, { messages: Messages; dir: 'ltr' | 'rtl' }>> = Object.freeze({
  en: { messages: en, dir: 'ltr' },
  ar: { messages: ar, dir: 'rtl' },
});

const LANG_KEY = 'bc.lang';
const DIGITS_KEY = 'bc.digits';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

function stored(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** `?lang=ar` overrides (and stores) the choice, so a link can open in one language. */
function initialLang(): Lang {
  const param = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  const pick = param ?? stored(LANG_KEY);
  return pick === 'ar' ? 'ar' : 'en';
}

let current: Lang = initialLang();
let digitStyle: DigitStyle = stored(DIGITS_KEY) === 'arabic' ? 'arabic' : 'western';

export function lang(): Lang {
  return current;
}

export function dir(): 'ltr' | 'rtl' {
  return LOCALES[current].dir;
}

export function digits(): DigitStyle {
  return digitStyle;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a mistake shows. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return format(LOCALES[current].messages[key] ?? en[key], vars);
}

export function localDigits(text: string, style: DigitStyle = digitStyle): string {
  return style === 'arabic' ? text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)] ?? d) : text;
}

/** Sets `lang`/`dir` on the document so DOM overlays lay out right-to-left in Arabic. */
export function applyDocumentLang(doc: Document = document): void {
  doc.documentElement.lang = current;
  doc.documentElement.dir = dir();
  doc.getElementById('ui')?.setAttribute('dir', dir());
}

/** Stores the choice and reloads: every screen rebuilds in the new language; seats survive a reload. */
export function setLang(next: Lang, reload = true): void {
  current = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  if (reload) location.reload();
}

export function setDigits(next: DigitStyle, reload = true): void {
  digitStyle = next;
  try {
    localStorage.setItem(DIGITS_KEY, next);
  } catch {
    // As above.
  }
  if (reload) location.reload();
}

if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('lang')) setLang(current, false);

/** For keys built at run time (form ids, field names, option values): the translation, or null when there is no such key. */
export function tMaybe(key: string, vars?: Record<string, string | number>): string | null {
  return key in en ? t(key as MessageKey, vars) : null;
}
