/** Creates the network service, installs the debug hook and routes: replay file, bench, or title. */
import Phaser from 'phaser';
import { REG, SCENES } from '../keys.js';
import { NetworkService } from '../net/NetworkService.js';
import { debugSet, installDebugHook } from '../core/debug.js';

export class BootScene extends Phaser.Scene {
  constructor() {
    super(SCENES.boot);
  }

  create(): void {
    installDebugHook();
    const net = new NetworkService();
    this.registry.set(REG.net, net);
    net.bus.on('connection', (c) => debugSet('connection', c));
    net.bus.on('room', (r) => debugSet('room', r));
    net.bus.on('view', (v) => debugSet('view', v));
    // Every scene start is recorded for tests (`__bc.scene`).
    this.game.events.on(Phaser.Core.Events.STEP, () => {
      const active = this.game.scene.getScenes(true)[0];
      if (active) debugSet('scene', active.scene.key);
    });
    const params = new URLSearchParams(window.location.search);
    const next = params.has('bench') ? SCENES.bench : params.has('replay') ? SCENES.replay
      : params.has('teach') ? SCENES.projector : params.has('join') && !net.storedSession() ? SCENES.classJoin : SCENES.title;
    this.scene.start(SCENES.preloader, { next });
  }
}
