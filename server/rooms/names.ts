/**
 * Names people type (company and room names) as everyone else will see them: without control
 * characters (NUL, escapes, line breaks), bidi overrides/isolates that flip how neighbouring text
 * reads (a classic way to spoof another player's name), or a BOM; trimmed.
 * Arabic and other scripts stay as typed: only formatting controls go.
 */
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

export function cleanName(raw: string | undefined): string {
  return (raw ?? '').replace(UNSAFE, '').trim();
}
