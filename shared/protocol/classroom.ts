/** Wire vocabulary a classroom session adds to the `market` room (docs/classroom.md). */
import * as z from 'zod';
import { MAX_ROUNDS, P_MAX, type GuessErrorCode } from '../classroom/guess.js';
import { EVENT_KINDS, MARKET_KEYS, type MarketKey } from '../economy/scenarios/types.js';

export { MARKET_KEYS, type MarketKey };

export const MAX_GUESS_ONLY_BOTS = 100;
export const MAX_CHAT_CHARS = 280;
export const MAX_QUESTION_CHARS = 280;

/** Teacher-only messages of a session. */
export const teacherCommandSchemas = {
  advance: z.object({ what: z.enum(['guess', 'start', 'contest']).optional() }).strict(),
  guessStart: z
    .object({
      p: z.number().finite().gt(0).max(P_MAX),
      rounds: z.number().int().min(1).max(MAX_ROUNDS),
      bots: z.number().int().min(0).max(MAX_GUESS_ONLY_BOTS).optional(),
    })
    .strict(),
  guessOpen: z.object({}).strict(),
  guessClose: z.object({}).strict(),
  /** Bots for absent students: `playerId` one seat, or '*' the whole class (seatControl.ts). */
  seatBots: z.object({ playerId: z.string().min(1).max(40), on: z.boolean() }).strict(),
  /** Pause by itself just before each scheduled event (schedule.ts). */
  autoPause: z.object({ on: z.boolean() }).strict(),
} as const;
export type TeacherCommand = keyof typeof teacherCommandSchemas;
export const TEACHER_COMMANDS = Object.freeze(Object.keys(teacherCommandSchemas) as TeacherCommand[]);

/** Student messages of a session. */
export const studentMessageSchemas = {
  /** `value` is checked by the ⅔ model (BAD_GUESS), not here, so a typo gets the model's sentence. */
  guess: z.object({ value: z.unknown() }),
  chat: z.object({ text: z.string().trim().min(1).max(MAX_CHAT_CHARS) }).strict(),
} as const;
export type StudentMessage = keyof typeof studentMessageSchemas;
export const STUDENT_MESSAGES = Object.freeze(Object.keys(studentMessageSchemas) as StudentMessage[]);

export const CLASSROOM_MESSAGES = Object.freeze({ guess: 'guess', roster: 'roster', chat: 'chat' } as const);

/** Codes only a session raises (server-side; the engine's `ErrorCode` is untouched). */
export type ClassroomErrorCode = 'MARKET_CLOSED' | 'NOT_CLASSROOM' | 'CHAT_OFF' | 'NO_GUESS_GAME' | GuessErrorCode;

export type AdvanceKind = 'guess' | 'start' | 'contest';

/** The `classroom` create option (docs/classroom.md, "Creating a session"); defaults are applied by server/classroom/settings.ts. */
export const MAX_LABELS = 200;
export const MAX_SCHEDULED_EVENTS = 50;

const usd = z.number().finite().min(0).max(1e12);

const marketsOpenSchema = z
  .object(Object.fromEntries(MARKET_KEYS.map((m) => [m, z.boolean().optional()])) as Record<MarketKey, z.ZodOptional<z.ZodBoolean>>)
  .strict();

export const classroomOptionsSchema = z
  .object({
    startingCashUsd: usd.optional(),
    marketsOpen: marketsOpenSchema.optional(),
    events: z
      .array(
        z
          .object({
            day: z.number().int().min(1),
            kind: z.enum(EVENT_KINDS),
            params: z.record(z.string().max(32), z.union([z.number().finite(), z.string().max(64)])).optional(),
            headline: z.string().max(140).optional(),
          })
          .strict(),
      )
      .max(MAX_SCHEDULED_EVENTS)
      .optional(),
    contestPeriodDays: z.number().int().min(1).max(365).optional(),
    maxStakeUsd: usd.optional(),
    anonymousNames: z.boolean().optional(),
    chat: z.boolean().optional(),
    labels: z.array(z.string().trim().min(1).max(40)).max(MAX_LABELS).optional(),
    /** With labels: also admit people without a student link (as new, unlabelled seats). */
    allowGuests: z.boolean().optional(),
    /**
     * With labels: "choose your name from the list". The class's public join link lists the labels
     * nobody has taken yet; a student taps theirs and gets that seat (join option `label`).
     */
    labelList: z.boolean().optional(),
    /** Who runs the class (for session.csv): a name or course, as the teacher wants it recorded. */
    teacher: z.string().trim().max(80).optional(),
  })
  .strict();
export type ClassroomOptions = z.infer<typeof classroomOptionsSchema>;
