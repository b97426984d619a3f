/** The top bar: date and day, BTC, halving and contest countdowns, world meters, host controls. */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { ConnectionState, RoomInfo } from '../core/MatchFeed.js';
import { h, setText } from './dom.js';
import { compact, days, dps } from '../util/format.js';
import { daysToHalving } from '../core/derive.js';
import { t } from '../i18n/index.js';
import { DayMemory, gloss, movedLine, setWhy, type GlossId } from './Glossary.js';
import type { MessageKey } from '../i18n/en.js';

export class TopBar {
  readonly el: HTMLElement;
  readonly hostSlot = h('span', { class: 'hostslot' });
  private readonly fields: Record<string, HTMLElement> = {};
  private readonly boxes: Record<string, HTMLElement> = {};
  private readonly memory = new DayMemory();

  constructor(title: string) {
    const kv = (key: GlossId, label: string) => {
      const v = h('span', { testid: `top-${key}` });
      this.fields[key] = v;
      const box = h('span', { class: 'kv', ...gloss(key) }, h('small', {}, label), v);
      this.boxes[key] = box;
      return box;
    };
    this.el = h('div', { class: 'topbar', testid: 'topbar' },
      h('span', { class: 'big' }, title),
      kv('date', t('top.date')), kv('day', t('top.day')), kv('btc', t('top.btc')), kv('halving', t('top.halving')), kv('contest', t('top.contest')),
      kv('gw', t('top.gw')), kv('compute', t('top.compute')), kv('hype', t('top.hype')),
      h('span', { class: 'sp' }), kv('status', t('top.status')), this.hostSlot);
  }

  update(view: PlayerView): void {
    const f = this.fields;
    const w = view.world;
    setText(f.date as HTMLElement, view.date);
    setText(f.day as HTMLElement, `${view.day} / ${view.endDay}`);
    setText(f.btc as HTMLElement, `$${compact(w.btcUsd)}`);
    setText(f.halving as HTMLElement, `${days(daysToHalving(view))} · ${compact(w.nextHalvingHeight - w.heightBlocks)} ${t('top.blocks')}`);
    setText(f.contest as HTMLElement, t('top.contestIn', { round: view.contest.round, days: days(view.contest.resolveDay - view.day) }));
    setText(f.gw as HTMLElement, `${w.meters.miningGw.toFixed(2)} / ${w.meters.aiGw.toFixed(2)}`);
    setText(f.compute as HTMLElement, t('unit.h100d', { n: compact(w.meters.aiComputeH100Days) }));
    setText(f.hype as HTMLElement, `${w.hype.crypto.toFixed(2)} / ${w.hype.ai.toFixed(2)}`);
    const m = this.memory;
    const d = view.day;
    setWhy(this.boxes.btc, movedLine(m.track(d, 'btc', w.btcUsd), w.btcUsd, (v) => `$${compact(v)}`));
    const gw = (v: number) => `${v.toFixed(2)} GW`;
    setWhy(this.boxes.gw, [movedLine(m.track(d, 'gwMining', w.meters.miningGw), w.meters.miningGw, gw), movedLine(m.track(d, 'gwAi', w.meters.aiGw), w.meters.aiGw, gw)].filter(Boolean).join(' · '));
    setWhy(this.boxes.compute, movedLine(m.track(d, 'compute', w.meters.aiComputeH100Days), w.meters.aiComputeH100Days, (v) => compact(v), false));
    const hype = (v: number) => v.toFixed(2);
    setWhy(this.boxes.hype, [movedLine(m.track(d, 'hypeCrypto', w.hype.crypto), w.hype.crypto, hype, false), movedLine(m.track(d, 'hypeAi', w.hype.ai), w.hype.ai, hype, false)].filter(Boolean).join(' · '));
  }

  status(room: RoomInfo | null, conn: ConnectionState, phase?: string): void {
    const s = phase === 'ended' ? 'ended' : (room?.status ?? '');
    const label = conn === 'connected' || conn === 'offline' ? `${s ? statusLabel(s) : ''}${room ? ` · ${dps(room.daysPerSecond)}` : ''}` : statusLabel(conn);
    setText(this.fields.status as HTMLElement, label);
  }
}

const STATUS_KEYS: Record<string, MessageKey> = {
  waiting: 'status.waiting', running: 'status.running', paused: 'status.paused', ended: 'status.ended',
  reconnecting: 'status.reconnecting', lost: 'status.lost', connected: 'status.connected', offline: 'status.offline',
};

/** A room or connection status in the UI language (unknown ones pass through). */
export function statusLabel(s: string): string {
  const key = STATUS_KEYS[s];
  return key ? t(key) : s;
}
