import { describe, expect, it } from 'vitest';
import { OUTCOME_LABELS } from '../../cli/commands/run.js';
import { CALL_FLOW_OUTCOME, CALL_OUTCOME_IDS } from '../../engine/machines/index.js';

describe('run summary labels', () => {
  it('labels every outcome and call flow a call can end with, so no summary line is left bare', () => {
    const ids = [...Object.values(CALL_OUTCOME_IDS).flat(), ...Object.values(CALL_FLOW_OUTCOME)];
    expect(ids.filter((id) => OUTCOME_LABELS[id] === undefined)).toEqual([]);
  });
});
