/** A classroom session survives `kill -9`: labels, ⅔ guesses, the question, refusals and the teacher link. */
import { afterAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { joinRoom, createRoom, waitFor, waitMessage, WAIT_CEILING_MS, studentKeys, welcomeOf, type Recorded } from './helpers.js';
import { killAll, startServerProcess, tempDir } from './processes.js';

afterAll(async () => {
  await killAll();
});

async function ask(rec: Recorded, type: string, payload: Record<string, unknown> = {}): Promise<any> {
  const ref = `${type}-${Math.random().toString(36).slice(2)}`;
  rec.room.send(type, { ...payload, ref });
  const reply = await waitFor(() => rec.messages.find((m) => (m.type === 'ack' || m.type === 'error') && m.payload.ref === ref), 10_000, `reply to ${type}`);
  return { ok: reply.type === 'ack', ...reply.payload };
}

function rows(files: Record<string, Uint8Array>, name: string): string[][] {
  return strFromU8(files[name]!).trim().split('\n').slice(1).map((l) => l.split(','));
}

describe('classroom persistence', () => {
  it('resumes a session after SIGKILL with its seats by label, ⅔ guesses, question and refusals; re-opens an abandoned one', async () => {
    const dataDir = tempDir('bc-class-');
    const first = await startServerProcess({ DATA_DIR: dataDir });
    const teacher = await createRoom(first.url, {
      daysPerSecond: 10, bots: [{ strategy: 'treasurer', count: 1 }], classroom: { labels: ['S1', 'S2'], marketsOpen: { loans: false } },
    });
    const tw = await welcomeOf(teacher);
    const code = teacher.room.roomId;
    const keys = await studentKeys(teacher);
    const s1 = await joinRoom(first.url, code, { studentKey: keys.get('S1'), playerName: 'Ana' });
    const s2 = await joinRoom(first.url, code, { studentKey: keys.get('S2'), playerName: 'Ben' });
    const id1 = (await welcomeOf(s1)).playerId;
    const id2 = (await welcomeOf(s2)).playerId;
    expect((await ask(teacher, 'start')).ok).toBe(true);
    expect((await ask(s2, 'takeLoan', { amountUsd: 1000, termDays: 60 })).code).toBe('MARKET_CLOSED');
    expect((await ask(teacher, 'guessStart', { p: 0.5, rounds: 2 })).ok).toBe(true);
    expect((await ask(s1, 'guess', { value: 10 })).ok).toBe(true);
    expect((await ask(s2, 'guess', { value: 60 })).ok).toBe(true);
    expect((await ask(teacher, 'guessClose')).ok).toBe(true);
    expect((await ask(teacher, 'guessOpen')).ok).toBe(true);
    expect((await ask(s1, 'guess', { value: 5 })).ok).toBe(true);
    // A day must have passed: a class re-opened on day 0 waits for its start ('waiting'), not for a resume.
    await waitFor(() => teacher.room.state.world.day >= 1, 15_000, 'the first day');
    expect((await ask(teacher, 'pause', { question: 'What is the target now?' })).ok).toBe(true);

    first.child.kill('SIGKILL');
    await waitFor(() => first.child.exitCode !== null || first.child.signalCode !== null, 15_000, 'child to die');

    const second = await startServerProcess({ DATA_DIR: dataDir });
    const info = await (await fetch(`${second.http}/api/sessions/${code}?token=${tw.hostToken}`)).json();
    expect(info.live).toBe(true);
    expect(info.guess.games).toBe(1);
    expect(info.guess.rounds).toMatchObject([
      { round: 1, open: false, count: 3 },
      { round: 2, open: true, count: 2 },
    ]);
    expect(info.roster.map((r: any) => [r.name, r.label, r.kind])).toEqual([
      ['treasurer 1', '', 'bot'],
      ['Ana', 'S1', 'student'],
      ['Ben', 'S2', 'student'],
    ]);

    // The teacher link: host token, spectating.
    const teacher2 = await joinRoom(second.url, code, { hostToken: tw.hostToken, spectate: true });
    const t2w = await welcomeOf(teacher2);
    expect(t2w.isHost && t2w.spectator).toBe(true);
    await waitFor(() => teacher2.room.state.room?.question === 'What is the target now?', 15_000, 'question restored');
    expect(teacher2.room.state.room.phase).toBe('paused');
    const view = await waitMessage(teacher2, 'guess', () => true, 0, 15_000);
    expect(view.rounds[1]).toMatchObject({ open: true, count: 2 });
    expect(view.rounds[0].guesses.map((g: any) => g.value).sort((a: number, b: number) => a - b)).toEqual(expect.arrayContaining([10, 60]));

    // A student comes back on another device with the same personal link (its key survives the restart).
    const s1b = await joinRoom(second.url, code, { studentKey: keys.get('S1') });
    expect((await welcomeOf(s1b)).playerId).toBe(id1);
    expect((await waitMessage(s1b, 'guess', () => true, 0, 15_000)).rounds[1].myGuess).toBe(5);
    const s2b = await joinRoom(second.url, code, { studentKey: keys.get('S2') });
    expect((await welcomeOf(s2b)).playerId).toBe(id2);
    expect((await ask(s2b, 'guess', { value: 3 })).ok).toBe(true);
    expect((await ask(teacher2, 'guessClose')).ok).toBe(true);
    const closed = await waitMessage(s2b, 'guess', (v) => v.rounds[1] && !v.rounds[1].open, 0, 15_000);
    expect(closed.rounds[1].guesses).toHaveLength(3);

    const zip = unzipSync(new Uint8Array(await (await fetch(`${second.http}/api/sessions/${code}/export.zip?token=${tw.hostToken}`)).arrayBuffer()));
    expect(rows(zip, 'guesses.csv')).toHaveLength(6);
    const actions = strFromU8(zip['actions.csv']!);
    expect(actions).toContain('MARKET_CLOSED');
    expect(actions).toContain('takeLoan');
    // The pause began before the kill and still runs: one pause, its question, no resume yet.
    expect(rows(zip, 'pauses.csv')).toHaveLength(1);
    expect(strFromU8(zip['pauses.csv']!)).toContain('What is the target now?');

    // Everyone leaves: the room goes, the session is "abandoned"; the teacher link re-opens it.
    await Promise.all([teacher2.room.leave(), s1b.room.leave(), s2b.room.leave()]);
    const gone = await waitForStatus(second.http, code, tw.hostToken, (i) => !i.live);
    expect(gone.status).toBe('abandoned');
    const opened = await fetch(`${second.http}/api/sessions/${code}/open?token=${tw.hostToken}`, { method: 'POST' });
    expect(await opened.json()).toEqual({ id: code, live: true });
    const teacher3 = await joinRoom(second.url, code, { hostToken: tw.hostToken, spectate: true });
    expect((await welcomeOf(teacher3)).isHost).toBe(true);
    expect((await waitMessage(teacher3, 'guess', () => true, 0, 15_000)).rounds).toHaveLength(2);
    // A re-opened class waits for the teacher: paused, and listed as such.
    await waitFor(() => teacher3.room.state.room?.phase === 'paused', 15_000, 'paused after re-opening');
    expect((await (await fetch(`${second.http}/api/sessions/${code}?token=${tw.hostToken}`)).json()).status).toBe('paused');
    expect((await fetch(`${second.http}/api/sessions/${code}/open?token=wrong`, { method: 'POST' })).status).toBe(403);
    await teacher3.room.leave();
  });
});

function waitForStatus(http: string, code: string, token: string, pred: (info: any) => boolean): Promise<any> {
  return waitFor(async () => {
    const info = await (await fetch(`${http}/api/sessions/${code}?token=${token}`)).json();
    return pred(info) ? info : null;
  }, WAIT_CEILING_MS, 'the session status');
}
