/**
 * The process-bot host: a worker thread that owns the bots' child processes and does their I/O,
 * so the thread running a (synchronous) match can block on an answer with a deadline. It counts
 * each decision's CPU time from /proc/<pid>/stat (wall time where there is no /proc), kills a bot
 * that loops or goes silent, and hands back what the bot wrote on stderr.
 *
 * Plain JavaScript on purpose: a worker started with a TypeScript loader cannot boot while its parent
 * thread is blocked in Atomics.wait (the loader needs the parent), and blocking is the whole point.
 * Message shapes: hostProtocol.ts.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const MAX_LINE_CHARS = 256 * 1024;
/** stderr kept per process: a chatty bot cannot fill the machine's memory. */
const MAX_STDERR_CHARS = 512 * 1024;
const POLL_MS = 5;
/** RLIMIT_CPU backstop: even a bot orphaned by a crashed league dies after this much CPU. */
const MAX_CPU_S_PER_PROCESS = 1800;

const { port, flag } = workerData;
const signal = new Int32Array(flag);

let clockTicksPerS = 100;
try {
  clockTicksPerS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // No getconf: Linux's USER_HZ is 100 almost everywhere.
}

/** CPU time (user + system) of a process in ms, or null where the OS does not say. */
function cpuMsOf(pid) {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces), from field 3 (state) on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerS;
  } catch {
    return null;
  }
}

/** @typedef {{ child: import('node:child_process').ChildProcessWithoutNullStreams, lines: string[], partial: string, stderr: string, stderrDropped: boolean, exit: string | null, wake: (() => void) | null }} Bot */

/** @type {Map<number, Bot>} */
const bots = new Map();

function takeStderr(bot) {
  if (!bot) return '';
  const s = bot.stderr;
  bot.stderr = '';
  return s;
}

function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function launch(spec, limits) {
  // `exec` keeps the pid, so /proc/<pid>/stat is the bot's own CPU time. V8 reserves far more
  // address space than it uses, so node bots get a heap cap instead of `ulimit -v`.
  const memKb = Math.round(limits.memoryMb * 1024);
  const argv = spec.memoryCap === 'node-heap'
    ? [spec.command, `--max-old-space-size=${limits.memoryMb}`, ...spec.args]
    : [spec.command, ...spec.args];
  const script = `ulimit -t ${MAX_CPU_S_PER_PROCESS} 2>/dev/null; ${spec.memoryCap === 'ulimit' ? `ulimit -v ${memKb} 2>/dev/null; ` : ''}exec ${argv.map(shellQuote).join(' ')}`;
  const child = spawn('/bin/sh', ['-c', script], { cwd: spec.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const bot = { child, lines: [], partial: '', stderr: '', stderrDropped: false, exit: null, wake: null };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    bot.partial += chunk;
    let nl;
    while ((nl = bot.partial.indexOf('\n')) >= 0) {
      const line = bot.partial.slice(0, nl).replace(/\r$/, '');
      bot.partial = bot.partial.slice(nl + 1);
      if (line.trim()) bot.lines.push(line);
    }
    if (bot.partial.length > MAX_LINE_CHARS) {
      bot.lines.push(bot.partial.slice(0, 80));
      bot.partial = '';
    }
    bot.wake?.();
  });
  child.stderr.on('data', (chunk) => {
    if (bot.stderr.length + chunk.length <= MAX_STDERR_CHARS) bot.stderr += chunk;
    else if (!bot.stderrDropped) {
      bot.stderrDropped = true;
      bot.stderr += '\n[stderr over its cap: the rest of this process\'s log is dropped]\n';
    }
  });
  child.stdin.on('error', () => { /* the bot died; its exit is reported instead */ });
  child.on('error', (e) => {
    bot.exit = `could not start: ${e.message}`;
    bot.wake?.();
  });
  child.on('exit', (code, sig) => {
    bot.exit = sig ? `killed by ${sig}` : `exited with code ${code}`;
    bot.wake?.();
  });
  return bot;
}

function kill(botId) {
  const bot = bots.get(botId);
  if (bot && bot.exit === null) bot.child.kill('SIGKILL');
}

/** Waits for the bot's next line, killing it on a CPU overrun past `killCpuMs` or `wallLimitMs` of silence. */
function nextLine(botId, bot, killCpuMs, wallLimitMs, timeFault) {
  const t0 = performance.now();
  const cpu0 = cpuMsOf(bot.child.pid);
  const measure = () => {
    const wallMs = performance.now() - t0;
    const now = cpu0 === null ? null : cpuMsOf(bot.child.pid);
    return { wallMs, cpuMs: now === null || cpu0 === null ? wallMs : now - cpu0 };
  };
  return new Promise((resolve) => {
    let timer = null;
    const finish = (reply) => {
      if (timer) clearInterval(timer);
      bot.wake = null;
      resolve(reply);
    };
    const check = () => {
      const { wallMs, cpuMs } = measure();
      const line = bot.lines.shift();
      if (line !== undefined) return finish({ ok: true, line, cpuMs, wallMs, stderr: takeStderr(bot) });
      if (bot.exit !== null) {
        return finish({ ok: false, fault: 'crashed', message: `${bot.exit}${lastWords(bot)}`, cpuMs, wallMs, stderr: takeStderr(bot) });
      }
      if (cpuMs > killCpuMs) {
        kill(botId);
        return finish({ ok: false, fault: 'timeout', message: `killed after ${cpuMs.toFixed(0)} ms of CPU without an answer`, cpuMs, wallMs, stderr: takeStderr(bot) });
      }
      if (wallMs > wallLimitMs) {
        kill(botId);
        return finish({ ok: false, fault: timeFault, message: `killed after ${(wallMs / 1000).toFixed(1)} s without an answer (${cpuMs.toFixed(0)} ms CPU)`, cpuMs, wallMs, stderr: takeStderr(bot) });
      }
    };
    bot.wake = check;
    timer = setInterval(check, POLL_MS);
    check();
  });
}

function lastWords(bot) {
  const tail = bot.stderr.trim().split('\n').slice(-1)[0];
  return tail ? `; last stderr line: ${tail.slice(0, 160)}` : '';
}

async function handle(req) {
  const none = { cpuMs: 0, wallMs: 0, stderr: '' };
  switch (req.op) {
    case 'start': {
      kill(req.botId);
      const bot = launch(req.spawn, req.limits);
      bots.set(req.botId, bot);
      bot.child.stdin.write(`${req.hello}\n`);
      // Start-up is not a decision: an interpreter may burn CPU loading; only wall time counts here.
      return nextLine(req.botId, bot, Number.POSITIVE_INFINITY, req.limits.startMs, 'crashed');
    }
    case 'decide': {
      const bot = bots.get(req.botId);
      if (!bot || bot.exit !== null) return { ok: false, fault: 'crashed', message: bot?.exit ?? 'not running', ...none, stderr: takeStderr(bot) };
      // Lines left over from an earlier day answer nothing now.
      const stale = bot.lines.splice(0);
      if (stale.length) bot.stderr += `[engine] dropped ${stale.length} extra line(s) from an earlier day\n`;
      bot.child.stdin.write(`${req.line}\n`);
      return nextLine(req.botId, bot, req.limits.killCpuMs, req.limits.silenceMs, 'silent');
    }
    case 'stop': {
      const bot = bots.get(req.botId);
      if (!bot) return { ok: true, line: '', ...none };
      if (bot.exit === null) {
        bot.child.stdin.end(`${req.line}\n`);
        // A second to exit cleanly after `end`, then it is killed.
        await new Promise((r) => {
          const t = setTimeout(() => { kill(req.botId); r(); }, 1000);
          bot.child.once('exit', () => { clearTimeout(t); r(); });
          if (bot.exit !== null) { clearTimeout(t); r(); }
        });
      }
      bots.delete(req.botId);
      return { ok: true, line: '', ...none, stderr: takeStderr(bot) };
    }
  }
}

port.on('message', (req) => {
  void handle(req).then(
    (reply) => {
      port.postMessage({ reply, pid: req.op === 'start' ? bots.get(req.botId)?.child.pid ?? 0 : 0 });
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    },
    (e) => {
      port.postMessage({ reply: { ok: false, fault: 'crashed', message: `host error: ${e.message}`, cpuMs: 0, wallMs: 0, stderr: '' }, pid: 0 });
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    },
  );
});

process.on('exit', () => {
  for (const id of bots.keys()) kill(id);
});
