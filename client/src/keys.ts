/** Frozen registries for scene and texture keys: never bare strings. */
export const SCENES = Object.freeze({
  boot: 'Boot',
  preloader: 'Preloader',
  title: 'Title',
  lobby: 'Lobby',
  game: 'Game',
  results: 'Results',
  replay: 'Replay',
  bench: 'Bench',
  teach: 'Teach',
  projector: 'Projector',
  classJoin: 'ClassJoin',
  debrief: 'Debrief',
});

export const TEXTURES = Object.freeze({
  coin: 'coin',
  chip: 'chip',
  spark: 'spark',
});

/** Registry keys for the services Boot creates. */
export const REG = Object.freeze({
  net: 'net',
});
