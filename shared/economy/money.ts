/** The one place money is rounded: dollars and BTC at the edges, integer cents and satoshis inside. */

export const SATS_PER_BTC = 100_000_000;
export const CENTS_PER_USD = 100;

export function usdToCents(usd: number): number {
  return Math.round(usd * CENTS_PER_USD);
}

export function centsToUsd(cents: number): number {
  return cents / CENTS_PER_USD;
}

export function btcToSats(btc: number): number {
  return Math.round(btc * SATS_PER_BTC);
}

export function satsToBtc(sats: number): number {
  return sats / SATS_PER_BTC;
}

/** Value of `sats` at `btcUsd`, in cents. */
export function satsValueCents(sats: number, btcUsd: number): number {
  return Math.round((sats / SATS_PER_BTC) * btcUsd * CENTS_PER_USD);
}

/** Satoshis bought by `cents` at `btcUsd` (rounded down: never mint a fraction). */
export function centsToSats(cents: number, btcUsd: number): number {
  return Math.floor((cents / CENTS_PER_USD / btcUsd) * SATS_PER_BTC);
}
