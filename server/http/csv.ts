/**
 * CSV export in the oTree habit: one row per player-day (re-run from the log) and one row per
 * logged action, in one file with a `record` column telling them apart.
 */
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { balanceOf, playerAccount } from '../../shared/economy/ledger.js';
import { centsToUsd, satsToBtc } from '../../shared/economy/money.js';
import { toCsv, type CsvValue } from '../csv.js';

const COLUMNS = [
  'record', 'seq', 'day', 'date', 'player_id', 'name', 'action_type', 'action_json',
  'nav_usd', 'market_cap_usd', 'multiple', 'cash_usd', 'btc', 'narrative', 'bankrupt', 'logged_at',
] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], CsvValue>>;

export function exportCsv(
  replay: Pick<ReplayFile, 'scenario' | 'seed' | 'finalDay' | 'entries'>,
  actionRows: { seq: number; day: number; player_id: string; kind: string; entry_json: string; created_at: string }[],
): string {
  const rows: Row[] = [];
  const names = new Map<string, string>();
  for (const e of replay.entries) if (e.kind === 'join') names.set(e.playerId, e.name);
  runReplay(replay, {
    onDay(state) {
      for (const id of state.playerOrder) {
        const p = state.players[id];
        if (!p) continue;
        const bal = balanceOf(state.ledger, playerAccount(id));
        rows.push({
          record: 'player-day', day: state.day, date: state.date, player_id: id, name: p.name, nav_usd: p.navUsd,
          market_cap_usd: p.marketCapUsd, multiple: p.multiple, cash_usd: centsToUsd(bal.usdCents), btc: satsToBtc(bal.sats),
          narrative: p.narrative, bankrupt: p.bankrupt,
        });
      }
    },
  });
  for (const a of actionRows) {
    const entry = JSON.parse(a.entry_json) as { action?: unknown };
    rows.push({
      record: a.kind === 'join' ? 'join' : 'action', seq: a.seq, day: a.day, player_id: a.player_id, name: names.get(a.player_id) ?? '',
      action_type: a.kind, action_json: a.kind === 'join' ? '' : JSON.stringify(entry.action), logged_at: a.created_at,
    });
  }
  return toCsv(COLUMNS, rows);
}
