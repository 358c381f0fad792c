import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../engine/scenario/schema.js';
import { convertZodIssues } from '../../engine/scenario/zod-issues.js';

const minimal = {
  version: 1,
  name: 'x',
  seed: 1,
  start: '2026-03-02T00:00:00-08:00',
  horizon: '1d',
  tenant: {},
};

function issuesOf(value: unknown) {
  const result = scenarioSchema.safeParse(value);
  return result.success ? [] : convertZodIssues(result.error.issues);
}

describe('scenario schema', () => {
  it('accepts a minimal scenario and fills in the defaults', () => {
    const result = scenarioSchema.parse(minimal);
    expect([result.horizon, result.warmup, result.replications, result.settings.callbackPool.reservation]).toEqual([86_400_000, 0, 1, 3_600_000]);
  });

  it('reports an unknown key at the key, naming it and the allowed keys', () => {
    const [issue] = issuesOf({ ...minimal, tenant: { locatons: [] } });
    expect(issue).toMatchObject({ code: 'unrecognized_keys', path: ['tenant', 'locatons'], atKey: true, message: 'unknown key "locatons" in tenant' });
    expect(issue?.expected).toContain('locations, numbers, groups');
  });

  it('reports a bad duration with the expected format', () => {
    const [issue] = issuesOf({ ...minimal, horizon: '14 days' });
    expect(issue?.path).toEqual(['horizon']);
    expect(issue?.expected).toContain('90s, 5m, 1h30m, 14d or 2w');
  });

  it('reports a missing required key at its path with code missing_key', () => {
    const { seed: _seed, ...withoutSeed } = minimal;
    expect(issuesOf(withoutSeed)).toMatchObject([{ code: 'missing_key', path: ['seed'] }]);
  });

  it('reports the problem inside the union branch that fits, not "invalid input"', () => {
    const issues = issuesOf({ ...minimal, workload: { outbound: { rate: { perHour: 1 }, duration: { fixed: '3 minutes' } } } });
    expect(issues.map((i) => i.path)).toEqual([['workload', 'outbound', 'duration', 'fixed']]);
  });

  it('lists the accepted forms when no union branch fits', () => {
    const [issue] = issuesOf({ ...minimal, workload: { outbound: { rate: { perHour: 1 }, duration: { fxed: '3m' } } } });
    expect(issue).toMatchObject({ code: 'invalid_union', path: ['workload', 'outbound', 'duration'] });
    expect(issue?.expected).toContain('{exponential}');
  });

  it('rejects a time zone Intl does not know', () => {
    const aa = { id: 'a', name: 'A', timeZone: 'America/Seattle', defaultCallFlow: { then: 'disconnect' } };
    expect(issuesOf({ ...minimal, tenant: { autoAttendants: [aa] } }).map((i) => i.path)).toEqual([['tenant', 'autoAttendants', 0, 'timeZone']]);
  });

  it('requires a start with an offset', () => {
    expect(issuesOf({ ...minimal, start: '2026-03-02T00:00:00' }).map((i) => i.path)).toEqual([['start']]);
  });

  it('keeps unknown keys of a timeline entry as cmdlet parameters', () => {
    const result = scenarioSchema.parse({ ...minimal, timeline: [{ at: '3d', do: 'Set-CsTeamsSharedCallingRoutingPolicy', Identity: 'Seattle' }] });
    expect(result.timeline).toEqual([{ kind: 'cmdlet', at: 259_200_000, do: 'Set-CsTeamsSharedCallingRoutingPolicy', params: { Identity: 'Seattle' } }]);
  });

  it('rejects a metric that is not a dotted name', () => {
    expect(issuesOf({ ...minimal, expect: [{ metric: 'OUT006', max: 0 }] }).map((i) => i.path)).toEqual([['expect', 0, 'metric']]);
  });
});
