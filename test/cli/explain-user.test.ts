import { describe, expect, it } from 'vitest';
import { RULE_GUIDE } from '../../engine/tenant/index.js';
import { runCli } from './run-cli.js';

/** The lines of a page from the line equal to *heading* to the next blank line. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = page.slice(start + heading.length + 2);
  const end = rest.indexOf('\n\n');
  return end < 0 ? rest : rest.slice(0, end);
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('callsim explain FILE --user U', () => {
  it('names the policy sources and shows an OUT001-bound outbound and an EMG003-bound emergency call (seattle)', async () => {
    const { code, stdout, stderr } = await runCli('explain', 'scenarios/seattle.yaml', '--user', 'user01@contoso.com');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    const policies = section(stdout, 'Policies');
    expect(policies).toMatch(/Shared Calling\s+Seattle, group grant: Seattle Shared Calling users, rank 1/);
    expect(policies).toMatch(/voice routing\s+SharedCallingNoPstn, group grant/);
    expect(policies).toMatch(/emergency call routing\s+Seattle-Emergency, group grant/);
    expect(policies).toMatch(/resource account\s+main-aa@contoso\.com, number \+14255550100/);

    const outbound = section(stdout, 'Outbound call to a US number');
    expect(outbound).toContain('callerRoutesOwnCalls = false  (OUT003)');
    expect(outbound).toContain('creditsExhausted = false  (OUT006)');
    expect(outbound).toContain('-> ringing: the call goes out with caller ID +14255550100');
    expect(outbound).toContain('bound for OUT001:');
    expect(outbound).not.toContain('Fix');

    const emergency = section(stdout, 'Emergency call to 911');
    expect(emergency).toContain('dialsEmergencyNumber = true');
    expect(emergency).toContain('poolHasFreeNumber = true');
    expect(emergency).toMatch(/-> onCall: the call is connected; location \S+ \(static\), callback number \+\d+/);
    expect(emergency).toContain('bound for EMG003:');

    const inbound = section(stdout, 'Inbound');
    expect(inbound).toMatch(/answered by\s+Contoso Seattle \(seattle-main\) at \+14255550100/);
    expect(inbound).toMatch(/by name\s+yes:/);
    expect(inbound).toMatch(/by extension\s+yes: 1001/);
  });

  it('accepts the ObjectId, and any case, for the user', async () => {
    const byUpn = await runCli('explain', 'scenarios/seattle.yaml', '--user', 'USER01@contoso.com');
    const objectId = /\(User Seattle 01, ([0-9a-f-]+)\)/.exec(byUpn.stdout)?.[1];
    expect(objectId).toBeDefined();
    const byId = await runCli('explain', 'scenarios/seattle.yaml', '--user', objectId ?? '');
    expect(byId.code).toBe(0);
    expect(byId.stdout).toBe(byUpn.stdout);
  });

  it("shows a new hire's outbound call routed by the Global voice routing policy, with the USR004 fix (global-vrp-with-usages)", async () => {
    const { code, stdout } = await runCli('explain', 'scenarios/global-vrp-with-usages.yaml', '--user', 'new01@contoso.com');
    expect(code).toBe(0);
    expect(section(stdout, 'Policies')).toMatch(/voice routing\s+Global, no grant applies/);
    const outbound = section(stdout, 'Outbound call to a US number');
    expect(outbound).toContain('callerRoutesOwnCalls = true  (OUT003)');
    expect(outbound).toContain('-> routedByOwnRouting (OUT003)');
    expect(outbound).toContain('Fix (USR004):');
    expect(outbound).toContain('New-CsOnlineVoiceRoutingPolicy -Identity NoPstn');
    expect(words(outbound)).toContain(words(RULE_GUIDE.USR004.fix.replace(/^.*#\s*/, '')).slice(1));
    expect(section(stdout, 'Emergency call to 911')).toContain('callerRoutesOwnCalls = true  (EMG008)');
  });

  it('shows EMG001 and the call going on as an outbound call when no emergency policy matches (no-emergency-policy)', async () => {
    const { code, stdout } = await runCli('explain', 'scenarios/no-emergency-policy.yaml', '--user', 'user01@contoso.com');
    expect(code).toBe(0);
    const emergency = section(stdout, 'Emergency call to 911');
    expect(emergency).toContain('dialsEmergencyNumber = false');
    expect(emergency).toMatch(/EMG001\): the call goes on as an outbound call/);
    const then = emergency.slice(emergency.indexOf('then, as an outbound call'));
    expect(then).toContain('then, as an outbound call to 911 as an ordinary number (US):');
    expect(then).toContain('-> ringing: the call goes out with caller ID +14255550100');
    expect(emergency.indexOf('EMG001')).toBeLessThan(emergency.indexOf('then, as an outbound call'));
  });

  it('refuses an unknown user with the nearest UPN, exit 2', async () => {
    const { code, stdout, stderr } = await runCli('explain', 'scenarios/seattle.yaml', '--user', 'usr01@contoso.com');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('no user usr01@contoso.com in scenarios/seattle.yaml; the nearest UPN is user01@contoso.com');
  });

  it('prints the issues of a file that does not load, exit 2, and wants exactly one file', async () => {
    const missing = await runCli('explain', 'scenarios/no-such-file.yaml', '--user', 'user01@contoso.com');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^scenarios\/no-such-file\.yaml:\d+:\d+: /);
    const two = await runCli('explain', 'scenarios/seattle.yaml', 'scenarios/toll-free-number.yaml', '--user', 'user01@contoso.com');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--user takes exactly one scenario file');
  });

  it('leaves callsim explain RULEID as it was', async () => {
    const { code, stdout } = await runCli('explain', 'OUT003');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OUT003, an outcome of an outbound call/);
  });
});
