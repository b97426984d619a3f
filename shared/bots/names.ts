/**
 * The registry's names, without the strategies behind them: a command line lists and checks them
 * before it loads the engine (the league CLI starts its threads first). index.ts builds the
 * registry from the strategies and refuses to load if the two lists disagree.
 */
export const STRATEGY_NAMES: readonly string[] = Object.freeze([
  'idle', 'random', 'hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser', 'template',
  'equity-looper', 'hype-shell', 'story-shell', 'escrow-parker', 'history-trader', 'lease-ring', 'borrow-defaulter',
]);
