import { describe, expect, it } from 'vitest';
import { NOT_SET_UP_PROMPT, outboundMachine } from '../../engine/machines/outbound.js';
import { drive, effects } from './drive.js';
import { outboundCall as call } from './samples.js';


describe('outbound call', () => {
  it('connects with the resource account number as caller ID and debits the talk time rounded up', () => {
    const run = drive(outboundMachine, call());
    expect(run.snapshot.output).toEqual({
      callKind: 'outbound',
      outcome: 'OUT001',
      reason: expect.stringMatching(/^OUT001: connected/),
      details: { callerId: '+14255550100', answered: true, billedMinutes: 3, fundedBy: 'communicationsCredits', prompt: null },
    });
    expect(effects(run.actions)).toEqual([
      expect.objectContaining({ type: 'seizeChannel' }),
      expect.objectContaining({
        type: 'debitCredits',
        params: { minutes: 3, ratePerMinute: 0.05, amount: expect.closeTo(0.15, 10), fundedBy: 'communicationsCredits', destinationCountry: 'GB' },
      }),
      expect.objectContaining({ type: 'releaseChannel' }),
    ]);
  });

  it('waits the ring time, then the talk time', () => {
    expect(drive(outboundMachine, call()).delays).toEqual([8_000, 150_000]);
  });

  it('ends as OUT001 not answered, without a debit, when the far end does not answer', () => {
    const run = drive(outboundMachine, call((c) => { c.farEnd.answers = false; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT001', details: { answered: false, billedMinutes: 0 } });
    expect(effects(run.actions).map((a) => a.type)).toEqual(['seizeChannel', 'releaseChannel']);
  });

  it('bills post-paid overage instead of the credit balance, even with a balance of zero', () => {
    const run = drive(outboundMachine, call((c) => { c.credits = { postpaidOverage: true, balance: 0 }; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT001', details: { fundedBy: 'postpaidOverage', billedMinutes: 3 } });
    expect(effects(run.actions)).toEqual([
      expect.objectContaining({ type: 'seizeChannel' }),
      expect.objectContaining({ type: 'debitCredits', params: expect.objectContaining({ fundedBy: 'postpaidOverage' }) }),
      expect.objectContaining({ type: 'releaseChannel' }),
    ]);
  });

  it('does not bill an Operator Connect call to the shared account', () => {
    const run = drive(outboundMachine, call((c) => {
      c.resourceAccount.number = { telephoneNumber: '+14255550100', numberType: 'OperatorConnect', callingPlanUsage: null };
      c.credits.balance = 0;
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT001', details: { fundedBy: null, billedMinutes: 0 } });
    expect(effects(run.actions).map((a) => a.type)).toEqual(['seizeChannel', 'releaseChannel']);
  });

  it('seizes a channel when the call starts and releases it when it ends, cap or no cap (the runtime counts them)', () => {
    expect(effects(drive(outboundMachine, call()).actions).map((a) => a.type)).toEqual(['seizeChannel', 'debitCredits', 'releaseChannel']);
    const run = drive(outboundMachine, call((c) => { c.channels = { cap: 2, inUse: 1 }; }));
    expect(effects(run.actions).map((a) => a.type)).toEqual(['seizeChannel', 'debitCredits', 'releaseChannel']);
    expect(effects(run.actions)[0]).toEqual(expect.objectContaining({ params: { resourceAccountId: 'ra-main' } }));
  });

  it('fails as OUT002 for a user without a Teams Phone licence', () => {
    const run = drive(outboundMachine, call((c) => { c.caller.teamsPhoneLicensed = false; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT002', reason: expect.stringMatching(/^OUT002: .*USR001/) });
  });

  it('fails as OUT002 for a user who is not Enterprise Voice enabled', () => {
    expect(drive(outboundMachine, call((c) => { c.caller.enterpriseVoiceEnabled = false; })).snapshot.output)
      .toMatchObject({ outcome: 'OUT002' });
  });

  it('ends as OUT003 for a user with a number of their own', () => {
    expect(drive(outboundMachine, call((c) => { c.caller.hasOwnNumber = true; })).snapshot.output)
      .toMatchObject({ outcome: 'OUT003', details: { callerId: null } });
  });

  it('ends as OUT003 for a user whose voice routing policy has PSTN usages, before looking at the policy', () => {
    const run = drive(outboundMachine, call((c) => {
      c.caller.voiceRoutingPstnUsageCount = 1;
      c.sharedCallingPolicy.resourceAccountId = null;
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT003' });
  });

  it('fails as OUT002 when the effective Shared Calling policy has no resource account', () => {
    const run = drive(outboundMachine, call((c) => { c.sharedCallingPolicy = { identity: 'Global', resourceAccountId: null }; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT002', reason: expect.stringContaining('no resource account') });
  });

  it('fails as OUT004 when the resource account has no number', () => {
    expect(drive(outboundMachine, call((c) => { c.resourceAccount.number = null; })).snapshot.output)
      .toMatchObject({ outcome: 'OUT004' });
  });

  it('fails as OUT005 with the not-set-up prompt without a Pay-As-You-Go licence', () => {
    const run = drive(outboundMachine, call((c) => { c.resourceAccount.payAsYouGoLicensed = false; }));
    expect(run.snapshot.output).toMatchObject({
      outcome: 'OUT005',
      reason: expect.stringContaining(NOT_SET_UP_PROMPT),
      details: { prompt: 'You are not set up to use this calling feature' },
    });
  });

  it('fails as OUT005 without a Communications Credits licence or post-paid overage', () => {
    expect(drive(outboundMachine, call((c) => { c.resourceAccount.communicationsCreditsLicensed = false; })).snapshot.output)
      .toMatchObject({ outcome: 'OUT005' });
  });

  it('fails as OUT006 when the credit balance is zero', () => {
    const run = drive(outboundMachine, call((c) => { c.credits.balance = 0; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT006' });
    expect(effects(run.actions)).toEqual([]);
  });

  it('fails as OUT007 when every channel is in use, seizing none', () => {
    const run = drive(outboundMachine, call((c) => { c.channels = { cap: 2, inUse: 2 }; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'OUT007' });
    expect(effects(run.actions)).toEqual([]);
  });
});
