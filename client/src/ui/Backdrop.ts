/** The title/lobby backdrop: a dim grid of power lines with sparks running along it (procedural). */
import Phaser from 'phaser';
import { TEXTURES } from '../keys.js';

export function drawBackdrop(scene: Phaser.Scene): () => void {
  const g = scene.add.graphics();
  const sparks: Phaser.GameObjects.Image[] = [];
  const draw = () => {
    const { width, height } = scene.scale;
    g.clear();
    g.lineStyle(1, 0x1a2540, 1);
    const step = Math.max(40, Math.round(width / 24));
    for (let x = 0; x < width; x += step) g.lineBetween(x, 0, x, height);
    for (let y = 0; y < height; y += step) g.lineBetween(0, y, width, y);
  };
  draw();
  const spawn = () => {
    const { width, height } = scene.scale;
    const step = Math.max(40, Math.round(width / 24));
    const horizontal = Math.random() < 0.5;
    const lane = Math.floor(Math.random() * ((horizontal ? height : width) / step)) * step;
    const img = scene.add.image(horizontal ? -10 : lane, horizontal ? lane : -10, TEXTURES.spark).setAlpha(0.8).setTint(Math.random() < 0.5 ? 0xe69f00 : 0x56b4e9);
    sparks.push(img);
    scene.tweens.add({
      targets: img,
      x: horizontal ? width + 10 : lane,
      y: horizontal ? lane : height + 10,
      duration: 3000 + Math.random() * 4000,
      onComplete: () => {
        img.destroy();
        sparks.splice(sparks.indexOf(img), 1);
      },
    });
  };
  const timer = scene.time.addEvent({ delay: 260, loop: true, callback: spawn });
  scene.scale.on('resize', draw);
  return () => {
    timer.remove();
    scene.scale.off('resize', draw);
    g.destroy();
    for (const s of sparks) s.destroy();
  };
}
