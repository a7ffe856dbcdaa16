import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
