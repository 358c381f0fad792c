import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, workloadNotes } from '../../engine/scenario/index.js';
import { runCli } from '../cli/run-cli.js';

const SEATTLE = readFileSync('scenarios/seattle.yaml', 'utf8');

function notesOf(text: string) {
  const loaded = loadScenarioText(text, 'seattle-variant.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return workloadNotes(loaded.scenario, loaded.tenant);
}

describe('workload notes', () => {
  it('say nothing when the workload asks only for what the tenant offers', () => {
    expect(notesOf(SEATTLE)).toEqual([]);
  });

  it('name a dialled string that no emergency policy knows, and the outcome it leads to', () => {
    const text = SEATTLE.replace('dialStrings: { "911": 0.95, "933": 0.05 }', 'dialStrings: { "911": 0.95, "112": 0.05 }');
    expect(text).not.toBe(SEATTLE);
    expect(notesOf(text)).toEqual([expect.objectContaining({ outcome: 'EMG001', path: 'workload.emergency.dialStrings.112' })]);
  });

  it('name a key that no menu maps', () => {
    const text = SEATTLE.replace('keys: { "1": 0.4, "0": 0.1 }', 'keys: { "1": 0.4, "0": 0.1, "7": 0.1 }');
    expect(text).not.toBe(SEATTLE);
    expect(notesOf(text)).toEqual([expect.objectContaining({ outcome: 'INB014', path: 'workload.inbound.behaviour.keys.7' })]);
  });

  it('are printed by validate without changing its exit code', async () => {
    const { code, stdout } = await runCli('validate', 'scenarios/no-emergency-policy.yaml');
    expect(stdout).toMatch(/^note EMG001 workload\.emergency\.dialStrings\.911: callers dial 911/m);
    expect(code).toBe(1); // its findings (USR005) are errors; the note adds nothing to that
  });
});
