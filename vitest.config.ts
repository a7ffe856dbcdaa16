import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,city-api,tests/unit,tests/integration,tests/crash,tests/security,bench}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'out/**', 'tests/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
