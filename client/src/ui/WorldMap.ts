/**
 * The world map: stylised continents, one node per region (power price, grid queue, political
 * risk, bans) and every site around its region, drawn in its owner's colour with its tier, MW,
 * racks and state. Mined blocks and lease income float up from the sites that earned them.
 */
import Phaser from 'phaser';
import type { PlayerView } from '../../../shared/rules/view.js';
import type { GameEvent, Site } from '../../../shared/rules/types.js';
import { playerColorInt, seatLetter } from './palette.js';
import { btc as fmtBtc, compact, usd } from '../util/format.js';
import { TEXTURES } from '../keys.js';
import { dir, localDigits, regionName, t, tMaybe } from '../i18n/index.js';
import { debugSet } from '../core/debug.js';

type LonLat = [number, number];
const CONTINENTS: LonLat[][] = [
  [[-165, 65], [-140, 70], [-95, 72], [-75, 62], [-60, 50], [-67, 45], [-75, 35], [-81, 25], [-97, 26], [-97, 18], [-87, 14], [-78, 8], [-90, 14], [-105, 20], [-117, 32], [-124, 40], [-125, 49], [-135, 57], [-150, 60], [-165, 60]],
  [[-50, 60], [-20, 70], [-25, 82], [-60, 82], [-70, 76]],
  [[-78, 8], [-60, 10], [-50, 0], [-35, -7], [-40, -22], [-55, -35], [-70, -55], [-75, -40], [-71, -18], [-81, -5]],
  [[-10, 36], [-9, 43], [-2, 48], [-5, 58], [5, 62], [15, 69], [28, 71], [40, 67], [45, 55], [40, 45], [28, 41], [20, 40], [12, 44], [3, 42]],
  [[-17, 15], [-10, 30], [10, 37], [32, 31], [43, 12], [51, 11], [40, -15], [32, -28], [20, -35], [12, -18], [9, 4], [-8, 5]],
  [[40, 45], [45, 55], [40, 67], [70, 72], [110, 77], [140, 72], [180, 68], [170, 60], [142, 50], [130, 42], [122, 30], [120, 22], [108, 10], [100, 14], [98, 8], [92, 22], [80, 8], [72, 20], [57, 25], [48, 30], [35, 35]],
  [[114, -22], [130, -12], [142, -11], [153, -28], [146, -39], [135, -34], [115, -34]],
];
/** The same loose projection the scenarios' mapX/mapY were picked in. */
const project = ([lon, lat]: LonLat): [number, number] => [0.44 + lon * 0.0026, 0.627 - lat * 0.00667];

const FONT = 'system-ui, sans-serif';
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

interface Placed {
  site: Site;
  x: number;
  y: number;
  r: number;
}

interface RegionNode {
  region: PlayerView['regions'][number];
  x: number;
  y: number;
  r: number;
}

/** The engine's figures for the viewer's own sites (`view.me.siteLoads`, MW at the meter incl. PUE). */
export type { SiteLoad } from '../../../shared/rules/view.js';
import type { SiteLoad } from '../../../shared/rules/view.js';

export class WorldMap {
  private readonly base: Phaser.GameObjects.Graphics;
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly labels: Phaser.GameObjects.Text[] = [];
  private readonly letters: Phaser.GameObjects.Text[] = [];
  private readonly tip: Phaser.GameObjects.Text;
  private rect = new Phaser.Geom.Rectangle(0, 0, 100, 100);
  private placed: Placed[] = [];
  private view: PlayerView | null = null;
  private loads: Map<string, SiteLoad> = new Map();
  private nodes: RegionNode[] = [];
  private animations = 0;
  onSiteClick: (site: Site) => void = () => undefined;

  constructor(private readonly scene: Phaser.Scene) {
    this.base = scene.add.graphics();
    this.g = scene.add.graphics();
    this.tip = scene.add
      .text(0, 0, '', { fontFamily: FONT, fontSize: '13px', color: '#e8edf6', backgroundColor: '#0b1120', padding: { x: 8, y: 6 }, rtl: dir() === 'rtl', align: dir() === 'rtl' ? 'right' : 'left' })
      .setDepth(50)
      .setVisible(false);
    const zone = scene.add.zone(0, 0, 10, 10).setOrigin(0).setInteractive();
    zone.on('pointermove', (p: Phaser.Input.Pointer) => this.hover(p.x, p.y));
    zone.on('pointerout', () => this.hideTip());
    zone.on('pointerdown', (p: Phaser.Input.Pointer) => {
      // A tap is the only "hover" a touch screen has: show the tip, then act on a site.
      this.hover(p.x, p.y);
      const hit = this.hit(p.x, p.y);
      if (hit) this.onSiteClick(hit.site);
    });
    this.zone = zone;
  }

  private readonly zone: Phaser.GameObjects.Zone;

  layout(x: number, y: number, w: number, h: number): void {
    this.rect.setTo(x, y, w, h);
    this.zone.setPosition(x, y).setSize(w, h);
    (this.zone.input?.hitArea as Phaser.Geom.Rectangle | undefined)?.setTo(0, 0, w, h);
    this.drawBase();
    if (this.view) this.update(this.view);
  }

  private px(u: number, v: number): [number, number] {
    return [this.rect.x + u * this.rect.width, this.rect.y + v * this.rect.height];
  }

  private drawBase(): void {
    const g = this.base;
    const { x, y, width: w, height: h } = this.rect;
    g.clear();
    g.fillStyle(0x0b1730, 1).fillRoundedRect(x, y, w, h, 8);
    g.lineStyle(1, 0x142447, 1);
    for (let lon = -180; lon <= 180; lon += 30) {
      const [ax, ay] = this.px(...project([lon, 85]));
      const [, by] = this.px(...project([lon, -60]));
      if (ax > x && ax < x + w) g.lineBetween(ax, Math.max(y, ay), ax, Math.min(y + h, by));
    }
    for (let lat = -60; lat <= 80; lat += 20) {
      const [, ly] = this.px(...project([0, lat]));
      if (ly > y && ly < y + h) g.lineBetween(x, ly, x + w, ly);
    }
    g.fillStyle(0x1d2a44, 1).lineStyle(1, 0x2e3f63, 1);
    for (const poly of CONTINENTS) {
      const pts = poly.map((p) => {
        const [u, v] = project(p);
        const [sx, sy] = this.px(u, v);
        return new Phaser.Math.Vector2(Phaser.Math.Clamp(sx, x, x + w), Phaser.Math.Clamp(sy, y, y + h));
      });
      g.fillPoints(pts, true).strokePoints(pts, true);
    }
  }

  /** Redraws regions and sites for a new view; `loads` gives used MW and racks for the viewer's own sites. */
  update(view: PlayerView, loads: Map<string, SiteLoad> = new Map()): void {
    this.view = view;
    this.loads = loads;
    const g = this.g;
    g.clear();
    const scale = Math.min(this.rect.width, this.rect.height * 1.8);
    const nodeR = Math.max(8, scale * 0.022);
    const fs = Math.max(10, Math.min(16, Math.round(scale / 70)));
    const colorOf = new Map(view.players.map((p) => [p.id, p.colorIndex]));
    const byRegion = new Map<string, Site[]>();
    for (const s of view.sites) {
      const arr = byRegion.get(s.regionId) ?? [];
      arr.push(s);
      byRegion.set(s.regionId, arr);
    }
    this.placed = [];
    this.nodes = [];
    let li = 0;
    let ti = 0;
    // Every node and site marker is placed before any label, so labels steer clear of all of them.
    const taken: Phaser.Geom.Rectangle[] = [];
    for (const region of view.regions) {
      const [cx, cy] = this.px(region.mapX, region.mapY);
      this.nodes.push({ region, x: cx, y: cy, r: nodeR });
      taken.push(new Phaser.Geom.Rectangle(cx - nodeR, cy - nodeR, nodeR * 2, nodeR * 2));
      (byRegion.get(region.id) ?? []).forEach((site, i) => {
        const dist = nodeR * 1.9 + nodeR * 0.9 * Math.sqrt(i);
        const a = i * GOLDEN - Math.PI / 2;
        const sx = cx + Math.cos(a) * dist * 1.35;
        const sy = cy + Math.sin(a) * dist * 0.8 - nodeR * 0.4;
        const r = Phaser.Math.Clamp(4 + Math.sqrt(site.energisedMw + site.buildingMw) * 0.9, 5, nodeR * 0.9);
        this.placed.push({ site, x: sx, y: sy, r });
        const below = loads.has(site.id) ? 16 : 5;
        taken.push(new Phaser.Geom.Rectangle(sx - r * 1.2 - 4, sy - r - 4, r * 2.4 + 8, r * 2 + 4 + below));
      });
    }
    for (const { region, x: cx, y: cy } of this.nodes) {
      const banned = region.miningBanUntilDay > view.day;
      g.fillStyle(priceColor(region.powerUsdPerMwh), 0.9).fillCircle(cx, cy, nodeR);
      g.lineStyle(2, banned ? 0xd55e00 : 0xe8edf6, banned ? 1 : 0.5).strokeCircle(cx, cy, nodeR);
      if (banned) g.lineStyle(3, 0xd55e00, 1).lineBetween(cx - nodeR * 0.6, cy - nodeR * 0.6, cx + nodeR * 0.6, cy + nodeR * 0.6).lineBetween(cx - nodeR * 0.6, cy + nodeR * 0.6, cx + nodeR * 0.6, cy - nodeR * 0.6);
      if (region.spikeDaysLeft > 0) g.lineStyle(2, 0xf0e442, 1).strokeCircle(cx, cy, nodeR + 3);
    }
    for (const p of this.placed) {
      const owner = p.site.ownerId;
      const mine = owner !== null && owner === view.playerId;
      const ci = owner ? (colorOf.get(owner) ?? 0) : -1;
      const banned = (view.regions.find((r) => r.id === p.site.regionId)?.miningBanUntilDay ?? 0) > view.day;
      this.drawSite(g, p.site, p.x, p.y, p.r, ci, mine, banned && p.site.tier === 'mining', loads.get(p.site.id));
      if (owner && p.r >= 7) {
        const letter = this.text(this.letters, ti++, Math.max(10, Math.round(p.r * 1.1)));
        letter.setText(seatLetter(ci)).setColor('#0b1120').setOrigin(0.5).setPosition(p.x, p.y).setFontStyle('bold');
      }
    }
    for (const { region, x: cx, y: cy } of this.nodes) {
      const banned = region.miningBanUntilDay > view.day;
      const label = this.text(this.labels, li++, fs - 1);
      label
        .setText(localDigits(`${regionName(region.id, region.name)}\n${t('game.mapRegion', { power: region.powerUsdPerMwh.toFixed(0), queue: Math.round(region.gridQueueDays) })}${banned ? `\n${t('game.mapBanned', { day: region.miningBanUntilDay })}` : ''}`))
        .setColor(banned ? '#ff8a4c' : '#c9d3e6')
        .setShadow(1, 1, '#000000', 2, false, true);
      placeLabel(label, cx, cy, nodeR, taken, this.rect);
    }
    for (let i = li; i < this.labels.length; i += 1) this.labels[i]?.setVisible(false);
    for (let i = ti; i < this.letters.length; i += 1) this.letters[i]?.setVisible(false);
    debugSet('map', {
      sites: this.placed.map((p) => ({ id: p.site.id, x: Math.round(p.x), y: Math.round(p.y) })),
      regions: this.nodes.map((n) => ({ id: n.region.id, x: Math.round(n.x), y: Math.round(n.y) })),
      labels: this.labels.slice(0, li).map((l) => { const b = l.getBounds(); return { x: b.x, y: b.y, w: b.width, h: b.height }; }),
      tip: this.tip.visible ? this.tip.text : null,
    });
  }

  private drawSite(g: Phaser.GameObjects.Graphics, site: Site, x: number, y: number, r: number, ci: number, mine: boolean, banned: boolean, load?: SiteLoad): void {
    const fill = ci >= 0 ? playerColorInt(ci) : 0x3a4560;
    g.fillStyle(fill, ci >= 0 ? 1 : 0.6);
    if (site.tier === 'ai') {
      g.fillPoints(hexagon(x, y, r), true);
    } else {
      g.fillRect(x - r, y - r, r * 2, r * 2);
    }
    g.lineStyle(mine ? 3 : 1, mine ? 0xffffff : ci >= 0 ? 0x0b1120 : 0x9aa6bf, 1);
    if (site.tier === 'ai') g.strokePoints(hexagon(x, y, r), true);
    else g.strokeRect(x - r, y - r, r * 2, r * 2);
    if (site.status === 'building' || site.buildingMw > 0) g.lineStyle(2, 0xf0e442, 1).strokeCircle(x, y, r + 4);
    if (site.status === 'retrofitting') g.lineStyle(2, 0xcc79a7, 1).strokeCircle(x, y, r + 4);
    if (site.curtailedToday) g.lineStyle(2, 0x56b4e9, 1).lineBetween(x - r - 3, y + r + 3, x + r + 3, y - r - 3);
    if (banned) g.lineStyle(3, 0xd55e00, 1).lineBetween(x - r, y - r, x + r, y + r).lineBetween(x - r, y + r, x + r, y - r);
    if (load && site.energisedMw > 0) {
      const bw = r * 2.4;
      const used = Phaser.Math.Clamp(load.usedMw / site.energisedMw, 0, 1);
      g.fillStyle(0x0b1120, 1).fillRect(x - bw / 2, y + r + 3, bw, 4);
      g.fillStyle(used > 0.98 ? 0xd55e00 : 0x009e73, 1).fillRect(x - bw / 2, y + r + 3, bw * used, 4);
      const racks = Math.min(8, Math.ceil((load.asics + load.gpus) / 200));
      for (let i = 0; i < racks; i += 1) {
        g.fillStyle(load.gpus > load.asics ? 0x009e73 : 0xe69f00, 1).fillRect(x - bw / 2 + i * 4, y + r + 9, 3, 6);
      }
    }
  }

  private text(pool: Phaser.GameObjects.Text[], i: number, fs: number): Phaser.GameObjects.Text {
    let t = pool[i];
    if (!t) {
      t = this.scene.add.text(0, 0, '', { fontFamily: FONT, align: 'center' });
      pool[i] = t;
    }
    return t.setFontSize(fs).setVisible(true);
  }

  private hit(px: number, py: number): Placed | undefined {
    let best: Placed | undefined;
    let bestD = Infinity;
    for (const p of this.placed) {
      const d = Math.hypot(p.x - px, p.y - py);
      if (d <= p.r + 5 && d < bestD) {
        best = p;
        bestD = d;
      }
    }
    return best;
  }

  private hitRegion(px: number, py: number): RegionNode | undefined {
    return this.nodes.find((n) => Math.hypot(n.x - px, n.y - py) <= n.r + 4);
  }

  /** Shows the tooltip of the site or region under the pointer (hover, or a tap on touch screens). */
  private hover(px: number, py: number): void {
    const view = this.view;
    const site = this.hit(px, py);
    const node = site ? undefined : this.hitRegion(px, py);
    if (!view || (!site && !node)) {
      this.hideTip();
      return;
    }
    const lines = site ? this.siteLines(view, site.site) : this.regionLines(view, (node as RegionNode).region);
    this.tip.setText(localDigits(lines.join('\n')));
    const tx = Phaser.Math.Clamp(px + 14 + this.tip.width > this.rect.right ? px - 14 - this.tip.width : px + 14, this.rect.x + 2, Math.max(this.rect.x + 2, this.rect.right - this.tip.width - 2));
    const ty = Phaser.Math.Clamp(py + 14, this.rect.y + 2, Math.max(this.rect.y + 2, this.rect.bottom - this.tip.height - 2));
    this.tip.setPosition(tx, ty).setVisible(true);
    debugSet('mapTip', this.tip.text);
  }

  private hideTip(): void {
    this.tip.setVisible(false);
    debugSet('mapTip', null);
  }

  private siteLines(view: PlayerView, s: Site): string[] {
    const region = view.regions.find((r) => r.id === s.regionId);
    const owner = s.ownerId ? view.players.find((p) => p.id === s.ownerId)?.name ?? s.ownerId : t('game.forSale');
    const lines = [
      t('game.mapTier', { name: s.name, id: s.id, tier: tMaybe(`tier.${s.tier}`) ?? s.tier }),
      `${t('game.mapOwner', { owner })}${s.ownerId === null ? ` · ${usd(s.listPriceUsd)} (${usd(s.listPriceUsd / Math.max(1, s.energisedMw))}/MW)` : ''}${s.coloProviderId ? ` · ${t('game.coloRented', { usd: s.coloUsdPerKwMonth.toFixed(0), day: s.coloEndDay })}` : ''}`,
      t('game.mapMw', { mw: compact(s.energisedMw) }) + (s.buildingMw > 0 ? ` · ${t('game.mapBuilding', { mw: compact(s.buildingMw), day: s.buildEtaDay })}` : ''),
      `${t('game.mapStatus', { status: tMaybe(`siteStatus.${s.status}`) ?? s.status })}${s.status === 'retrofitting' ? ` → ${t('top.day')} ${s.retrofitEtaDay}` : ''}${s.curtailedToday ? ` · ${t('game.mapCurtailed')}` : ''}`,
      t('game.mapPower', { contract: s.contract, price: s.contract === 'ppa' ? s.ppaUsdPerMwh.toFixed(0) : (region?.powerUsdPerMwh ?? 0).toFixed(0) })
        + (s.contract !== 'ppa' && s.curtailAboveUsdPerMwh > 0 ? ` · ${t('game.mapCurtailAbove', { price: s.curtailAboveUsdPerMwh })}` : '')
        + (s.hostedMw > 0 ? ` · ${t('game.mapHosting', { mw: compact(s.hostedMw) })}` : ''),
    ];
    const load = this.loads.get(s.id);
    if (load) lines.push(t('game.mapRacks', { asics: load.asics, gpus: load.gpus, used: load.usedMw.toFixed(1), mw: compact(s.energisedMw) }));
    if (s.ownerId === null) lines.push(t('game.mapClickBuy'));
    else if (s.ownerId === view.playerId) lines.push(t('game.mapClickInstall'));
    return lines;
  }

  private regionLines(view: PlayerView, r: PlayerView['regions'][number]): string[] {
    const here = view.sites.filter((s) => s.regionId === r.id);
    const lines = [
      regionName(r.id, r.name),
      t('game.mapRegionPower', { power: r.powerUsdPerMwh.toFixed(0), base: r.basePowerUsdPerMwh.toFixed(0), pue: r.pue.toFixed(2) }),
      t('game.mapRegionQueue', { queue: Math.round(r.gridQueueDays) }),
      t('game.mapRegionLoad', { load: compact(r.loadMw), risk: (r.politicalRiskPerYear * 100).toFixed(0) }),
      t('game.mapRegionSites', { mine: here.filter((s) => s.ownerId !== null && s.ownerId === view.playerId).length, rivals: here.filter((s) => s.ownerId !== null && s.ownerId !== view.playerId).length, listed: here.filter((s) => s.ownerId === null).length }),
    ];
    if (r.curtailCreditUsdPerMwh > 0) lines.push(t('game.mapRegionCredit', { credit: r.curtailCreditUsdPerMwh }));
    if (r.spikeDaysLeft > 0) lines.push(t('game.mapRegionSpike', { mult: r.spikeMultiplier.toFixed(1), days: r.spikeDaysLeft }));
    if (r.miningBanUntilDay > view.day) lines.push(t('game.mapBanned', { day: r.miningBanUntilDay }));
    return lines;
  }

  /** Floats a label up from the first site of `playerId` (mined BTC, lease income). */
  animate(events: readonly GameEvent[]): void {
    for (const e of events) {
      if (this.animations > 24) return;
      if (e.type === 'mined' && e.sats > 0) this.float(e.playerId, 'mining', `+${fmtBtc(e.sats / 1e8)}`, '#E69F00');
      else if (e.type === 'leaseIncome' && e.usdCents > 0) this.float(e.playerId, 'ai', `+${usd(e.usdCents / 100)}`, '#3fd0a4');
      else if (e.type === 'marketEvent' && typeof e.params.regionId === 'string') {
        // A regional event (ban, heatwave…) ripples out from its region.
        const n = this.nodes.find((x) => x.region.id === e.params.regionId);
        if (n) this.pulse(n.x, n.y, n.r, e.kind === 'miningBan' ? 0xd55e00 : 0xf0e442);
      } else if (e.type === 'siteEnergised' || e.type === 'hardwareArrived') {
        const at = e.type === 'siteEnergised' ? this.placed.find((p) => p.site.id === e.siteId) : this.placed.find((p) => p.site.ownerId === e.playerId);
        if (at) this.pulse(at.x, at.y, at.r, 0x56b4e9);
      }
    }
  }

  /** An expanding ring that fades: something happened here. */
  private pulse(x: number, y: number, r: number, color: number): void {
    this.animations += 1;
    const ring = this.scene.add.circle(x, y, r, color, 0).setStrokeStyle(3, color, 1).setDepth(39);
    this.scene.tweens.add({
      targets: ring,
      scale: 3,
      alpha: 0,
      duration: 1600,
      ease: 'Cubic.easeOut',
      onComplete: () => {
        ring.destroy();
        this.animations -= 1;
      },
    });
  }

  private float(playerId: string, tier: 'mining' | 'ai', label: string, color: string): void {
    const at = this.placed.find((p) => p.site.ownerId === playerId && p.site.tier === tier) ?? this.placed.find((p) => p.site.ownerId === playerId);
    if (!at) return;
    this.animations += 1;
    const icon = this.scene.add.image(at.x, at.y, tier === 'mining' ? TEXTURES.coin : TEXTURES.chip).setDepth(40).setScale(0.8);
    const text = this.scene.add.text(at.x + 10, at.y - 6, label, { fontFamily: FONT, fontSize: '13px', color, fontStyle: 'bold' }).setDepth(40);
    this.scene.tweens.add({
      targets: [icon, text],
      y: '-=36',
      alpha: 0,
      duration: 1400,
      ease: 'Cubic.easeOut',
      onComplete: () => {
        icon.destroy();
        text.destroy();
        this.animations -= 1;
      },
    });
  }

  destroy(): void {
    this.base.destroy();
    this.g.destroy();
    this.tip.destroy();
    this.zone.destroy();
    for (const t of [...this.labels, ...this.letters]) t.destroy();
  }
}

/**
 * Puts a region label next to its node at the first spot (nearest first, then further out) that
 * overlaps nothing placed yet and stays inside the map; otherwise at the least-overlapping spot.
 */
function placeLabel(label: Phaser.GameObjects.Text, cx: number, cy: number, r: number, taken: Phaser.Geom.Rectangle[], bounds: Phaser.Geom.Rectangle): void {
  const w = label.width;
  const hgt = label.height;
  const spots: [number, number, number, number][] = [];
  for (const d of [2, r * 1.2, r * 2.6, r * 4]) {
    spots.push(
      [cx, cy + r + d, 0.5, 0],
      [cx, cy - r - d, 0.5, 1],
      [cx + r + 2 + d, cy, 0, 0.5],
      [cx - r - 2 - d, cy, 1, 0.5],
      [cx + r + d, cy + r + d, 0, 0],
      [cx - r - d, cy + r + d, 1, 0],
      [cx + r + d, cy - r - d, 0, 1],
      [cx - r - d, cy - r - d, 1, 1],
    );
  }
  let best = spots[0] as [number, number, number, number];
  let bestOverlap = Infinity;
  for (const spot of spots) {
    const [x, y, ox, oy] = spot;
    const rect = new Phaser.Geom.Rectangle(x - w * ox, y - hgt * oy, w, hgt);
    const inside = Phaser.Geom.Rectangle.Intersection(rect, bounds);
    let overlap = (w * hgt - inside.width * inside.height) * 4;
    for (const t of taken) {
      const i = Phaser.Geom.Rectangle.Intersection(rect, t);
      overlap += i.width * i.height;
    }
    if (overlap < bestOverlap) {
      best = spot;
      bestOverlap = overlap;
      if (overlap === 0) break;
    }
  }
  const [x, y, ox, oy] = best;
  label.setOrigin(ox, oy).setPosition(x, y);
  taken.push(new Phaser.Geom.Rectangle(x - w * ox, y - hgt * oy, w, hgt));
}

function hexagon(x: number, y: number, r: number): Phaser.Math.Vector2[] {
  const pts: Phaser.Math.Vector2[] = [];
  for (let i = 0; i < 6; i += 1) {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    pts.push(new Phaser.Math.Vector2(x + Math.cos(a) * r * 1.1, y + Math.sin(a) * r * 1.1));
  }
  return pts;
}

/** Cheap power reads bluish green, dear power vermillion (Okabe–Ito ends). */
function priceColor(usdPerMwh: number): number {
  const t = Phaser.Math.Clamp((usdPerMwh - 20) / 80, 0, 1);
  const a = Phaser.Display.Color.ValueToColor(0x009e73);
  const b = Phaser.Display.Color.ValueToColor(0xd55e00);
  const c = Phaser.Display.Color.Interpolate.ColorWithColor(a, b, 100, Math.round(t * 100));
  return Phaser.Display.Color.GetColor(c.r, c.g, c.b);
}
