/** `callsim trace FILE`: prints how calls of replication 0 were routed; exit 0, 1 (none matched) or 2. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/fixtures/run/small-office.yaml';

describe('callsim trace', () => {
  it('prints the first inbound call to finish as text with its steps, outcome and rule', async () => {
    const { code, stdout, stderr } = await runCli('trace', FIXTURE, '--kind', 'inbound');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^inbound call \d+ \(replication 0\)/);
    expect(stdout).toContain('      enter answering');
    expect(stdout).toContain('        hasNoAttendant = false');
    expect(stdout).toMatch(/\n {2}Outcome INB\d{3}: /);
    expect(stdout).toMatch(/\n {2}Rule INB\d{3}: /);
    expect(stdout.match(/^inbound call /gm)).toHaveLength(1);
  });

  it('prints as many traces as --limit asks for as JSON with --json', async () => {
    const { code, stdout } = await runCli('trace', FIXTURE, '--kind', 'outbound', '--limit', '3', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { replication: number; traces: { kind: string; outcome: string; steps: unknown[] }[] };
    expect(doc.replication).toBe(0);
    expect(doc.traces).toHaveLength(3);
    expect(doc.traces.every((t) => t.kind === 'outbound' && t.outcome.startsWith('OUT') && t.steps.length > 0)).toBe(true);
  });

  it('shows only calls that ended in --outcome, inferring the kind from it', async () => {
    const { code, stdout } = await runCli('trace', FIXTURE, '--outcome', 'INB011', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { traces: { kind: string; outcome: string }[] };
    expect(doc.traces.map((t) => [t.kind, t.outcome])).toEqual([['inbound', 'INB011']]);
  });

  it('selects the inbound calls that ran a call flow with --outcome INB002/INB003/INB004, and says so in --help', async () => {
    const { code, stdout, stderr } = await runCli('trace', 'scenarios/holidays-and-after-hours.yaml', '--outcome', 'inb003', '--limit', '3', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { traces: { kind: string; outcome: string; details: { flow: string } }[] };
    expect(doc.traces).toHaveLength(3);
    expect(doc.traces.every((t) => t.kind === 'inbound' && t.details.flow === 'INB003')).toBe(true);
    const help = (await runCli('trace', '--help')).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('INB003 after hours');
    expect(help).toContain('selects the inbound calls that ran that flow');
  });

  it('exits 1 for a call flow no call ran, counting the calls by flow', async () => {
    const { code, stderr } = await runCli('trace', FIXTURE, '--outcome', 'INB002');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^callsim trace: no inbound call ran the call flow INB002 in replication 0 of .*; the run had 0 of them; \d+ inbound calls finished, by flow \(INB\d{3} \d+/);
  });

  it('heads a trace with local time in the scenario zone, and keeps the UTC instant in --json', async () => {
    const text = await runCli('trace', FIXTURE, '--kind', 'inbound');
    expect(text.stdout).toMatch(/^inbound call 0 \(replication 0\), started 2026-03-02 00:01:00 PST \(America\/Los_Angeles\), ended /);
    const doc = JSON.parse((await runCli('trace', FIXTURE, '--kind', 'inbound', '--json')).stdout) as { traces: { startedAt: string; startedAtLocal: string }[] };
    expect(doc.traces[0]).toMatchObject({ startedAt: '2026-03-02T08:01:00.675Z', startedAtLocal: '2026-03-02 00:01:00 PST (America/Los_Angeles)' });
  });

  it('heads a callback as placed by the emergency service, keeping the emergency caller in --json', async () => {
    const { code, stdout } = await runCli('trace', FIXTURE, '--kind', 'callback');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^callback call \d+ \(replication 0\), started .*, placed by the emergency service, calling back \S+@contoso\.com's emergency call, ended /);
    const doc = JSON.parse((await runCli('trace', FIXTURE, '--kind', 'callback', '--json')).stdout) as { traces: { caller: string }[] };
    expect(doc.traces[0]?.caller).toMatch(/@contoso\.com$/);
  });

  it("shows an inbound caller's inputs in the steps when taken, not in the facts", async () => {
    const { stdout } = await runCli('trace', FIXTURE, '--kind', 'inbound');
    expect(stdout).not.toContain('callerInputs');
    expect(stdout).toMatch(/\n +\+0:00:15 +after callerInput\n +\+0:00:15 {9}caller presses 1\n/);
  });

  it('starts an inbound trace with the call flow in effect, why in the attendant zone, and its rule', async () => {
    const file = 'scenarios/holidays-and-after-hours.yaml';
    const after = (await runCli('trace', file, '--outcome', 'INB003')).stdout;
    expect(after).toMatch(/\n {4}\+0:00:00 {5}call flow: after hours \(Monday 00:14 PST is outside business hours\) {2}\(INB003\)\n {4}\+0:00:00 {5}call starts\n/);
    const holiday = (await runCli('trace', file, '--outcome', 'INB002')).stdout;
    expect(holiday).toContain("call flow: holiday (Wednesday 2026-03-04 00:28 PST is in the holiday Founders' Day)  (INB002)");
  });

  it('exits 2 for a call flow with another --kind', async () => {
    const { code, stderr } = await runCli('trace', FIXTURE, '--kind', 'outbound', '--outcome', 'INB003');
    expect(code).toBe(2);
    expect(stderr).toContain('INB003 is not an outcome of outbound calls');
  });

  it('shows the call asked for with --call', async () => {
    const { code, stdout } = await runCli('trace', FIXTURE, '--call', '2', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { traces: { callId: number }[] }).traces.map((t) => t.callId)).toEqual([2]);
  });

  it('exits 1 and says what the run had when no call ended in the outcome asked for', async () => {
    const { code, stdout, stderr } = await runCli('trace', FIXTURE, '--outcome', 'OUT006');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^callsim trace: no outbound call ended in OUT006 in replication 0 of .* \(seed 7\); the run had 0 of them; \d+ outbound calls finished \(OUT001 \d+\)\.\n$/);
  });

  it('exits 2 for an outcome that is not of the kind asked for', async () => {
    const { code, stderr } = await runCli('trace', FIXTURE, '--kind', 'inbound', '--outcome', 'OUT006');
    expect(code).toBe(2);
    expect(stderr).toContain('OUT006 is not an outcome of inbound calls');
  });

  it('exits 2 for an unknown kind or outcome', async () => {
    expect((await runCli('trace', FIXTURE, '--kind', 'fax')).code).toBe(2);
    expect((await runCli('trace', FIXTURE, '--outcome', 'SC001')).code).toBe(2);
  });

  it('exits 2 for a scenario file that does not exist', async () => {
    const { code, stderr } = await runCli('trace', 'test/fixtures/run/no-such-file.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('no-such-file.yaml');
  });

  it('accepts every outcome ID of docs/rules.md §3 for --outcome: none is refused as unusable (exit 2)', async () => {
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    const ids = [...doc.slice(doc.indexOf('## 3.'), doc.indexOf('\n## 4.')).matchAll(/^\| ([A-Z]+\d{3}) \|/gm)].map((m) => m[1] ?? '');
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) {
      // Exit 1 only says replication 0 of the small fixture had no such call; 2 would be a refusal.
      const { code, stderr } = await runCli('trace', FIXTURE, '--outcome', id);
      expect([0, 1], `${id}: ${stderr}`).toContain(code);
    }
  }, 120_000);

  it('selects the emergency calls that were located (EMG002) or routed (EMG006): steps every carried emergency call takes', async () => {
    for (const id of ['EMG002', 'EMG006']) {
      const { code, stdout } = await runCli('trace', 'scenarios/seattle.yaml', '--outcome', id, '--json');
      expect(code).toBe(0);
      const traces = (JSON.parse(stdout) as { traces: { kind: string; reason: string }[] }).traces;
      expect(traces.length).toBe(1);
      expect(traces[0]?.kind).toBe('emergency');
      expect(traces[0]?.reason).toContain(`; ${id} `);
    }
  });
});

describe('callsim trace of a call queue', () => {
  it('selects the calls an attendant handed off (CQ025) with --outcome CQ025: a step, since the call ends in the queue', async () => {
    const { code, stdout } = await runCli('trace', 'scenarios/queue-every-ending.yaml', '--outcome', 'CQ025', '--limit', '5', '--json');
    expect(code).toBe(0);
    const traces = (JSON.parse(stdout) as { traces: { outcome: string; reason: string }[] }).traces;
    expect(traces).toHaveLength(5);
    for (const t of traces) {
      expect(t.outcome).toMatch(/^CQ02[0-46-7]$/);
      expect(t.reason).toContain('(after ');
    }
  });

  it('shows a call the attendant sent to the sales queue, agent by agent, to the agent who answered', async () => {
    const { code, stdout } = await runCli('trace', 'scenarios/sales-queue.yaml', '--kind', 'queue', '--outcome', 'CQ020', '--limit', '40');
    expect(code).toBe(0);
    const trace = stdout.split(/\n(?=inbound call \d+ )/).find((t) => t.includes('effect agentMissed'));
    if (trace === undefined) throw new Error('one of the first 40 answered queue calls had an agent who did not answer');
    expect(trace).toContain('inputTransfersToApplication = true  (CQ025)');
    expect(trace).toContain('goes on as a queue call');
    expect(trace).toMatch(/effect ringAgent \{queueId: sales, agentId: user0\d@contoso\.com\}/);
    expect(trace).toMatch(/agentAnswers = false {2}\(CQ020\)\n.*effect agentMissed/);
    expect(trace).toMatch(/queue\.offer to agent user0\d@contoso\.com \(answers after 5000 ms; waited \d+ ms\)/);
    expect(trace).toMatch(/Outcome CQ020: answered \(call queue Sales\) by agent /);
  });
});
