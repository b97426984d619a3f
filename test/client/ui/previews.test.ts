import { describe, expect, it } from 'vitest';
import { PREVIEWS } from '../../../client/src/ui/previews.js';
import { usd } from '../../../client/src/util/format.js';
import { addPlayer, applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { playerView } from '../../../shared/rules/view.js';
import { offerOwnCostUsd } from '../../../shared/rules/systems/compute.js';
import { founderStakeUsd } from '../../../shared/rules/score.js';

const game = () => addPlayer(createGame(getScenario('halving-sprint')!, 'previews'), { id: 'a', name: 'A' });

describe('form previews the playtest found missing', () => {
  it('prices colocation as the engine bills it, from the day the space is ready', () => {
    const s = game();
    const v = playerView(s, 'a');
    const provider = v.colocation[0]!;
    const lines = PREVIEWS.rentColocation!(v, { providerId: provider.id, mw: '2' });
    const r = applyAction(s, 'a', { type: 'rentColocation', providerId: provider.id, mw: 2 });
    if (!r.ok) throw new Error(r.error.message);
    let state = r.state;
    for (let d = 0; d <= provider.readyDays + 1; d++) state = step(state).state;
    const before = state.ledger.flowsUsdCents.colocation ?? 0;
    state = step(state).state;
    const billedUsd = ((state.ledger.flowsUsdCents.colocation ?? 0) - before) / 100;
    expect(billedUsd).toBeGreaterThan(0);
    expect(lines[0]).toContain(`Rent ${usd(billedUsd)}/day`);
    expect(lines[0]).toContain(`ready on day ${provider.readyDays}`);
    expect(PREVIEWS.rentColocation!(v, { providerId: provider.id, mw: String(provider.availableMw + 1) }).some((l) => l.startsWith('!'))).toBe(true);
  });

  it('shows a hosting bid its rent, its running costs and the retrofit share the engine would ask', () => {
    const s = game();
    const v = playerView(s, 'a');
    const offer = { id: 'OF1', kind: 'hosting' as const, tenant: 'T', mw: 10, priceUsdPerKwMonth: 120, years: 10, retrofitFundedPct: 50, buyoutUsdPerMw: 0, postedDay: 0, closesDay: 10, bidCount: 0, myBid: null };
    const mining = { ...v.sites.find((x) => x.tier === 'mining')!, ownerId: 'a' };
    const view = { ...v, offers: [offer], sites: [mining] } as unknown as typeof v;
    const lines = PREVIEWS.acceptOffer!(view, { offerId: 'OF1', siteId: mining.id });
    expect(lines.join(' ')).toContain(usd(offerOwnCostUsd(s.scenario.capex, offer, mining)));
    expect(lines.join(' ')).toMatch(/after the hall's running costs \(25 %\)/);
  });

  it('shows what a raise does to the founders\' stake, as the engine books it, and warns past the window', () => {
    const s = game();
    const v = playerView(s, 'a');
    const lines = PREVIEWS.raiseEquity!(v, { amountUsd: '5000000' });
    const r = applyAction(s, 'a', { type: 'raiseEquity', amountUsd: 5_000_000 });
    if (!r.ok) throw new Error(r.error.message);
    expect(lines[1]).toContain(`→ ${usd(founderStakeUsd(r.state.players.a!, 'market'))}`);
    expect(PREVIEWS.raiseEquity!(v, { amountUsd: '20000000' }).some((l) => l.startsWith('!Over the issuance window'))).toBe(true);
  });

  it('tells a tender bidder the capacity it needs at the close, and warns a company without it', () => {
    const v = playerView(game(), 'a');
    const tender = { id: 'T1', lab: 'Lab', gpus: 64, days: 30, startDay: 12, closesDay: 10, tier: 'ai' as const, reservePriceUsdPerGpuHour: 5, bidCount: 0, myBidUsdPerGpuHour: null };
    const lines = PREVIEWS.bidTender!({ ...v, tenders: [tender] }, { tenderId: 'T1', priceUsdPerGpuHour: '4' });
    expect(lines[1]).toMatch(/64 running, uncommitted GPUs .* on day 10/);
    expect(lines.at(-1)).toBe('!You have 0 running and uncommitted today');
  });
});
