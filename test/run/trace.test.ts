/**
 * Per-call traces (engine/run/trace.ts): a selected call's states, guard values, effects with what
 * the runtime did, its facts and its outcome with the rule's text; tracing changes no figure.
 */
import { finalSnapshots } from '../../engine/kernel/index.js';
import { describe, expect, it } from 'vitest';
import { formatTrace, runReplication, type CallTrace, type TraceOptions, type TraceStep } from '../../engine/run/index.js';
import { GUARD_RULES, describeCallerInput, guardRuleId, localTime } from '../../engine/run/trace.js';
import { DIAGRAM_MACHINES, machineDiagram, machines } from '../../engine/machines/index.js';
import { SAMPLES } from '../../engine/machines/examples.js';
import { RULES } from '../../engine/tenant/index.js';
import { emergencyWorkload, everyKindScenario, inboundWorkload, load, outboundWorkload, smallScenario, type ScenarioObject } from '../fixtures/run/small-tenant.js';

type Kind = CallTrace['kind'];

/** The traces of every call of *kind* in replication 0 (seed 7) of *scenario*, in the order they finish. */
function traces(scenario: ScenarioObject, kind?: Kind): CallTrace[] {
  const { scenario: s, tenant } = load(scenario);
  const out: CallTrace[] = [];
  const zone = { timeZone: s.timeZone, startOffsetMinutes: s.startOffsetMinutes };
  runReplication(s, tenant, 7, 0, { trace: { ...zone, select: (c) => kind === undefined || c.kind === kind, onTrace: (t) => out.push(t) } });
  return out;
}

function first(scenario: ScenarioObject, kind: Kind, outcome: string): CallTrace {
  const found = traces(scenario, kind).find((t) => t.outcome === outcome);
  if (found === undefined) throw new Error(`no ${kind} call ended in ${outcome}`);
  return found;
}

/** "guard = value" for each guard evaluated, in order. */
function guardValues(trace: CallTrace): string[] {
  return trace.steps.flatMap((s) => (s.step === 'guard' ? [`${s.guard}${s.params === undefined ? '' : JSON.stringify(s.params)} = ${s.value}`] : []));
}

function entered(trace: CallTrace): string[] {
  return trace.steps.flatMap((s) => (s.step === 'enter' ? [s.state] : []));
}

function effects(trace: CallTrace): Extract<TraceStep, { step: 'effect' }>[] {
  return trace.steps.filter((s): s is Extract<TraceStep, { step: 'effect' }> => s.step === 'effect');
}

function outboundOnly(change: (s: ScenarioObject) => void = () => {}): ScenarioObject {
  const s = smallScenario();
  s.workload = { outbound: { ...outboundWorkload(), answerProbability: 1 } };
  change(s);
  return s;
}

function nameSearchTooBroad(): ScenarioObject {
  const s = smallScenario();
  s.workload = { inbound: inboundWorkload({ dialByName: 1, targetUsers: ['alice@contoso.com'] }) };
  for (let n = 1; n <= 5; n++) {
    s.tenant.users.push({ upn: `jones${n}@contoso.com`, givenName: `J${n}`, surname: 'Jones', licences: ['TeamsPhone'], groups: ['users'] });
  }
  return s;
}

function heavyEmergency(): ScenarioObject {
  const s = smallScenario();
  s.workload = { emergency: emergencyWorkload(1) };
  return s;
}

describe('a trace read as text', () => {
  it('of an outbound call that is billed matches the reviewed snapshot', async () => {
    await expect(formatTrace(first(outboundOnly(), 'outbound', 'OUT001'))).toMatchFileSnapshot('__traces__/outbound-OUT001.txt');
  });

  it('of an outbound call with no credits matches the reviewed snapshot', async () => {
    const trace = first(outboundOnly((s) => (s.tenant.credits.balance = 0)), 'outbound', 'OUT006');
    await expect(formatTrace(trace)).toMatchFileSnapshot('__traces__/outbound-OUT006.txt');
  });

  it('of an inbound dial by name with too many matches matches the reviewed snapshot', async () => {
    await expect(formatTrace(first(nameSearchTooBroad(), 'inbound', 'INB012'))).toMatchFileSnapshot('__traces__/inbound-INB012.txt');
  });

  it('of an emergency call that takes a reserved number matches the reviewed snapshot', async () => {
    await expect(formatTrace(first(heavyEmergency(), 'emergency', 'EMG004'))).toMatchFileSnapshot('__traces__/emergency-EMG004.txt');
  });
});

describe('rule IDs on guard lines', () => {
  type Config = Record<string, unknown>;
  const isRecord = (v: unknown): v is Config => typeof v === 'object' && v !== null && !Array.isArray(v);
  const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  /** Every (state, guard, params, target) of a machine's definition whose target is a final state. */
  function guardsToFinal(kind: (typeof DIAGRAM_MACHINES)[number]): { state: string; guard: string; params: unknown; target: string }[] {
    const states = (machines[kind].config as Config).states as Config;
    const finals = new Set(Object.entries(states).filter(([, c]) => isRecord(c) && c.type === 'final').map(([name]) => name));
    const found: { state: string; guard: string; params: unknown; target: string }[] = [];
    for (const [state, config] of Object.entries(states)) {
      if (!isRecord(config)) continue;
      const groups = [config.always, ...Object.values(isRecord(config.after) ? config.after : {}), ...Object.values(isRecord(config.on) ? config.on : {})];
      for (const transition of groups.flatMap(list)) {
        if (!isRecord(transition) || transition.guard === undefined) continue;
        const target = String(list(transition.target)[0] ?? '').replace(/^\./, '');
        if (!finals.has(target)) continue;
        const guard = isRecord(transition.guard) ? String(transition.guard.type) : String(transition.guard);
        const params = isRecord(transition.guard) ? transition.guard.params : undefined;
        found.push({ state, guard, params, target });
      }
    }
    return found;
  }

  it("maps every guard that leads straight to a final state to that final state's outcome ID", () => {
    let checked = 0;
    for (const kind of DIAGRAM_MACHINES) {
      const outcomes = new Map(machineDiagram(machines[kind], finalSnapshots(machines[kind], SAMPLES[kind])).states.map((s) => [s.name, s.outcome]));
      for (const t of guardsToFinal(kind)) {
        checked++;
        const where = `${kind} ${t.state}: ${t.guard}${t.params === undefined ? '' : JSON.stringify(t.params)} -> ${t.target}`;
        expect({ where, rule: guardRuleId(kind, t.guard, t.params) }).toEqual({ where, rule: outcomes.get(t.target) });
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('names only guards the machines have, and rule IDs that docs/rules.md lists', () => {
    for (const kind of DIAGRAM_MACHINES) {
      const guards = Object.keys((machines[kind] as unknown as { implementations: { guards: Record<string, unknown> } }).implementations.guards);
      for (const [guard, rule] of Object.entries(GUARD_RULES[kind])) {
        expect(guards, `${kind} ${guard}`).toContain(guard);
        for (const id of typeof rule === 'string' ? [rule] : Object.values(rule.rules)) expect(RULES[id], id).toBeDefined();
      }
    }
  });

  it('shows the rule after the value in the text: creditsExhausted of an OUT006 call says (OUT006)', () => {
    const text = formatTrace(first(outboundOnly((s) => (s.tenant.credits.balance = 0)), 'outbound', 'OUT006'));
    expect(text).toMatch(/\n +\+0:00:00 +creditsExhausted = true {2}\(OUT006\)\n/);
    expect(text).toMatch(/\n +\+0:00:00 +callerNotVoiceEnabled = false {2}\(OUT002\)\n/);
  });

  it("takes the IDs of the machine a call goes on as: an emergency call that is none shows the outbound machine's", () => {
    const s = smallScenario();
    s.workload = { emergency: { ...emergencyWorkload(1), dialStrings: { '912': 1 } } };
    const lines = formatTrace(first(s, 'emergency', 'OUT001')).split('\n');
    const goesOn = lines.findIndex((l) => l.endsWith('goes on as an outbound call'));
    expect(goesOn).toBeGreaterThan(0);
    expect(lines.slice(0, goesOn).filter((l) => l.includes('(OUT'))).toEqual([]);
    expect(lines.slice(goesOn).find((l) => l.includes(' callerNotVoiceEnabled = '))).toMatch(/= false {2}\(OUT002\)$/);
  });
});

describe('a trace', () => {
  it('of an OUT006 call shows every check up to creditsExhausted = true and ends in noCredits', () => {
    const trace = first(outboundOnly((s) => (s.tenant.credits.balance = 0)), 'outbound', 'OUT006');
    expect(guardValues(trace)).toEqual([
      'callerNotVoiceEnabled = false',
      'callerRoutesOwnCalls = false',
      'policyHasNoResourceAccount = false',
      'resourceAccountHasNoNumber = false',
      'serviceNumberNotFunded = false',
      'creditsExhausted = true',
    ]);
    expect(entered(trace)).toEqual(['checkingCaller', 'noCredits']);
    expect(trace.facts).toContainEqual({ name: 'credits', value: 'postpaidOverage false, balance 0' });
  });

  it('of an INB012 call shows the name search chosen and found too broad', () => {
    const trace = first(nameSearchTooBroad(), 'inbound', 'INB012');
    const guards = guardValues(trace);
    expect(guards.slice(guards.indexOf('inputIsNameSearch = true'), guards.indexOf('nameSearchTooBroad = true') + 1)).toEqual([
      'inputIsNameSearch = true',
      'nameSearchTooBroad = true',
    ]);
    expect(entered(trace).slice(-5)).toEqual(['handlingInput', 'searchingByName', 'hangingUp', 'hungUp', 'tooManyNameMatches']);
    expect(trace.steps).toContainEqual(expect.objectContaining({ step: 'input', text: 'caller says a name (directory: 6 matches)' }));
  });

  it('ends with the outcome, its reason and the rule text from RULES', () => {
    const trace = first(nameSearchTooBroad(), 'inbound', 'INB012');
    expect(trace.reason.startsWith('INB012: ')).toBe(true);
    expect(trace.rule).toBe(RULES.INB012.text);
  });

  it('of a billed call shows the debit and the balance after it', () => {
    const trace = first(outboundOnly(), 'outbound', 'OUT001');
    const debit = effects(trace).find((e) => e.effect === 'debitCredits');
    expect(debit).toMatchObject({ effect: 'debitCredits', params: { minutes: 2, amount: 0.04, fundedBy: 'communicationsCredits' } });
    expect(debit?.result).toEqual({ balanceAfter: expect.any(Number) });
    expect(debit?.result.balanceAfter).toBeLessThan(1000);
  });

  it('of a call dialled as an emergency string that is none shows EMG001, then the outbound machine that decides and bills it', () => {
    const s = smallScenario();
    s.workload = { emergency: { ...emergencyWorkload(1), dialStrings: { '912': 1 } } };
    const trace = first(s, 'emergency', 'OUT001');
    const states = entered(trace);
    expect(states.slice(0, 3)).toEqual(['choosingPolicy', 'recognising', 'notAnEmergencyNumber']);
    expect(states.slice(3)).toEqual(['checkingCaller', 'ringing', 'talking', 'hangingUp', 'completed']);
    expect(trace.steps.filter((step) => step.step === 'event').map((step) => step.event)).toEqual([
      'call starts',
      'goes on as an outbound call',
      'after ringTime',
      'after talkTime',
    ]);
    expect(effects(trace).map((e) => e.effect)).toEqual(['continueAsOutbound', 'seizeChannel', 'debitCredits', 'releaseChannel']);
    expect(trace.facts).toContainEqual({ name: 'dialledString', value: '912' });
    expect(trace.facts).toContainEqual(expect.objectContaining({ name: 'then farEnd' }));
    expect(trace.reason).toMatch(/^OUT001: .*\(after EMG001: /);
    expect(trace.steps.some((step) => step.step === 'note')).toBe(false);
  });

  it('of an EMG004 call names the user whose reservation was displaced', () => {
    const trace = first(heavyEmergency(), 'emergency', 'EMG004');
    const [reserve] = effects(trace);
    expect(reserve?.params).toMatchObject({ mode: 'displace' });
    expect(reserve?.result).toMatchObject({ reserved: true, heldForMinutes: 60, displaced: expect.stringMatching(/@contoso\.com$/) });
  });

  it('shows states that match the machine after every step, for every kind of call', () => {
    const s = smallScenario();
    s.workload = {
      outbound: { ...outboundWorkload(0.5), answerProbability: 0.8 },
      inbound: inboundWorkload({ keys: { '1': 0.4, '0': 0.2, '9': 0.1 }, dialByName: 0.1, noInput: 0.2 }, 6),
      emergency: emergencyWorkload(0.3, { probability: 1, delay: { exponential: { mean: '30m' } } }),
    };
    const all = traces(s);
    expect(new Set(all.map((t) => t.kind))).toEqual(new Set(['outbound', 'inbound', 'emergency', 'callback']));
    expect(all.flatMap((t) => t.steps.filter((step) => step.step === 'note'))).toEqual([]);
    for (const t of all) expect(entered(t).length).toBeGreaterThan(1);
  });
});

describe('a trace read by a trainer (issue 9)', () => {
  it('heads the trace with the start as local time in the scenario zone, keeping the UTC instant in startedAt', () => {
    const trace = first(outboundOnly(), 'outbound', 'OUT001');
    expect(trace.startedAt).toBe('2026-03-02T08:03:11.714Z');
    expect(trace.startedAtLocal).toBe('2026-03-02 00:03:11 PST (America/Los_Angeles)');
    expect(formatTrace(trace).split('\n')[0]).toBe('outbound call 0 (replication 0), started 2026-03-02 00:03:11 PST (America/Los_Angeles) by carol@contoso.com, ended +0:02:08');
  });

  it('shows local time at the fixed offset of start when there is no time zone, and daylight time when it holds', () => {
    expect(localTime(Date.UTC(2026, 2, 2, 8, 0, 36), null, 60)).toBe('2026-03-02 09:00:36 UTC+01:00');
    expect(localTime(Date.UTC(2026, 2, 2, 8, 0, 36), null, -330)).toBe('2026-03-02 02:30:36 UTC-05:30');
    expect(localTime(Date.UTC(2026, 2, 2, 8, 0, 36), null)).toBe('2026-03-02 08:00:36 UTC');
    expect(localTime(Date.UTC(2026, 6, 1, 17, 0, 0), 'America/Los_Angeles')).toBe('2026-07-01 10:00:00 PDT (America/Los_Angeles)');
  });

  it("heads a callback as placed by the emergency service, calling back the user's emergency call; caller stays the user", () => {
    const s = smallScenario();
    s.workload = { emergency: emergencyWorkload(0.3, { probability: 1, delay: { exponential: { mean: '30m' } } }) };
    const callback = traces(s, 'callback')[0];
    if (callback === undefined) throw new Error('no callback traced');
    expect(callback.caller).toMatch(/@contoso\.com$/);
    const heading = formatTrace(callback).split('\n')[0] ?? '';
    expect(heading).toContain(`, placed by the emergency service, calling back ${callback.caller}'s emergency call, ended `);
    expect(heading).not.toContain(' by ' + String(callback.caller) + ',');
  });

  it('shows each caller input in the steps when the machine takes it, not as a fact at call start', () => {
    const s = smallScenario();
    s.workload = { inbound: inboundWorkload({ keys: { '1': 0.5, '0': 0.2 }, noInput: 0.3 }, 6) };
    const all = traces(s, 'inbound');
    expect(all.flatMap((t) => t.facts).filter((f) => f.name.startsWith('callerInputs'))).toEqual([]);
    const inputs = all.flatMap((t) => t.steps.filter((step) => step.step === 'input').map((step) => step.text));
    expect(inputs).toContain('caller presses 1');
    expect(inputs).toContain('no input');
    for (const t of all) {
      const lines = formatTrace(t).split('\n');
      // Each input line follows the `after callerInput` event that took it.
      lines.forEach((line, i) => {
        if (/^ +\+\S+ +(caller presses|caller says|caller dials|no input)/.test(line)) expect(lines[i - 1]).toMatch(/after callerInput$/);
      });
    }
  });

  it('describes every kind of caller input', () => {
    expect(describeCallerInput({ kind: 'key', key: '#', afterMs: 1 })).toBe('caller presses #');
    expect(describeCallerInput({ kind: 'noInput' })).toBe('no input');
    expect(describeCallerInput({ kind: 'dialByName', afterMs: 1, directory: { matchesAfterDialScope: 1, target: 'u1' } }, (id) => `${id}@x`)).toBe(
      'caller says a name (directory: 1 match, reaches u1@x)',
    );
    expect(describeCallerInput({ kind: 'dialByExtension', afterMs: 1, directory: { found: true, inScope: false, target: null } })).toBe(
      'caller dials an extension (directory: found, outside the dial scope)',
    );
  });

  it('starts an inbound trace with the call flow in effect, why, and its rule', () => {
    const trace = first(nameSearchTooBroad(), 'inbound', 'INB012');
    expect(trace.steps[0]).toMatchObject({ step: 'flow', flow: 'businessHours', rule: 'INB004' });
    expect(trace.steps[1]).toMatchObject({ step: 'event', event: 'call starts' });
    expect(formatTrace(trace)).toContain(
      '    +0:00:00     call flow: business hours (Monday 00:00 PST; no after-hours schedule: the business-hours flow runs around the clock)  (INB004)\n',
    );
  });

  it('gives outbound, emergency and callback traces no call-flow step', () => {
    const s = smallScenario();
    s.workload = { outbound: outboundWorkload(), emergency: emergencyWorkload(0.3, { probability: 1, delay: { exponential: { mean: '30m' } } }) };
    expect(traces(s).flatMap((t) => t.steps.filter((step) => step.step === 'flow'))).toEqual([]);
  });
});

describe('tracing', () => {
  it('on for every call gives the same figures and call records as off', () => {
    const { scenario, tenant } = load(everyKindScenario());
    const plain: unknown[] = [];
    const traced: unknown[] = [];
    const off = runReplication(scenario, tenant, 11, 0, { onCall: (r) => plain.push(r) });
    const trace: TraceOptions = { select: () => true, onTrace: () => {} };
    const on = runReplication(scenario, tenant, 11, 0, { onCall: (r) => traced.push(r), trace });
    expect(JSON.stringify(on)).toBe(JSON.stringify(off));
    expect(traced).toEqual(plain);
  });

  it('hands over only the calls it selects', () => {
    const selected = traces(everyKindScenario(), 'emergency');
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.every((t) => t.kind === 'emergency')).toBe(true);
  });
});
