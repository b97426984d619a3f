/** Entry point: one Phaser game on #stage, DOM panels in #ui, scenes Boot → Preloader → Title → … */
import Phaser from 'phaser';
import './style.css';
import { BootScene } from './scenes/BootScene.js';
import { PreloaderScene } from './scenes/PreloaderScene.js';
import { TitleScene } from './scenes/TitleScene.js';
import { LobbyScene } from './scenes/LobbyScene.js';
import { GameScene } from './scenes/GameScene.js';
import { ResultsScene } from './scenes/ResultsScene.js';
import { ReplayScene } from './scenes/ReplayScene.js';
import { BenchScene } from './scenes/BenchScene.js';

new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'stage',
  backgroundColor: '#0e1320',
  scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
  banner: false,
  disableContextMenu: true,
  scene: [BootScene, PreloaderScene, TitleScene, LobbyScene, GameScene, ResultsScene, ReplayScene, BenchScene],
});
