/** The session's links: the students' join URL (and QR code), each label's personal link, and the teacher's secret link. */

/** `/?join=CODE` on this server: opens the student join screen with the code filled in. */
export function joinUrl(loc: Pick<Location, 'origin' | 'pathname' | 'search'>, code: string): string {
  const server = new URLSearchParams(loc.search).get('server');
  const q = new URLSearchParams({ join: code });
  if (server) q.set('server', server);
  return `${loc.origin}${loc.pathname}?${q.toString()}`;
}

/** `/?join=CODE&key=KEY`: one student's personal link (a label alone does not let anyone in). */
export function studentUrl(loc: Pick<Location, 'origin' | 'pathname' | 'search'>, code: string, key: string): string {
  const server = new URLSearchParams(loc.search).get('server');
  const q = new URLSearchParams({ join: code, key });
  if (server) q.set('server', server);
  return `${loc.origin}${loc.pathname}?${q.toString()}`;
}

/** `/?teach=CODE&token=TOKEN` (docs/classroom.md): reopens the projector view, also after a restart. */
export function teacherUrl(loc: Pick<Location, 'origin' | 'pathname' | 'search'>, code: string, token: string): string {
  const server = new URLSearchParams(loc.search).get('server');
  const q = new URLSearchParams({ teach: code, token });
  if (server) q.set('server', server);
  return `${loc.origin}${loc.pathname}?${q.toString()}`;
}

/** The key of a pasted personal link (`…?join=CODE&key=KEY`), or the text itself when it is a bare key. */
export function linkKey(text: string): string {
  const v = text.trim();
  if (!v) return '';
  const m = /[?&]key=([^&#\s]+)/.exec(v);
  return m ? decodeURIComponent(m[1] ?? '') : /^[\w-]{12,}$/.test(v) ? v : '';
}
