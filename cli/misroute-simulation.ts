/**
 * RA010's misroute estimate where no closed form is exact (reuse of the first number, bursts,
 * redials, a profile): the scenario's own emergency workload simulated alone, its pool at a given
 * size, and the fewest numbers that bring misrouted callbacks to one in a thousand.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { runScenario, type RunResult } from '../engine/run/index.js';
import { findPoolPolicy, loadScenarioText, poolSizeOverrides, type Scenario, type ScenarioOverride } from '../engine/scenario/index.js';
import type { MisrouteEstimate } from '../engine/tenant/index.js';

const TARGET = 0.001;
/** About this many emergency calls per size: enough to tell 0.1% from 1%. */
const CALLS = 20_000;

function total(run: RunResult, metric: string): number {
  return (run.metrics[metric]?.values ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
}

/** The estimator for *file*, or undefined when the file cannot be read again or builds its tenant by script. */
export function misrouteSimulator(file: string, scenario: Scenario, users: number): ((policy: string, size: number) => MisrouteEstimate | undefined) | undefined {
  let text: string;
  let document: unknown;
  try {
    text = readFileSync(file, 'utf8');
    document = parseYaml(text) as unknown;
  } catch {
    return undefined;
  }
  const e = scenario.workload.emergency;
  if (e === undefined) return undefined;
  const perHour = 'perHour' in e.rate ? e.rate.perHour : e.rate.perUserPerHour * users;
  const incidentsAtTimes = (e.incidents ?? []).some((i) => i.at !== undefined);
  // Incidents at set times happen once a replication: keep the horizon and add replications.
  const shape: ScenarioOverride[] = incidentsAtTimes
    ? [{ text: 'replications', path: ['replications'], value: 20 }]
    : [
        { text: 'horizon', path: ['horizon'], value: `${Math.min(3650, Math.max(1, Math.ceil(CALLS / 4 / Math.max(perHour, 1e-9) / 24)))}d2h` },
        { text: 'warmup', path: ['warmup'], value: '2h' },
        { text: 'replications', path: ['replications'], value: 4 },
      ];
  const alone: ScenarioOverride[] = [
    { text: 'workload.outbound', path: ['workload', 'outbound'], value: undefined },
    { text: 'workload.inbound', path: ['workload', 'inbound'], value: undefined },
    { text: 'timeline', path: ['timeline'], value: [] },
    { text: 'expect', path: ['expect'], value: [] },
  ];
  return (policy, size) => {
    const target = findPoolPolicy(document, policy);
    if (typeof target === 'string') return undefined;
    const runs = new Map<number, { share: number; calls: number; noFree: number } | undefined>();
    const at = (n: number): { share: number; calls: number; noFree: number } | undefined => {
      if (runs.has(n)) return runs.get(n);
      const sized = poolSizeOverrides(document, target, n);
      const loaded = typeof sized === 'string' ? undefined : loadScenarioText(text, file, { overrides: [...sized, ...alone, ...shape] });
      const result = loaded === undefined || !loaded.ok ? undefined : runScenario(loaded);
      const callbacks = result === undefined ? 0 : total(result, 'callback.calls');
      const took = result === undefined ? 0 : ['reservations', 'displaced', 'renewals'].reduce((s, m) => s + total(result, `callbackPool.${target.identity}.${m}`), 0);
      const value =
        result === undefined
          ? undefined
          : {
              share: callbacks === 0 ? 0 : total(result, 'callback.misrouted') / callbacks,
              calls: total(result, 'emergency.calls'),
              noFree: took === 0 ? 0 : total(result, `callbackPool.${target.identity}.displaced`) / took,
            };
      runs.set(n, value);
      return value;
    };
    const own = at(size);
    if (own === undefined) return undefined;
    // Up by doubling steps, then halve the gap: misrouting falls as numbers are added.
    let fail = size;
    let pass: number | undefined;
    for (let step = 1; pass === undefined && size + step <= size + 512; step *= 2) {
      const r = at(size + step);
      if (r === undefined) break;
      if (r.share <= TARGET) pass = size + step;
      else fail = size + step;
    }
    while (pass !== undefined && pass - fail > 1) {
      const mid = Math.floor((fail + pass) / 2);
      const r = at(mid);
      if (r === undefined) break;
      if (r.share <= TARGET) pass = mid;
      else fail = mid;
    }
    return {
      share: own.share,
      method: `simulated: ${own.calls.toLocaleString('en-US')} emergency calls of this workload alone, as no closed form is exact for reuse of the ${scenario.settings.callbackPool.reuse === 'first' ? 'first number' : 'oldest reservation with this workload'}`,
      sizeForTarget: own.share <= TARGET ? size : pass,
      noFreeShare: own.noFree,
    };
  };
}
