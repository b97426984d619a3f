/** The results tables: market cap (who the crowd picked) and NAV (who was worth it), side by side. */
import type { PlayerView, PublicPlayer } from '../../../shared/rules/view.js';
import { h } from './dom.js';
import { playerColor, seatLetter } from './palette.js';
import { usd } from '../util/format.js';

type Row = Pick<PublicPlayer, 'id' | 'name' | 'colorIndex' | 'navUsd' | 'marketCapUsd' | 'multiple' | 'bankrupt' | 'strategy'>;

function table(title: string, testid: string, rows: Row[], key: 'marketCapUsd' | 'navUsd', meId: string): HTMLElement {
  const sorted = [...rows].sort((a, b) => b[key] - a[key]);
  return h('div', {}, h('h2', {}, title),
    h('table', { testid },
      h('tr', {}, h('th', {}, '#'), h('th', {}, 'Company'), h('th', { class: 'num' }, key === 'marketCapUsd' ? 'Market cap' : 'NAV'), h('th', { class: 'num' }, key === 'marketCapUsd' ? 'NAV' : 'Mkt cap')),
      ...sorted.map((p, i) => h('tr', { style: p.id === meId ? 'background:#22304d' : '', testid: `${testid}-row` },
        h('td', {}, String(i + 1)),
        h('td', {}, h('span', { class: 'swatch', style: `background:${playerColor(p.colorIndex)}` }), `${seatLetter(p.colorIndex)} ${p.name}${p.strategy ? ' (bot)' : ''}${p.bankrupt ? ' †' : ''}`),
        h('td', { class: 'num' }, h('b', {}, usd(p[key]))),
        h('td', { class: 'num muted' }, usd(key === 'marketCapUsd' ? p.navUsd : p.marketCapUsd))))));
}

export function rankings(rows: Row[], meId: string): HTMLElement {
  return h('div', { class: 'cols', testid: 'rankings' },
    table('Market cap: the crowd’s pick', 'rank-mcap', rows, 'marketCapUsd', meId),
    table('NAV: what it was worth', 'rank-nav', rows, 'navUsd', meId));
}

export function contestTable(view: PlayerView): HTMLElement {
  return h('div', { class: 'section' }, h('h3', {}, 'Contest history'),
    view.contest.history.length === 0 ? h('div', { class: 'muted' }, 'No round resolved.') :
      h('table', { testid: 'results-contest' }, h('tr', {}, h('th', {}, 'Round'), h('th', {}, 'Day'), h('th', {}, 'Winner'), h('th', { class: 'num' }, 'Pool')),
        ...view.contest.history.map((r) => h('tr', {}, h('td', {}, String(r.round)), h('td', {}, String(r.day)), h('td', {}, r.winner.toUpperCase()), h('td', { class: 'num' }, usd(r.poolUsdCents / 100))))));
}

export function metersTable(view: PlayerView): HTMLElement {
  const m = view.world.meters;
  return h('div', { class: 'section' }, h('h3', {}, 'World meters'),
    h('div', { class: 'grid2', testid: 'results-meters' },
      h('span', {}, 'GW to mining'), h('span', { class: 'v' }, m.miningGw.toFixed(2)),
      h('span', {}, 'GW to AI'), h('span', { class: 'v' }, m.aiGw.toFixed(2)),
      h('span', {}, 'AI compute delivered'), h('span', { class: 'v' }, `${Math.round(m.aiComputeH100Days).toLocaleString('en-US')} H100-days`),
      h('span', {}, 'BTC mined by players'), h('span', { class: 'v' }, `${m.btcMinedBtc.toFixed(2)} BTC`),
      h('span', {}, 'Energy price index'), h('span', { class: 'v' }, m.energyPriceIndex.toFixed(0))));
}
