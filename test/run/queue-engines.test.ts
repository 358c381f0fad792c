/**
 * The compiled executor against XState's on call queues: a runtime that offers calls to agents
 * (events sent from inside other calls' effects), attendants that hand calls on, nested
 * attendants and loops. Both engines give byte-identical results and call records, and the
 * fixture reaches every queue outcome and the hand-off (CQ020-CQ027).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALL_OUTCOME_IDS } from '../../engine/machines/index.js';
import { runScenario, type CallRecord, type Engine } from '../../engine/run/index.js';
import { loadScenarioText } from '../../engine/scenario/index.js';

const FILE = 'test/fixtures/queue/every-queue-outcome.yaml';

function bytes(seed: number, engine: Engine): { text: string; records: CallRecord[] } {
  const loaded = loadScenarioText(readFileSync(FILE, 'utf8'), FILE);
  if (!loaded.ok) throw new Error(`${FILE} does not load`);
  const records: CallRecord[] = [];
  const result = runScenario({ ...loaded, scenario: { ...loaded.scenario, seed } }, { engine, onCall: (r) => records.push(r) });
  return { text: `${JSON.stringify(result)}\n${records.map((r) => JSON.stringify(r)).join('\n')}`, records };
}

describe('compiled and XState engines on call queues', () => {
  it('give byte-identical results and records on three seeds that together reach every queue outcome', () => {
    const seen = new Set<string>();
    for (const seed of [11, 12, 13]) {
      const reference = bytes(seed, 'xstate');
      expect(bytes(seed, 'compiled').text).toBe(reference.text);
      for (const r of reference.records) {
        seen.add(r.outcome);
        const before = (r.details as { before?: { outcome: string } }).before;
        if (before !== undefined) seen.add(before.outcome);
      }
    }
    const queueIds = [...CALL_OUTCOME_IDS.queue, 'CQ025'];
    expect(queueIds.filter((id) => !seen.has(id))).toEqual([]);
  });
});
