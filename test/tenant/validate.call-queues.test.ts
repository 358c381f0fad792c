/**
 * validate()'s call-queue findings (CQ011-CQ015) and the refusals of the queue operations
 * (CQ001-CQ010), on the one-queue fixture changed one way at a time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../engine/scenario/index.js';
import {
  addResourceAccount,
  associateCallQueue,
  defaultCallQueue,
  newCallQueue,
  removeCallQueue,
  setCallQueue,
  validate,
  type Tenant,
} from '../../engine/tenant/index.js';

let base: Tenant;

beforeAll(async () => {
  const loaded = await loadScenarioFile('test/fixtures/queue/one-queue.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  base = loaded.tenant;
});

const cq = (t: Tenant) => validate(t).filter((f) => f.rule.startsWith('CQ'));

describe('call-queue findings', () => {
  it('finds nothing wrong with the one-queue fixture', () => {
    expect(cq(base)).toEqual([]);
  });

  it('warns of a queue whose agents all opted out (CQ011) and names an agent who is not voice enabled (CQ012)', () => {
    const t = structuredClone(base);
    const agents = (t.callQueues?.[0]?.agents ?? []).map((a) => ({ ...a, optIn: false }));
    expect(setCallQueue(t, 'sales', { agents }).ok).toBe(true);
    const user = t.users[0];
    if (user !== undefined) user.enterpriseVoiceEnabled = false;
    expect(cq(t).map((f) => f.rule)).toEqual(['CQ012', 'CQ011']);
    expect(cq(t)[0]?.message).toMatch(/^CQ012: agent agent1@contoso.com of call queue Sales is not Enterprise Voice enabled/);
  });

  it('warns of a timeout shorter than one agent alert time (CQ014)', () => {
    const t = structuredClone(base);
    expect(setCallQueue(t, 'sales', { timeoutThreshold: 10, agentAlertTime: 30 }).ok).toBe(true);
    expect(cq(t).map((f) => f.rule)).toEqual(['CQ014']);
  });

  it('finds a loop of forwards between two queues (CQ013) and a forward to a resource account that answers for nothing (CQ015)', () => {
    const t = structuredClone(base);
    const ra = (upn: string) => ({ objectId: upn, userPrincipalName: upn, displayName: upn, applicationType: 'CallQueue' as const, licences: [], voiceRoutingPolicy: null, autoAttendantId: null });
    expect(addResourceAccount(t, ra('support-cq@contoso.com')).ok).toBe(true);
    expect(addResourceAccount(t, ra('idle-cq@contoso.com')).ok).toBe(true);
    expect(newCallQueue(t, { ...defaultCallQueue('support', 'Support'), timeoutAction: 'Forward', timeoutActionTarget: { type: 'ApplicationEndpoint', id: 'sales-cq@contoso.com' } }).ok).toBe(true);
    expect(associateCallQueue(t, 'support-cq@contoso.com', 'support').ok).toBe(true);
    expect(setCallQueue(t, 'sales', { overflowAction: 'Forward', overflowActionTarget: { type: 'ApplicationEndpoint', id: 'support-cq@contoso.com' } }).ok).toBe(true);
    expect(cq(t).filter((f) => f.rule === 'CQ013').map((f) => f.message)).toEqual([
      'CQ013: call queue Sales -> call queue Support -> call queue Sales: the forwards go round in a loop; a call in it is disconnected when it comes back (CQ026).',
    ]);
    expect(setCallQueue(t, 'support', { timeoutActionTarget: { type: 'ApplicationEndpoint', id: 'idle-cq@contoso.com' } }).ok).toBe(true);
    expect(cq(t).map((f) => f.rule)).toEqual(['CQ015', 'CQ011']);
  });
});

describe('call-queue refusals', () => {
  it('refuses what Teams refuses, with the rule ID first, and leaves the tenant as it was', () => {
    const t = structuredClone(base);
    const before = structuredClone(t);
    const refusal = (r: { ok: boolean; refusal?: { message: string } }) => (r.ok ? 'ok' : r.refusal?.message.slice(0, 5));
    expect(refusal(newCallQueue(t, { ...defaultCallQueue('x', '') }))).toBe('CQ001');
    expect(refusal(setCallQueue(t, 'sales', { agentAlertTime: 5 }))).toBe('CQ002');
    expect(refusal(setCallQueue(t, 'sales', { overflowThreshold: 201 }))).toBe('CQ003');
    expect(refusal(setCallQueue(t, 'sales', { timeoutThreshold: 2701 }))).toBe('CQ003');
    expect(refusal(associateCallQueue(t, 'main-aa@contoso.com', 'sales'))).toBe('CQ004');
    expect(refusal(setCallQueue(t, 'sales', { timeoutAction: 'DisconnectWithBusy' }))).toBe('CQ005');
    expect(refusal(setCallQueue(t, 'sales', { overflowAction: 'Forward', overflowActionTarget: null }))).toBe('CQ006');
    expect(refusal(setCallQueue(t, 'sales', { timeoutAction: 'Voicemail', timeoutActionTarget: { type: 'SharedVoicemail', id: 'x' } }))).toBe('CQ007');
    expect(refusal(setCallQueue(t, 'sales', { agents: Array.from({ length: 21 }, () => ({ objectId: 'agent1@contoso.com', optIn: true })) }))).toBe('CQ008');
    expect(refusal(setCallQueue(t, 'sales', { agents: [{ objectId: 'nobody@contoso.com', optIn: true }] }))).toBe('CQ009');
    expect(refusal(setCallQueue(t, 'sales', { allowOptOut: false, agents: [{ objectId: 'agent1@contoso.com', optIn: false }] }))).toBe('CQ010');
    expect(t).toEqual(before);
    expect(removeCallQueue(t, 'sales').ok).toBe(true);
    expect(t.resourceAccounts.find((r) => r.userPrincipalName === 'sales-cq@contoso.com')?.callQueueId).toBeNull();
  });
});
