import { defineConfig } from 'vitest/config';

/**
 * `npm run test:fuzz`, the third step of .ci/run: the long fuzz of the PowerShell interpreter
 * (test/powershell/*.fuzz.ts, a few tens of seconds). `npm test` runs a short version of it
 * (test/powershell/parse-errors.test.ts); its files are named *.fuzz.ts so that npm test leaves
 * this one out.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.fuzz.ts'],
    // Two cores: keep the pool small so the runs do not thrash.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 600_000,
  },
});
