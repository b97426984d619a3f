/**
 * The language-agnostic bot protocol (docs/bots.md): JSON lines over a child process's stdin and
 * stdout. The engine sends `hello`, then one `day` per game day, then `end`; the bot answers `hello`
 * with `ready` and each `day` with one `actions` line. stderr is the bot's log.
 */
import type { Action } from '../../../shared/rules/actions.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import { validateDecision } from '../../../shared/bots/runMatch.js';

/** Bumped on any change a bot could notice; a bot answering another version is refused. */
export const PROTOCOL_VERSION = 1;

export interface HelloMessage { type: 'hello'; protocol: number; playerId: string; seed: string; budgetMs: number; scenarioId: string; endDay: number }
export interface DayMessage { type: 'day'; day: number; budgetMs: number; seed: string; view: PlayerView }
export interface EndMessage { type: 'end'; day: number; reason?: string }
export type ToBot = HelloMessage | DayMessage | EndMessage;

/** Longest line a bot may send; past it the line is garbage (and the bot's output is not buffered forever). */
export const MAX_LINE_BYTES = 256 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function json(line: string): Parsed<Record<string, unknown>> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { ok: false, message: `not JSON: ${JSON.stringify(line.slice(0, 60))}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: 'a line must be a JSON object with a "type"' };
  return { ok: true, value: v as Record<string, unknown> };
}

/** The `ready` answer to `hello`: the bot's name, and a protocol version we speak. */
export function parseReady(line: string): Parsed<{ name: string }> {
  const p = json(line);
  if (!p.ok) return p;
  const m = p.value;
  if (m.type !== 'ready') return { ok: false, message: `expected {"type":"ready",…} after hello, got type ${JSON.stringify(m.type)}` };
  if (m.protocol !== PROTOCOL_VERSION) return { ok: false, message: `bot speaks protocol ${JSON.stringify(m.protocol)}, engine speaks ${PROTOCOL_VERSION}` };
  if (typeof m.name !== 'string' || m.name.length < 1 || m.name.length > 40) return { ok: false, message: 'ready.name must be a string of 1–40 characters' };
  return { ok: true, value: { name: m.name } };
}

/** An `actions` line for `day`: a valid list of player actions (the same checks as in-process bots). */
export function parseActions(line: string, day: number): Parsed<Action[]> {
  const p = json(line);
  if (!p.ok) return p;
  const m = p.value;
  if (m.type !== 'actions') return { ok: false, message: `expected {"type":"actions",…}, got type ${JSON.stringify(m.type)}` };
  if (m.day !== undefined && m.day !== day) return { ok: false, message: `answered day ${JSON.stringify(m.day)} during day ${day}` };
  const d = validateDecision(m.actions);
  if (!d.ok) return { ok: false, message: d.message.replace(/^decide returned/, 'actions is') };
  return { ok: true, value: d.actions };
}
