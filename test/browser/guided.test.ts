/**
 * A newcomer plays the guided first match to its end, with only the clicks a person would make,
 * found by their visible labels: the guide's buttons, tabs, form labels and submit buttons, the
 * host's Resume and speed menu. Every step waits for the game's state, never for time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bc, shot, startHarness, type Harness } from './harness.js';

let H: Harness;

beforeAll(async () => {
  H = await startHarness();
});

afterAll(async () => {
  await H?.close();
});

describe('the guided first match', () => {
  it('walks a newcomer through a mining and an AI decision with the real forms, then lets go to the results', async () => {
    const page = (await H.newPage('newcomer')).page;
    await page.goto(H.url);
    await page.getByPlaceholder('Your company name').fill('First Timer');
    await page.getByRole('button', { name: 'Guided first match' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const guide = page.getByTestId('guide');
    await guide.waitFor();
    // The clock waits for the newcomer.
    await page.getByText('PAUSED', { exact: true }).waitFor();
    await shot(page, 'guided-1-welcome');
    await guide.getByRole('button', { name: 'Next' }).click();
    await guide.getByRole('button', { name: 'Next' }).click();

    // Mining decision 1: a listed mining site, chosen by its visible label.
    await page.getByText(/Mining decision, part 1/).waitFor();
    const siteSelect = page.getByLabel('Site', { exact: true }).first();
    const options = await siteSelect.locator('option').allTextContents();
    const mining = options.find((o) => o.includes('· mining ·'))!;
    await siteSelect.selectOption({ label: mining });
    await page.getByTestId('preview-buySite').getByText(/Costs \$/).waitFor();
    await shot(page, 'guided-2-site-preview');
    await page.getByRole('button', { name: 'Buy a listed site' }).click();

    // Mining decision 2: ASICs delivered to that site.
    await page.getByText(/Mining decision, part 2/).waitFor();
    const model = page.getByLabel('Model');
    const asic = (await model.locator('option').allTextContents()).find((o) => o.includes('ASIC'))!;
    await model.selectOption({ label: asic });
    await page.getByLabel('Units').first().fill('300');
    const deliver = page.getByLabel('Deliver to');
    const mySite = (await deliver.locator('option').allTextContents()).find((o) => o !== '—')!;
    await deliver.selectOption({ label: mySite });
    await page.getByTestId('preview-orderHardware').getByText(/payback/).waitFor();
    await shot(page, 'guided-3-asic-preview');
    await page.getByRole('button', { name: 'Order hardware' }).click();

    // AI decision: a bid for H100 capacity on the lease market.
    await page.getByText(/AI decision: rent compute/).waitFor();
    await page.getByLabel('Side').first().selectOption({ label: 'bid' });
    await page.getByLabel('Blocks').fill('10');
    // A price at today's spot rent: lease prices must lie within ±20 % of it.
    const spot = Number(/spot \$([\d.]+)/.exec((await page.getByTestId('ladder-mid').textContent()) ?? '')?.[1]);
    expect(spot).toBeGreaterThan(0);
    await page.getByLabel('$/GPU-hour').first().fill(spot.toFixed(2));
    await page.getByRole('button', { name: 'Lease order (1 H100 × block)' }).click();

    // Let time run, then the guide lets go.
    await page.getByText(/Now let time run/).waitFor();
    await shot(page, 'guided-4-resume');
    await page.getByRole('button', { name: /Resume/ }).click();
    await page.getByText(/You're on your own/).waitFor();
    await guide.getByRole('button', { name: 'Play on my own' }).click();
    await guide.waitFor({ state: 'detached' });
    expect(await bc(page, (h) => h.view!.me!.lots.length)).toBeGreaterThan(0);

    // To the end at the fastest pace the menu offers; the results say where the newcomer placed.
    await page.getByTitle('days per second').selectOption({ label: '50 d/s' });
    await page.getByTestId('placed').waitFor();
    expect(await page.getByTestId('placed').textContent()).toMatch(/You placed \d of 4 by worth \(founders’ stake at NAV\) and \d of 4 by market/);
    expect(await page.getByTestId('lesson').textContent()).toMatch(/crowd/);
    await shot(page, 'guided-5-results');
    expect(H.errors).toEqual([]);
  });
});
