/**
 * The one ledger every dollar and satoshi moves through. Transfers are zero-sum between accounts;
 * `world` (the outside economy) and `coinbase` (newly mined BTC) may go negative, players never.
 * The sum over all accounts is therefore always zero: the conservation invariant tests check.
 */
import type { AccountId, Balance, Ledger, PlayerId } from '../rules/types.js';

export const WORLD: AccountId = 'world';
export const COINBASE: AccountId = 'coinbase';
export const CONTEST_POOL: AccountId = 'escrow:contest';
export const LEASE_ESCROW: AccountId = 'escrow:leases';

/** Accounts allowed below zero. */
const UNBOUNDED = new Set<AccountId>([WORLD, COINBASE]);

/** The ledger account of a player. */
export const playerAccount = (id: PlayerId): AccountId => internedId(accountIds, id, 'p:');

// Account ids are looked up many times a day: handing out one string per player (not a new
// concatenation each time) lets every lookup reuse its hash. Cleared when large: ids only repeat.
const accountIds = new Map<string, AccountId>();
const MAX_INTERNED_IDS = 100_000;

/** `prefix + id`, the same string each time for the same id. */
export function internedId(cache: Map<string, string>, id: string, prefix: string): string {
  let out = cache.get(id);
  if (out === undefined) {
    if (cache.size >= MAX_INTERNED_IDS) cache.clear();
    cache.set(id, (out = prefix + id));
  }
  return out;
}

export function emptyLedger(): Ledger {
  return { accounts: { [WORLD]: zero(), [COINBASE]: zero() }, postings: 0, checksum: 0, flowsUsdCents: {}, flowsSats: {} };
}

/** A deep copy: the ledger is small (one account per company and escrow) and flat. */
export function cloneLedger(ledger: Ledger): Ledger {
  const accounts: Record<AccountId, Balance> = {};
  for (const id in ledger.accounts) {
    const bal = ledger.accounts[id]!;
    accounts[id] = { usdCents: bal.usdCents, sats: bal.sats };
  }
  return { accounts, postings: ledger.postings, checksum: ledger.checksum, flowsUsdCents: { ...ledger.flowsUsdCents }, flowsSats: { ...ledger.flowsSats } };
}

function zero(): Balance {
  return { usdCents: 0, sats: 0 };
}

export function balanceOf(ledger: Ledger, account: AccountId): Balance {
  return ledger.accounts[account] ?? zero();
}

export const cashCents = (ledger: Ledger, player: PlayerId): number => balanceOf(ledger, playerAccount(player)).usdCents;
export const btcSats = (ledger: Ledger, player: PlayerId): number => balanceOf(ledger, playerAccount(player)).sats;

export interface Transfer {
  from: AccountId;
  to: AccountId;
  usdCents?: number;
  sats?: number;
  reason: string;
}

/** Whether `transfer` would leave a bounded account negative. */
export function canTransfer(ledger: Ledger, t: Transfer): boolean {
  return canPay(t.from, ledger.accounts[t.from], t.usdCents ?? 0, t.sats ?? 0);
}

/** Whether `account`, holding `held` (undefined: no account yet), may pay these amounts. */
function canPay(account: AccountId, held: Balance | undefined, usd: number, sats: number): boolean {
  if (UNBOUNDED.has(account)) return true;
  return held ? held.usdCents >= usd && held.sats >= sats : usd <= 0 && sats <= 0;
}

/**
 * Posts a transfer on a mutable (draft) ledger. Amounts must be non-negative integers; a transfer
 * that would overdraw a bounded account throws, because callers must check funds first and a
 * broken invariant must never pass silently.
 */
export function transfer(ledger: Ledger, t: Transfer): void {
  const usd = t.usdCents ?? 0;
  const sats = t.sats ?? 0;
  if (!Number.isSafeInteger(usd) || !Number.isSafeInteger(sats) || usd < 0 || sats < 0) {
    throw new Error(`ledger: amounts must be non-negative integers (${t.reason}: ${usd}¢, ${sats} sats)`);
  }
  if (usd === 0 && sats === 0) return;
  // The paying account is looked up once (a ledger posts hundreds of thousands a match).
  const held = ledger.accounts[t.from];
  if (!canPay(t.from, held, usd, sats)) throw new Error(`ledger: ${t.from} cannot pay ${usd}¢/${sats} sats for ${t.reason}`);
  const from = held ?? (ledger.accounts[t.from] = zero());
  const to = (ledger.accounts[t.to] ??= zero());
  from.usdCents -= usd;
  from.sats -= sats;
  to.usdCents += usd;
  to.sats += sats;
  ledger.postings += 1;
  ledger.checksum = (Math.imul(ledger.checksum ^ (usd % 1_000_003) ^ (sats % 999_983), 16777619) + ledger.postings) | 0;
  if (usd) ledger.flowsUsdCents[t.reason] = (ledger.flowsUsdCents[t.reason] ?? 0) + usd;
  if (sats) ledger.flowsSats[t.reason] = (ledger.flowsSats[t.reason] ?? 0) + sats;
}

/** Sum over every account: zero for a consistent ledger. */
export function ledgerTotals(ledger: Ledger): Balance {
  let usdCents = 0;
  let sats = 0;
  for (const bal of Object.values(ledger.accounts)) {
    usdCents += bal.usdCents;
    sats += bal.sats;
  }
  return { usdCents, sats };
}
