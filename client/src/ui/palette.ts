/**
 * Okabe–Ito colour-blind-safe palette (black swapped for a light grey on the dark background).
 * Beyond eight players colours repeat, so seats also carry a letter marker everywhere they are drawn.
 */
export const PLAYER_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#D9D9D9'] as const;

export function playerColor(colorIndex: number): string {
  return PLAYER_COLORS[((colorIndex % PLAYER_COLORS.length) + PLAYER_COLORS.length) % PLAYER_COLORS.length] ?? '#D9D9D9';
}

export function playerColorInt(colorIndex: number): number {
  return parseInt(playerColor(colorIndex).slice(1), 16);
}

/** A, B, … Z, then AA…: the seat marker drawn next to the colour. */
export function seatLetter(colorIndex: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return colorIndex < 26 ? (a[colorIndex] ?? '?') : `${a[Math.floor(colorIndex / 26) - 1] ?? '?'}${a[colorIndex % 26] ?? '?'}`;
}

export const SERIES_COLORS = { btc: 0xe69f00, hashprice: 0x56b4e9, rent: 0x009e73, power: 0xcc79a7 } as const;
