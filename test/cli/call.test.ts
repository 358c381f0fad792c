/** `callsim call FILE --user U ...`: one call made on purpose, traced; exit 0 or 2. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SEATTLE = 'scenarios/seattle.yaml';
const QUEUES = 'scenarios/queue-every-ending.yaml';
const USER = 'user05@contoso.com';

interface Doc {
  mainCallId: number;
  notes: string[];
  traces: { callId: number; kind: string; caller: string | null; startMs: number; outcome: string; reason: string; details: Record<string, unknown> }[];
}

async function json(...args: string[]): Promise<Doc> {
  const { code, stdout, stderr } = await runCli('call', ...args, '--json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Doc;
}

describe('callsim call', () => {
  it('traces the call at --at in the trace format, with no warm-up note (a call on purpose is in no figures)', async () => {
    const { code, stdout } = await runCli('call', SEATTLE, '--user', USER, '--dial', '911', '--at', '1d2h');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Call: user05@contoso.com dials 911\.\n\nemergency call 0 \(replication 0\), started 2026-03-03 02:00:00 PST \(America\/Los_Angeles\) by user05@contoso.com, ended \+0:05:00\n/);
    expect(stdout).toContain('  Steps (time since the call started):');
    expect(stdout).toContain('  Rule EMG003: ');
    expect(stdout).not.toContain('warm-up');
  });

  it('takes --at as an ISO date-time with its offset too', async () => {
    const doc = await json(SEATTLE, '--user', USER, '--dial', '+14255550123', '--at', '2026-03-02T10:00:00-08:00');
    expect(doc.traces[0]?.startMs).toBe(10 * 3_600_000);
    expect(doc.traces[0]?.outcome).toBe('OUT001');
  });

  it('makes the --before calls first, a minute apart, and summarises them in one line each', async () => {
    const { code, stdout } = await runCli('call', SEATTLE, '--user', USER, '--dial', '911', '--at', '1h', '--before', 'user02@contoso.com:911', '--before', 'user03@contoso.com:911');
    expect(code).toBe(0);
    const [call, before, main] = stdout.split('\n\n');
    expect(call).toBe('Call: user05@contoso.com dials 911.');
    expect(before?.split('\n')[0]).toBe('Calls made before it:');
    expect(before?.split('\n')).toHaveLength(3);
    expect(before).toContain('emergency call 0 by user02@contoso.com, started 2026-03-02 00:58:00 PST (America/Los_Angeles): EMG003');
    expect(before).toContain('emergency call 1 by user03@contoso.com, started 2026-03-02 00:59:00 PST (America/Los_Angeles): EMG003');
    // EMG004 names who lost the number, in the effect and in the reason.
    expect(main).toContain('displaced: user02@contoso.com');
    expect(main).toContain('Outcome EMG004: no free number: a reserved number is reused and its earlier holder (user02@contoso.com) loses the reservation');
  });

  it('calls back the number the emergency call presented, --callback-after its end, ringing its holder', async () => {
    const doc = await json(SEATTLE, '--user', USER, '--dial', '911', '--callback-after', '10m');
    expect(doc.traces.map((t) => [t.kind, t.outcome, t.startMs])).toEqual([
      ['emergency', 'EMG003', 0],
      ['callback', 'CBK001', 15 * 60_000],
    ]);
    expect(doc.traces[1]?.details).toMatchObject({ dialledNumber: doc.traces[0]?.details.callbackNumber, reachedCaller: true, rangUserId: USER });
  });

  it('says so when the emergency call presented no number to call back (a test call)', async () => {
    const { code, stdout } = await runCli('call', SEATTLE, '--user', USER, '--dial', '933', '--callback-after', '10m');
    expect(code).toBe(0);
    expect(stdout).toContain('no callback: the emergency service has no number to call back, since it presented no callback number (EMG013).');
  });

  it('meets the tenant as the timeline changed it by --at, and lists the changes in effect', async () => {
    const before = await json('scenarios/port-the-number.yaml', '--user', USER, '--dial', '+14255550123', '--at', '2d10h');
    expect(before.traces[0]?.outcome).toBe('OUT001');
    const { code, stdout } = await runCli('call', 'scenarios/port-the-number.yaml', '--user', USER, '--dial', '+14255550123', '--at', '3d10h');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Call: user05@contoso.com dials \+14255550123 \(an outbound call to US\)\.\n\nTimeline changes in effect by then:\n  Move-CsSimPhoneNumberOut/);
    expect(stdout).toContain('Outcome OUT004');
  });

  it('with --workload meets the state the scenario workload left: the credits are spent by day 3', async () => {
    const alone = await json('scenarios/out-of-credit.yaml', '--user', USER, '--dial', '+14255550123', '--at', '3d10h');
    const withWorkload = await json('scenarios/out-of-credit.yaml', '--user', USER, '--dial', '+14255550123', '--at', '3d10h', '--workload');
    expect(alone.traces[0]?.outcome).toBe('OUT001');
    expect(withWorkload.traces[0]?.outcome).toBe('OUT006');
    // Only the call made on purpose is traced, not the workload's calls.
    expect(withWorkload.traces).toHaveLength(1);
  });

  it('puts an inbound caller through to the user by the menu key that transfers to them (auto)', async () => {
    const { stdout } = await runCli('call', SEATTLE, '--user', 'user01@contoso.com', '--inbound', '--at', '10h');
    expect(stdout).toMatch(/^Call: a PSTN caller dials \+14255550100 \(main-aa@contoso.com\) asking for user01@contoso.com, and at the menu presses 1\.\n/);
    expect(stdout).toContain('caller presses 1');
    expect(stdout).toContain('Outcome INB010');
  });

  it('gives the same bytes for the same arguments', async () => {
    const args = ['call', SEATTLE, '--user', USER, '--inbound', '--at', '10h', '--workload'];
    expect((await runCli(...args)).stdout).toBe((await runCli(...args)).stdout);
  });

  it('takes a callback number without its + and notes a number that is no callback number of the user', async () => {
    const doc = await json(SEATTLE, '--user', USER, '--callback-to', '14255556789');
    expect(doc.traces[0]?.details).toMatchObject({ dialledNumber: '+14255556789' });
    expect(doc.notes).toEqual([]);
    const other = await json(SEATTLE, '--user', USER, '--callback-to', '+14255556788');
    expect(other.notes).toEqual(["note: +14255556788 is neither a callback number of user05@contoso.com's Shared Calling policy nor its resource account's number."]);
  });

  it('keeps a queue agent busy with an earlier caller (--before caller:KEY): the next caller waits, and hangs up after --patience', async () => {
    const doc = await json(QUEUES, '--user', USER, '--inbound', '--at', '10h', '--caller', '1', '--before', 'caller:1', '--patience', '1m', '--duration', '4m');
    const [before, main] = doc.traces;
    // The earlier caller pressed 1 a minute before and the agent talks with them for --duration.
    expect([before?.startMs, before?.outcome, before?.details.agentId]).toEqual([10 * 3_600_000 - 60_000, 'CQ020', 'user01@contoso.com']);
    expect(main?.outcome).toBe('CQ021');
    expect(main?.details.waitMs).toBe(60_000);
    // Without --patience the caller waits until the agent is free: the earlier call's 2m of talk end a minute after this one came.
    const waits = await json(QUEUES, '--user', USER, '--inbound', '--at', '10h', '--caller', '1', '--before', 'caller:1', '--duration', '2m');
    expect(waits.traces[1]?.outcome).toBe('CQ020');
    expect(waits.traces[1]?.details.waitMs).toBe(60_000);
  });

  it('--no-answer: the queue agents offered the call do not answer it, so it waits until the queue times out', async () => {
    const doc = await json(QUEUES, '--user', USER, '--inbound', '--at', '10h', '--caller', '1', '--no-answer');
    expect(doc.traces[0]?.outcome).toBe('CQ023');
    expect(doc.traces[0]?.details.skipped).toContain('user01@contoso.com');
  });

  it.each([
    [['--user', USER, '--dial', '911', '--before', 'caller:9x'], 'or caller:INPUT'],
    [['--user', USER, '--dial', '911', '--patience', '1m'], '--patience is how long an inbound caller waits in a call queue: use it with --inbound.'],
    [['--user', USER, '--inbound', '--patience', 'soon'], '--patience takes'],
    [['--user', USER, '--callback-to', 'tel:+14255556789'], '--callback-to: NUM003'],
    [['--user', USER], 'give exactly one of --dial STRING, --inbound, --callback-to NUMBER'],
    [['--user', USER, '--dial', '911', '--inbound'], 'give exactly one of'],
    [['--user', 'user5@contoso.com', '--dial', '911'], 'no user user5@contoso.com in the scenario\'s tenant; did you mean user05@contoso.com?'],
    [['--user', USER, '--dial', '911', '--at', 'tomorrow'], '--at takes the time since the scenario\'s start'],
    [['--user', USER, '--dial', '911', '--at', '20d'], "--at 20d is at or after the scenario's horizon (336h from its start)."],
    [['--user', USER, '--inbound', '--callback-after', '5m'], '--callback-after follows an emergency call: use it with --dial.'],
    [['--user', USER, '--dial', '911', '--caller', 'name'], '--caller is what an inbound caller does: use it with --inbound.'],
    [['--user', USER, '--dial', '911', '--at', '0', '--before', 'user02@contoso.com:911'], 'need it to start at least 1m after the scenario\'s start'],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { code, stdout, stderr } = await runCli('call', SEATTLE, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});

describe('callsim call --html', () => {
  it('writes the step-through page of the call and its callback, and prints the same text as without it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'callsim-call-')), 'call.html');
    const args = ['call', SEATTLE, '--user', USER, '--dial', '911', '--callback-after', '10m'];
    const plain = await runCli(...args);
    const withPage = await runCli(...args, '--html', file);
    expect(withPage.code).toBe(0);
    expect(withPage.stdout).toBe(plain.stdout);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // The emergency call and the callback the service places: both machines' diagrams are drawn.
    expect(html).toContain('id="diagram-emergency"');
    expect(html).toContain('id="diagram-callback"');
    expect(html).toContain('user05@contoso.com dials 911');
  });

  it('refuses an --html path in a folder that does not exist, before placing any call', async () => {
    const { code, stdout, stderr } = await runCli('call', SEATTLE, '--user', USER, '--dial', '911', '--html', '/no/such/folder/call.html');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^callsim call: .*--html.*no\/such\/folder/);
  });
});
