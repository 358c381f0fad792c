import { describe, expect, it } from 'vitest';
import { inboundMachine } from '../../engine/machines/inbound.js';
import { drive } from './drive.js';
import { inboundCall as call, press, withMenu } from './samples.js';



describe('inbound call', () => {
  it('is not answered when no auto attendant is behind the number (INB001)', () => {
    const run = drive(inboundMachine, call([], (c) => { c.attendant = null; }));
    expect(run.snapshot.output).toEqual({
      callKind: 'inbound',
      outcome: 'INB001',
      reason: expect.stringMatching(/^INB001: /),
      details: { flow: null, attendantId: null, target: null, answered: null, failedAttempts: 0 },
    });
    expect(run.delays).toEqual([]);
  });

  it('plays the greeting, the menu prompt, then waits for the key press', () => {
    expect(drive(inboundMachine, call([press('1')])).delays.slice(0, 3)).toEqual([4_000, 6_000, 1_500]);
  });

  it('transfers to the user behind a menu key, who answers (INB010), recording the business-hours flow', () => {
    expect(drive(inboundMachine, call([press('1')])).snapshot.output).toMatchObject({
      outcome: 'INB010',
      reason: expect.stringMatching(/^INB010: .*INB004/),
      details: { flow: 'INB004', target: { type: 'User', id: 'u-sales' }, answered: true },
    });
  });

  it('rings the user, then lasts the conversation before it ends INB010 (talk time is simulated)', () => {
    const run = drive(inboundMachine, call([press('1')]));
    // greeting, menu prompt, key press, ring until answer, talk
    expect(run.delays).toEqual([4_000, 6_000, 1_500, 8_000, 180_000]);
  });

  it("sends a transfer the user does not answer to the user's voicemail (INB016)", () => {
    const run = drive(inboundMachine, call([press('1')], (c) => { c.transfer.userAnswers = false; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB016', details: { answered: false, target: { id: 'u-sales' } } });
    expect(run.delays).toEqual([4_000, 6_000, 1_500, 8_000, 30_000]);
  });

  it('disconnects a transfer the user does not answer when the user has no voicemail (INB017)', () => {
    const run = drive(inboundMachine, call([press('1')], (c) => {
      c.transfer.userAnswers = false;
      c.transfer.usersWithVoicemail = [];
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB017', details: { answered: false } });
  });

  it('does not reach the tenant when the shared number is out of service (INB018), before anything else', () => {
    const run = drive(inboundMachine, call([press('1')], (c) => {
      c.number.inService = false;
      c.attendant = null;
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB018', details: { flow: null } });
    expect(run.actions.filter((a) => !a.type.startsWith('xstate.'))).toEqual([]);
  });

  it('does not answer a toll-free number at a zero balance (INB019), but answers a funded one', () => {
    const unfunded = drive(inboundMachine, call([press('1')], (c) => {
      c.number.tollFree = true;
      c.tollFreeFunded = false;
    }));
    expect(unfunded.snapshot.output).toMatchObject({ outcome: 'INB019' });
    const funded = drive(inboundMachine, call([press('1')], (c) => { c.number.tollFree = true; }));
    expect(funded.snapshot.output).toMatchObject({ outcome: 'INB010' });
  });

  it('bills a toll-free call once, at hang-up after the talk, and releases the channel it seized', () => {
    const run = drive(inboundMachine, call([press('1')], (c) => { c.number.tollFree = true; }));
    const effects = run.actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => a.type);
    expect(effects).toEqual(['seizeChannel', 'billTollFreeMinutes', 'releaseChannel']);
    const plain = drive(inboundMachine, call([press('1')]));
    expect(plain.actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => a.type)).toEqual(['seizeChannel', 'releaseChannel']);
  });

  it('gives a busy caller INB020 when every channel of the resource account is in use', () => {
    const run = drive(inboundMachine, call([press('1')], (c) => { c.channels = { cap: 2, inUse: 2 }; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB020' });
    const free = drive(inboundMachine, call([press('1')], (c) => { c.channels = { cap: 2, inUse: 1 }; }));
    expect(free.snapshot.output).toMatchObject({ outcome: 'INB010' });
  });

  it('records the holiday flow (INB002) for a call during a holiday', () => {
    const run = drive(inboundMachine, call([], (c) => {
      if (c.attendant) c.attendant = { ...c.attendant, flowInEffect: 'holiday', callFlow: { name: 'Christmas', greetingMs: 3_000, action: { kind: 'disconnect' } } };
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB015', details: { flow: 'INB002' } });
  });

  it('records the after-hours flow (INB003) and hands its redirect to another attendant on (CQ025)', () => {
    const run = drive(inboundMachine, call([], (c) => {
      if (c.attendant) c.attendant = {
        ...c.attendant,
        flowInEffect: 'afterHours',
        callFlow: { name: 'After hours', greetingMs: 3_000, action: { kind: 'redirect', target: { type: 'ApplicationEndpoint', id: 'ra-night' } } },
      };
    }));
    expect(run.snapshot.output).toMatchObject({
      outcome: 'CQ025',
      details: { flow: 'INB003', target: { type: 'ApplicationEndpoint', id: 'ra-night' } },
    });
  });

  it('transfers a call flow that redirects to a person as a transfer to a user (INB010)', () => {
    const run = drive(inboundMachine, call([], (c) => {
      if (c.attendant) c.attendant.callFlow.action = { kind: 'redirect', target: { type: 'User', id: 'u-duty' } };
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB010', details: { target: { type: 'User', id: 'u-duty' } } });
  });

  it('transfers to the operator on the operator key (INB011)', () => {
    expect(drive(inboundMachine, call([press('0')])).snapshot.output).toMatchObject({
      outcome: 'INB011',
      details: { target: { type: 'User', id: 'u-reception' } },
    });
  });

  it('redirects to voicemail on a key whose target is not a user (INB015)', () => {
    expect(drive(inboundMachine, call([press('2')])).snapshot.output).toMatchObject({
      outcome: 'INB015',
      details: { target: { type: 'SharedVoicemail', id: 'g-support' } },
    });
  });

  it('disconnects on a disconnect key (INB015)', () => {
    expect(drive(inboundMachine, call([press('9')])).snapshot.output).toMatchObject({ outcome: 'INB015', details: { target: null } });
  });

  it('plays an announcement, then the menu again, without counting a failed attempt', () => {
    const run = drive(inboundMachine, call([press('3'), press('1')]));
    expect(run.delays.slice(0, 6)).toEqual([4_000, 6_000, 1_500, 12_000, 6_000, 1_500]);
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB010', details: { failedAttempts: 0 } });
  });

  it('replays the menu on * and # without counting a failed attempt', () => {
    const run = drive(inboundMachine, call([press('*'), press('#'), press('1')]));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB010', details: { failedAttempts: 0 } });
    expect(run.delays.filter((d) => d === 6_000)).toHaveLength(3);
  });

  it('counts a key pressed after the input timeout as no input, waiting only the timeout', () => {
    const run = drive(inboundMachine, call([{ kind: 'key', key: '1', afterMs: 7_000 }, press('9')]));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB015', details: { failedAttempts: 1 } });
    expect(run.delays).toEqual([4_000, 6_000, 5_000, 6_000, 1_500]);
  });

  it('counts an unmapped key as a failed attempt and replays the menu', () => {
    const run = drive(inboundMachine, call([press('7'), press('1')]));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB010', details: { failedAttempts: 1 } });
  });

  it('goes to the operator after three inputs that are missing or invalid (INB014)', () => {
    const run = drive(inboundMachine, call([{ kind: 'noInput' }, press('7')]));
    expect(run.snapshot.output).toMatchObject({
      outcome: 'INB014',
      details: { failedAttempts: 3, target: { type: 'User', id: 'u-reception' } },
    });
    expect(run.delays).toEqual([4_000, 6_000, 5_000, 6_000, 1_500, 6_000, 5_000]);
  });

  it('disconnects after three missing inputs when no operator is set (INB014)', () => {
    const run = drive(inboundMachine, call([], (c) => { if (c.attendant) c.attendant.operator = null; }));
    expect(run.snapshot.output).toMatchObject({
      outcome: 'INB014',
      reason: expect.stringContaining('disconnected'),
      details: { failedAttempts: 3, target: null },
    });
  });

  it('fails a dial-by-name search with more than 5 matches after the dial scope (INB012)', () => {
    const run = drive(
      inboundMachine,
      call([{ kind: 'dialByName', afterMs: 4_000, directory: { matchesAfterDialScope: 6, target: null } }], withMenu((m) => { m.directorySearch = 'ByName'; })),
    );
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB012' });
  });

  it('transfers to the user a dial-by-name search finds (INB010)', () => {
    const run = drive(
      inboundMachine,
      call([{ kind: 'dialByName', afterMs: 4_000, directory: { matchesAfterDialScope: 2, target: 'u-ada' } }], withMenu((m) => { m.directorySearch = 'ByName'; })),
    );
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB010', details: { target: { type: 'User', id: 'u-ada' } } });
  });

  it('does not find a name with no match after the dial scope (INB013)', () => {
    const run = drive(
      inboundMachine,
      call([{ kind: 'dialByName', afterMs: 4_000, directory: { matchesAfterDialScope: 0, target: null } }], withMenu((m) => { m.directorySearch = 'ByName'; })),
    );
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB013' });
  });

  it('does not reach an extension outside the dial scope (INB013)', () => {
    const run = drive(
      inboundMachine,
      call([{ kind: 'dialByExtension', afterMs: 3_000, directory: { found: true, inScope: false, target: 'u-ada' } }], withMenu((m) => { m.directorySearch = 'ByExtension'; })),
    );
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB013', details: { target: null } });
  });

  it('transfers to the user a dial-by-extension search finds in scope (INB010)', () => {
    const run = drive(
      inboundMachine,
      call([{ kind: 'dialByExtension', afterMs: 3_000, directory: { found: true, inScope: true, target: 'u-ada' } }], withMenu((m) => { m.directorySearch = 'ByExtension'; })),
    );
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB010', details: { target: { type: 'User', id: 'u-ada' } } });
  });

  it('counts a directory search the menu does not offer as invalid input', () => {
    const run = drive(inboundMachine, call([
      { kind: 'dialByExtension', afterMs: 3_000, directory: { found: true, inScope: true, target: 'u-ada' } },
      press('9'),
    ]));
    expect(run.snapshot.output).toMatchObject({ outcome: 'INB015', details: { failedAttempts: 1 } });
  });
});
