/** RFC 4180 for the tests that read exports: quoted cells may hold commas, "" escapes and newlines. */

/** Every row, the BOM (if any) left in the first cell; a CR outside quotes is dropped. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Rows as records keyed by the header, BOM and blank lines dropped; a missing cell reads ''. */
export function csvRecords(text: string): Record<string, string>[] {
  const [head = [], ...body] = csvRows(text.replace(/^\uFEFF/, '')).filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(head.map((k, i) => [k, r[i] ?? ''])));
}
