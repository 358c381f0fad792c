/**
 * Workload profiles follow the scenario's time zone, daylight saving included, so that the busy
 * hours of a profile stay on the auto attendant's business hours when clocks change.
 *
 * The statistical check runs scenarios/seattle.yaml as written: from Monday 2 March 2026 00:00
 * PST for 14 days (1 day of warm-up), across the start of US daylight saving on Sunday 8 March.
 * Its inbound profile (`businessHours`: 1 Monday to Friday 09:00-17:00, 0.1 otherwise) and its
 * attendant's hours (Monday to Friday 09:00-17:00, America/Los_Angeles) coincide, so a call is
 * after hours (flow INB003) with the same probability every week. A profile kept at the fixed
 * -08:00 of `start` runs an hour late after the change (10:00-18:00 PDT): its busy 17:00-18:00
 * hour falls after hours, and the after-hours share of a week goes from 0.216 to 0.304.
 */
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../engine/kernel/index.js';
import { runReplication, type CallRecord } from '../../engine/run/index.js';
import { arrivalProcess, startWeekOffset } from '../../engine/run/workload-plan.js';
import { loadScenarioFile, loadScenarioText, type Scenario } from '../../engine/scenario/index.js';
import type { Tenant } from '../../engine/tenant/index.js';
import { readFileSync } from 'node:fs';

const SEATTLE_PATH = new URL('../../scenarios/seattle.yaml', import.meta.url);
const SEATTLE = readFileSync(SEATTLE_PATH, 'utf8');

/** Two-sided 99.9% standard normal quantile. */
const Z999 = 3.2905;

async function seattle(): Promise<{ scenario: Scenario; tenant: Tenant }> {
  const loaded = await loadScenarioFile(SEATTLE_PATH.pathname);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded;
}

function loaded(text: string): Scenario {
  const result = loadScenarioText(text, 'seattle.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.scenario;
}

describe('the arrival process of a profiled workload', () => {
  it("reads the profile on the scenario's time zone from the start on", async () => {
    const { scenario } = await seattle();
    const inbound = scenario.workload.inbound;
    if (inbound === undefined) throw new Error('seattle.yaml has inbound calls');
    expect(arrivalProcess(inbound, 40, scenario)).toMatchObject({
      kind: 'profile',
      ratePerHour: 12,
      weekOffset: 0, // Monday 00:00
      clock: { timeZone: 'America/Los_Angeles', epochMs: Date.parse('2026-03-02T08:00:00Z') },
    });
  });

  it("places the start in the week of the scenario's zone, not the offset start is written in", () => {
    // Monday 2 March 00:00 -08:00 is Monday 17:00 in Tokyo.
    const scenario = loaded(SEATTLE.replace('start: 2026-03-02T00:00:00-08:00\n', 'start: 2026-03-02T00:00:00-08:00\ntimeZone: Asia/Tokyo\n'));
    expect(startWeekOffset(scenario)).toBe(17 * HOUR);
    const outbound = scenario.workload.outbound;
    if (outbound === undefined) throw new Error('seattle.yaml has outbound calls');
    expect(arrivalProcess(outbound, 40, scenario)).toMatchObject({ weekOffset: 17 * HOUR, clock: { timeZone: 'Asia/Tokyo' } });
  });

  it('keeps the fixed offset of start, with no clock, when there is no zone at all', () => {
    const scenario = { ...loaded(SEATTLE), timeZone: null };
    const outbound = scenario.workload.outbound;
    if (outbound === undefined) throw new Error('seattle.yaml has outbound calls');
    const process = arrivalProcess(outbound, 40, scenario);
    expect(process).toMatchObject({ kind: 'profile', weekOffset: 0 });
    expect('clock' in process).toBe(false);
  });
});

describe('seattle.yaml across the start of daylight saving time (8 March 2026)', () => {
  it('sends the same share of inbound calls to the after-hours flow before and after the change (99.9% two-proportion bound)', async () => {
    const { scenario, tenant } = await seattle();
    // Windows of the same weekdays either side of Sunday 8 March, in local time: Tuesday to
    // Saturday (the warm-up takes Monday 2 March). Same weekdays, so the same expected share:
    // after-hours mass 4 x 16 x 0.1 + 24 x 0.1 = 8.8 of 4 x 9.6 + 2.4 = 40.8 (0.216).
    const at = (iso: string): number => Date.parse(iso) - scenario.startEpochMs;
    const windows = [
      { from: at('2026-03-03T00:00:00-08:00'), to: at('2026-03-08T00:00:00-08:00'), calls: 0, afterHours: 0 },
      { from: at('2026-03-10T00:00:00-07:00'), to: at('2026-03-15T00:00:00-07:00'), calls: 0, afterHours: 0 },
    ];
    const onCall = (r: CallRecord): void => {
      if (r.kind !== 'inbound') return;
      const w = windows.find((x) => r.startMs >= x.from && r.startMs < x.to);
      if (w === undefined) return;
      w.calls++;
      if ((r.details as { flow?: string }).flow === 'INB003') w.afterHours++;
    };
    // 4 replications with the scenario's seed: about 1,960 inbound calls per window.
    for (let replication = 0; replication < 4; replication++) runReplication(scenario, tenant, scenario.seed, replication, { onCall });

    const [before, after] = windows as [(typeof windows)[0], (typeof windows)[0]];
    const p1 = before.afterHours / before.calls;
    const p2 = after.afterHours / after.calls;
    // Given its arrival time, each call's flow is decided by the attendant's clock alone, and
    // Poisson arrivals are independent, so the two counts are independent binomials. Under "the
    // share is the same" the difference of the shares is about normal with the pooled standard
    // error below; 99.9% keeps a correct simulator from failing by chance (1 seed in 1,000, and
    // the seed is fixed), while the fixed-offset error (0.216 against 0.304, with a standard error
    // near 0.013) sits about 6.6 standard errors away, so it cannot pass.
    const pooled = (before.afterHours + after.afterHours) / (before.calls + after.calls);
    const bound = Z999 * Math.sqrt(pooled * (1 - pooled) * (1 / before.calls + 1 / after.calls));
    expect(before.calls).toBeGreaterThan(1500);
    expect(after.calls).toBeGreaterThan(1500);
    expect(Math.abs(p1 - p2)).toBeLessThan(bound);
    // And each is the share the profile and the attendant's hours give (binomial, 99.9%).
    const expected = 8.8 / 40.8;
    for (const w of windows) {
      expect(Math.abs(w.afterHours / w.calls - expected)).toBeLessThan(Z999 * Math.sqrt((expected * (1 - expected)) / w.calls));
    }
  }, 30_000);
});
