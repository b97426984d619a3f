/** Makes every texture procedurally (nothing is fetched), then moves on. */
import Phaser from 'phaser';
import { SCENES, TEXTURES } from '../keys.js';

export class PreloaderScene extends Phaser.Scene {
  constructor() {
    super(SCENES.preloader);
  }

  create(data: { next?: string }): void {
    const g = this.make.graphics({}, false);
    g.fillStyle(0xe69f00, 1).fillCircle(10, 10, 10);
    g.lineStyle(2, 0x7a4f00, 1).strokeCircle(10, 10, 8);
    g.fillStyle(0x7a4f00, 1).fillRect(8, 5, 2, 10).fillRect(11, 5, 2, 10).fillRect(6, 7, 8, 2).fillRect(6, 11, 8, 2);
    g.generateTexture(TEXTURES.coin, 20, 20);
    g.clear();
    g.fillStyle(0x009e73, 1).fillRoundedRect(3, 3, 14, 14, 2);
    g.lineStyle(1.5, 0xbff5e3, 1);
    for (let i = 0; i < 4; i += 1) g.lineBetween(5 + i * 3.3, 0, 5 + i * 3.3, 20).lineBetween(0, 5 + i * 3.3, 20, 5 + i * 3.3);
    g.fillStyle(0x0b3d2e, 1).fillRect(6, 6, 8, 8);
    g.generateTexture(TEXTURES.chip, 20, 20);
    g.clear();
    g.fillStyle(0x56b4e9, 1).fillCircle(3, 3, 3);
    g.generateTexture(TEXTURES.spark, 6, 6);
    g.destroy();
    this.scene.start(data.next ?? SCENES.title);
  }
}
