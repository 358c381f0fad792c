import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../engine/scenario/schema.js';

describe('scenario JSON Schema', () => {
  it('the committed schema/scenario.schema.json is what the code generates (run npm run schema)', () => {
    const committed = readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  it('forbids unknown keys at the top level and describes durations as strings with a pattern', () => {
    const schema = scenarioJsonSchema() as {
      additionalProperties: unknown;
      properties: { horizon: { $ref: string } };
      $defs: { Duration: { type: string; pattern: string } };
    };
    expect([schema.additionalProperties, schema.properties.horizon.$ref, schema.$defs.Duration.type]).toEqual([false, '#/$defs/Duration', 'string']);
    expect(new RegExp(schema.$defs.Duration.pattern).test('1h30m')).toBe(true);
  });
});
