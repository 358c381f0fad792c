import { describe, expect, it } from 'vitest';
import { parseScript } from '../../engine/powershell/index.js';
import { RULE_GUIDE, RULE_IDS, RULES, cmdletCatalogue } from '../../engine/tenant/index.js';

/** A fix that starts with a cmdlet name (Verb-Noun) is PowerShell. */
const COMMAND = /^[A-Z][a-z]+-[A-Za-z]+\s/;

describe('the rule guide (callsim explain)', () => {
  it('has a non-empty example and fix of one or two sentences for every rule ID, and no other keys', () => {
    expect(Object.keys(RULE_GUIDE).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      const { example, fix } = RULE_GUIDE[id];
      expect(example.trim(), id).not.toBe('');
      expect(fix.trim(), id).not.toBe('');
      for (const text of [example, fix]) {
        expect(text, id).not.toMatch(/\*\*|`/);
        expect(text.length, id).toBeLessThan(260);
        // sentences end with '. ' followed by a capital; e.g. and i.e. do not
        expect(text.split(/(?<![ie]\.[ge])\.\s+(?=[A-Z])/).length, `${id}: ${text}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it('says "nothing: this is the call working" only for outcomes', () => {
    for (const id of RULE_IDS) {
      if (RULE_GUIDE[id].fix.startsWith('nothing: this is the call working')) expect(RULES[id].kind, id).toBe('outcome');
    }
    expect(RULE_GUIDE.OUT001.fix).toBe('nothing: this is the call working.');
    expect(RULE_GUIDE.CBK003.fix).not.toMatch(/^nothing/i);
  });

  it("parses every fix that is PowerShell with callsim's parser, and names only cmdlets callsim has", () => {
    const known = new Set(cmdletCatalogue().map((c) => c.name.toLowerCase()));
    const commands = RULE_IDS.filter((id) => COMMAND.test(RULE_GUIDE[id].fix));
    expect(commands.length).toBeGreaterThan(10);
    for (const id of commands) {
      const fix = RULE_GUIDE[id].fix;
      const parsed = parseScript(fix, `${id}.ps1`);
      expect(parsed.ok ? [] : parsed.errors, `${id}: ${fix}`).toEqual([]);
      const code = fix.replace(/\s#\s.*$/, '');
      for (const statement of code.split(/;\s*/)) {
        const name = statement.trim().split(/\s/)[0] ?? '';
        expect(known.has(name.toLowerCase()), `${id}: ${name}`).toBe(true);
      }
    }
  });

  it('gives RA009, CBK003 and EMG005 the fix that adds an emergency number to the policy', () => {
    for (const id of ['RA009', 'CBK003', 'EMG005'] as const) {
      expect(RULE_GUIDE[id].fix).toMatch(/^Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @\{add='\+1\d{10}'\}/);
    }
  });
});
