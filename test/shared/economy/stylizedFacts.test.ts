import { describe, expect, it } from 'vitest';
import { factsFor } from '../../../bench/stylizedFacts.js';

// DESIGN.md §5 on history-2023-2025. `npm run facts` runs 20 seeds and prints the pass table.
describe('history-2023-2025 reproduces the stylized facts of DESIGN.md §5', () => {
  for (const seed of ['1', '2', '3', '4']) {
    it(`seed ${seed}`, () => {
      const facts = factsFor(seed);
      expect(facts.filter((f) => !f.pass).map((f) => `fact ${f.id} (${f.name}): ${f.detail}`)).toEqual([]);
    });
  }
});
