import { defineConfig } from 'vitest/config';

/** The performance suite (tests/perf/): run alone, after the functional suite, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/perf/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
