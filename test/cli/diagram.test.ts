import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_MACHINES, diagramMermaid } from '../../engine/machines/index.js';
import { callMachineDiagram } from '../../cli/commands/diagram.js';
import { runCli } from './run-cli.js';

describe('callsim diagram', () => {
  it('prints every machine as Mermaid by default, each headed by its name', async () => {
    const { code, stdout, stderr } = await runCli('diagram');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.match(/^stateDiagram-v2$/gm)).toHaveLength(5);
    expect(stdout).toBe(DIAGRAM_MACHINES.map((kind) => `%% ${kind}\n${diagramMermaid(callMachineDiagram(kind))}`).join('\n'));
  });

  it('prints one machine as Mermaid', async () => {
    const { code, stdout } = await runCli('diagram', 'callback', '--format', 'mermaid');
    expect(code).toBe(0);
    expect(stdout).toBe(`%% callback\n${diagramMermaid(callMachineDiagram('callback'))}`);
    expect(stdout).toContain('  ringingCaller --> reachedCaller : always [callerAnswers]\n');
    expect(stdout).toContain('  reachedAutoAttendantViaAccountNumber : CBK003\n');
  });

  it('prints one machine as a JSON document, all five as an array', async () => {
    const one = await runCli('diagram', 'emergency', '--format', 'json');
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout) as { machine: string; initial: string; states: { name: string; final: boolean; outcome?: string }[]; transitions: { event: string }[] };
    expect(doc).toEqual(callMachineDiagram('emergency'));
    expect([doc.machine, doc.initial]).toEqual(['emergency', 'choosingPolicy']);
    expect(doc.states.find((s) => s.name === 'reusedCallbackNumber')).toEqual({ name: 'reusedCallbackNumber', final: true, outcome: 'EMG004' });
    expect(doc.transitions.map((t) => t.event)).toContain('after callDuration');
    const all = await runCli('diagram', '--format', 'json');
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as { machine: string }[]).map((d) => d.machine)).toEqual([...DIAGRAM_MACHINES]);
  });

  it('prints docs/machines.md with --markdown', async () => {
    const { code, stdout } = await runCli('diagram', '--markdown');
    expect([code, stdout]).toEqual([0, readFileSync('docs/machines.md', 'utf8')]);
  });

  it('exits 2 naming the choices for an unknown machine', async () => {
    const { code, stdout, stderr } = await runCli('diagram', 'voicemail');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain("'voicemail'");
    expect(stderr).toContain('inbound, outbound, emergency, callback');
    expect(stderr).not.toContain('    at ');
  });

  it('exits 2 naming the choices for an unknown format', async () => {
    const { code, stdout, stderr } = await runCli('diagram', 'inbound', '--format', 'svg');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain("'svg'");
    expect(stderr).toContain('mermaid, json');
  });

  it('exits 2 for --markdown with --format json', async () => {
    const { code, stdout, stderr } = await runCli('diagram', '--markdown', '--format', 'json');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('--markdown writes Mermaid');
  });

  it('exits 0 for --help, with examples', async () => {
    const { code, stdout } = await runCli('diagram', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--format <format>');
  });
});
