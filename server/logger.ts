/** Structured logs (pino, JSON lines on stdout). One root logger per server; rooms take children. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { svc: 'beauty-contest' } });
}
