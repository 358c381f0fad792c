import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../engine/powershell/index.js';
import { ok, recordingInvoker } from './fake-invoker.js';

const corpusDir = fileURLToPath(new URL('../fixtures/ps-corpus/', import.meta.url));
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.ps1')).sort();
const read = (file: string): string => readFileSync(`${corpusDir}${file}`, 'utf8');

/** The documentation's own mistakes that real PowerShell rejects at parse time. */
const EXPECTED_PARSE_ERRORS: Record<string, { line: number; column: number; message: RegExp }> = {
  'shared-calling-setup.step5.ps1': { line: 4, column: 39, message: /the '<' operator is reserved/ },
  'shared-calling-scenario.rev070da8e.ps1': { line: 11, column: 1, message: /'\$main-aa' is not a valid variable name/ },
};

describe('the Teams documentation corpus', () => {
  it('holds all 105 snippets', () => {
    expect(files).toHaveLength(105);
  });

  it.each(files)('%s parses, or fails at the documented mistake', (file) => {
    const result = parseScript(read(file), file);
    const expected = EXPECTED_PARSE_ERRORS[file];
    if (!expected) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ fileName: file, line: expected.line, column: expected.column });
    expect(result.errors[0]?.message).toMatch(expected.message);
  });

  it('points the $main-aa error at the line that really holds it', () => {
    const file = 'shared-calling-scenario.rev070da8e.ps1';
    expect(read(file).split('\n')[10]).toMatch(/^\$main-aa = /);
  });

  it.each(files.filter((f) => read(f).includes('PS C:\\>')))('%s runs with a warning for its prompt prefix', (file) => {
    const { invoke, calls } = recordingInvoker();
    const transcript = runScript(read(file), { fileName: file, invoke });
    expect(transcript.entries[0]).toMatchObject({ kind: 'warning', code: 'PromptPrefix', line: 4, column: 1 });
    expect(calls[0]?.name).toMatch(/^(New|Set)-Cs/);
  });

  it.each(files.filter((f) => !EXPECTED_PARSE_ERRORS[f]))('%s runs to the end against a tenant that accepts everything', (file) => {
    const { invoke } = recordingInvoker({});
    const transcript = runScript(read(file), { fileName: file, invoke });
    expect(transcript.completed).toBe(true);
    expect(transcript.entries.filter((e) => e.kind === 'error')).toEqual([]);
  });

  it('passes -EnterpriseVoiceEnabled $true and @{add=$en1,$en2} from the scenario script', () => {
    const { invoke, calls } = recordingInvoker({ 'new-csteamsemergencynumber': (inv) => ok([String(inv.named['EmergencyDialString'])]) });
    runScript(read('shared-calling-scenario.ps1'), { fileName: 'shared-calling-scenario.ps1', invoke });
    expect(calls[1]?.named).toEqual({ Identity: 'user@contoso.com', EnterpriseVoiceEnabled: true });
    const policy = calls.find((c) => c.name === 'New-CsTeamsEmergencyCallRoutingPolicy');
    expect(policy?.named['EmergencyNumbers']).toEqual({ kind: 'hashtable', entries: { add: ['933', '911'] } });
  });
});
