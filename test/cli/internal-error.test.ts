import { describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

vi.mock('../../engine/scenario/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../engine/scenario/index.js')>()),
  loadScenarioFile: () => Promise.reject(new Error('the disk caught fire')),
}));

describe('callsim internal errors', () => {
  it('prints one line without a stack trace and exits 2', async () => {
    expect(await runCli('validate', 'scenarios/seattle.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'callsim: internal error: the disk caught fire\n',
    });
  });
});
