import { defineConfig } from 'vitest/config';

/** The crash test spawns and kills 200 child processes (~1–2 min): run on its own with `npx vitest run -c tests/crash/vitest.crash.config.ts`. */
export default defineConfig({
  test: {
    include: ['tests/crash/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
