/** The session's links: the students' join URL (and QR code), each label's personal link, and the teacher's secret link. */

type Loc = Pick<Location, 'origin' | 'pathname' | 'search'>;

/** `GET /api/join-base`: where phones reach the server (server/http/joinBase.ts). */
export interface ServerJoinBase {
  url: string;
  source: 'public-url' | 'lan' | 'localhost';
  lan: string[];
}

/** Addresses that mean "this computer": a phone opening them reaches itself, not the server. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1' || h === '0.0.0.0';
}

/**
 * Where the students' links start: the operator's PUBLIC_URL; else, when this page was opened as
 * localhost (as the README says), the server's LAN address; else this page's own address.
 * `loopback`: the result still says localhost, so no phone can open it (the projector warns).
 */
export function studentBase(loc: Loc, server: ServerJoinBase | null): { base: string; loopback: boolean } {
  const own = `${loc.origin}${loc.pathname}`;
  let base = own;
  if (server?.source === 'public-url') base = server.url;
  else if (server?.source === 'lan' && isLoopbackHost(new URL(own).hostname)) base = server.url;
  return { base, loopback: isLoopbackHost(new URL(base).hostname) };
}

function withQuery(loc: Loc, base: string | undefined, params: Record<string, string>): string {
  const server = new URLSearchParams(loc.search).get('server');
  const q = new URLSearchParams(params);
  if (server) q.set('server', server);
  return `${base ?? `${loc.origin}${loc.pathname}`}?${q.toString()}`;
}

/** `/?join=CODE` on this server: opens the student join screen with the code filled in. */
export function joinUrl(loc: Loc, code: string, base?: string): string {
  return withQuery(loc, base, { join: code });
}

/** `/?join=CODE&key=KEY`: one student's personal link (a label alone does not let anyone in). */
export function studentUrl(loc: Loc, code: string, key: string, base?: string): string {
  return withQuery(loc, base, { join: code, key });
}

/** `/?teach=CODE&token=TOKEN` (docs/classroom.md): reopens the projector view, also after a restart. */
export function teacherUrl(loc: Loc, code: string, token: string): string {
  return withQuery(loc, undefined, { teach: code, token });
}

/** The key of a pasted personal link (`…?join=CODE&key=KEY`), or the text itself when it is a bare key. */
export function linkKey(text: string): string {
  const v = text.trim();
  if (!v) return '';
  const m = /[?&]key=([^&#\s]+)/.exec(v);
  return m ? decodeURIComponent(m[1] ?? '') : /^[\w-]{12,}$/.test(v) ? v : '';
}
