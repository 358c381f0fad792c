import { describe, expect, it } from 'vitest';
import { METRIC_LABELS, OUTCOME_LABELS } from '../../cli/commands/run.js';
import { CALL_FLOW_OUTCOME, CALL_OUTCOME_IDS } from '../../engine/machines/index.js';
import { runCli } from './run-cli.js';

describe('run summary labels', () => {
  it('labels every outcome and call flow a call can end with, so no summary line is left bare', () => {
    const ids = [...Object.values(CALL_OUTCOME_IDS).flat(), ...Object.values(CALL_FLOW_OUTCOME)];
    expect(ids.filter((id) => OUTCOME_LABELS[id] === undefined)).toEqual([]);
  });

  it('does not call OUT001 "connected" alone: it counts calls the far end did not answer too', () => {
    const label = OUTCOME_LABELS['OUT001'] ?? '';
    expect(label).toMatch(/answered or not/);
    expect(label).not.toMatch(/^connected\b/i);
    expect(label.replace(/answered or not/, '')).not.toMatch(/\bconnected\b/i);
    expect(METRIC_LABELS['outbound.answered']).toMatch(/OUT001/);
  });

  it('labels the flow counts as flows, not outcomes, and INB015 as no failure', () => {
    for (const id of Object.values(CALL_FLOW_OUTCOME)) expect(OUTCOME_LABELS[id]).toMatch(/flow ran, not an outcome/);
    expect(OUTCOME_LABELS['INB015']).toMatch(/not a failure/);
  });

  it('prints outbound.answered right under OUT001 as the part of it that was answered', async () => {
    const { stdout } = await runCli('run', 'test/fixtures/run/small-office.yaml');
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  outbound.outcome.OUT001 '));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).toContain('placed with the shared number as caller ID (answered or not)');
    expect(lines[at + 1]).toMatch(/^ {2}outbound\.answered {2}of the OUT001 calls, those the far end answered +\d/);
  });

  it('labels the inbound flow lines and INB015 in a run with an after-hours flow', async () => {
    const { stdout } = await runCli('run', 'scenarios/holidays-and-after-hours.yaml', '--replications', '2');
    expect(stdout).toMatch(/\n {2}inbound\.flow\.INB003 {2}flow run: after hours \(counts which flow ran, not an outcome\) +\d/);
    expect(stdout).toMatch(/\n {2}inbound\.outcome\.INB015 {2}ended by the flow \(disconnect or redirect\), not a failure +\d/);
  });
});
