/** Data shared by the presets: regions and the hardware catalogue (DESIGN.md §3.2, §3.3, §4). */
import type { HardwareModelSpec, RegionSpec } from './types.js';

export const REGIONS: RegionSpec[] = [
  { id: 'texas', name: 'Texas (ERCOT)', basePowerUsdPerMwh: 29, priceSlopeUsdPerMwhPerGw: 1.5, powerVolDaily: 0.09, gridQueueBaseDays: 240, gridQueueDaysPer100Mw: 30, pue: 1.1, politicalRiskPerYear: 0.02, curtailCreditUsdPerMwh: 120, mapX: 0.22, mapY: 0.42 },
  { id: 'quebec', name: 'Quebec (Hydro)', basePowerUsdPerMwh: 38, priceSlopeUsdPerMwhPerGw: 1.0, powerVolDaily: 0.02, gridQueueBaseDays: 300, gridQueueDaysPer100Mw: 60, pue: 1.08, politicalRiskPerYear: 0.1, curtailCreditUsdPerMwh: 0, mapX: 0.28, mapY: 0.28 },
  { id: 'nordics', name: 'Nordics', basePowerUsdPerMwh: 42, priceSlopeUsdPerMwhPerGw: 2.0, powerVolDaily: 0.05, gridQueueBaseDays: 270, gridQueueDaysPer100Mw: 45, pue: 1.05, politicalRiskPerYear: 0.03, curtailCreditUsdPerMwh: 20, mapX: 0.52, mapY: 0.2 },
  { id: 'kazakhstan', name: 'Kazakhstan', basePowerUsdPerMwh: 25, priceSlopeUsdPerMwhPerGw: 3.0, powerVolDaily: 0.08, gridQueueBaseDays: 180, gridQueueDaysPer100Mw: 20, pue: 1.15, politicalRiskPerYear: 0.25, curtailCreditUsdPerMwh: 0, mapX: 0.68, mapY: 0.32 },
  { id: 'nova', name: 'Northern Virginia', basePowerUsdPerMwh: 75, priceSlopeUsdPerMwhPerGw: 4.0, powerVolDaily: 0.04, gridQueueBaseDays: 1460, gridQueueDaysPer100Mw: 365, pue: 1.25, politicalRiskPerYear: 0.01, curtailCreditUsdPerMwh: 0, mapX: 0.27, mapY: 0.37 },
];

const asic = (id: string, name: string, releaseDate: string, hashrateThs: number, efficiencyJPerTh: number, priceIndexMultiple: number): HardwareModelSpec => ({
  id, name, kind: 'asic', releaseDate, hashrateThs, efficiencyJPerTh,
  powerKw: (hashrateThs * efficiencyJPerTh) / 1000, h100Equivalent: 0, basePriceUsd: 0, priceIndexMultiple,
});
const gpu = (id: string, name: string, releaseDate: string, powerKw: number, h100Equivalent: number, basePriceUsd: number): HardwareModelSpec => ({
  id, name, kind: 'gpu', releaseDate, hashrateThs: 0, efficiencyJPerTh: 0, powerKw, h100Equivalent, basePriceUsd, priceIndexMultiple: 0,
});

/**
 * ASIC `priceIndexMultiple`: $/TH relative to the index (the S19 XP–S21 class, $16/TH in Dec 2022);
 * more efficient models fetch more per TH. Texas base price sits ~$3 under the all-in average because
 * ~2 GW of NPC miners load the region (slope × GW).
 * Power per GPU is all-in (server, networking, cooling share at the rack), not the chip's TDP.
 */
export const CATALOGUE: HardwareModelSpec[] = [
  asic('s19jpro', 'Antminer S19j Pro', '2021-06-01', 104, 29.5, 0.6),
  asic('s19xp', 'Antminer S19 XP', '2022-07-01', 140, 21.5, 0.95),
  asic('s21', 'Antminer S21', '2023-11-01', 200, 17.5, 1.05),
  asic('s21xp', 'Antminer S21 XP', '2024-10-01', 270, 13.5, 1.4),
  gpu('a100', 'NVIDIA A100', '2020-06-01', 0.65, 0.4, 12_000),
  gpu('h100', 'NVIDIA H100', '2022-10-01', 1.2, 1, 30_000),
  gpu('h200', 'NVIDIA H200', '2024-05-01', 1.3, 1.6, 38_000),
  gpu('b200', 'NVIDIA B200', '2024-11-15', 1.7, 2.5, 40_000),
];
