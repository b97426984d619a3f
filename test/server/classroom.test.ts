/** Classroom sessions over a real server and real colyseus.js clients (docs/classroom.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { runReplay } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { bootServer, createRoom, joinRoom, waitFor, waitMessage, studentKeys, welcomeOf, type Recorded, type TestServer } from './helpers.js';
import { csvRecords } from '../support/csv.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

/** Sends and waits for the matching ack or error. */
async function ask(rec: Recorded, type: string, payload: Record<string, unknown> = {}): Promise<{ ok: boolean; payload: any }> {
  const ref = `${type}-${Math.random().toString(36).slice(2)}`;
  rec.room.send(type, { ...payload, ref });
  const reply = await waitFor(
    () => rec.messages.find((m) => (m.type === 'ack' || m.type === 'error') && m.payload.ref === ref),
    10_000,
    `reply to ${type}`,
  );
  return { ok: reply.type === 'ack', payload: reply.payload };
}

const parseCsv = csvRecords;

describe('classroom sessions', () => {
  it('applies treatment settings, closes markets, anonymises names, and the teacher spectates by default', async () => {
    const teacher = await createRoom(ts.url, {
      daysPerSecond: 20,
      classroom: {
        startingCashUsd: 12_345_678, contestPeriodDays: 5, maxStakeUsd: 1000, anonymousNames: true,
        marketsOpen: { loans: false, btcTrading: false, tenders: false },
        events: [{ day: 3, kind: 'crash', params: { pct: 20 }, headline: 'Class crash at the exchange' }],
      },
    });
    const tw = await welcomeOf(teacher);
    expect(tw.isHost).toBe(true);
    expect(tw.spectator).toBe(true);
    const alice = await joinRoom(ts.url, teacher.room.roomId, { playerName: 'Alice Martin' });
    const aw = await welcomeOf(alice);
    const me = (await waitMessage(alice, 'private')).me;
    expect(me.cashUsd).toBe(12_345_678);
    await waitFor(() => alice.room.state.players?.get(aw.playerId), 5000, 'card');
    expect(alice.room.state.players.get(aw.playerId).name).toBe('Company A');
    expect(alice.room.state.contest.maxStakeUsd).toBe(1000);
    expect(alice.room.state.contest.resolveDay).toBe(5);
    expect(alice.room.state.classroom.enabled).toBe(true);
    expect([...alice.room.state.classroom.closedMarkets].sort()).toEqual(['btcTrading', 'loans', 'tenders']);
    // Only the teacher learns the real name.
    const roster = await waitMessage(teacher, 'roster', (r) => r.students.some((s: any) => s.playerId === aw.playerId));
    expect(roster.students.find((s: any) => s.playerId === aw.playerId)).toMatchObject({ name: 'Alice Martin', displayName: 'Company A', connected: true, kind: 'student' });
    expect(alice.raw().includes(Buffer.from('Alice Martin'))).toBe(false);
    expect(alice.messages.some((m) => m.type === 'roster')).toBe(false);

    expect((await ask(teacher, 'start')).ok).toBe(true);
    const loan = await ask(alice, 'takeLoan', { amountUsd: 1000, termDays: 60 });
    expect(loan.payload.code).toBe('MARKET_CLOSED');
    expect(loan.payload.message).toMatch(/loans market is closed/);
    expect((await ask(alice, 'tradeBtc', { side: 'buy', amountBtc: 1 })).payload.code).toBe('MARKET_CLOSED');
    expect((await ask(alice, 'contestPick', { narrative: 'ai', stakeUsd: 5000 })).payload.code).toBe('LIMIT');
    expect((await ask(alice, 'contestPick', { narrative: 'ai', stakeUsd: 500 })).ok).toBe(true);
    expect((await ask(alice, 'setTreasuryPolicy', { sellMinedPct: 30 })).ok).toBe(true);
    await waitFor(() => [...alice.room.state.news].some((n: any) => n.headline === 'Class crash at the exchange'), 10_000, 'scheduled event');
    expect([...alice.room.state.news].find((n: any) => n.headline === 'Class crash at the exchange').day).toBe(3);
    // Closed tenders: the engine posts none.
    await waitFor(() => alice.room.state.world.day >= 8, 10_000, 'a few days');
    expect(alice.room.state.tenders.size).toBe(0);
    expect(alice.room.state.contest.lastRound).toBeGreaterThanOrEqual(1);

    const info = await (await fetch(`${ts.http}/api/sessions/${teacher.room.roomId}?token=${tw.hostToken}`)).json();
    expect(info.settings.startingCashUsd).toBe(12_345_678);
    expect(info.live).toBe(true);
    expect(info.teacherLink).toBe(`/?teach=${teacher.room.roomId}&token=${tw.hostToken}`);
    expect(info.roster).toEqual([expect.objectContaining({ playerId: aw.playerId, name: 'Alice Martin', displayName: 'Company A', connected: true })]);
    expect((await fetch(`${ts.http}/api/sessions/${teacher.room.roomId}`)).status).toBe(403);
    // The treatment travels in the scenario copy the replay file carries.
    const replay = await (await fetch(`${ts.http}/api/matches/${teacher.room.roomId}/replay.json?token=${tw.hostToken}`)).json();
    expect(replay.scenario.finance.startCashUsd).toBe(12_345_678);
    expect(replay.scenario.contest).toMatchObject({ periodDays: 5, maxStakeUsd: 1000 });
    expect(replay.scenario.compute.tenderRatePerDay).toBe(0);
    expect(replay.scenario.events).toContainEqual({ date: '2024-03-04', kind: 'crash', params: { pct: 20 }, headline: 'Class crash at the exchange', onCalendar: true });
    const publicMatch = await (await fetch(`${ts.http}/api/matches/${teacher.room.roomId}`)).json();
    expect(JSON.stringify(publicMatch)).not.toContain('Alice Martin');
    await Promise.all([alice.room.leave(), teacher.room.leave()]);
  });

  it('refuses bad settings when the session is created', async () => {
    await expect(createRoom(ts.url, { classroom: { events: [{ day: 2, kind: 'crash', params: { pct: 500 } }] } })).rejects.toThrow(/crash\.pct/);
    await expect(createRoom(ts.url, { classroom: { labels: ['A1', 'a1'] } })).rejects.toThrow(/twice/);
    await expect(createRoom(ts.url, { classroom: { marketsOpen: { casino: false } } })).rejects.toThrow(/classroom/);
  });

  it('gives a label\'s personal link the same seat back on any device; a label alone, an unknown key or a second live session gets nothing', async () => {
    const teacher = await createRoom(ts.url, { classroom: { labels: ['S01', 'S02'] } });
    const code = teacher.room.roomId;
    const keys = await studentKeys(teacher);
    expect([...keys.keys()]).toEqual(['S01', 'S02']);
    const first = await joinRoom(ts.url, code, { studentKey: keys.get('S01'), playerName: 'Sam' });
    const fw = await welcomeOf(first);
    await expect(joinRoom(ts.url, code, { studentKey: keys.get('S01') })).rejects.toThrow(/in use/);
    await expect(joinRoom(ts.url, code, { label: 'S02' })).rejects.toThrow(/label alone is not enough/);
    await expect(joinRoom(ts.url, code, { studentKey: 'S02' })).rejects.toThrow(/not valid/);
    await expect(joinRoom(ts.url, code, { playerName: 'Guest' })).rejects.toThrow(/admits only its students/);
    await expect(joinRoom(ts.url, code, { spectate: true })).rejects.toThrow(/admits only its students/);
    await first.room.leave();
    // A class seat waits for its student: frozen, not handed to a bot.
    await waitFor(() => teacher.room.state.players.get(fw.playerId)?.control === 'frozen', 5000, 'seat released');
    expect((await waitMessage(teacher, 'roster', (r) => r.students.some((s: any) => s.playerId === fw.playerId && !s.connected)))
      .students.find((s: any) => s.playerId === fw.playerId)).toMatchObject({ control: 'frozen', awayBot: false });
    // Only the teacher's switch hands it to a bot; even then a bot does not guess for the student who left.
    expect((await ask(teacher, 'seatBots', { playerId: 'p99', on: true })).payload.code).toBe('NOT_FOUND');
    expect((await ask(teacher, 'seatBots', { playerId: fw.playerId, on: true })).ok).toBe(true);
    await waitFor(() => teacher.room.state.players.get(fw.playerId)?.control === 'bot', 5000, 'bot on for the seat');
    expect((await ask(teacher, 'guessStart', { p: 0.5, rounds: 1 })).ok).toBe(true);
    expect((await waitMessage(teacher, 'guess')).rounds[0]).toMatchObject({ open: true, count: 0 });
    const again = await joinRoom(ts.url, code, { studentKey: keys.get('S01') });
    const aw = await welcomeOf(again);
    expect(aw.playerId).toBe(fw.playerId);
    await waitFor(() => teacher.room.state.players.get(fw.playerId)?.control === 'human', 5000, 'the student takes the seat back from the bot');
    expect((await ask(again, 'seatBots', { playerId: '*', on: true })).payload.code).toBe('NOT_HOST');
    expect(aw.seatToken).toBe(fw.seatToken);
    const other = await joinRoom(ts.url, code, { studentKey: keys.get('S02') });
    expect((await welcomeOf(other)).playerId).not.toBe(fw.playerId);
    const roster = await waitMessage(teacher, 'roster', (r) => r.students.length === 2 && r.students.every((s: any) => s.connected));
    expect(roster.students.map((s: any) => s.label).sort()).toEqual(['S01', 'S02']);
    expect(roster.students.find((s: any) => s.label === 'S01').name).toBe('Sam');
    await Promise.all([again.room.leave(), other.room.leave(), teacher.room.leave()]);
  });

  it('never lets a seat act while its student is away unless the teacher turns bots on; the log says who controlled each action', async () => {
    const teacher = await createRoom(ts.url, { daysPerSecond: 20, classroom: {} });
    const code = teacher.room.roomId;
    const student = await joinRoom(ts.url, code, { playerName: 'Dana' });
    const { playerId } = await welcomeOf(student);
    expect((await ask(teacher, 'start')).ok).toBe(true);
    expect((await ask(student, 'tradeBtc', { side: 'buy', amountBtc: 1 })).ok).toBe(true);
    await student.room.leave();
    await waitFor(() => teacher.room.state.players.get(playerId)?.control === 'frozen', 5000, 'seat frozen');
    const entries = () => ts.server.store.entries(code).filter((e) => e.kind === 'action' && e.playerId === playerId);
    const frozenFrom = teacher.room.state.world.day as number;
    await waitFor(() => (teacher.room.state.world.day as number) >= frozenFrom + 30, 10_000, '30 days with the seat frozen');
    expect(entries()).toEqual([expect.objectContaining({ controller: 'student', action: { type: 'tradeBtc', side: 'buy', amountBtc: 1 } })]);
    expect((await ask(teacher, 'seatBots', { playerId: '*', on: true })).ok).toBe(true);
    await waitFor(() => teacher.room.state.players.get(playerId)?.control === 'bot', 5000, 'bot runs the away seat');
    await waitFor(() => entries().length > 1, 15_000, 'the bot acts for the seat');
    expect(entries().slice(1).every((e) => (e as { controller?: string }).controller === 'bot')).toBe(true);
    expect((await ask(teacher, 'seatBots', { playerId: '*', on: false })).ok).toBe(true);
    await waitFor(() => teacher.room.state.players.get(playerId)?.control === 'frozen', 5000, 'frozen again');
    await teacher.room.leave();
  });

  it('auto-pauses just before a scheduled event and tells the teacher what is coming', async () => {
    const teacher = await createRoom(ts.url, { daysPerSecond: 20, classroom: { events: [{ day: 4, kind: 'crash', params: { pct: 20 }, headline: 'Exchange collapse' }] } });
    const first = await waitMessage(teacher, 'roster');
    expect(first.schedule).toContainEqual({ day: 4, kind: 'crash', headline: 'Exchange collapse' });
    expect(first.autoPause).toBe(false);
    expect((await ask(teacher, 'autoPause', { on: true })).ok).toBe(true);
    await waitMessage(teacher, 'roster', (r) => r.autoPause === true);
    expect((await ask(teacher, 'start')).ok).toBe(true);
    await waitFor(() => teacher.room.state.room.phase === 'paused', 10_000, 'paused before the crash');
    expect(teacher.room.state.world.day).toBe(4);
    expect((await ask(teacher, 'resume')).ok).toBe(true);
    // Resuming plays the day with the event; the clock does not stop for it again.
    await waitFor(() => (teacher.room.state.world.day as number) >= 8, 10_000, 'the class runs on past the event');
    expect(teacher.room.state.room.phase).toBe('running');
    await waitMessage(teacher, 'roster', (r) => !r.schedule.some((e: any) => e.day === 4));
    await teacher.room.leave();
  });

  it('pauses with a question everyone sees, and advance forces the next phase', async () => {
    const teacher = await createRoom(ts.url, { daysPerSecond: 2, classroom: { contestPeriodDays: 10 } });
    const student = await joinRoom(ts.url, teacher.room.roomId, { playerName: 'Kim' });
    await welcomeOf(student);
    expect((await ask(student, 'advance')).payload.code).toBe('NOT_HOST');
    const started = await ask(teacher, 'advance');
    expect(started.payload.advanced).toBe('start');
    await waitFor(() => student.room.state.room?.phase === 'running', 5000, 'running');

    const contest = await ask(teacher, 'advance');
    expect(contest.payload.advanced).toBe('contest');
    expect(contest.payload.day).toBeGreaterThanOrEqual(10);
    await waitFor(() => student.room.state.contest.lastRound === 1, 5000, 'contest round 1 resolved');

    expect((await ask(teacher, 'pause', { question: 'Why did the crowd pick AI?' })).ok).toBe(true);
    await waitFor(() => student.room.state.room.phase === 'paused' && student.room.state.room.question === 'Why did the crowd pick AI?', 5000, 'question');
    expect((await ask(teacher, 'pause', { question: 'And now?' })).ok).toBe(true);
    await waitFor(() => student.room.state.room.question === 'And now?', 5000, 'question changed');
    expect((await ask(teacher, 'resume')).ok).toBe(true);
    await waitFor(() => student.room.state.room.phase === 'running' && student.room.state.room.question === '', 5000, 'question cleared');

    expect((await ask(teacher, 'guessStart', { p: 0.5, rounds: 1 })).ok).toBe(true);
    await waitFor(() => student.room.state.classroom.guessOpen, 5000, 'round open');
    const closed = await ask(teacher, 'advance');
    expect(closed.payload.advanced).toBe('guess');
    await waitFor(() => !student.room.state.classroom.guessOpen, 5000, 'round closed');
    expect((await ask(teacher, 'advance', { what: 'start' })).payload.code).toBe('WRONG_PHASE');
    await Promise.all([student.room.leave(), teacher.room.leave()]);
  });

  it('runs a ⅔ round with 3 students and bots, scores it, and exports what happened', async () => {
    const teacher = await createRoom(ts.url, {
      daysPerSecond: 10, bots: [{ strategy: 'treasurer', count: 2 }],
      classroom: { marketsOpen: { equity: false }, labels: ['S1', 'S2', 'S3', 'S4'], chat: true, teacher: 'Ms Rivera' },
    });
    const tw = await welcomeOf(teacher);
    const code = teacher.room.roomId;
    const keys = await studentKeys(teacher);
    const students = await Promise.all(['S1', 'S2', 'S3'].map((label) => joinRoom(ts.url, code, { studentKey: keys.get(label), playerName: `Student ${label}` })));
    const ids = await Promise.all(students.map(async (s) => (await welcomeOf(s)).playerId));
    const [s1, s2, s3] = students as [Recorded, Recorded, Recorded];

    expect((await ask(s1, 'guess', { value: 20 })).payload.code).toBe('NO_GUESS_GAME');
    expect((await ask(teacher, 'guess', { value: 20 })).payload.code).toBe('SPECTATOR');
    expect((await ask(s1, 'guessStart', { p: 2 / 3, rounds: 2 })).payload.code).toBe('NOT_HOST');
    expect((await ask(teacher, 'guessStart', { p: 2 / 3, rounds: 2, bots: 3 })).ok).toBe(true);
    expect((await ask(teacher, 'guessOpen')).payload.code).toBe('ROUND_OPEN');
    expect((await ask(s1, 'guess', { value: 150 })).payload.code).toBe('BAD_GUESS');
    expect((await ask(s1, 'guess', { value: 'ten' })).payload.code).toBe('BAD_GUESS');
    expect((await ask(s1, 'guess', { value: 50 })).ok).toBe(true);
    const g1 = await ask(s1, 'guess', { value: 20 });
    expect(g1.payload).toMatchObject({ round: 1, value: 20 });
    expect((await ask(s2, 'guess', { value: 30 })).ok).toBe(true);
    expect((await ask(s3, 'guess', { value: 40 })).ok).toBe(true);
    // While open: counts are public, others' guesses are not; each student sees its own.
    const live = await waitMessage(s2, 'guess', (v) => v.rounds[0]?.count === 8);
    expect(live.rounds[0].open).toBe(true);
    expect(live.rounds[0].guesses).toEqual([]);
    expect(live.rounds[0].myGuess).toBe(30);
    await waitFor(() => teacher.room.state.classroom.guessCount === 8, 5000, 'count synced');

    expect((await ask(teacher, 'guessClose')).ok).toBe(true);
    const done = await waitMessage(s1, 'guess', (v) => v.rounds[0] && !v.rounds[0].open);
    const round = done.rounds[0];
    const values: number[] = round.guesses.map((g: any) => g.value);
    expect(values).toHaveLength(8);
    const byPlayer = new Map(round.guesses.map((g: any) => [g.playerId, g.value]));
    expect(byPlayer.get(ids[0])).toBe(20);
    expect(byPlayer.get(ids[1])).toBe(30);
    expect(byPlayer.get(ids[2])).toBe(40);
    expect([...byPlayer.keys()].filter((k) => String(k).startsWith('gbot'))).toHaveLength(3);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(round.mean).toBeCloseTo(mean, 9);
    expect(round.target).toBeCloseTo((2 / 3) * mean, 9);
    const best = Math.min(...values.map((v) => Math.abs(v - round.target)));
    expect(Math.abs((byPlayer.get(round.winner) as number) - round.target)).toBeCloseTo(best, 9);
    const sorted = [...values].sort((a, b) => a - b);
    expect(round.median).toBe((sorted[3]! + sorted[4]!) / 2);
    expect(round.levels[0]).toMatchObject({ label: 'L0', value: 50 });
    expect(round.histogram.reduce((a: number, b: number) => a + b, 0)).toBe(8);
    expect((await ask(s1, 'guess', { value: 10 })).payload.code).toBe('NO_OPEN_ROUND');

    // Some market play for the export: one accepted, one refused action.
    expect((await ask(teacher, 'start')).ok).toBe(true);
    expect((await ask(s2, 'setTreasuryPolicy', { sellMinedPct: 40 })).ok).toBe(true);
    expect((await ask(s2, 'raiseEquity', { amountUsd: 1000 })).payload.code).toBe('MARKET_CLOSED');
    expect((await ask(s3, 'chat', { text: 'hello class' })).ok).toBe(true);
    expect((await waitMessage(s1, 'chat')).text).toBe('hello class');
    await waitFor(() => teacher.room.state.world.day >= 5, 10_000, 'a few days');
    expect((await ask(teacher, 'pause', { question: 'Why did BTC fall?' })).ok).toBe(true);
    const day: number = (await (await fetch(`${ts.http}/api/sessions/${code}?token=${tw.hostToken}`)).json()).currentDay;

    const res = await fetch(`${ts.http}/api/sessions/${code}/export.zip`, { headers: { authorization: `Bearer ${tw.hostToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/zip/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'actions.csv', 'chat.csv', 'contests.csv', 'decisions.csv', 'guesses.csv', 'pauses.csv', 'payments.csv', 'player_days.csv', 'roster.csv', 'session.csv', 'summary.csv',
    ]);
    const csv = (name: string) => parseCsv(strFromU8(files[name]!));
    // Every file: a UTF-8 BOM (Excel reads Arabic names right) and the session code on every row.
    for (const [name, bytes] of Object.entries(files)) {
      expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      expect(strFromU8(bytes).split('\n')[0]!.split(','), name).toContain('session_code');
      for (const row of csv(name)) expect(row.session_code, name).toBe(code);
    }

    const playerDays = csv('player_days.csv');
    expect(playerDays).toHaveLength(5 * day);
    expect(playerDays.filter((r) => r.player_id === ids[1]).map((r) => Number(r.day))).toEqual(Array.from({ length: day }, (_, i) => i + 1));
    expect(playerDays.find((r) => r.player_id === ids[0])).toMatchObject({
      session_code: code, participant_code: `${code}-${ids[0]}`, name: 'Student S1', participant_label: 'S1', kind: 'student',
    });
    // `multiple` is market cap ÷ NAV (the engine's sentiment multiple has its own column).
    const pd = playerDays.find((r) => r.player_id === ids[1] && Number(r.nav_usd) > 0)!;
    expect(Number(pd.multiple)).toBeCloseTo(Number(pd.market_cap_usd) / Number(pd.nav_usd), 9);
    expect(pd.sentiment_multiple).not.toBe('');

    const session = csv('session.csv');
    expect(session).toHaveLength(1);
    expect(session[0]).toMatchObject({ session_code: code, scenario: 'halving-sprint', teacher: 'Ms Rivera', market_equity: 'false', market_loans: 'true', chat: 'true', labels: '4', labels_joined: '3', pauses: '1' });
    expect(Date.parse(session[0]!.started_at!)).toBeGreaterThanOrEqual(Date.parse(session[0]!.created_at!));

    const roster = csv('roster.csv');
    expect(roster.find((r) => r.participant_label === 'S4')).toMatchObject({ joined: 'false', participant_code: '', player_id: '' });
    expect(roster.find((r) => r.participant_label === 'S2')).toMatchObject({ joined: 'true', player_id: ids[1], decisions: '2' });
    expect(roster.filter((r) => r.kind === 'bot')).toHaveLength(2);

    const chat = csv('chat.csv');
    expect(chat).toEqual([expect.objectContaining({ player_id: ids[2], participant_label: 'S3', text: 'hello class' })]);
    const pauses = csv('pauses.csv');
    expect(pauses).toEqual([expect.objectContaining({ pause_no: '1', reason: 'teacher', question: 'Why did BTC fall?', resumed_at: '' })]);

    const decisions = csv('decisions.csv');
    const treasury = decisions.find((d) => d.action_type === 'setTreasuryPolicy')!;
    // Possible from the start of the market (the student sat down before it).
    expect(treasury).toMatchObject({ player_id: ids[1], controlled_by: 'student', possible_because: 'start', possible_since: session[0]!.started_at });
    expect(Number(treasury.seconds_since_possible)).toBeGreaterThanOrEqual(0);
    const guess2 = decisions.filter((d) => d.action_type === 'guess' && d.player_id === ids[1]);
    expect(guess2).toHaveLength(1);
    expect(guess2[0]).toMatchObject({ possible_because: 'round_open', game: '1', round: '1', decision_no: '1' });
    expect(decisions.filter((d) => d.player_id!.startsWith('gbot')).every((d) => d.controlled_by === 'bot')).toBe(true);
    expect(decisions.filter((d) => d.player_id === ids[0]).map((d) => d.decision_no)).toEqual(['1', '2']);
    expect(Number(decisions.filter((d) => d.player_id === ids[0])[1]!.seconds_since_previous)).toBeGreaterThanOrEqual(0);

    const payments = csv('payments.csv');
    expect(payments).toHaveLength(3);
    // Default rule: by rank among the students, 100 points for first to 0 for last; ties share the better place.
    for (const p of payments) {
      const rank = 1 + payments.filter((o) => Number(o.score_usd) > Number(p.score_usd)).length;
      expect(p).toMatchObject({ rank: String(rank), amount: String(Math.round((100 * (3 - rank)) / 2)), unit: 'points', students: '3', kind: 'student' });
    }

    const actions = csv('actions.csv');
    expect(actions.find((a) => a.action_type === 'setTreasuryPolicy' && a.player_id === ids[1])).toMatchObject({ result: 'accepted', participant_label: 'S2', controlled_by: 'student' });
    const refused = actions.find((a) => a.action_type === 'raiseEquity');
    expect(refused).toMatchObject({ result: 'MARKET_CLOSED', player_id: ids[1] });
    expect(refused!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(actions.filter((a) => a.result === 'BAD_GUESS')).toHaveLength(2);
    expect(actions.filter((a) => a.action_type === 'guess' && a.result === 'accepted')).toHaveLength(9);
    expect(actions.some((a) => a.result === 'NOT_HOST' && a.player_id === ids[0])).toBe(true);

    const guesses = csv('guesses.csv');
    expect(guesses).toHaveLength(8);
    expect(guesses.find((g) => g.player_id === ids[2])).toMatchObject({ value: '40', round: '1', game: '1', participant_label: 'S3', kind: 'student', session_code: code });
    expect(guesses.filter((g) => g.won === 'true').map((g) => g.player_id)).toContain(round.winner);
    expect(Number(guesses[0]!.round_target)).toBeCloseTo(round.target, 9);

    const summary = csv('summary.csv');
    expect(summary).toHaveLength(5);
    expect(summary.find((s) => s.player_id === ids[1])).toMatchObject({ actions_rejected: '1', guesses: '1', participant_label: 'S2' });
    expect(summary.filter((s) => s.kind === 'bot')).toHaveLength(2);
    expect(csv('contests.csv').length).toBe(teacher.room.state.contest.lastRound);
    // The export re-runs the log: its last day matches the live match exactly, and so does a replay.
    const match = await (await fetch(`${ts.http}/api/matches/${code}`)).json();
    for (const st of match.standings) expect(Number(summary.find((r) => r.player_id === st.playerId)!.market_cap_usd)).toBe(st.marketCapUsd);
    const replay = await (await fetch(`${ts.http}/api/matches/${code}/replay.json?token=${tw.hostToken}`)).json();
    expect(stateHash(runReplay(replay))).toBe(replay.stateHash);

    expect((await fetch(`${ts.http}/api/sessions/${code}/export.zip?token=nope`)).status).toBe(403);

    // The teacher's payment rule: scores scaled to euros with a show-up fee.
    const euro = await fetch(`${ts.http}/api/sessions/${code}/export.zip?token=${tw.hostToken}&pay_rule=score&pay_max=20&pay_min=5&pay_show_up=3&pay_unit=EUR`);
    const paid = parseCsv(strFromU8(unzipSync(new Uint8Array(await euro.arrayBuffer()))['payments.csv']!));
    const sc = paid.map((p) => Number(p.score_usd));
    const [lo, hi] = [Math.min(...sc), Math.max(...sc)];
    // Linear in the score from 5 (lowest) to 20 (highest), plus 3; everyone level gets the top amount.
    for (const p of paid) expect(Number(p.amount)).toBeCloseTo(3 + 5 + 15 * (hi > lo ? (Number(p.score_usd) - lo) / (hi - lo) : 1), 2);
    expect(paid.every((p) => p.unit === 'EUR' && p.rule === 'score')).toBe(true);
    expect((await fetch(`${ts.http}/api/sessions/${code}/export.zip?token=${tw.hostToken}&pay_rule=lottery`)).status).toBe(400);
    await Promise.all([...students.map((s) => s.room.leave()), teacher.room.leave()]);
  });

  it('stacks several sessions into one zip, each named by its own teacher token, with formula-like names neutralised', async () => {
    const a = await createRoom(ts.url, { daysPerSecond: 10, classroom: { labels: ['=1+2', 'B'] } });
    const b = await createRoom(ts.url, { daysPerSecond: 10, classroom: {} });
    const [aw, bw] = [await welcomeOf(a), await welcomeOf(b)];
    const keys = await studentKeys(a);
    const sa = await joinRoom(ts.url, a.room.roomId, { studentKey: keys.get('=1+2'), playerName: '@SUM(A1)' });
    const sb = await joinRoom(ts.url, b.room.roomId, { playerName: 'ليلى' });
    await Promise.all([welcomeOf(sa), welcomeOf(sb)]);
    const pairs = `${a.room.roomId}:${aw.hostToken},${b.room.roomId}:${bw.hostToken}`;
    const res = await fetch(`${ts.http}/api/sessions/export.zip?sessions=${encodeURIComponent(pairs)}`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = (name: string) => strFromU8(files[name]!);
    const csv = (name: string) => parseCsv(text(name));
    expect(csv('session.csv').map((r) => r.session_code).sort()).toEqual([a.room.roomId, b.room.roomId].sort());
    const roster = csv('roster.csv');
    expect(roster.filter((r) => r.session_code === a.room.roomId).map((r) => [r.participant_label, r.joined])).toEqual([["'=1+2", 'true'], ['B', 'false']]);
    expect(text('roster.csv')).toContain(",'@SUM(A1),");
    expect(roster.find((r) => r.session_code === b.room.roomId)).toMatchObject({ name: 'ليلى', participant_label: '', joined: 'true' });
    // One token wrong: nothing is exported.
    expect((await fetch(`${ts.http}/api/sessions/export.zip?sessions=${a.room.roomId}:${aw.hostToken},${b.room.roomId}:${aw.hostToken}`)).status).toBe(403);
    const post = await fetch(`${ts.http}/api/sessions/export.zip`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessions: [{ id: b.room.roomId, token: bw.hostToken }] }),
    });
    expect(parseCsv(strFromU8(unzipSync(new Uint8Array(await post.arrayBuffer()))['session.csv']!)).map((r) => r.session_code)).toEqual([b.room.roomId]);
    expect((await fetch(`${ts.http}/api/sessions/export.zip?sessions=`)).status).toBe(400);
    await Promise.all([sa.room.leave(), sb.room.leave(), a.room.leave(), b.room.leave()]);
  });
});
