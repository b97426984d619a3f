import { defineConfig } from 'vitest/config';

/**
 * Server-side tests that stay in-process and touch no socket, file, child process or database:
 * they run with the engine's tests in the unit tier. Every other file under test/server/ is
 * integration, so a new server test is integration until it is listed here.
 */
const PURE_SERVER_TESTS = [
  'test/server/classroom/settings.test.ts',
  'test/server/rooms/clock.test.ts',
  'test/server/rooms/names.test.ts',
  'test/server/rooms/privateFeed.test.ts',
  'test/server/rooms/rateLimit.test.ts',
  'test/server/rooms/tickSlices.test.ts',
];

/**
 * Pure too, but whole leagues of matches (exploit strategies against the reference field, the
 * stylized facts over a two-year history): minutes of CPU, so they get a tier of their own and the
 * unit tier stays a quick loop.
 */
const BALANCE_TESTS = ['test/shared/bots/exploits.*.test.ts', 'test/shared/economy/stylizedFacts.test.ts'];

export default defineConfig({
  test: {
    // Colyseus' server code calls process.send() under forks; threads avoid that.
    pool: 'threads',
    // Last guards only: tests wait for states and events (test/server/helpers.ts#waitFor), and
    // these ceilings are for a test that would otherwise hang. They are generous so that a loaded
    // machine (load ~17 on 2 cores runs a test ten times slower) is slow, not red.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/client/**/*.test.ts', ...PURE_SERVER_TESTS],
          exclude: BALANCE_TESTS,
        },
      },
      {
        extends: true,
        test: {
          name: 'balance',
          include: BALANCE_TESTS,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/server/**/*.test.ts'],
          exclude: PURE_SERVER_TESTS,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
        },
      },
    ],
  },
});
