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

export function addDays(date: string, days: number): string {
  return new Date(parseUtc(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseUtc(to) - parseUtc(from)) / MS_PER_DAY);
}

export function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && addDays(date, 0) === date;
}
