import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../../shared/bots/runMatch.js';
import { REFERENCE_STRATEGIES } from '../../../../shared/bots/index.js';
import { playerView } from '../../../../shared/rules/view.js';
import { botProtocolSchemaText, SCHEMA_FILE } from '../../../../server/bots/protocol/schema.js';
import { parseActions, parseReady } from '../../../../server/bots/protocol/messages.js';
import { validateMessage } from '../../../../kits/js/validate.mjs';

describe('bot protocol schema', () => {
  it('docs/bot-protocol.schema.json is what the code generates (run `npm run bot:schema` after changing the view or the actions)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(botProtocolSchemaText());
  });

  it('describes the real day message of every seat of a played match, and every action the reference bots sent', () => {
    const scenario = getScenario('halving-sprint')!;
    const bots = REFERENCE_STRATEGIES.map((s, i) => ({ id: `p${i + 1}`, name: s, strategy: s }));
    const { state, log } = runMatch({ scenario, seed: 'schema', bots, untilDay: 90 });
    // By day 90 the views hold the nested parts too (lots, sites, lease book, news).
    expect(bots.some((b) => playerView(state, b.id).me!.lots.length > 0)).toBe(true);
    expect(playerView(state, 'p1').news.length).toBeGreaterThan(0);
    for (const b of bots) {
      const view = playerView(state, b.id);
      expect(validateMessage('toBot', { type: 'day', day: state.day, budgetMs: 50, seed: `schema/bot/${b.id}`, view })).toEqual([]);
    }
    const actions = log.flatMap((e) => (e.kind === 'action' ? [e.action] : []));
    expect(new Set(actions.map((a) => a.type)).size).toBeGreaterThan(8);
    expect(validateMessage('fromBot', { type: 'actions', actions: actions.slice(0, 64) })).toEqual([]);
  });

  it('gives kit authors one clear line per mistake', () => {
    expect(validateMessage('fromBot', {
      type: 'actions',
      actions: [{ type: 'buySite' }, { type: 'orderHardware', modelId: 'x', count: -1 }, { type: 'fly' }, { type: 'endMatch' }],
      extra: 1,
    })).toEqual([
      '$.actions[0]: missing required field "siteId"',
      '$.actions[1].count: must be > 0, got -1',
      expect.stringMatching(/^\$\.actions\[2\]\.type: must be one of "buySite", .*, got "fly"$/),
      expect.stringMatching(/^\$\.actions\[3\]\.type: must be one of .*, got "endMatch"$/),
      '$: unknown field "extra"',
    ]);
    expect(validateMessage('fromBot', { type: 'ready', name: 'x', protocol: 2 })).toEqual(['$.protocol: must be 1, got 2']);
  });

  it('the Python kit\'s validator says exactly what the JavaScript one says', () => {
    const lines = [
      { type: 'actions', actions: [{ type: 'buySite' }, { type: 'orderHardware', modelId: 'x', count: -1 }, { type: 'takeLoan', amountUsd: 5, termDays: 10.5 }], extra: 1 },
      { type: 'actions', actions: [{ type: 'contestPick', narrative: 'moon', stakeUsd: 1 }, { type: 'setTreasuryPolicy', sellMinedPct: 101 }] },
      { type: 'ready', name: '', protocol: 1 },
      { type: 'actions', actions: [{ type: 'buySite', siteId: 'L1' }] },
    ];
    for (const line of lines) {
      const py = spawnSync('python3', ['kits/python/validate.py', JSON.stringify(line)], { encoding: 'utf8' });
      const errors = py.stderr.trim() ? py.stderr.trim().split('\n') : [];
      expect(errors).toEqual(validateMessage('fromBot', line));
      expect(py.status).toBe(errors.length ? 1 : 0);
    }
  });

  it('the engine parses the same lines the schema describes', () => {
    expect(parseReady('{"type":"ready","name":"me","protocol":1}')).toEqual({ ok: true, value: { name: 'me' } });
    expect(parseActions('{"type":"actions","day":4,"actions":[{"type":"buySite","siteId":"L1"}]}', 4)).toEqual({ ok: true, value: [{ type: 'buySite', siteId: 'L1' }] });
    expect(parseActions('{"type":"actions","day":3,"actions":[]}', 4)).toEqual({ ok: false, message: 'answered day 3 during day 4' });
    expect(parseActions('{"type":"actions","actions":[{"type":"endMatch"}]}', 4)).toEqual({ ok: false, message: 'action 0: endMatch is a host action' });
    expect(parseActions('{"type":"actions","actions":{}}', 4)).toEqual({ ok: false, message: 'actions is object, not an array' });
  });
});
