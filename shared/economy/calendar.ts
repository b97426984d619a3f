/** Dates as `YYYY-MM-DD` strings, computed in UTC from day numbers: no clock, no time zones. */

const MS_PER_DAY = 86_400_000;

// Views and phases compare release dates with today's date every day: a match sees a few thousand
// distinct dates, so each is parsed once (the cache is emptied if it ever grows past that).
const parsed = new Map<string, number>();

function parseUtc(date: string): number {
  let ms = parsed.get(date);
  if (ms !== undefined) return ms;
  const [y, m, d] = date.split('-').map(Number);
  ms = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  if (parsed.size >= 8192) parsed.clear();
  parsed.set(date, ms);
  return ms;
}

// Every day's step names its date, in every match of a league: each (start, day) is formatted once
// (`toISOString` was ~1 % of a league match). Emptied, like `parsed`, should it ever grow large.
const later = new Map<string, string[]>();
const MAX_CACHED_DAYS = 20_000;

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0 || days >= MAX_CACHED_DAYS) return formatDay(parseUtc(date) + days * MS_PER_DAY);
  let dates = later.get(date);
  if (!dates) {
    if (later.size >= 256) later.clear();
    later.set(date, (dates = []));
  }
  return (dates[days] ??= formatDay(parseUtc(date) + days * MS_PER_DAY));
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseUtc(to) - parseUtc(from)) / MS_PER_DAY);
}

export function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && addDays(date, 0) === date;
}
