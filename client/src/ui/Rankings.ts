/**
 * The results tables, side by side: the founders' stake at market (who the crowd picked) and at NAV
 * (who was worth it), the headline score; market cap and NAV beside each.
 */
import type { PlayerView, PublicPlayer } from '../../../shared/rules/view.js';
import { h } from './dom.js';
import { playerColor, seatLetter } from './palette.js';
import { usd } from '../util/format.js';
import { lang, t, tWord } from '../i18n/index.js';

type Row = Pick<PublicPlayer, 'id' | 'name' | 'colorIndex' | 'navUsd' | 'marketCapUsd' | 'scoreMarketUsd' | 'scoreNavUsd' | 'multiple' | 'bankrupt' | 'strategy'>;

function table(title: string, testid: string, rows: Row[], key: 'scoreMarketUsd' | 'scoreNavUsd', meId: string): HTMLElement {
  const sorted = [...rows].sort((a, b) => b[key] - a[key]);
  const market = key === 'scoreMarketUsd';
  return h('div', {}, h('h2', {}, title),
    h('table', { testid },
      h('tr', {}, h('th', {}, '#'), h('th', {}, t('rank.company')), h('th', { class: 'num', title: t('rank.stakeHelp') }, t('rank.stake')), h('th', { class: 'num' }, t(market ? 'rank.mcapShort' : 'rank.nav'))),
      ...sorted.map((p, i) => h('tr', { style: p.id === meId ? 'background:#22304d' : '', testid: `${testid}-row` },
        h('td', {}, String(i + 1)),
        h('td', {}, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} ${p.name}${p.strategy ? t('rank.bot') : ''}${p.bankrupt ? ' †' : ''}`),
        h('td', { class: 'num' }, h('b', {}, usd(p[key]))),
        h('td', { class: 'num muted' }, usd(market ? p.marketCapUsd : p.navUsd))))));
}

export function rankings(rows: Row[], meId: string): HTMLElement {
  return h('div', { class: 'cols', testid: 'rankings' },
    table(t('rank.mcapTitle'), 'rank-mcap', rows, 'scoreMarketUsd', meId),
    table(t('rank.navTitle'), 'rank-nav', rows, 'scoreNavUsd', meId));
}

export function contestTable(view: PlayerView): HTMLElement {
  return h('div', { class: 'section' }, h('h3', {}, t('contest.history')),
    view.contest.history.length === 0 ? h('div', { class: 'muted' }, t('contest.none')) :
      h('table', { testid: 'results-contest' }, h('tr', {}, h('th', {}, t('contest.round')), h('th', {}, t('contest.day')), h('th', {}, t('contest.winner')), h('th', { class: 'num' }, t('contest.pool'))),
        ...view.contest.history.map((r) => h('tr', {}, h('td', {}, String(r.round)), h('td', {}, String(r.day)), h('td', {}, lang() === 'en' ? r.winner.toUpperCase() : tWord(r.winner)), h('td', { class: 'num' }, r.poolUsdCents === null ? '–' : usd(r.poolUsdCents / 100))))));
}

export function metersTable(view: PlayerView): HTMLElement {
  const m = view.world.meters;
  return h('div', { class: 'section' }, h('h3', {}, t('meters.title')),
    h('div', { class: 'grid2', testid: 'results-meters' },
      h('span', {}, t('meters.mining')), h('span', { class: 'v' }, m.miningGw.toFixed(2)),
      h('span', {}, t('meters.ai')), h('span', { class: 'v' }, m.aiGw.toFixed(2)),
      h('span', {}, t('meters.compute')), h('span', { class: 'v' }, t('meters.computeUnit', { n: Math.round(m.aiComputeH100Days).toLocaleString('en-US') })),
      h('span', {}, t('meters.btcMined')), h('span', { class: 'v' }, `${m.btcMinedBtc.toFixed(2)} BTC`),
      h('span', {}, t('meters.energy')), h('span', { class: 'v' }, m.energyPriceIndex.toFixed(0))));
}

/** "You placed 2nd of 5 by worth (NAV) and 4th by market": both ranks of the viewer. */
export function placement(rows: Row[], meId: string): HTMLElement | null {
  if (!rows.some((r) => r.id === meId)) return null;
  const rank = (key: 'scoreMarketUsd' | 'scoreNavUsd') => 1 + [...rows].sort((a, b) => b[key] - a[key]).findIndex((r) => r.id === meId);
  return h('div', { class: 'placed', testid: 'placed' }, t('results.placed', { nav: rank('scoreNavUsd'), mcap: rank('scoreMarketUsd'), n: rows.length }));
}

/**
 * The lesson in a sentence: whom the crowd crowned versus whose books were best, and each
 * company's gap between the two (market cap − NAV), largest premium first.
 */
export function lesson(rows: Row[]): HTMLElement | null {
  if (rows.length === 0) return null;
  const byCap = [...rows].sort((a, b) => b.scoreMarketUsd - a.scoreMarketUsd)[0]!;
  const byNav = [...rows].sort((a, b) => b.scoreNavUsd - a.scoreNavUsd)[0]!;
  const gaps = [...rows].sort((a, b) => (b.marketCapUsd - b.navUsd) - (a.marketCapUsd - a.navUsd));
  const signed = (v: number) => `${v >= 0 ? '+' : '−'}${usd(Math.abs(v))}`;
  return h('div', { class: 'section lesson', testid: 'lesson' },
    h('div', {}, t(byCap.id === byNav.id ? 'results.lessonSame' : 'results.lesson', { crowd: byCap.name, books: byNav.name })),
    h('table', { testid: 'gaps' },
      h('tr', {}, h('th', {}, t('rank.company')), h('th', { class: 'num' }, t('results.gap')), h('th', { class: 'num' }, t('results.capToNav'))),
      ...gaps.map((p) => h('tr', {},
        h('td', {}, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} ${p.name}`),
        h('td', { class: `num ${p.marketCapUsd >= p.navUsd ? 'good' : 'bad'}` }, signed(p.marketCapUsd - p.navUsd)),
        h('td', { class: 'num muted' }, p.navUsd > 0 ? `${(p.marketCapUsd / p.navUsd).toFixed(2)}×` : '–')))));
}
