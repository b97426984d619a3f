/**
 * A bot in any language, as a Strategy: each seat is a child process speaking the JSON-lines
 * protocol (docs/bots.md). Decisions are synchronous for the match runner: the calling thread
 * blocks (Atomics.wait) while the host thread (hostWorker.mjs) talks to the process and enforces the
 * limits. A crash, silence, garbage or an overrun costs the day and a strike; a killed bot is
 * restarted the next day; after `maxStrikes` the bot is retired for the rest of the match.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { BotFault, type Strategy, type StrikeReason } from '../../../shared/bots/types.js';
import type { PlayerView } from '../../../shared/rules/view.js';
import { parseActions, parseReady, PROTOCOL_VERSION, type DayMessage, type EndMessage, type HelloMessage } from '../protocol/messages.js';
import type { HostReply, HostRequest, ProcessLimits, SpawnSpec } from './hostProtocol.js';

export type { ProcessLimits, SpawnSpec };

export const DEFAULT_MAX_STRIKES = 10;

/** Limits for a CPU budget per decision: a loop is killed at 4× budget + 200 ms of CPU. */
export function limitsFor(budgetMs: number, overrides: Partial<ProcessLimits> = {}): ProcessLimits {
  return {
    budgetMs,
    killCpuMs: budgetMs * 4 + 200,
    silenceMs: Math.max(3000, budgetMs * 20),
    startMs: 15_000,
    memoryMb: 512,
    ...overrides,
  };
}

/** One host thread per thread that runs matches; bots of every match on this thread share it. */
class ProcessHost {
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  readonly pids = new Set<number>();

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./hostWorker.mjs', import.meta.url), {
      execArgv: [],
      workerData: { port: port2, flag: this.flag.buffer },
      transferList: [port2],
    });
    this.worker.unref();
    // A bot must not outlive the league that started it.
    process.once('exit', () => {
      for (const pid of this.pids) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    });
  }

  /** Sends a request and blocks until the host answers (or `maxWaitMs` passes). */
  request(req: HostRequest, maxWaitMs: number): HostReply {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const message = got.message as { reply: HostReply; pid: number };
        if (message.pid) this.pids.add(message.pid);
        return message.reply;
      }
      const left = deadline - performance.now();
      if (left <= 0) return { ok: false, fault: 'crashed', message: 'the bot host did not answer', cpuMs: 0, wallMs: maxWaitMs, stderr: '' };
      // The flag says a reply was posted; waking a few ms early just loops once more.
      Atomics.wait(this.flag, 0, 0, Math.min(left, 50));
    }
  }
}

let host: ProcessHost | null = null;
let nextBotId = 1;

export interface ProcessBotOptions {
  spawn: SpawnSpec;
  /** The name the league knows the bot by (its path as given); the handshake name is logged. */
  label: string;
  /** The bot's own seed (`botSeed(matchSeed, playerId)`), sent in `hello` and every `day`. */
  seed: string;
  limits: ProcessLimits;
  maxStrikes?: number;
}

export interface ProcessBotStats {
  decisions: number;
  cpuMs: number;
  wallMs: number;
  restarts: number;
  retiredOnDay: number | null;
  handshakeName: string | null;
}

export interface ProcessStrategy extends Strategy {
  readonly stats: ProcessBotStats;
  /** Sends `end`, closes stdin, and kills the process if it has not exited a second later. */
  close(day: number, reason: string): void;
}

/** A Strategy backed by a child process. The process starts on the first decision. */
export function processStrategy(opts: ProcessBotOptions): ProcessStrategy {
  host ??= new ProcessHost();
  const h = host;
  const botId = nextBotId++;
  const maxStrikes = opts.maxStrikes ?? DEFAULT_MAX_STRIKES;
  const limits = opts.limits;
  let running = false;
  let strikes = 0;
  let everStarted = false;
  const stats: ProcessBotStats = { decisions: 0, cpuMs: 0, wallMs: 0, restarts: 0, retiredOnDay: null, handshakeName: null };

  const fault = (reason: StrikeReason, message: string, day: number, killed: boolean): never => {
    strikes += 1;
    if (killed) running = false;
    if (strikes >= maxStrikes) {
      stats.retiredOnDay = day;
      h.request({ op: 'stop', botId, line: JSON.stringify({ type: 'end', day, reason: 'retired' } satisfies EndMessage) }, 5000);
      running = false;
      throw new BotFault(reason, `${message}; retired after ${strikes} strikes`);
    }
    throw new BotFault(reason, message);
  };
  const relay = (stderr: string, log: (line: string) => void) => {
    if (!stderr) return;
    for (const line of stderr.replace(/\n$/, '').split('\n')) log(line);
  };

  // The seat, scenario and length come from the first view the bot is asked about.
  const start = (view: PlayerView, log: (line: string) => void): void => {
    const day = view.day;
    if (everStarted) stats.restarts += 1;
    everStarted = true;
    const hello: HelloMessage = {
      type: 'hello', protocol: PROTOCOL_VERSION, playerId: view.playerId, seed: opts.seed, budgetMs: limits.budgetMs, scenarioId: view.scenarioId, endDay: view.endDay,
    };
    const reply = h.request({ op: 'start', botId, spawn: opts.spawn, limits, hello: JSON.stringify(hello) }, limits.startMs + 5000);
    relay(reply.stderr, log);
    if (!reply.ok) return fault('crashed', `did not start: ${reply.message}`, day, true);
    const ready = parseReady(reply.line);
    if (!ready.ok) {
      h.request({ op: 'stop', botId, line: '' }, 5000);
      return fault('garbage', `handshake: ${ready.message}`, day, true);
    }
    stats.handshakeName = ready.value.name;
    running = true;
  };

  return {
    name: opts.label,
    description: `process bot ${opts.spawn.command} ${opts.spawn.args.join(' ')}`.trim(),
    selfTimed: true,
    stats,
    decide(view: PlayerView, ctx) {
      if (stats.retiredOnDay !== null) return [];
      if (!running) start(view, ctx.log);
      const msg: DayMessage = { type: 'day', day: view.day, budgetMs: limits.budgetMs, seed: opts.seed, view };
      const reply = h.request({ op: 'decide', botId, line: JSON.stringify(msg), limits }, limits.silenceMs + 5000);
      stats.decisions += 1;
      stats.cpuMs += reply.cpuMs;
      stats.wallMs += reply.wallMs;
      relay(reply.stderr, ctx.log);
      if (!reply.ok) return fault(reply.fault, reply.message, view.day, true);
      if (reply.cpuMs > limits.budgetMs) return fault('timeout', `answered after ${reply.cpuMs.toFixed(0)} ms of CPU (budget ${limits.budgetMs} ms)`, view.day, false);
      const parsed = parseActions(reply.line, view.day);
      if (!parsed.ok) return fault('garbage', parsed.message, view.day, false);
      return parsed.value;
    },
    close(day, reason) {
      if (!everStarted) return;
      h.request({ op: 'stop', botId, line: JSON.stringify({ type: 'end', day, reason } satisfies EndMessage) }, 5000);
      running = false;
      everStarted = false;
    },
  };
}
