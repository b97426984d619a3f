/** The seven reference archetypes (no idle, no template, no exploits): what a full league plays. */
export const REFERENCE_STRATEGIES = Object.freeze([
  'random', 'hodl-miner', 'disciplined-miner', 'ai-pivot', 'power-landlord', 'lease-speculator', 'narrative-chaser',
]);
