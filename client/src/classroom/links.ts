/** The session's two links: the students' join URL (and QR code) and the teacher's secret link. */

/** `/?join=CODE` on this server: opens the student join screen with the code filled in. */
export function joinUrl(loc: Pick<Location, 'origin' | 'pathname' | 'search'>, code: string): string {
  const server = new URLSearchParams(loc.search).get('server');
  const q = new URLSearchParams({ join: code });
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
