import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default for `run` is one worker less than the cores: one fork on the 2-core CI box, and the files ran
    // one after another there (last CI: 395 s of tests in 501 s wall). Most of their time is spent waiting (child
    // processes, HTTP on 127.0.0.1, PostgreSQL), so at least two. On the shared development machine pass
    // --maxWorkers=1 (team rules; the command line wins over this).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    exclude: ['node_modules/**', 'out/**', 'tests/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,electron,renderer,city-api,tests/unit,tests/integration,tests/crash,tests/security,bench}/**/*.test.{ts,tsx}'],
          exclude: ['node_modules/**', 'out/**', 'tests/e2e/**', '**/*.pg.test.ts'],
        },
      },
      {
        // city API tests on both backends (issue 19): a throwaway PostgreSQL cluster for the run (tests/support/throwaway-postgres.ts)
        extends: true,
        test: {
          name: 'postgres',
          include: ['{city-api,tests}/**/*.pg.test.ts'],
          globalSetup: ['tests/support/throwaway-postgres.ts'],
        },
      },
    ],
  },
});
