/**
 * The one CSV writer behind every CSV the server hands out (export.csv, the classroom zip).
 *
 * Cells are text a player chose (company names, labels, chat, refused payloads), and spreadsheet
 * programs run a cell that begins with `= + - @` (or a tab / CR that they strip first) as a formula:
 * `=HYPERLINK("http://evil.example","open")` in a company name becomes a link in the teacher's
 * Excel. OWASP's rule: prefix such text cells with `'` so they show as typed. Numbers stay numbers
 * (a negative amount is not a formula). Files start with a UTF-8 BOM so Excel reads Arabic names
 * as UTF-8 rather than the system code page.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text neutralised, then quoted when it holds a comma, quote or newline. */
export function csvCell(v: CsvValue): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: BOM, header row, one line per row (missing columns are empty cells). */
export function toCsv<C extends string>(columns: readonly C[], rows: readonly Partial<Record<C, CsvValue>>[]): string {
  return CSV_BOM + [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}
