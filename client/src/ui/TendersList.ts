/** Open tenders with countdowns to their close; "Bid" prefills the tender form. */
import type { PlayerView } from '../../../shared/rules/view.js';
import { h, setChildren } from './dom.js';
import { days } from '../util/format.js';
import { t as tr, tWord } from '../i18n/index.js';

export class TendersList {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  onBid: (tenderId: string, reserve: number) => void = () => undefined;

  constructor() {
    this.body = h('div', { class: 'list', testid: 'tenders' });
    this.el = h('div', { class: 'section' }, h('h3', {}, tr('game.openTenders')), this.body);
    this.body.addEventListener('click', (e) => {
      const btn = (e.target as HTMLElement).closest<HTMLElement>('button[data-tender]');
      if (btn) this.onBid(btn.dataset.tender ?? '', Number(btn.dataset.reserve));
    });
  }

  update(view: PlayerView): void {
    const open = view.tenders.filter((t) => t.closesDay >= view.day).sort((a, b) => a.closesDay - b.closesDay);
    setChildren(
      this.body,
      ...(open.length === 0
        ? [h('div', { class: 'item muted' }, tr('game.noTenders'))]
        : open.map((t) => {
            const left = t.closesDay - view.day;
            return h(
              'div',
              { class: 'item', testid: `tender-${t.id}` },
              h('span', {}, h('b', {}, t.lab), tr('game.tenderLine', { gpus: t.gpus, days: t.days, tier: tWord(t.tier), reserve: t.reservePriceUsdPerGpuHour.toFixed(2) }), h('br'),
                h('span', { class: left <= 2 ? 'bad' : 'muted' }, tr('game.closesIn', { days: days(left) })), tr('game.bids', { n: t.bidCount }),
                t.myBidUsdPerGpuHour !== null ? h('span', { class: 'good' }, tr('game.yourBid', { price: t.myBidUsdPerGpuHour.toFixed(2) })) : null),
              h('button', { class: 'small', type: 'button', 'data-tender': t.id, 'data-reserve': t.reservePriceUsdPerGpuHour }, tr('game.bid')),
            );
          })),
    );
  }
}
