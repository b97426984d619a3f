/** The top bar: date and day, BTC, halving and contest countdowns, world meters, host controls. */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { ConnectionState, RoomInfo } from '../core/MatchFeed.js';
import { h, setText } from './dom.js';
import { compact, days } from '../util/format.js';
import { daysToHalving } from '../core/derive.js';

export class TopBar {
  readonly el: HTMLElement;
  readonly hostSlot = h('span', { class: 'row', style: 'margin:0' });
  private readonly fields: Record<string, HTMLElement> = {};

  constructor(title: string) {
    const kv = (key: string, label: string) => {
      const v = h('span', { testid: `top-${key}` });
      this.fields[key] = v;
      return h('span', { class: 'kv' }, h('small', {}, label), v);
    };
    this.el = h('div', { class: 'topbar', testid: 'topbar' },
      h('span', { class: 'big' }, title),
      kv('date', 'Date'), kv('day', 'Day'), kv('btc', 'BTC'), kv('halving', 'Halving in'), kv('contest', 'Contest'),
      kv('gw', 'GW mining / AI'), kv('compute', 'AI compute'), kv('hype', 'Hype crypto / AI'),
      h('span', { class: 'sp' }), kv('status', 'Status'), this.hostSlot);
  }

  update(view: PlayerView): void {
    const f = this.fields;
    const w = view.world;
    setText(f.date as HTMLElement, view.date);
    setText(f.day as HTMLElement, `${view.day} / ${view.endDay}`);
    setText(f.btc as HTMLElement, `$${compact(w.btcUsd)}`);
    setText(f.halving as HTMLElement, `${days(daysToHalving(view))} · ${compact(w.nextHalvingHeight - w.heightBlocks)} blk`);
    setText(f.contest as HTMLElement, `R${view.contest.round} in ${days(view.contest.resolveDay - view.day)}`);
    setText(f.gw as HTMLElement, `${w.meters.miningGw.toFixed(2)} / ${w.meters.aiGw.toFixed(2)}`);
    setText(f.compute as HTMLElement, `${compact(w.meters.aiComputeH100Days)} H100-d`);
    setText(f.hype as HTMLElement, `${w.hype.crypto.toFixed(2)} / ${w.hype.ai.toFixed(2)}`);
  }

  status(room: RoomInfo | null, conn: ConnectionState, phase?: string): void {
    const s = phase === 'ended' ? 'ended' : (room?.status ?? '');
    const label = conn === 'connected' || conn === 'offline' ? `${s}${room ? ` · ${room.daysPerSecond} d/s` : ''}` : conn;
    setText(this.fields.status as HTMLElement, label);
  }
}
