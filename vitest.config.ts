import { defineConfig } from 'vitest/config';

// "unit" needs only Node (in-process DuckDB); "services" needs ClickHouse, MariaDB or Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/services/**', 'test/e2e/**'],
          testTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'services',
          include: ['test/services/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
