import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Colyseus' server code calls process.send() under forks; threads avoid that.
    pool: 'threads',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
