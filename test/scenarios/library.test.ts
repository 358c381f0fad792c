/**
 * The scenario library (scenarios/*.yaml): every file loads without issues and its own `expect`
 * list passes, so each what-if shows what its description says. A few scenarios also get a check
 * per call that their figures alone cannot make (when an outcome happens, who it happens to).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario, type CallRecord, type RunResult } from '../../engine/run/index.js';
import { loadScenarioFile, type Scenario } from '../../engine/scenario/index.js';
import type { Tenant } from '../../engine/tenant/index.js';

const LIBRARY = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const FILES = readdirSync(LIBRARY)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * seattle.yaml is the default scenario, sized for a real look (14 days, 5 replications); a
 * shorter run is enough to check its expect list and keeps this file fast. The others are
 * already sized to run in a few seconds.
 */
const SHORTENED: Readonly<Record<string, { horizonMs: number; replications: number }>> = {
  'seattle.yaml': { horizonMs: 4 * DAY, replications: 2 },
};

interface LibraryRun {
  scenario: Scenario;
  tenant: Tenant;
  result: RunResult;
  calls: CallRecord[];
}

const runs = new Map<string, Promise<LibraryRun>>();

/** Loads and runs one library file once, however many tests look at it. */
function run(file: string): Promise<LibraryRun> {
  let pending = runs.get(file);
  if (pending === undefined) {
    pending = (async () => {
      const loaded = await loadScenarioFile(LIBRARY + file);
      if (!loaded.ok) throw new Error(`${file} does not load: ${loaded.issues.map((i) => i.message).join('; ')}`);
      const calls: CallRecord[] = [];
      const result = runScenario(loaded, { ...SHORTENED[file], onCall: (r) => calls.push(r) });
      return { scenario: loaded.scenario, tenant: loaded.tenant, result, calls };
    })();
    runs.set(file, pending);
  }
  return pending;
}

function upnOf(tenant: Tenant, objectId: string | null): string | undefined {
  return tenant.users.find((u) => u.objectId === objectId)?.userPrincipalName;
}

describe('the scenario library', () => {
  it('holds at least eight what-if scenarios besides seattle.yaml', () => {
    expect(FILES.filter((f) => f !== 'seattle.yaml').length).toBeGreaterThanOrEqual(8);
  });

  describe.each(FILES)('%s', (file) => {
    it('loads without issues', async () => {
      const loaded = await loadScenarioFile(LIBRARY + file);
      expect(loaded.ok ? [] : loaded.issues.map((i) => `${i.line}:${i.column}: ${i.code}: ${i.message}`)).toEqual([]);
    });

    it('says what it shows and has an expect list', async () => {
      const { scenario } = await run(file);
      expect([scenario.description.length > 100, scenario.expect.length > 0]).toEqual([true, true]);
    });

    it('passes its own expect list', async () => {
      const { result } = await run(file);
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.message)).toEqual([]);
    });
  });
});

describe('what the scenarios show, call by call', () => {
  it('port-the-number: outbound calls connect before the port on day 3 and fail with OUT004 from it on', async () => {
    const { calls } = await run('port-the-number.yaml');
    const outbound = calls.filter((c) => c.kind === 'outbound');
    const wrong = outbound.filter((c) => (c.startMs < 3 * DAY ? c.outcome !== 'OUT001' : c.outcome !== 'OUT004'));
    expect([outbound.length > 0, wrong.map((c) => `${c.startMs} ${c.outcome}`)]).toEqual([true, []]);
  });

  it('global-vrp-with-usages: exactly the new hires, who lack the no-usage policy, are routed by the Global policy (OUT003)', async () => {
    const { calls, tenant } = await run('global-vrp-with-usages.yaml');
    const outbound = calls.filter((c) => c.kind === 'outbound');
    const misjudged = outbound.filter((c) => (upnOf(tenant, c.callerId)?.startsWith('new') === true) !== (c.outcome === 'OUT003'));
    expect([outbound.length > 0, misjudged.length]).toEqual([true, 0]);
  });

  it('holidays-and-after-hours: the holiday flow runs on 4 March in the attendant\'s time zone and on no other day', async () => {
    const { calls, scenario } = await run('holidays-and-after-hours.yaml');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' });
    const holidayDays = new Set(
      calls
        .filter((c) => c.kind === 'inbound' && (c.details as { flow?: string }).flow === 'INB002')
        .map((c) => day.format(new Date(scenario.startEpochMs + c.startMs))),
    );
    expect([...holidayDays]).toEqual(['2026-03-04']);
  });

  it('small and large callback pools see the same emergency calls (common random numbers)', async () => {
    const [small, large] = await Promise.all([run('small-callback-pool.yaml'), run('large-callback-pool.yaml')]);
    const startsOf = (r: LibraryRun): number[] => r.calls.filter((c) => c.kind === 'emergency').map((c) => c.startMs);
    expect(startsOf(small)).toEqual(startsOf(large));
  });

  it('the two-number pool misses more callbacks than the ten-number pool', async () => {
    const [small, large] = await Promise.all([run('small-callback-pool.yaml'), run('large-callback-pool.yaml')]);
    const share = (r: LibraryRun): number => r.result.metrics['callback.notReachedShare']?.mean ?? NaN;
    expect(share(small)).toBeGreaterThan(share(large));
  });

  it('remove-emergency-number-mid-run: a larger share of emergency calls displaces a reservation once the pool is down to one number', async () => {
    const { calls } = await run('remove-emergency-number-mid-run.yaml');
    const removedAt = 3 * DAY;
    const displacedShare = (inWindow: (c: CallRecord) => boolean): number => {
      const emergency = calls.filter((c) => c.kind === 'emergency' && inWindow(c));
      return emergency.filter((c) => c.outcome === 'EMG004').length / emergency.length;
    };
    // Calls in the hour after the removal may still meet reservations made on the old number.
    const before = displacedShare((c) => c.startMs < removedAt);
    const after = displacedShare((c) => c.startMs >= removedAt + HOUR);
    expect(after).toBeGreaterThan(before);
  });

  it('out-of-credit: no outbound call connects after the first one refused for lack of credit', async () => {
    const { calls, result } = await run('out-of-credit.yaml');
    const outbound = calls.filter((c) => c.kind === 'outbound');
    const connectedAfterRefusal = Array.from({ length: result.replications }, (_, rep) => rep).flatMap((rep) => {
      const mine = outbound.filter((c) => c.replication === rep).sort((a, b) => a.startMs - b.startMs);
      const firstRefused = mine.find((c) => c.outcome === 'OUT006')?.startMs ?? Infinity;
      return mine.filter((c) => c.startMs > firstRefused && c.outcome === 'OUT001');
    });
    expect(connectedAfterRefusal).toEqual([]);
  });
});
