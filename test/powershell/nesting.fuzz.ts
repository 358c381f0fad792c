/**
 * Part of the long fuzz of `npm run test:fuzz` (vitest.fuzz.config.ts), the third step of .ci/run:
 * nesting far past the limit, alone and after doubling scripts. See test/powershell/fuzz-scripts.ts.
 */
import { describe } from 'vitest';
import { anyScript, fuzzTest, nestingScript } from './fuzz-scripts.js';

describe('PowerShell that cannot be knocked over: nesting (long fuzz)', () => {
  fuzzTest('nesting', 400, nestingScript);
  fuzzTest('mixed', 300, anyScript);
});
