/**
 * history-2023-2025: 2023-01-01 to 2024-12-31, calibrated to DESIGN.md §4 (sources in docs/scenarios.md).
 */
import type { Scenario } from './types.js';
import { CATALOGUE, REGIONS } from './common.js';

export const history2023: Scenario = {
  id: 'history-2023-2025',
  name: 'History 2023–2024',
  description: 'Two real years: the 2023 recovery, ETFs, the April 2024 halving, the AI boom and the GPU rent collapse.',
  startDate: '2023-01-01',
  days: 730,
  startHeight: 769_786,
  halvingInterval: 210_000,
  startDifficultyEhs: 253,
  startFeesBtcPerBlock: 0.12,
  feeSigma: 0.35,
  btc: {
    startUsd: 16_550,
    mode: 'keyframes',
    keyframes: [
      { date: '2023-01-01', usd: 16_550 },
      { date: '2023-03-10', usd: 20_200 },
      { date: '2023-04-14', usd: 30_400 },
      { date: '2023-06-15', usd: 25_100 },
      { date: '2023-07-13', usd: 31_300 },
      { date: '2023-09-11', usd: 25_100 },
      { date: '2023-10-24', usd: 34_500 },
      { date: '2023-12-31', usd: 42_300 },
      { date: '2024-01-23', usd: 39_500 },
      { date: '2024-03-14', usd: 73_500 },
      { date: '2024-04-08', usd: 71_600 },
      { date: '2024-04-17', usd: 61_300 },
      { date: '2024-04-20', usd: 64_000 },
      { date: '2024-05-01', usd: 58_300 },
      { date: '2024-05-20', usd: 71_400 },
      { date: '2024-06-07', usd: 69_300 },
      { date: '2024-06-24', usd: 60_300 },
      { date: '2024-07-05', usd: 56_700 },
      { date: '2024-09-06', usd: 53_900 },
      { date: '2024-10-29', usd: 72_700 },
      { date: '2024-11-23', usd: 99_660 },
      { date: '2024-12-17', usd: 106_000 },
      { date: '2024-12-31', usd: 93_400 },
    ],
    volAnnual: 0.5,
    driftAnnual: 0,
    marketDepthUsd: 4e9,
    // Each seed moves the turning points (docs/engine.md, History variants).
    keyframeJitter: { days: 10, levelPct: 10 },
  },
  npc: {
    // Jan 2023 fleet (~260 EH/s running at ~$60/PH/day; all-in power incl. hosting margin): S19-class
    // majority, new S19 XPs in Texas, Kazakhstan and Nordic/Quebec hydro, hosted S19s, and older
    // S17/T17s and S9-era machines that only run when hashprice is rich (dark after the halving).
    cohorts: [
      { efficiencyJPerTh: 21.5, hashrateEhs: 45, powerUsdPerMwh: 35, regionId: 'texas' },
      { efficiencyJPerTh: 29.5, hashrateEhs: 50, powerUsdPerMwh: 40, regionId: '' },
      { efficiencyJPerTh: 30, hashrateEhs: 40, powerUsdPerMwh: 28, regionId: 'kazakhstan' },
      { efficiencyJPerTh: 30, hashrateEhs: 12, powerUsdPerMwh: 38, regionId: 'quebec' },
      { efficiencyJPerTh: 25, hashrateEhs: 12, powerUsdPerMwh: 42, regionId: 'nordics' },
      { efficiencyJPerTh: 34, hashrateEhs: 30, powerUsdPerMwh: 38, regionId: 'texas' },
      { efficiencyJPerTh: 34, hashrateEhs: 40, powerUsdPerMwh: 50, regionId: '' },
      { efficiencyJPerTh: 45, hashrateEhs: 35, powerUsdPerMwh: 50, regionId: '' },
      { efficiencyJPerTh: 70, hashrateEhs: 32, powerUsdPerMwh: 45, regionId: '' },
    ],
    // S19 XPs ordered in late 2022, delivered through spring 2023.
    pipeline: [
      { arrivesDay: 20, hashrateEhs: 15, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 45, hashrateEhs: 20, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 70, hashrateEhs: 25, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 95, hashrateEhs: 25, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 45 },
      { arrivesDay: 115, hashrateEhs: 25, efficiencyJPerTh: 21.5, regionId: '', powerUsdPerMwh: 45 },
    ],
    paybackHorizonDays: 540,
    leadTimeDays: 100,
    maxGrowthPerDay: 0.0027,
    newPowerUsdPerMwh: 45,
  },
  regions: REGIONS,
  catalogue: CATALOGUE,
  listings: [
    { name: 'Permian Basin Yard', regionId: 'texas', tier: 'mining', mw: 50, priceUsdPerMw: 450_000 },
    { name: 'Rockdale Annex', regionId: 'texas', tier: 'mining', mw: 100, priceUsdPerMw: 420_000 },
    { name: 'Baie-Comeau Mill', regionId: 'quebec', tier: 'mining', mw: 30, priceUsdPerMw: 500_000 },
    { name: 'Luleå Hall', regionId: 'nordics', tier: 'ai', mw: 20, priceUsdPerMw: 7_500_000 },
    { name: 'Ekibastuz Shed', regionId: 'kazakhstan', tier: 'mining', mw: 60, priceUsdPerMw: 300_000 },
    { name: 'Ashburn Data Hall', regionId: 'nova', tier: 'ai', mw: 12, priceUsdPerMw: 11_000_000 },
    { name: 'Abilene Campus', regionId: 'texas', tier: 'ai', mw: 40, priceUsdPerMw: 8_000_000 },
    // Small AI-ready halls a company can buy with its starting cash and still afford GPUs: the
    // Dallas enterprise suites and the Quebec hydro halls miners were converting in 2023–24.
    { name: 'Plano Data Suite', regionId: 'texas', tier: 'ai', mw: 3, priceUsdPerMw: 8_500_000 },
    { name: 'Beauharnois Hall', regionId: 'quebec', tier: 'ai', mw: 4, priceUsdPerMw: 8_000_000 },
  ],
  // NPC colocation: AI-ready MW to rent while one's own halls are years away (the neocloud path).
  // Rent sits above the $135 hosting tenants pay the game's landlords (the provider's margin), NoVA
  // dearest; power is billed on top at the region's index.
  colocation: [
    { id: 'dfw-colo', name: 'DFW Colo', regionId: 'texas', capacityMw: 40, usdPerKwMonth: 150, termDays: 365, readyDays: 30 },
    { id: 'fjord-colo', name: 'Fjord Colocation', regionId: 'nordics', capacityMw: 25, usdPerKwMonth: 140, termDays: 365, readyDays: 30 },
    { id: 'ashburn-colo', name: 'Ashburn Colo', regionId: 'nova', capacityMw: 20, usdPerKwMonth: 190, termDays: 365, readyDays: 45 },
  ],
  capex: {
    miningUsdPerMw: 600_000,
    aiUsdPerMw: 9_000_000,
    miningBuildDays: 180,
    // Build days run after the grid queue: mining 12–18 months, AI 12–24 (NoVA: years), DESIGN §4.
    aiBuildDays: 330,
    retrofitUsdPerMw: 6_000_000,
    retrofitDays: 180,
  },
  hardware: {
    asicStartUsdPerTh: 16,
    asicLagDays: 120,
    asicUsdPerThPerHashprice: 0.22,
    asicLeadTimeDays: 45,
    gpuLeadTimeDays: 120,
    resaleHaircutPct: 30,
    storageUsdPerUnitDay: 0.5,
  },
  compute: {
    // Calibrated on DESIGN §5 facts 4–5 (bench/stylizedFacts.ts, 10 seeds): rent ≥ $6.3/h all through 2023
    // (peak ≈ $9.5 after GPT-4), ≈ $2.5–2.7 in Oct 2024, ≈ $2.0–2.3 in Dec 2024, as the NPC clouds' 2023
    // orders (10½ months' lead) rack into 2024. Hosting $135/kW-month = $1.62M/MW-year (§4: $1.5–1.9M).
    startRentUsdPerGpuHour: 7.2,
    refPriceUsdPerGpuHour: 4,
    elasticity: 1.2,
    demandH100: 300_000,
    demandGrowthPerDay: 0.00095,
    npcSupplyH100: 150_000,
    npcSupplyGrowthPerDay: 0.015,
    npcInvestResponse: 0.005,
    npcLeadDays: 320,
    npcBreakEvenUsdPerGpuHour: 1.65,
    demandShockDecayPerDay: 0.01,
    floorUsdPerGpuHour: 1.0,
    capUsdPerGpuHour: 40,
    tenderRatePerDay: 0.3,
    // Market-wide (not per company), and only when some company could take one: about four
    // hosting and three buy-out offers in two years (two and one or two in the one-year presets).
    hostingOfferRatePerDay: 0.006,
    buyoutOfferRatePerDay: 0.004,
    hostingUsdPerKwMonth: 135,
    // Most H100s sit under multi-year reserved contracts; rent is set in the thin spot market, about
    // 1.5 % of the clouds' fleet (≈ 2,300 H100 in Jan 2023, ≈ 5,800 in Mar 2024), so a company's
    // 1,000–1,700 GPUs (its $50M start) are a visible part of it (docs/engine.md, "The lease market").
    spotSharePct: 1.5,
  },
  finance: {
    startCashUsd: 50_000_000,
    startShares: 10_000_000,
    baseRatePct: 4.5,
    maxLeverage: 0.6,
    marginCallLtv: 0.75,
    equityFeePct: 4,
    restructureCashUsd: 5_000_000,
  },
  contest: { periodDays: 30, maxStakeUsd: 5_000_000, hypeBoost: 0.08, npcWeightUsd: 10_000_000 },
  hype: { crypto: 0.35, ai: 0.7 },
  events: [
    { date: '2023-03-10', kind: 'crash', params: { pct: 8 }, headline: 'Silicon Valley Bank fails; crypto-friendly banks wobble' },
    { date: '2023-03-14', kind: 'aiBreakthrough', params: { demandPct: 25 }, headline: 'GPT-4 released: every lab wants H100s' },
    { date: '2023-05-01', kind: 'feeSpike', params: { multiplier: 4, days: 10 }, headline: 'Ordinals mania: fees spike' },
    { date: '2023-07-23', kind: 'openModelRelease', params: { demandPct: 8 }, headline: 'Llama 2 ships with open weights' },
    { date: '2024-01-11', kind: 'etfApproval', params: { pct: 6 }, headline: 'SEC approves spot bitcoin ETFs' },
    { date: '2024-04-20', kind: 'feeSpike', params: { multiplier: 6, days: 7 }, headline: 'Runes launch at the halving: fees explode' },
    { date: '2024-06-03', kind: 'capexBoom', params: { demandPct: 15 }, headline: 'Hyperscalers raise AI capex again' },
    { date: '2024-06-20', kind: 'gpuGlut', params: { supplyPct: 25 }, headline: 'GPU clouds report idle H100 capacity' },
    { date: '2024-08-15', kind: 'heatwave', params: { regionId: 'texas', multiplier: 3, days: 10 }, headline: 'Texas heatwave: ERCOT prices spike' },
    { date: '2024-09-18', kind: 'rateChange', params: { deltaPct: -0.5 }, headline: 'Fed cuts rates by 50 bp' },
    { date: '2024-10-01', kind: 'newAsicGeneration', params: { modelId: 's21xp' }, headline: 'Bitmain ships the S21 XP at 13.5 J/TH' },
    { date: '2024-11-15', kind: 'newGpuGeneration', params: { modelId: 'b200' }, headline: 'B200 volume shipments begin' },
    { date: '2024-12-20', kind: 'openModelRelease', params: { demandPct: 10 }, headline: 'A cheap open model matches frontier labs' },
  ],
  randomEvents: { pump: 1, crash: 1, miningBan: 0.3, heatwave: 1, feeSpike: 2, openModelRelease: 0.5 },
};
