import { describe, expect, it } from 'vitest';
import { isLoopbackHost, joinUrl, linkKey, studentBase, studentUrl, teacherUrl } from '../../../client/src/classroom/links.js';
import { teacherParams, tokenlessTeachSearch } from '../../../client/src/classroom/teacherToken.js';

const local = { origin: 'http://localhost:2567', pathname: '/', search: '?teach=ABCDEF&token=secret' };
const lan = { url: 'http://192.168.1.20:2567/', source: 'lan' as const, lan: ['http://192.168.1.20:2567/'] };

describe('links students can open', () => {
  it('replaces a localhost page address by the server\u2019s LAN address, and warns when none is known', () => {
    expect(studentBase(local, lan)).toEqual({ base: 'http://192.168.1.20:2567/', loopback: false });
    expect(studentBase(local, null)).toEqual({ base: 'http://localhost:2567/', loopback: true });
    expect(studentBase({ ...local, origin: 'http://10.0.0.5:2567' }, lan)).toEqual({ base: 'http://10.0.0.5:2567/', loopback: false });
    expect(studentBase({ ...local, origin: 'http://10.0.0.5:2567' }, { ...lan, url: 'https://class.example.org/', source: 'public-url' }).base).toBe('https://class.example.org/');
  });

  it('builds join and personal links on that base; the teacher link stays on this page', () => {
    expect(joinUrl(local, 'ABCDEF', lan.url)).toBe('http://192.168.1.20:2567/?join=ABCDEF');
    expect(studentUrl(local, 'ABCDEF', 'k1', lan.url)).toBe('http://192.168.1.20:2567/?join=ABCDEF&key=k1');
    expect(teacherUrl(local, 'ABCDEF', 'secret')).toBe('http://localhost:2567/?teach=ABCDEF&token=secret');
  });

  it('knows every spelling of this computer', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'app.localhost', '0.0.0.0']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['192.168.1.20', 'class.example.org', '10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('the teacher token off the wall', () => {
  it('reads the token from the link once, then from the tab', () => {
    const store = new Map<string, string>();
    const s = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(teacherParams(local.search, s)).toEqual({ code: 'ABCDEF', token: 'secret' });
    expect(teacherParams('?teach=ABCDEF', s)).toBeNull();
    s.setItem('bc.teacherToken.ABCDEF', 'secret');
    expect(teacherParams('?teach=abcdef', s)).toEqual({ code: 'ABCDEF', token: 'secret' });
    expect(tokenlessTeachSearch('?teach=ABCDEF&token=secret&server=ws://x', 'ABCDEF')).toBe('?teach=ABCDEF&server=ws%3A%2F%2Fx');
  });
});

describe('a pasted personal link', () => {
  it('yields its key, from a whole link or a bare key, and nothing from other text', () => {
    expect(linkKey('http://10.0.0.5:2567/?join=ABCDEF&key=3BWEcfiGycsuZ9SToYmqcqMm')).toBe('3BWEcfiGycsuZ9SToYmqcqMm');
    expect(linkKey('  6Mi0VZdxaQ3T7_Y_-uJw_GPf ')).toBe('6Mi0VZdxaQ3T7_Y_-uJw_GPf');
    expect(linkKey('Layla')).toBe('');
    expect(linkKey('')).toBe('');
  });
});
