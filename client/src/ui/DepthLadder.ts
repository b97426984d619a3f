/** The lease order book as a depth ladder: asks above (best lowest, nearest the spread), bids below. */
import type { BookLevel, PlayerView } from '../../../shared/rules/view.js';
import { h, setChildren } from './dom.js';
import { t } from '../i18n/index.js';
import { leasePriceBand } from '../../../shared/economy/leaseMakers.js';

export class DepthLadder {
  readonly el: HTMLElement;
  private readonly table: HTMLTableElement;
  onPick: (side: 'bid' | 'ask', price: number) => void = () => undefined;

  constructor() {
    this.table = h('table', { class: 'ladder', testid: 'depth-ladder' });
    this.el = h('div', { class: 'section' }, h('h3', {}, t('game.ladder')), this.table);
    this.table.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-price]');
      if (row) this.onPick(row.dataset.side === 'bid' ? 'ask' : 'bid', Number(row.dataset.price));
    });
  }

  update(view: PlayerView): void {
    const { bids, asks } = view.book;
    const maxQ = Math.max(1, ...bids.map((l) => l.quantity), ...asks.map((l) => l.quantity));
    const row = (l: BookLevel, side: 'bid' | 'ask') =>
      h(
        'tr',
        { class: side, 'data-price': l.priceUsdPerGpuHour, 'data-side': side, testid: `book-${side}`, title: `${l.orders} order(s)` },
        h('td', { class: 'num' }, side === 'bid' ? h('span', { class: 'bar', style: `width:${((l.quantity / maxQ) * 100).toFixed(0)}%` }) : null, side === 'bid' ? String(l.quantity) : ''),
        h('td', { class: 'num', style: `color:${side === 'bid' ? '#3fd0a4' : '#ff8a4c'}` }, `$${l.priceUsdPerGpuHour.toFixed(2)}`),
        h('td', {}, side === 'ask' ? h('span', { class: 'bar', style: `width:${((l.quantity / maxQ) * 100).toFixed(0)}%` }) : null, side === 'ask' ? String(l.quantity) : ''),
      );
    // Orders outside the band are refused: show where it lies so a price can be picked inside it.
    const band = leasePriceBand(view.world.gpuRentUsdPerHour);
    const bandText = `$${band.minUsdPerGpuHour.toFixed(2)}–$${band.maxUsdPerGpuHour.toFixed(2)}`;
    const spread = bids[0] && asks[0] ? t('game.ladderSpread', { usd: (asks[0].priceUsdPerGpuHour - bids[0].priceUsdPerGpuHour).toFixed(2) }) : t('game.ladderNoCross');
    setChildren(
      this.table,
      h('tr', {}, h('th', { class: 'num' }, t('game.bidQty')), h('th', { class: 'num' }, t('game.price')), h('th', {}, t('game.askQty'))),
      ...[...asks].reverse().map((l) => row(l, 'ask')),
      h('tr', { class: 'mid' }, h('td', { colspan: 3, testid: 'ladder-mid' }, t('game.ladderMid', { spot: view.world.gpuRentUsdPerHour.toFixed(2), spread, band: bandText }))),
      ...bids.map((l) => row(l, 'bid')),
    );
  }
}
