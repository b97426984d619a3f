import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';
import { forgetViewMemos, playerView, playerViews } from '../../../shared/rules/view.js';

describe('playerViews', () => {
  it("gives every seat the view playerView gives it one by one (one NAV pass for all seats, the same figures)", () => {
    const strategies = ['ai-pivot', 'hodl-miner', 'lease-speculator', 'power-landlord', 'random'];
    const bots = strategies.map((strategy, i) => ({ id: `p${i + 1}`, name: strategy, strategy }));
    const { state } = runMatch({ scenario: getScenario('history-2023-2025')!, seed: 'views', bots, untilDay: 150 });
    const ids = bots.map((b) => b.id);
    forgetViewMemos();
    const oneByOne = ids.map((id) => playerView(state, id));
    forgetViewMemos();
    const together = playerViews(state, ids);
    expect(together).toEqual(oneByOne);
    expect(together.map((v) => v.me?.navParts.hardwareUsd ?? 0).some((usd) => usd > 0)).toBe(true);
  });
});
