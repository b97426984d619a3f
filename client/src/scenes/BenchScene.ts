/**
 * Frame-time probe (`?bench=N[&seconds=S]`): the game screen over a synthetic N-company feed;
 * records each frame's interval and Phaser's step+render cost, then publishes median and p95 on
 * `window.__bc.bench` for `npm run bench:client`.
 */
import Phaser from 'phaser';
import { SCENES } from '../keys.js';
import { SyntheticFeed } from '../replay/SyntheticFeed.js';
import { GameScreen } from '../ui/GameScreen.js';
import { debugSet } from '../core/debug.js';

const WARMUP_MS = 1000;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export class BenchScene extends Phaser.Scene {
  private feed!: SyntheticFeed;

  constructor() {
    super(SCENES.bench);
  }

  create(): void {
    const params = new URLSearchParams(window.location.search);
    const players = Math.max(1, Number(params.get('bench')) || 8);
    const seconds = Math.max(1, Number(params.get('seconds')) || 5);
    this.feed = new SyntheticFeed(players);
    const screen = new GameScreen(this, this.feed, `Bench · ${players} players`);
    const intervals: number[] = [];
    const costs: number[] = [];
    let stepStart = 0;
    let last = 0;
    const t0 = performance.now();
    const onPre = () => { stepStart = performance.now(); };
    const onPost = () => {
      const now = performance.now();
      if (now - t0 > WARMUP_MS) {
        costs.push(now - stepStart);
        if (last) intervals.push(now - last);
      }
      last = now;
      if (now - t0 > WARMUP_MS + seconds * 1000) finish();
    };
    const finish = () => {
      this.game.events.off(Phaser.Core.Events.PRE_STEP, onPre);
      this.game.events.off(Phaser.Core.Events.POST_RENDER, onPost);
      intervals.sort((a, b) => a - b);
      costs.sort((a, b) => a - b);
      debugSet('bench', {
        done: true, players, frames: intervals.length,
        frameMedianMs: quantile(intervals, 0.5), frameP95Ms: quantile(intervals, 0.95),
        workMedianMs: quantile(costs, 0.5), workP95Ms: quantile(costs, 0.95),
        sites: this.feed.view?.sites.length ?? 0,
      });
    };
    this.game.events.on(Phaser.Core.Events.PRE_STEP, onPre);
    this.game.events.on(Phaser.Core.Events.POST_RENDER, onPost);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => screen.destroy());
  }

  override update(_time: number, delta: number): void {
    this.feed.tick(delta);
  }
}
