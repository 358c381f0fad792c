import { describe, expect, it } from 'vitest';
import { RULE_GUIDE, RULE_IDS, RULES } from '../../engine/tenant/index.js';
import { plainText, relatedRules, wrap } from '../../cli/rule-page.js';
import { runCli } from './run-cli.js';

/** The lines of a page between a heading and the next blank line. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = page.slice(start + heading.length + 2);
  const end = rest.indexOf('\n\n');
  return end < 0 ? rest : rest.slice(0, end);
}

/** A page's words, without wrapping. */
function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('callsim explain', () => {
  it('prints a page for each ID given, in any case, with its kind, section and severity', async () => {
    const { code, stdout } = await runCli('explain', 'sc003', 'RA010', 'out004');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SC003, a refusal \(docs\/rules\.md §1\)/m);
    expect(stdout).toMatch(/^RA010, a finding of callsim validate \(docs\/rules\.md §2\), severity warning\./m);
    expect(stdout).toMatch(/^OUT004, an outcome of an outbound call \(docs\/rules\.md §3\)\./m);
    expect(words(stdout)).toContain(words(plainText(RULES.SC003.text)));
    // the pages are separated by a blank line, in the order given
    expect(stdout.indexOf('SC003,')).toBeLessThan(stdout.indexOf('RA010,'));
    expect(stdout).toContain('\n\nRA010, ');
  });

  it('renders every rule as plain text within 100 columns, with its text, an example and the fix', async () => {
    for (const id of RULE_IDS) {
      const { code, stdout, stderr } = await runCli('explain', id);
      expect(code, id).toBe(0);
      expect(stderr, id).toBe('');
      expect(stdout, id).not.toContain('**');
      expect(stdout, id).not.toContain('`');
      for (const line of stdout.split('\n')) expect(line.length, `${id}: ${line}`).toBeLessThanOrEqual(100);
      expect(words(stdout), id).toContain(words(plainText(RULES[id].text)));
      expect(words(section(stdout, 'Example')), id).toBe(words(RULE_GUIDE[id].example));
      // a fix's # comment is printed as a sentence of its own; its command and words are all there
      const fix = words(section(stdout, 'Fix'));
      for (const word of RULE_GUIDE[id].fix.replace(/\s#\s/, ' ').split(/[\s;]+/).filter((w) => w !== '')) {
        expect(fix.toLowerCase(), `${id} fix: ${word}`).toContain(word.toLowerCase().replace(/[.;]$/, ''));
      }
    }
  });

  it('keeps the words of the markdown and drops only its markers', () => {
    expect(plainText(RULES.SC006.text)).toContain('A Calling Plan service number in Romania');
    expect(plainText(RULES.SC012.text)).toContain('-EmergencyNumbers takes @{add=...}, @{remove=...}');
    expect(plainText(RULES.EMG009.text)).toMatch(/^Failed: the caller cannot call the PSTN/);
    expect(wrap('a '.repeat(120), '  ').split('\n').every((l) => l.length <= 100 && l.startsWith('  a'))).toBe(true);
  });

  it('lists the related rules both ways: those the text mentions and those that mention it', async () => {
    expect(relatedRules('RA009')).toContain('CBK003');
    expect(relatedRules('CBK003')).toEqual(expect.arrayContaining(['RA009', 'EMG005']));
    expect(relatedRules('EMG005')).toEqual(expect.arrayContaining(['SC010', 'CBK003']));
    expect(relatedRules('SC010')).toContain('EMG005');
    for (const id of RULE_IDS) expect(relatedRules(id), id).not.toContain(id);

    const { stdout } = await runCli('explain', 'CBK003');
    const related = section(stdout, 'Related rules');
    expect(related).toContain('CBK003 mentions:');
    expect(related).toMatch(/^ {4}EMG005 {2}Empty list: the resource account number is the callback number/m);
    expect(related).toContain('Mentioned by:');
    expect(related).toMatch(/^ {4}RA009 {3}A policy has no emergency numbers/m);
    const ra009 = (await runCli('explain', 'RA009')).stdout;
    expect(section(ra009, 'Related rules')).toMatch(/^ {4}CBK003 {2}Callback to the resource account's own number/m);
  });

  it('prints no Related rules heading for a rule nothing links to', async () => {
    const lonely = RULE_IDS.find((id) => relatedRules(id).length === 0);
    expect(lonely).toBeDefined();
    const { stdout } = await runCli('explain', lonely ?? 'SC001');
    expect(stdout).not.toContain('Related rules');
  });

  it('lists every rule under its section with no ID given, in plain text within 100 columns', async () => {
    const { code, stdout } = await runCli('explain');
    expect(code).toBe(0);
    for (const id of RULE_IDS) expect(stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
    expect(stdout.indexOf('Refusals')).toBeLessThan(stdout.indexOf('Findings'));
    expect(stdout.indexOf('Findings')).toBeLessThan(stdout.indexOf('Call outcomes'));
    expect(stdout).not.toContain('**');
    expect(stdout).not.toContain('`');
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(stdout).toContain('  SC006   A Calling Plan service number in Romania');
  });

  it('exits 2 for a word that is no rule ID, and still explains the others', async () => {
    const { code, stdout, stderr } = await runCli('explain', 'SC999', 'OUT004');
    expect(code).toBe(2);
    expect(stderr).toContain('SC999 is not a rule ID of docs/rules.md');
    expect(stdout).toMatch(/^OUT004, an outcome of an outbound call/m);
  });

  it('says a file path is not a rule ID and shows how to use the command (exit 2)', async () => {
    for (const word of ['scenarios/seattle.yaml', 'seattle.yaml', 'setup.ps1', 'C:\\tenants\\base.yaml']) {
      const { code, stdout, stderr } = await runCli('explain', word);
      expect(code, word).toBe(2);
      expect(stdout, word).toBe('');
      expect(stderr, word).toContain(`callsim explain: ${word} is a file, not a rule ID`);
      expect(stderr, word).toContain('Usage:');
      expect(stderr, word).toContain('callsim explain RULEID...');
      expect(stderr, word).toMatch(/^ {2}callsim explain {2,}list every rule/m);
    }
  });
});
