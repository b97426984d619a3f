/**
 * Every player and host action: one zod schema each, keyed on `type`. The server validates client
 * messages with these, the engine re-validates before reducing, bots build them.
 * Money in actions is whole or fractional dollars / BTC; the engine converts to cents / sats once.
 */
import * as z from 'zod';
import { EVENT_KINDS } from '../economy/scenarios/types.js';
import { acceptWellFormed, actionSpecs } from './actionCheck.js';

const id = z.string().min(1).max(64);
const usd = z.number().finite().positive().max(1e12);
const btc = z.number().finite().positive().max(21_000_000);
const count = z.number().int().positive().max(1_000_000);
const mw = z.number().finite().positive().max(10_000);
const rent = z.number().finite().positive().max(1_000);
const narrative = z.enum(['crypto', 'ai']);

export const actionSchemas = {
  buySite: z.object({ type: z.literal('buySite'), siteId: id }).strict(),
  buildSite: z
    .object({ type: z.literal('buildSite'), regionId: id, tier: z.enum(['mining', 'ai']), mw, name: z.string().max(40).optional() })
    .strict(),
  expandSite: z.object({ type: z.literal('expandSite'), siteId: id, mw }).strict(),
  rentColocation: z.object({ type: z.literal('rentColocation'), providerId: id, mw }).strict(),
  retrofitSite: z.object({ type: z.literal('retrofitSite'), siteId: id }).strict(),
  sellSite: z.object({ type: z.literal('sellSite'), siteId: id }).strict(),
  setPowerContract: z
    .object({
      type: z.literal('setPowerContract'),
      siteId: id,
      contract: z.enum(['ppa', 'index']),
      curtailAboveUsdPerMwh: z.number().finite().min(0).max(10_000).optional(),
    })
    .strict(),
  orderHardware: z.object({ type: z.literal('orderHardware'), modelId: id, count, siteId: id.optional() }).strict(),
  installHardware: z.object({ type: z.literal('installHardware'), lotId: id, siteId: id, count: count.optional() }).strict(),
  uninstallHardware: z.object({ type: z.literal('uninstallHardware'), lotId: id, count: count.optional() }).strict(),
  sellHardware: z.object({ type: z.literal('sellHardware'), lotId: id, count: count.optional() }).strict(),
  setTreasuryPolicy: z
    .object({ type: z.literal('setTreasuryPolicy'), sellMinedPct: z.number().finite().min(0).max(100) })
    .strict(),
  tradeBtc: z.object({ type: z.literal('tradeBtc'), side: z.enum(['buy', 'sell']), amountBtc: btc }).strict(),
  placeLeaseOrder: z
    .object({ type: z.literal('placeLeaseOrder'), side: z.enum(['bid', 'ask']), quantity: count, priceUsdPerGpuHour: rent })
    .strict(),
  cancelLeaseOrder: z.object({ type: z.literal('cancelLeaseOrder'), orderId: id }).strict(),
  bidTender: z.object({ type: z.literal('bidTender'), tenderId: id, priceUsdPerGpuHour: rent }).strict(),
  // A sealed bid on a market-wide offer: the site to use (default: the company's first that
  // qualifies) and the price asked (default: the tenant's terms). Bidding again replaces the bid.
  acceptOffer: z
    .object({
      type: z.literal('acceptOffer'),
      offerId: id,
      siteId: id.optional(),
      priceUsdPerKwMonth: z.number().finite().positive().max(10_000).optional(),
      priceUsdPerMw: z.number().finite().positive().max(1e9).optional(),
    })
    .strict(),
  /** Withdraws the company's bid on an offer. */
  declineOffer: z.object({ type: z.literal('declineOffer'), offerId: id }).strict(),
  takeLoan: z
    .object({ type: z.literal('takeLoan'), amountUsd: usd, termDays: z.number().int().min(30).max(3650), collateralBtc: z.number().finite().min(0).max(21_000_000).optional() })
    .strict(),
  repayLoan: z.object({ type: z.literal('repayLoan'), loanId: id, amountUsd: usd }).strict(),
  raiseEquity: z.object({ type: z.literal('raiseEquity'), amountUsd: usd }).strict(),
  buyback: z.object({ type: z.literal('buyback'), amountUsd: usd }).strict(),
  announceNarrative: z.object({ type: z.literal('announceNarrative'), narrative: z.enum(['crypto', 'ai', 'none']) }).strict(),
  contestPick: z
    .object({ type: z.literal('contestPick'), narrative, stakeUsd: z.number().finite().min(0).max(1e12) })
    .strict(),
  // Host-only: recorded in the action log like any other so replays reproduce it.
  injectEvent: z
    .object({
      type: z.literal('injectEvent'),
      kind: z.enum(EVENT_KINDS),
      params: z.record(z.string().max(32), z.union([z.number().finite(), z.string().max(64)])).optional(),
      headline: z.string().max(140).optional(),
    })
    .strict(),
  endMatch: z.object({ type: z.literal('endMatch') }).strict(),
} as const;

export type ActionType = keyof typeof actionSchemas;
export type ActionOf<T extends ActionType> = z.infer<(typeof actionSchemas)[T]>;
export type Action = { [K in ActionType]: ActionOf<K> }[ActionType];

export const ACTION_TYPES = Object.freeze(Object.keys(actionSchemas) as ActionType[]);
export const HOST_ACTION_TYPES: ReadonlySet<ActionType> = new Set<ActionType>(['injectEvent', 'endMatch']);
export const PLAYER_ACTION_TYPES = Object.freeze(ACTION_TYPES.filter((t) => !HOST_ACTION_TYPES.has(t)));

/** The actor id under which host actions are applied and logged. */
export const HOST_ACTOR = '@host';

export const actionSchema = z.discriminatedUnion('type', Object.values(actionSchemas) as unknown as [
  (typeof actionSchemas)[ActionType],
  ...(typeof actionSchemas)[ActionType][],
]);

export function isActionType(type: unknown): type is ActionType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(actionSchemas, type);
}

const FAST_SPECS = actionSpecs(actionSchemas);

/** Parses untrusted input into an Action, or says in one line what is wrong with it. */
export function parseAction(input: unknown): { ok: true; action: Action } | { ok: false; message: string } {
  if (typeof input !== 'object' || input === null) return { ok: false, message: 'An action must be an object with a "type".' };
  const type = (input as { type?: unknown }).type;
  if (!isActionType(type)) return { ok: false, message: `Unknown action type ${JSON.stringify(type)?.slice(0, 40)}.` };
  const spec = FAST_SPECS[type];
  const fast = spec ? acceptWellFormed(spec, input) : null;
  if (fast) return { ok: true, action: fast };
  const parsed = actionSchemas[type].safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : type;
    return { ok: false, message: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, action: parsed.data };
}
