/**
 * The teacher token stays off the wall: the projector's address bar is on screen for the whole
 * class, so the page reads the token from the teacher link once, keeps it in this tab's
 * sessionStorage and rewrites the address to `/?teach=CODE`. A reload of that address finds the
 * token again; the full link (for a bookmark, another device, after a restart) stays in the
 * projector's folded "Teacher link".
 */

type Store = Pick<Storage, 'getItem' | 'setItem'>;

const keyOf = (code: string) => `bc.teacherToken.${code.toUpperCase()}`;

/** The session and teacher token of this page: from `?teach=CODE&token=TOKEN`, or a token this tab kept for CODE. */
export function teacherParams(search: string, store: Store): { code: string; token: string } | null {
  const q = new URLSearchParams(search);
  const code = q.get('teach');
  if (!code) return null;
  const token = q.get('token') || store.getItem(keyOf(code));
  return token ? { code: code.toUpperCase(), token } : null;
}

/** The address without the token: `?teach=CODE` (plus the `server` parameter of a split setup). */
export function tokenlessTeachSearch(search: string, code: string): string {
  const server = new URLSearchParams(search).get('server');
  const q = new URLSearchParams({ teach: code.toUpperCase() });
  if (server) q.set('server', server);
  return `?${q.toString()}`;
}

/** Keeps the token in the tab and takes it out of the address bar. */
export function hideTeacherToken(code: string, token: string, store: Store = sessionStorage, loc: Pick<Location, 'pathname' | 'search'> = window.location): void {
  store.setItem(keyOf(code), token);
  history.replaceState(null, '', `${loc.pathname}${tokenlessTeachSearch(loc.search, code)}`);
}
