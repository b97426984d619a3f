/**
 * The engine's news as message keys with parameters. The English line that lives in the state (and
 * so in the state hash) is `renderNewsEn(text)`, byte for byte what the engine wrote before keys
 * existed; a client shows `{key, params}` through its own catalog. State news keeps only the English
 * line, so `parseNewsText` recovers the key and parameters from it at view time.
 *
 * Template syntax (shared with the client catalogs):
 * - `{name}` the parameter as is; `{name:int}` a whole number with thousands separators;
 *   `{name:2}` two decimals; `{name:usd}` whole US dollars with a `$` and separators;
 * - `{name|one:…|other:…}` a plural (a number: CLDR category or `=N`) or a choice (a string: its value).
 */

export type TextParams = Record<string, string | number>;

export const NEWS_EN = Object.freeze({
  'news.halvingDay': 'Halving day: the block subsidy is cut in half',
  'news.pump': 'BTC jumps {pct}% as buyers pile in',
  'news.crash': 'BTC slides {pct}% in a sudden sell-off',
  'news.etfApproval': 'BTC jumps {pct}% on ETF approval',
  'news.miningBan': '{region} bans mining for {days} days',
  'news.heatwave': '{region} heatwave: power prices ×{multiplier} for {days} days',
  'news.openModelRelease': 'Open-weights model release cuts paid AI demand {demandPct}%',
  'news.aiBreakthrough': 'AI breakthrough: compute demand up {demandPct}%',
  'news.capexBoom': 'Hyperscalers boost AI capex: compute demand up {demandPct}%',
  'news.gpuGlut': 'GPU glut: cloud capacity up {supplyPct}%, rents under pressure',
  'news.newAsicGeneration': '{model} ships: older miners lose their edge',
  'news.newGpuGeneration': '{model} ships; older GPUs marked down {olderPricePct}%',
  'news.rateUp': 'Central bank raises rates by {bp} bp to {ratePct}%',
  'news.rateDown': 'Central bank cuts rates by {bp} bp to {ratePct}%',
  'news.feeSpike': 'Bitcoin fees spike ×{multiplier} for {days} days',
  'news.halving': 'Halving at block {heightBlocks:int}: the block subsidy drops to {subsidyBtc} BTC',
  'news.contestWeight': 'Round {round}: the crowd picks {side|crypto:crypto|ai:AI} ({weightPct}% of the weight, pool {poolUsd:usd}); {side|crypto:crypto|ai:AI} hype rises',
  'news.contestPool': 'Round {round}: the crowd picks {side|crypto:crypto|ai:AI} (pool {poolUsd:usd}); {side|crypto:crypto|ai:AI} hype rises',
  'news.contestStakers': 'Round {round}: the crowd picks {side|crypto:crypto|ai:AI} ({stakers} {stakers|one:company|other:companies} staked); {side|crypto:crypto|ai:AI} hype rises',
  'news.bankrupt': '{company} goes bankrupt: shareholders wiped out, restarts with {restartUsd:usd}',
  'news.marginCall': '{company} faces a margin call: {days} days to cut its BTC-backed debt',
  'news.rollover': '{company} cannot repay a loan and rolls it over at a penalty rate',
  'news.tenderAwarded': '{lab} awards {gpus:int} GPUs × {days} days to {company} at ${priceUsdPerGpuHour:2}/h.',
  'news.buyout': '{tenant} buys {site} ({mw} MW) from {company} for ${priceMUsd:int}M ({bids} {bids|one:bid|other:bids}).',
  'news.hostingAwarded': '{tenant} leases {mw} MW at {site} from {company} for {years} years at ${usdPerKwMonth:2}/kW-month ({bids} {bids|one:bid|other:bids}).',
  'news.buyoutLapsed': '{tenant}\'s buy-out offer lapses: no company could take it.',
  'news.hostingLapsed': '{tenant}\'s hosting offer lapses: no company could take it.',
  'news.hostingOffer': '{tenant} seeks {mw} MW of AI-ready power for {years} years at up to ${usdPerKwMonth:2}/kW-month; sealed bids close on day {closesDay}.',
  'news.buyoutOffer': '{tenant} will buy a mining site of {mw}+ MW at up to ${usdPerMw:int} per MW; sealed bids close on day {closesDay}.',
} as const);

export type NewsKey = keyof typeof NEWS_EN;

export interface NewsText {
  key: NewsKey;
  params: TextParams;
}

/** The news kinds (NewsItem.kind) each key is written under: narrows the parse to the right keys. */
const KINDS_OF: Readonly<Record<NewsKey, readonly string[]>> = Object.freeze({
  'news.halvingDay': ['halving'],
  'news.pump': ['pump'],
  'news.crash': ['crash'],
  'news.etfApproval': ['etfApproval'],
  'news.miningBan': ['miningBan'],
  'news.heatwave': ['heatwave'],
  'news.openModelRelease': ['openModelRelease'],
  'news.aiBreakthrough': ['aiBreakthrough'],
  'news.capexBoom': ['capexBoom'],
  'news.gpuGlut': ['gpuGlut'],
  'news.newAsicGeneration': ['newAsicGeneration'],
  'news.newGpuGeneration': ['newGpuGeneration'],
  'news.rateUp': ['rateChange'],
  'news.rateDown': ['rateChange'],
  'news.feeSpike': ['feeSpike'],
  'news.halving': ['halving'],
  'news.contestWeight': ['contest'],
  'news.contestPool': ['contest'],
  'news.contestStakers': ['contest'],
  'news.bankrupt': ['bankrupt'],
  'news.marginCall': ['marginCall'],
  'news.rollover': ['finance'],
  'news.tenderAwarded': ['tender'],
  'news.buyout': ['buyout'],
  'news.hostingAwarded': ['hosting'],
  'news.buyoutLapsed': ['buyout'],
  'news.hostingLapsed': ['hosting'],
  'news.hostingOffer': ['offer'],
  'news.buyoutOffer': ['offer'],
});

/** Short human numbers: 12, 2.5, 0.25 (no trailing zeros). */
export function fmtNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** 12,345,678: locale-free, so headlines (which live in the state) hash the same everywhere. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** One placeholder of a template: `{name}`, `{name:fmt}` or `{name|cat:text|…}`. */
export const PLACEHOLDER = /\{(\w+)(?::(\w+))?((?:\|[\w=]+:[^|}]*)+)?\}/g;

export function parseOptions(spec: string): [string, string][] {
  return spec.slice(1).split('|').map((o) => {
    const at = o.indexOf(':');
    return [o.slice(0, at), o.slice(at + 1)];
  });
}

/** English plural categories: enough for the engine's own lines (the client uses Intl.PluralRules). */
function englishPlural(n: number): string {
  return n === 1 ? 'one' : 'other';
}

/** Picks a plural form (numbers) or a choice (strings); `=N` beats a category. */
export function pickOption(options: [string, string][], value: string | number, category: (n: number) => string): string {
  const exact = options.find(([k]) => k === `=${value}`);
  if (exact) return exact[1];
  const wanted = typeof value === 'number' ? category(value) : value;
  return (options.find(([k]) => k === wanted) ?? options.find(([k]) => k === 'other') ?? options[0] ?? ['', ''])[1];
}

function formatEn(value: string | number, fmt: string | undefined): string {
  if (typeof value !== 'number') return value;
  if (fmt === 'int') return thousands(value);
  if (fmt === '2') return value.toFixed(2);
  if (fmt === 'usd') return `$${Math.round(value).toLocaleString('en-US')}`;
  return String(value);
}

/** Fills an English template: what the state stores. */
export function fillEn(template: string, params: TextParams): string {
  return template.replace(PLACEHOLDER, (m, name: string, fmt: string | undefined, options: string | undefined) => {
    const value = params[name];
    if (value === undefined) return m;
    return options ? pickOption(parseOptions(options), value, englishPlural) : formatEn(value, fmt);
  });
}

export function renderNewsEn(text: NewsText): string {
  return fillEn(NEWS_EN[text.key], text.params);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Matcher<K extends string = NewsKey> {
  key: K;
  re: RegExp;
  /** Per capture group: the parameter, its format, and for a choice the text → value table. */
  groups: { name: string; fmt?: string; choice?: Map<string, string> }[];
}

function matcherFor<K extends string>(key: K, template: string): Matcher<K> {
  const groups: Matcher<K>['groups'] = [];
  const seen = new Set<string>();
  let src = '^';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    src += escapeRe(template.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const [, name = '', fmt, options] = m;
    if (options) {
      const opts = parseOptions(options);
      const alt = opts.map(([, text]) => escapeRe(text)).sort((a, b) => b.length - a.length).join('|');
      // A choice names its value only by its text; a plural form is checked but its count comes from `{name}`.
      const isChoice = !opts.some(([k]) => /^(zero|one|two|few|many|other|=\d+)$/.test(k));
      if (isChoice && !seen.has(name)) {
        groups.push({ name, choice: new Map(opts.map(([k, text]) => [text, k])) });
        seen.add(name);
        src += `(${alt})`;
      } else src += `(?:${alt})`;
      continue;
    }
    groups.push({ name, fmt });
    seen.add(name);
    src += fmt === 'usd' ? '\\$(-?[\\d,]+)' : fmt === 'int' ? '(-?[\\d,]+)' : fmt === '2' ? '(-?\\d+\\.\\d\\d)' : '(.+?)';
  }
  src += `${escapeRe(template.slice(last))}$`;
  return { key, re: new RegExp(src, 's'), groups };
}

function matchLine<K extends string>(m: Matcher<K>, line: string, render: (key: K, params: TextParams) => string): TextParams | null {
  const hit = m.re.exec(line);
  if (!hit) return null;
  const params: TextParams = {};
  m.groups.forEach((g, i) => {
    const raw = hit[i + 1] ?? '';
    if (g.choice) params[g.name] = g.choice.get(raw) ?? raw;
    else if (g.fmt === 'int' || g.fmt === 'usd') params[g.name] = Number(raw.replace(/,/g, ''));
    else if (/^-?\d+(\.\d+)?$/.test(raw)) params[g.name] = Number(raw);
    else params[g.name] = raw;
  });
  return render(m.key, params) === line ? params : null;
}

let matchers: Matcher[] | null = null;

/**
 * The key and parameters of an English line the engine wrote under news kind `kind`, or null for a
 * line that no template made (a scenario's or a teacher's own headline). Number-like values come
 * back as numbers; `renderNewsEn(parseNewsText(kind, line))` gives `line` again.
 */
export function parseNewsText(kind: string, line: string): NewsText | null {
  matchers ??= (Object.keys(NEWS_EN) as NewsKey[]).map((k) => matcherFor(k, NEWS_EN[k]));
  for (const m of matchers) {
    if (!KINDS_OF[m.key].includes(kind)) continue;
    const params = matchLine(m, line, (key, p) => renderNewsEn({ key, params: p }));
    if (params) return { key: m.key, params };
  }
  return null;
}

/** Why an event's parameters are refused (`validateEventParams`): the engine's RuleError message. */
export const EVENT_ERRORS_EN = Object.freeze({
  'eventError.noParam': 'Event {kind} has no parameter "{param}".',
  'eventError.noParamKnown': 'Event {kind} has no parameter "{param}" (it takes {known}).',
  'eventError.number': '{kind}.{param} must be a number.',
  'eventError.range': '{kind}.{param} must be between {min} and {max}.',
  'eventError.regionType': '{kind}.{param} must be a region id.',
  'eventError.region': 'Unknown region "{value}" (regions: {known}).',
  'eventError.modelType': '{kind}.{param} must be a model id.',
  'eventError.model': 'Unknown {modelKind} model "{value}".',
} as const);

export type EventErrorKey = keyof typeof EVENT_ERRORS_EN;

export interface EventErrorText {
  key: EventErrorKey;
  params: TextParams;
}

let errorMatchers: Matcher<EventErrorKey>[] | null = null;

/** The key and parameters of an event-parameter error message, or null for any other message. */
export function parseEventErrorText(message: string): EventErrorText | null {
  errorMatchers ??= (Object.keys(EVENT_ERRORS_EN) as EventErrorKey[]).map((k) => matcherFor(k, EVENT_ERRORS_EN[k]));
  for (const m of errorMatchers) {
    const params = matchLine(m, message, (key, p) => fillEn(EVENT_ERRORS_EN[key], p));
    if (params) return { key: m.key, params };
  }
  return null;
}
