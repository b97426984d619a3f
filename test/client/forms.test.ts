import { describe, expect, it } from 'vitest';
import { PLAYER_ACTION_TYPES, parseAction } from '../../shared/rules/actions.js';
import { REFERENCE_STRATEGIES } from '../../shared/bots/index.js';
import { HOST_COMMANDS } from '../../shared/protocol/index.js';
import { TABS } from '../../client/src/ui/formSpecs.js';
import { BOT_STRATEGIES, HOST_MSG } from '../../client/src/net/protocol.js';

/** One plausible value per field name, as a player would type or pick it. */
const SAMPLE: Record<string, string> = {
  siteId: 'L1', regionId: 'texas', tier: 'mining', mw: '20', name: 'North yard', contract: 'index', curtailAboveUsdPerMwh: '90',
  modelId: 's21', count: '100', lotId: 'H3', sellMinedPct: '40', side: 'bid', amountBtc: '0.5', quantity: '10',
  priceUsdPerGpuHour: '2.10', orderId: 'LO4', tenderId: 'T2', offerId: 'O5', amountUsd: '1000000', termDays: '365',
  collateralBtc: '', loanId: 'N1', narrative: 'crypto', stakeUsd: '50000', providerId: 'dfw-colo', priceUsdPerKwMonth: '120',
  priceUsdPerMw: '',
};

/** Field names shared by forms with different vocabularies. */
const SAMPLE_BY_FORM: Record<string, Record<string, string>> = { tradeBtc: { side: 'sell' } };

describe('action forms', () => {
  const specs = TABS.flatMap((t) => t.forms);

  it('cover every player action of the core exactly once', () => {
    const ids = specs.map((s) => s.id).sort();
    expect(ids).toEqual([...PLAYER_ACTION_TYPES].sort());
  });

  it('build actions the shared schemas accept from typed-in values', () => {
    for (const spec of specs) {
      const values = Object.fromEntries(spec.fields.map((f) => [f.name, SAMPLE_BY_FORM[spec.id]?.[f.name] ?? SAMPLE[f.name] ?? '']));
      const parsed = parseAction(spec.build(values));
      expect(parsed, spec.id).toMatchObject({ ok: true });
    }
  });

  it('drop empty optional fields instead of sending NaN or empty strings', () => {
    const order = specs.find((s) => s.id === 'orderHardware')!;
    expect(order.build({ modelId: 's21', count: '5', siteId: '' })).toEqual({ type: 'orderHardware', modelId: 's21', count: 5 });
  });

  it('have distinct keyboard shortcuts that do not clash with tab numbers', () => {
    const keys = specs.flatMap((s) => (s.key ? [s.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z]$/);
  });
});

describe('client protocol tables', () => {
  it('offer exactly the reference bot strategies', () => {
    expect([...BOT_STRATEGIES]).toEqual([...REFERENCE_STRATEGIES]);
  });

  it('name only host commands the server knows', () => {
    for (const msg of Object.values(HOST_MSG)) expect(HOST_COMMANDS).toContain(msg);
  });
});
