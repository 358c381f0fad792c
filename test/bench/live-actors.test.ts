import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { machines, type CallKind } from '../../engine/machines/index.js';
import { checkSameWork } from '../../bench/machines/index.js';
import { liveActorRunner, runWithDriver, type CallBatch } from '../../bench/machines/run-calls.js';
import { SAMPLES } from '../../bench/machines/samples.js';

const KINDS: CallKind[] = ['outbound', 'inbound', 'emergency', 'callback'];

function batch(kind: CallKind): CallBatch<AnyStateMachine> {
  return { machine: machines[kind], inputs: SAMPLES[kind], calls: 3 * SAMPLES[kind].length, spacingMs: 1_000 };
}

describe('the machines benchmark baseline (one live actor per call)', () => {
  it.each(KINDS)('gives every %s call the outcome and effects the driver gives', (kind) => {
    const driver = runWithDriver(batch(kind));
    const actors = liveActorRunner(batch(kind))();
    expect(actors.outcomes).toEqual(driver.outcomes);
    expect(actors.effects).toBe(driver.effects);
  });

  it('finishes every call of the batch', () => {
    const result = runWithDriver(batch('inbound'));
    expect(result.outcomes.filter((o) => o !== undefined)).toHaveLength(3 * SAMPLES.inbound.length);
  });

  it('fails the comparison when one call ends differently', () => {
    const driver = { outcomes: ['OUT001', 'OUT002'], effects: 1 };
    expect(() => checkSameWork('outbound', driver, { outcomes: ['OUT001', 'OUT006'], effects: 1 })).toThrow(/call 1: OUT002 vs OUT006/);
  });

  it('fails the comparison when the effects differ', () => {
    const driver = { outcomes: ['OUT001'], effects: 1 };
    expect(() => checkSameWork('outbound', driver, { outcomes: ['OUT001'], effects: 0 })).toThrow(/effects 1 vs 0/);
  });
});
