/**
 * Room codes: 6 capital letters without look-alikes, used as the Colyseus `roomId` and the match id.
 * Players type them in any case; `normaliseCode` is the one place that folds case.
 */
import { randomInt, randomBytes } from 'node:crypto';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

export function randomCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += LETTERS[randomInt(LETTERS.length)];
  return code;
}

/** Upper-cases and checks a user-typed code; null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return /^[A-Z]{6}$/.test(code) ? code : null;
}

/** A code no live room and no stored match uses. */
export function uniqueCode(taken: (code: string) => boolean): string {
  for (let i = 0; i < 1000; i++) {
    const code = randomCode();
    if (!taken(code)) return code;
  }
  throw new Error('could not find a free room code');
}

/** Unguessable secret for host and seat tokens. */
export function secretToken(): string {
  return randomBytes(18).toString('base64url');
}
