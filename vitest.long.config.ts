import { defineConfig } from 'vitest/config';

/**
 * `npm run test:long`, the second step of .ci/run: the long versions of the statistical tests
 * (more replications, tighter bounds) and the memory check of test/run/statistics-scale.test.ts.
 * CALLSIM_LONG_STATS=1 makes those files register their long tests instead of the short ones that
 * `npm test` runs, so neither run reports a skipped test.
 */
export default defineConfig({
  test: {
    include: ['test/run/statistics*.test.ts'],
    env: { CALLSIM_LONG_STATS: '1' },
    // Two cores: keep the pool small so the runs do not thrash.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
