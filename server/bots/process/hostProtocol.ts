/** Messages between a thread running a match and the process-bot host thread (hostWorker.mjs). */

export interface ProcessLimits {
  /** CPU time per decision (ms); an answer that took more is dropped with a `timeout` strike. */
  budgetMs: number;
  /** CPU time (ms) after which a decision is abandoned and the process killed (a loop). */
  killCpuMs: number;
  /** Wall time (ms) without an answer after which the process is killed (`silent`). */
  silenceMs: number;
  /** Wall time (ms) allowed from spawn to the `ready` line (interpreters start slowly on a busy machine). */
  startMs: number;
  /** Address-space / heap cap per bot, MB. */
  memoryMb: number;
}

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  /** How the memory cap is applied: V8's heap flag for node, `ulimit -v` for anything else. */
  memoryCap: 'node-heap' | 'ulimit';
}

export type HostRequest =
  | { op: 'start'; botId: number; spawn: SpawnSpec; limits: ProcessLimits; hello: string }
  | { op: 'decide'; botId: number; line: string; limits: ProcessLimits }
  | { op: 'stop'; botId: number; line: string };

export type HostFault = 'crashed' | 'silent' | 'timeout' | 'garbage';

export type HostReply =
  | { ok: true; line: string; cpuMs: number; wallMs: number; stderr: string }
  | { ok: false; fault: HostFault; message: string; cpuMs: number; wallMs: number; stderr: string };
