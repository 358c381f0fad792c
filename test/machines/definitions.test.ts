/**
 * What holds for every call machine alike: named guards and actions only, finite delays, and
 * final outputs that carry one docs/rules.md §3 outcome of the machine's own kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { CALL_EFFECT_TYPES, CALL_OUTCOME_IDS, machines, type CallKind } from '../../engine/machines/index.js';
import { RULES } from '../../engine/tenant/rules.js';
import { drive, effects } from './drive.js';
import { SAMPLES } from './samples.js';

const KINDS = Object.keys(machines) as CallKind[];

function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => stateNodes(child))];
}

interface Reference {
  where: string;
  what: 'guard' | 'action';
  ref: unknown;
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Every guard and action reference in a machine's config as written (xstate adds its own
 * raise/cancel functions for `after` to the processed nodes, so the raw config is walked).
 */
function references(config: Record<string, unknown>, where: string): Reference[] {
  const found: Reference[] = [];
  for (const key of ['entry', 'exit']) {
    for (const ref of asList(config[key])) found.push({ where: `${where} ${key}`, what: 'action', ref });
  }
  const transitionGroups: [string, unknown][] = [['always', config.always]];
  for (const key of ['on', 'after']) {
    const group = config[key];
    if (typeof group === 'object' && group !== null) {
      for (const [event, t] of Object.entries(group)) transitionGroups.push([`${key} ${event}`, t]);
    }
  }
  for (const [on, group] of transitionGroups) {
    for (const t of asList(group)) {
      if (typeof t !== 'object' || t === null) continue;
      const transition = t as { guard?: unknown; actions?: unknown };
      if (transition.guard !== undefined) found.push({ where: `${where} ${on}`, what: 'guard', ref: transition.guard });
      for (const ref of asList(transition.actions)) found.push({ where: `${where} ${on}`, what: 'action', ref });
    }
  }
  const states = (config.states ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, child] of Object.entries(states)) found.push(...references(child, `${where}.${key}`));
  return found;
}

function nameOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null && 'type' in ref && typeof ref.type === 'string') return ref.type;
  return undefined;
}

describe.each(KINDS)('the %s machine', (kind) => {
  const machine: AnyStateMachine = machines[kind];

  it('names every guard and action it uses, and implements each name in setup', () => {
    const refs = references(machine.config as Record<string, unknown>, machine.id);
    expect(refs.length).toBeGreaterThan(0);
    const implementations = machine.implementations;
    const unnamed = refs.filter((r) => {
      const name = nameOf(r.ref);
      if (name === undefined) return true;
      return r.what === 'guard' ? !(name in implementations.guards) : !(name in implementations.actions);
    });
    expect(unnamed).toEqual([]);
  });

  it('ends every sample call in an outcome of its own kind, with a reason that starts with it', () => {
    for (const input of SAMPLES[kind]) {
      const run = drive(machine, input);
      expect(run.snapshot.status).toBe('done');
      const output = run.snapshot.output as { callKind: string; outcome: string; reason: string };
      expect(output.callKind).toBe(kind);
      expect(CALL_OUTCOME_IDS[kind]).toContain(output.outcome);
      expect(RULES[output.outcome as keyof typeof RULES].kind).toBe('outcome');
      expect(output.reason.startsWith(`${output.outcome}: `)).toBe(true);
    }
  });

  it('reaches every outcome of its kind and every final state with the sample calls', () => {
    const outcomes = new Set<string>();
    const finals = new Set<string>();
    for (const input of SAMPLES[kind]) {
      const run = drive(machine, input);
      outcomes.add((run.snapshot.output as { outcome: string }).outcome);
      finals.add(String(run.snapshot.value));
    }
    const finalStates = stateNodes(machine.root).filter((n) => n.type === 'final').map((n) => n.key);
    expect([...outcomes].sort()).toEqual([...CALL_OUTCOME_IDS[kind]].sort());
    expect([...finals].sort()).toEqual(finalStates.sort());
  });

  it('returns only effects the runtime knows, besides xstate raise and cancel', () => {
    for (const input of SAMPLES[kind]) {
      for (const effect of effects(drive(machine, input).actions)) {
        expect(CALL_EFFECT_TYPES).toContain(effect.type);
      }
    }
  });

  it('resolves every delay to a finite, non-negative number for the sample calls', () => {
    for (const input of SAMPLES[kind]) {
      for (const delay of drive(machine, input).delays) {
        expect(typeof delay === 'number' && Number.isFinite(delay) && delay >= 0, `delay ${String(delay)}`).toBe(true);
      }
    }
  });

  it('has one path per sample call, ending in a final state, as xstate/graph walks it', () => {
    // Only the machine's own events (delays): an event the runtime sends (a queue's offer to an
    // agent) is not the sample's to choose, and the walk would try it in every state that takes it.
    const ownEvents = (state: { _nodes: { ownEvents: string[] }[] }) =>
      [...new Set(state._nodes.flatMap((n) => n.ownEvents))].filter((t) => t.startsWith('xstate.')).map((type) => ({ type }));
    for (const input of SAMPLES[kind]) {
      const paths = getSimplePaths(machine, { input: structuredClone(input), events: ownEvents } as never);
      const ends = paths.filter((p) => p.state.status === 'done');
      expect(ends).toHaveLength(1);
    }
  });
});

describe('the machine sources', () => {
  const dir = fileURLToPath(new URL('../../engine/machines/', import.meta.url));
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

  it('never read the clock or the random number generator, and never log', () => {
    const offending = sources.filter(({ text }) => /Date\.now|new Date|Math\.random|performance\.now|console\./.test(text));
    expect(offending.map((s) => s.file)).toEqual([]);
  });

  it('import only xstate, each other, and types (never code) from the tenant', () => {
    const allowed = /^(xstate|\.\/[\w-]+\.js)$/;
    const imports = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/import (type )?[^;]*? from '([^']+)'/g)].map((m) => ({ file, typeOnly: m[1] !== undefined, from: m[2] ?? '' })),
    );
    expect(imports.length).toBeGreaterThan(0);
    const outside = imports.filter((i) => !allowed.test(i.from));
    expect(outside.filter((i) => !(i.typeOnly && i.from === '../tenant/index.js'))).toEqual([]);
    expect(outside.length).toBeGreaterThan(0);
  });
});
