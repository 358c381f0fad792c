/**
 * Part of the long fuzz of `npm run test:fuzz` (vitest.fuzz.config.ts), the third step of .ci/run:
 * values doubled far past the size limits, and random pieces of syntax. See test/powershell/fuzz-scripts.ts.
 */
import { describe } from 'vitest';
import { doublingScript, fuzzTest, piecesScript } from './fuzz-scripts.js';

describe('PowerShell that cannot be knocked over: doubling and pieces (long fuzz)', () => {
  fuzzTest('doubling', 400, doublingScript);
  fuzzTest('pieces', 8000, (random) => piecesScript(random, 40));
});
