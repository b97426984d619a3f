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
import { TeachScene } from './scenes/TeachScene.js';
import { ProjectorScene } from './scenes/ProjectorScene.js';
import { ClassJoinScene } from './scenes/ClassJoinScene.js';
import { DebriefScene } from './scenes/DebriefScene.js';
import { applyDocumentLang } from './i18n/index.js';
import { mountLanguageSwitch } from './ui/LanguageSwitch.js';

applyDocumentLang();
mountLanguageSwitch();

// Canvas 2D by default: the screen is lines, text and a few sprites, and it stays at 60 fps where
// WebGL falls back to software (classroom laptops, headless CI: see `npm run bench:client`).
// `?renderer=webgl` opts back in.
const renderer = new URLSearchParams(window.location.search).get('renderer');
// A phone shows the canvas as a small window among DOM panels: 30 frames a second keep its charts
// and map smooth and halve the drawing (battery, and a class of phones on one machine in tests).
const narrow = window.matchMedia('(max-width: 700px)').matches;

new Phaser.Game({
  type: renderer === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
  parent: 'stage',
  backgroundColor: '#0e1320',
  scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
  banner: false,
  fps: narrow ? { limit: 30 } : {},
  disableContextMenu: true,
  scene: [BootScene, PreloaderScene, TitleScene, LobbyScene, GameScene, ResultsScene, ReplayScene, BenchScene, TeachScene, ProjectorScene, ClassJoinScene, DebriefScene],
});
