/**
 * Done-when of issue 9: `callsim call` reaches every call outcome of docs/rules.md §3 from a
 * library scenario. Each ID has the scenario and call arguments that show it; the test runs the
 * command (in process, with --json) and checks the call made on purpose (or the callback after it)
 * ended in that outcome. A second test reads §3 and fails when an ID has no entry here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallTrace } from '../../engine/run/index.js';
import { tookStep } from '../../cli/commands/trace.js';
import { runCli } from './run-cli.js';

const U = (n: string): string => `user${n}@contoso.com`;
/** Its menu keys lead to a queue set up for each ending; callers before the main one make the sales agent busy or its line full. */
const Q = 'queue-every-ending.yaml';
const QUEUE_CALL = ['--user', U('05'), '--inbound', '--at', '10h'] as const;

/** Per §3 ID: the library scenario and the arguments of `callsim call` after it. */
export const CALL_FOR_OUTCOME: Readonly<Record<string, readonly [string, readonly string[]]>> = {
  OUT001: ['seattle.yaml', ['--user', U('05'), '--dial', '+14255550123', '--at', '10h']],
  OUT002: ['branch-half-set-up.yaml', ['--user', 'new.hire@contoso.com', '--dial', '+14255550123', '--at', '10h']],
  OUT003: ['global-vrp-with-usages.yaml', ['--user', 'new01@contoso.com', '--dial', '+14255550123', '--at', '10h']],
  OUT004: ['port-the-number.yaml', ['--user', U('05'), '--dial', '+14255550123', '--at', '3d10h']],
  OUT005: ['missing-payg-licence.yaml', ['--user', U('05'), '--dial', '+14255550123', '--at', '10h']],
  OUT006: ['out-of-credit.yaml', ['--user', U('05'), '--dial', '+14255550123', '--at', '3d10h', '--workload']],
  OUT007: ['channel-cap.yaml', ['--user', U('05'), '--dial', '+14255550123', '--at', '10h', '--before', `${U('02')}:+14255550111`, '--before', `${U('03')}:+14255550112`]],
  INB001: ['branch-half-set-up.yaml', ['--user', 'redmond1@contoso.com', '--inbound', '--at', '10h']],
  INB002: ['holidays-and-after-hours.yaml', ['--user', U('05'), '--inbound', '--at', '2d10h']],
  INB003: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '20h']],
  INB004: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '10h']],
  INB010: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '10h']],
  INB011: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '10h', '--caller', '0']],
  INB012: ['common-surname-no-voicemail.yaml', ['--user', 'smith1@contoso.com', '--inbound', '--at', '10h']],
  INB013: ['hidden-from-address-list.yaml', ['--user', 'pat.kim@contoso.com', '--inbound', '--at', '10h']],
  INB014: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '10h', '--caller', 'none']],
  INB015: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '20h']],
  INB016: ['seattle.yaml', ['--user', U('05'), '--inbound', '--at', '10h', '--no-answer']],
  INB017: ['common-surname-no-voicemail.yaml', ['--user', 'sam.lee@contoso.com', '--inbound', '--at', '10h', '--no-answer']],
  INB018: ['port-the-number.yaml', ['--user', U('05'), '--inbound', '--at', '3d10h']],
  INB019: ['toll-free-number.yaml', ['--user', U('05'), '--inbound', '--at', '4d10h', '--workload']],
  INB020: ['channel-cap.yaml', ['--user', U('05'), '--inbound', '--at', '10h', '--before', `${U('02')}:+14255550111`, '--before', `${U('03')}:+14255550112`]],
  EMG001: ['no-emergency-policy.yaml', ['--user', U('05'), '--dial', '911']],
  EMG002: ['seattle.yaml', ['--user', U('05'), '--dial', '911']],
  EMG003: ['seattle.yaml', ['--user', U('05'), '--dial', '911']],
  EMG004: ['seattle.yaml', ['--user', U('05'), '--dial', '911', '--at', '1h', '--before', `${U('02')}:911`, '--before', `${U('03')}:911`]],
  EMG005: ['no-callback-numbers.yaml', ['--user', U('05'), '--dial', '911']],
  EMG006: ['seattle.yaml', ['--user', U('05'), '--dial', '911']],
  EMG007: ['seattle.yaml', ['--user', U('05'), '--dial', '911', '--at', '1h', '--before', `${U('05')}:911`]],
  EMG008: ['global-vrp-with-usages.yaml', ['--user', 'new01@contoso.com', '--dial', '911']],
  EMG009: ['branch-half-set-up.yaml', ['--user', 'new.hire@contoso.com', '--dial', '911']],
  EMG010: ['emergency-policy-with-usages.yaml', ['--user', U('05'), '--dial', '911']],
  EMG011: ['ported-number-no-callback-numbers.yaml', ['--user', U('05'), '--dial', '911', '--at', '2d1h']],
  EMG012: ['port-the-number.yaml', ['--user', U('05'), '--dial', '911', '--at', '3d1h']],
  EMG013: ['seattle.yaml', ['--user', U('05'), '--dial', '933']],
  NET020: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'bellevue-office']],
  NET021: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'home']],
  NET022: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'seattle-wifi']],
  NET023: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'seattle-desk']],
  NET024: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'seattle-west-desk']],
  NET025: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'seattle-laptop']],
  NET027: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'home']],
  NET028: ['lis-lookup-order.yaml', ['--user', U('05'), '--dial', '911', '--client', 'bellevue-office']],
  NET026: ['branch-site-missing-lis.yaml', ['--user', U('05'), '--dial', '911', '--client', 'bellevue-office']],
  CQ020: ['sales-queue.yaml', ['--user', U('05'), '--inbound', '--at', '10h', '--caller', '1']],
  CQ021: [Q, [...QUEUE_CALL, '--caller', '1', '--before', 'caller:1', '--patience', '1m']],
  CQ022: [Q, [...QUEUE_CALL, '--caller', '1', '--before', 'caller:1', '--before', 'caller:1']],
  CQ023: [Q, [...QUEUE_CALL, '--caller', '1', '--no-answer']],
  CQ024: [Q, [...QUEUE_CALL, '--caller', '2']],
  CQ025: [Q, [...QUEUE_CALL, '--caller', '1']],
  CQ026: [Q, [...QUEUE_CALL, '--caller', '3']],
  CQ027: [Q, [...QUEUE_CALL, '--caller', '4']],
  CBK001: ['seattle.yaml', ['--user', U('05'), '--dial', '911', '--callback-after', '10m']],
  CBK002: ['seattle.yaml', ['--user', U('05'), '--callback-to', '+14255556789']],
  CBK003: ['no-callback-numbers.yaml', ['--user', U('05'), '--dial', '911', '--callback-after', '10m']],
  CBK004: ['seattle.yaml', ['--user', U('05'), '--dial', '911', '--callback-after', '10m', '--no-answer']],
};

interface TraceJson {
  callId: number;
  kind: string;
  outcome: string;
  reason: string;
  details: { flow?: string; before?: { outcome: string } } | null;
}

/**
 * Whether *trace* shows *id*: its outcome, the call flow it ran, the EMG001 it went on from, or a
 * step as `trace --outcome` selects it: of an emergency call (EMG002, EMG006, the LIS lookup's
 * NET020-NET028), or the hand-off of an inbound call to a queue (CQ025).
 */
function shows(trace: TraceJson, id: string): boolean {
  if (['INB002', 'INB003', 'INB004'].includes(id)) return trace.details?.flow === id;
  if (id === 'EMG002' || id === 'EMG006' || id.startsWith('NET') || id === 'CQ025') return tookStep(trace as unknown as CallTrace, id);
  if (id === 'EMG001') return trace.outcome === id || trace.details?.before?.outcome === id;
  return trace.outcome === id;
}

/** The §3 outcome IDs, read from docs/rules.md. */
function section3Ids(): string[] {
  const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  const start = doc.indexOf('## 3.');
  const section = doc.slice(start, doc.indexOf('\n## ', start));
  return [...section.matchAll(/^\| ([A-Z]+\d{3}) \|/gm)].map((m) => m[1] ?? '');
}

describe('callsim call reaches every outcome of docs/rules.md §3', () => {
  it('has a call for every §3 ID and for nothing else', () => {
    expect(Object.keys(CALL_FOR_OUTCOME).sort()).toEqual(section3Ids().sort());
  });

  for (const [id, [scenario, args]] of Object.entries(CALL_FOR_OUTCOME)) {
    it(`${id}: callsim call scenarios/${scenario} ${args.join(' ')}`, async () => {
      const { code, stdout, stderr } = await runCli('call', `scenarios/${scenario}`, ...args, '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const doc = JSON.parse(stdout) as { mainCallId: number; traces: TraceJson[] };
      const shown = doc.traces.filter((t) => t.callId >= doc.mainCallId);
      expect(shown.length).toBeGreaterThan(0);
      // The outcomes seen are the message when none shows the ID.
      expect(shown.some((t) => shows(t, id)), shown.map((t) => `${t.outcome} ${t.details?.flow ?? ''}`).join(', ')).toBe(true);
    });
  }
});
