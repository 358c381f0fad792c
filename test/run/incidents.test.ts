/**
 * Bursts and redials in the emergency workload (workload.emergency.incidents, .redial): they add
 * calls from their own random streams, so the steady calls are the same with or without them,
 * and an incident defeats a pool that the steady traffic finds ample.
 */
import { describe, expect, it } from 'vitest';
import { metricProblem, runScenario } from '../../engine/run/index.js';
import { loadScenarioFile, type ScenarioOverride } from '../../engine/scenario/index.js';

const FILE = 'scenarios/campus-incident.yaml';

async function run(overrides: ScenarioOverride[], onCall?: (r: { kind: string; startMs: number; outcome: string; callerId: string | null }) => void) {
  const loaded = await loadScenarioFile(FILE, { metricProblem, overrides });
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const calls: { kind: string; start: number; caller: string | null }[] = [];
  const result = runScenario(loaded, {
    replications: 3,
    onCall: (r) => {
      calls.push({ kind: r.kind, start: r.startMs, caller: r.callerId });
      onCall?.({ kind: r.kind, startMs: r.startMs, outcome: r.outcome, callerId: r.callerId });
    },
  });
  return { result, calls };
}

const set = (path: string, value: unknown): ScenarioOverride => ({ text: path, path: path.split('.'), value });

describe('emergency incidents and redials', () => {
  it('an incident misroutes callbacks that the steady traffic alone does not', async () => {
    const withIncident = await run([]);
    const steady = await run([set('workload.emergency.incidents', [])]);
    expect(withIncident.result.metrics['callback.misrouted']?.mean ?? 0).toBeGreaterThan(5);
    expect(steady.result.metrics['callback.misrouted']?.mean).toBe(0);
    expect(steady.result.metrics['callbackPool.Campus.displaced']?.mean).toBe(0);
  });

  it('puts the incident calls within the window at its time', async () => {
    const noRedial = [set('workload.emergency.redial', undefined), set('workload.emergency.rate.perUserPerHour', 0)];
    const { calls } = await run(noRedial);
    const emergency = calls.filter((c) => c.kind === 'emergency');
    // 20 calls per replication, each between 36 h and 36 h 10 min.
    expect(emergency).toHaveLength(60);
    for (const c of emergency) {
      expect(c.start).toBeGreaterThanOrEqual(36 * 3_600_000);
      expect(c.start).toBeLessThanOrEqual(36 * 3_600_000 + 600_000);
    }
    // Distinct users within one incident (300 users at the campus, 20 calls).
    const firstReplication = new Set(emergency.slice(0, 20).map((c) => c.caller));
    expect(firstReplication.size).toBe(20);
  });

  it('adds incident and redial calls without moving the steady ones', async () => {
    const steadyOnly = await run([set('workload.emergency.incidents', []), set('workload.emergency.redial', undefined)]);
    const all = await run([]);
    const key = (c: { start: number; caller: string | null }): string => `${c.start}/${c.caller ?? ''}`;
    const withExtras = new Set(all.calls.filter((c) => c.kind === 'emergency').map(key));
    const steady = steadyOnly.calls.filter((c) => c.kind === 'emergency');
    expect(steady.length).toBeGreaterThan(10);
    for (const c of steady) expect(withExtras.has(key(c)), key(c)).toBe(true);
    // A third of callers redial: more emergency calls than the steady ones plus the incidents.
    expect(withExtras.size).toBeGreaterThan(steady.length + 60);
  });

  it('a Poisson process of incidents at 1 a day gives about 20 calls a day', async () => {
    const { calls } = await run([
      set('workload.emergency.redial', undefined),
      set('workload.emergency.rate.perUserPerHour', 0),
      set('workload.emergency.incidents', [{ location: 'campus', calls: 20, within: '10m', rate: { perDay: 1 } }]),
    ]);
    // 3 replications x 3 days: Poisson(9) incidents of 20 calls; 9 +- 3 sd.
    const n = calls.filter((c) => c.kind === 'emergency').length;
    expect(n % 20).toBe(0);
    expect(n / 20).toBeGreaterThanOrEqual(2);
    expect(n / 20).toBeLessThanOrEqual(18);
  });
});
