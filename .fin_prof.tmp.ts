import { createGame } from './shared/rules/engine.js';
import { getScenario } from './shared/economy/scenarios/index.js';
import { createDraft, finishDraft } from 'immer';
import { eventsPhase } from './shared/rules/systems/events.js';
import { financePhase } from './shared/rules/systems/finance.js';
import { contestPhase } from './shared/rules/systems/contest.js';
import { valuationPhase, navPartsByPlayer } from './shared/rules/systems/valuation.js';
const sc = getScenario('history-2023-2025')!;
const players = Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
let s = createGame(sc, 'bench', players);
const phases = { eventsPhase, financePhase, contestPhase, valuationPhase, navParts: (d: any) => navPartsByPlayer(d) } as Record<string, any>;
const tm: Record<string, number> = { finish: 0 };
for (let d = 0; d < 730; d++) {
  const draft = createDraft(s); const ctx = { events: [] as any[] };
  for (const [k, ph] of Object.entries(phases)) { const t = performance.now(); ph(draft, ctx); tm[k] = (tm[k] ?? 0) + performance.now() - t; }
  draft.day += 1;
  const t = performance.now(); s = finishDraft(draft); tm.finish += performance.now() - t;
}
console.log(tm);
