import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../engine/tenant/rules.js';

const rulesDoc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

/** Every `| ID | text |` row of docs/rules.md, in order. */
function documentedRows(): { id: string; text: string }[] {
  const rows: { id: string; text: string }[] = [];
  for (const line of rulesDoc.split('\n')) {
    const m = /^\| ([A-Z]+\d{3}) \| (.*) \|$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) rows.push({ id: m[1], text: m[2] });
  }
  return rows;
}

describe('rule catalogue', () => {
  it('lists exactly the rule IDs of docs/rules.md, in the same order', () => {
    expect(RULE_IDS).toEqual(documentedRows().map((r) => r.id));
  });

  it('gives every finding a severity and no refusal or outcome one', () => {
    for (const id of RULE_IDS) {
      const rule = RULES[id];
      expect(rule.kind === 'finding', id).toBe(rule.severity !== null);
    }
  });

  it('keeps each rule text as docs/rules.md states it (severity tag aside)', () => {
    for (const row of documentedRows()) {
      const text = row.text.replace(/^\[(error|warning)\]\s*/, '');
      expect(RULES[row.id as (typeof RULE_IDS)[number]].text).toBe(text);
    }
  });
});
