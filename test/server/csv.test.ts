/**
 * CSV formula injection (issue 11, item 5): every CSV the server writes neutralises text cells that
 * a spreadsheet would run as a formula, and starts with a UTF-8 BOM.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../server/csv.js';
import { bootServer, createRoom, joinRoom, waitFor, welcomeOf, type Recorded, type TestServer, studentKeys } from './helpers.js';
import { csvRows } from '../support/csv.js';

const HOSTILE = ['=HYPERLINK("http://evil.example","open")', '+SUM(1,2)', '-2+3', '@cmd', '\tTAB', '\rCR'];

const parse = csvRows;

/** Bytes as text with the BOM kept (TextDecoder, behind fetch's text() and fflate's strFromU8, drops it). */
const strFromU8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** No cell of any row may begin with a character a spreadsheet treats as a formula. */
function expectInert(text: string, file: string): void {
  expect(text.startsWith('\uFEFF'), `${file} BOM`).toBe(true);
  for (const row of parse(text.slice(1))) for (const cell of row) expect(/^[=+@\t\r]/.test(cell) || /^-[^\d]/.test(cell), `${file}: ${JSON.stringify(cell)}`).toBe(false);
}

describe('csvCell', () => {
  it("prefixes text that starts with = + - @ tab or CR with ', keeps numbers, and quotes what needs it", () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("a","b")')).toBe('"\'=HYPERLINK(""a"",""b"")"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('شركة')).toBe('شركة');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [{ a: '@x', b: 1 }])).toBe("\uFEFFa,b\n'@x,1\n");
  });
});

describe('CSV exports of a real server', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await bootServer();
  });
  afterAll(async () => {
    await ts?.stop();
  });

  async function ask(rec: Recorded, type: string, payload: Record<string, unknown> = {}): Promise<boolean> {
    const ref = `${type}-${rec.messages.length}`;
    rec.room.send(type, { ...payload, ref });
    return (await waitFor(() => rec.messages.find((m) => (m.type === 'ack' || m.type === 'error') && m.payload.ref === ref), 10_000, type)).type === 'ack';
  }

  it('export.csv: hostile company names come out inert', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 20, playerName: HOSTILE[0] });
    const code = host.room.roomId;
    const hw = await welcomeOf(host);
    const guests = await Promise.all(HOSTILE.slice(1, 4).map((name) => joinRoom(ts.url, code, { playerName: name })));
    await Promise.all(guests.map(welcomeOf));
    expect(await ask(host, 'start')).toBe(true);
    await waitFor(() => host.room.state.world?.day >= 3, 10_000, 'days');
    const res = await fetch(`${ts.http}/api/matches/${code}/export.csv?token=${hw.hostToken}`);
    expect(res.status).toBe(200);
    const text = strFromU8(new Uint8Array(await res.arrayBuffer()));
    // Before: "=HYPERLINK(""http://evil.example"",""open"")" reached the file raw.
    expectInert(text, 'export.csv');
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""open"")"');
    expect(text).toContain("'+SUM(1,2)");
    await Promise.all([host, ...guests].map((r) => r.room.leave()));
  });

  it('the classroom zip: summary, actions and player_days come out inert, with a BOM', async () => {
    const teacher = await createRoom(ts.url, { daysPerSecond: 20, classroom: { labels: ['=L1', '@L2'], marketsOpen: { loans: false } } });
    const tw = await welcomeOf(teacher);
    const code = teacher.room.roomId;
    const keys = await studentKeys(teacher);
    const s1 = await joinRoom(ts.url, code, { studentKey: keys.get('=L1'), playerName: '=cmd|"/c calc"!A1' });
    const s2 = await joinRoom(ts.url, code, { studentKey: keys.get('@L2'), playerName: '-1+1' });
    await Promise.all([s1, s2].map(welcomeOf));
    expect(await ask(teacher, 'start')).toBe(true);
    expect(await ask(s1, 'takeLoan', { amountUsd: 1000, termDays: 60 })).toBe(false);
    expect(await ask(s2, 'announceNarrative', { narrative: 'ai' })).toBe(true);
    await waitFor(() => teacher.room.state.world?.day >= 3, 10_000, 'days');
    const res = await fetch(`${ts.http}/api/sessions/${code}/export.zip?token=${tw.hostToken}`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    for (const [name, bytes] of Object.entries(files)) expectInert(strFromU8(bytes), name);
    expect(strFromU8(files['summary.csv']!)).toContain('"\'=cmd|""/c calc""!A1"');
    expect(strFromU8(files['player_days.csv']!)).toContain("'@L2");
    expect(strFromU8(files['actions.csv']!)).toContain("'-1+1");
    await Promise.all([teacher, s1, s2].map((r) => r.room.leave()));
  });
});
