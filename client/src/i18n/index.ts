/**
 * The UI language and digit style, chosen per browser (localStorage) so a teacher and each student
 * choose independently. `t(key, vars)` looks a string up in the active locale; `localDigits` turns
 * Western digits into Arabic-Indic ones when that setting is on (dom.ts applies it to every text node).
 */
import { en, type MessageKey, type Messages } from './en.js';
import { ar } from './ar.js';
import { SCENARIOS } from '../../../shared/economy/scenarios/index.js';
import { SCENARIO_TEXT_AR, type ScenarioText } from './scenarioText.js';
import { parseEventErrorText, parseNewsText, parseOptions, pickOption, PLACEHOLDER, type NewsText } from '../../../shared/economy/newsText.js';

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

const FSI = '\u2068';
const PDI = '\u2069';
const ARABIC = /[\u0600-\u06FF]/;

/** Intl formatters per language: Western digits in both (dom.ts swaps in Arabic-Indic ones by setting). */
const NUMBER_LOCALE: Readonly<Record<Lang, string>> = Object.freeze({ en: 'en-US', ar: 'ar-u-nu-latn' });
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(l: Lang, fmt: string): Intl.NumberFormat {
  const id = `${l}:${fmt}`;
  let f = numberFormats.get(id);
  if (!f) {
    const opts: Intl.NumberFormatOptions = fmt === '2' ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
      : fmt === 'usd' ? { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }
        : fmt === 'int' ? { maximumFractionDigits: 0 } : { maximumFractionDigits: 2 };
    f = new Intl.NumberFormat(NUMBER_LOCALE[l], opts);
    numberFormats.set(id, f);
  }
  return f;
}
const pluralRules = new Map<Lang, Intl.PluralRules>();
/** CLDR plural category of `n` in `l`: Arabic has six (zero, one, two, few, many, other), English two. */
export function pluralCategory(n: number, l: Lang = current): string {
  let rules = pluralRules.get(l);
  if (!rules) {
    rules = new Intl.PluralRules(l);
    pluralRules.set(l, rules);
  }
  return rules.select(n);
}

/**
 * A value embedded in text of the other direction is isolated (U+2068 … U+2069), so "collapse!"
 * keeps its "!" at the end, and "1d" or a price range "$3.73–$5.58" stay whole inside an Arabic sentence.
 */
export function isolate(value: string, l: Lang = current): string {
  // In Arabic, anything without Arabic letters but more than a bare number ("$3.73–$5.58", "1d", "L1 Rockdale").
  const other = l === 'ar' ? !ARABIC.test(value) && /[^\d\s]/.test(value) : ARABIC.test(value);
  return other ? `${FSI}${value}${PDI}` : value;
}

/**
 * Fills placeholders: `{name}` as is, `{name:int|2|usd}` through Intl.NumberFormat, and
 * `{name|one:…|other:…}` (a plural by Intl.PluralRules, `=N` for an exact count, `#` for the
 * number) or a choice by a string's value. An unknown placeholder stays visible so a mistake shows.
 */
export function format(template: string, vars: Record<string, string | number> = {}, l: Lang = current): string {
  return template.replace(PLACEHOLDER, (m, name: string, fmt: string | undefined, options: string | undefined) => {
    if (!(name in vars)) return m;
    const value = vars[name] as string | number;
    if (options) {
      const picked = pickOption(parseOptions(options), value, (n) => pluralCategory(n, l));
      return typeof value === 'number' ? picked.replace(/#/g, numberFormat(l, '').format(value)) : picked;
    }
    if (typeof value === 'number') return fmt ? numberFormat(l, fmt).format(value) : String(value);
    return isolate(value, l);
  });
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

/** The engine's own words for a key (news, units …) in the active language: scenario data stays as given. */
export function tText(text: NewsText): string {
  return t(text.key, text.params);
}

/** Scenario data per language; English reads the scenario itself. */
const SCENARIO_TEXT: Readonly<Partial<Record<Lang, ScenarioText>>> = Object.freeze({ ar: SCENARIO_TEXT_AR });

/** A scenario's name in the active language (`fallback` is the scenario's own). */
export function scenarioName(id: string, fallback: string): string {
  return SCENARIO_TEXT[current]?.scenarios[id]?.name ?? fallback;
}

export function scenarioDescription(id: string, fallback: string): string {
  return SCENARIO_TEXT[current]?.scenarios[id]?.description ?? fallback;
}

/** A region's name in the active language. */
export function regionName(id: string, fallback: string): string {
  return SCENARIO_TEXT[current]?.regions[id] ?? fallback;
}

/** Region names in news are the English ones the state stores: back to their ids. */
let regionIdsByName: Map<string, string> | null = null;
function regionIdOf(name: string): string | undefined {
  regionIdsByName ??= new Map(Object.values(SCENARIOS).flatMap((s) => s.regions.map((r) => [r.name, r.id] as [string, string])));
  return regionIdsByName.get(name);
}

/**
 * A news line in the active language: a line the engine wrote from a template is re-said from its
 * key and parameters; a scenario's own headline from the scenario catalog; a teacher's as typed.
 */
export function newsLine(kind: string, headline: string): string {
  if (current === 'en') return headline;
  const text = parseNewsText(kind, headline);
  if (text) {
    const region = text.params.region;
    if (typeof region === 'string') {
      const id = regionIdOf(region);
      if (id) text.params.region = regionName(id, region);
    }
    return tText(text);
  }
  return SCENARIO_TEXT[current]?.headlines[headline] ?? headline;
}

/** An engine value (tier, status, side, narrative) in the active language, or the value itself. */
export function tWord(value: string): string {
  return tMaybe(`opt.${value}`) ?? value;
}

/** A server or engine message in the active language when it is one the engine words from a template (event parameters). */
export function engineMessage(message: string): string {
  if (current === 'en') return message;
  const text = parseEventErrorText(message);
  return text ? t(text.key, text.params) : message;
}
