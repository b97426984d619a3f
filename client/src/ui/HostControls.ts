/** Host controls (shown only with the host token): start, pause/resume, speed, inject an event, end. */
import { EVENT_KINDS } from '../../../shared/economy/scenarios/types.js';
import type { HostCommand, ActionResult, RoomInfo } from '../core/MatchFeed.js';
import { h } from './dom.js';
import { engineMessage, t, tMaybe } from '../i18n/index.js';
import { fillPaceMenu } from './paceMenu.js';

export class HostControls {
  readonly el: HTMLElement;
  private readonly status = h('span', { class: 'status', testid: 'status-host' });
  private readonly pauseBtn: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly panel: HTMLElement;

  private readonly kickSelect: HTMLSelectElement;
  private chatMuted = false;
  private readonly muteBtn: HTMLButtonElement = h('button', { type: 'button', testid: 'host-mute-chat', onclick: () => void this.toggleChat() }, t('mchat.mute'));

  private async toggleChat(): Promise<void> {
    const muted = !this.chatMuted;
    await this.run({ type: 'muteChat', muted });
    if (this.status.classList.contains('ok')) {
      this.chatMuted = muted;
      this.muteBtn.textContent = t(muted ? 'mchat.unmute' : 'mchat.mute');
    }
  }

  /** `links` are the host-only downloads (CSV export, live replay) with the host token in the URL. */
  constructor(private readonly send: (cmd: HostCommand) => Promise<ActionResult>, links: { csv: string; replay: string } | null = null) {
    this.kickSelect = h('select', { testid: 'host-kick-player' });
    this.pauseBtn = h('button', { type: 'button', testid: 'host-pause', onclick: () => void this.togglePause() }, t('host.pause'));
    this.speed = h('select', { testid: 'host-speed', title: t('host.speedTitle'), onchange: () => void this.run({ type: 'speed', daysPerSecond: Number(this.speed.value) }) });
    fillPaceMenu(this.speed, 1);
    const kind = h('select', { testid: 'host-event-kind' }, ...EVENT_KINDS.map((k) => h('option', { value: k }, tMaybe(`event.${k}`) ?? k)));
    const headline = h('input', { placeholder: t('host.headline'), testid: 'host-event-headline' });
    const region = h('input', { placeholder: t('host.region'), testid: 'host-event-region' });
    this.panel = h('div', { class: 'help', style: 'display:none;top:3.5em;bottom:auto;right:1em', testid: 'host-panel' },
      h('h3', {}, t('host.inject')),
      h('div', { class: 'row' }, kind), h('div', { class: 'row' }, region), h('div', { class: 'row' }, headline),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', testid: 'host-inject', onclick: () => void this.run(optionalEvent(kind.value, region.value.trim(), headline.value.trim())) }, t('host.injectButton')),
        h('button', { type: 'button', class: 'danger', testid: 'host-end', onclick: () => { if (confirm(t('host.endConfirm'))) void this.run({ type: 'endMatch' }); } }, t('host.end'))),
      h('h3', { style: 'margin-top:0.6em' }, t('mchat.title')),
      h('div', { class: 'row' }, this.muteBtn),
      h('h3', { style: 'margin-top:0.6em' }, t('host.players')),
      h('div', { class: 'row' }, this.kickSelect, h('button', { type: 'button', testid: 'host-kick', onclick: () => { if (this.kickSelect.value) void this.run({ type: 'kick', playerId: this.kickSelect.value }); } }, t('host.kick'))),
      links ? h('div', { class: 'row' }, h('a', { href: links.csv, style: 'color:#56b4e9', testid: 'host-csv' }, t('host.csv')), h('a', { href: links.replay, style: 'color:#56b4e9' }, t('host.replay'))) : null);
    this.el = h('span', { class: 'hostslot', testid: 'host-controls' },
      h('b', { class: 'muted' }, t('host.label')), this.pauseBtn, this.speed,
      h('button', { type: 'button', testid: 'host-events', onclick: () => { this.panel.style.display = this.panel.style.display === 'none' ? '' : 'none'; } }, t('host.events')),
      this.status, this.panel);
  }

  update(room: RoomInfo): void {
    const people = room.seats.filter((s) => !s.bot && s.id !== room.hostId);
    const key = people.map((p) => p.id + p.name).join('|');
    if (this.kickSelect.dataset.key !== key) {
      this.kickSelect.dataset.key = key;
      this.kickSelect.replaceChildren(...people.map((p) => h('option', { value: p.id }, p.name)));
    }
    this.pauseBtn.textContent = room.status === 'paused' ? `▶ ${t('host.resume')}` : `❚❚ ${t('host.pause')}`;
    this.pauseBtn.className = room.status === 'paused' ? 'primary' : '';
    this.pauseBtn.dataset.paused = String(room.status === 'paused');
    this.pauseBtn.disabled = room.status === 'ended' || room.status === 'waiting';
    fillPaceMenu(this.speed, room.daysPerSecond);
  }

  private paused = false;

  async togglePause(): Promise<void> {
    this.paused = this.pauseBtn.dataset.paused === 'true';
    await this.run({ type: this.paused ? 'resume' : 'pause' });
  }

  async run(cmd: HostCommand): Promise<void> {
    this.status.textContent = '…';
    const r = await this.send(cmd);
    this.status.textContent = r.ok ? '✓' : engineMessage(r.message);
    this.status.className = `status ${r.ok ? 'ok' : 'err'}`;
  }
}

function optionalEvent(kind: string, regionId: string, headline: string): HostCommand {
  const cmd: Record<string, unknown> = { type: 'injectEvent', kind };
  if (regionId) cmd.params = { regionId };
  if (headline) cmd.headline = headline;
  return cmd as HostCommand;
}
