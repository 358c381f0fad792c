import { describe, expect, it } from 'vitest';
import { normalizeTelephoneNumber } from '../../engine/tenant/phone-number.js';

function refusedMessage(input: string, type?: Parameters<typeof normalizeTelephoneNumber>[1]): string {
  const r = normalizeTelephoneNumber(input, type);
  if (r.ok) throw new Error(`${input} was accepted`);
  expect(r.refusal.code).toBe('NUM003');
  return r.refusal.message;
}

describe('normalizeTelephoneNumber (NUM003)', () => {
  it('keeps an E.164 number with its plus', () => {
    expect(normalizeTelephoneNumber('+14255550100')).toEqual({ ok: true, number: '+14255550100' });
  });

  it('adds the plus to a number typed without it', () => {
    expect(normalizeTelephoneNumber('14255550100')).toEqual({ ok: true, number: '+14255550100' });
  });

  it('refuses the tel: prefix', () => {
    expect(refusedMessage('tel:+14255550100')).toMatch(/^NUM003: .*tel: prefix/);
  });

  it("refuses the article's +1425555433, which has 9 digits after +1", () => {
    expect(refusedMessage('+1425555433')).toContain('has 9 digits after +1');
  });

  it('refuses more than 15 digits', () => {
    expect(refusedMessage('+4412345678901234')).toContain('at most 15');
  });

  it('accepts an extension on a Direct Routing number', () => {
    expect(normalizeTelephoneNumber('+12065550000;ext=1234', 'DirectRouting')).toEqual({ ok: true, number: '+12065550000;ext=1234' });
  });

  it('refuses an extension on a Calling Plan number', () => {
    expect(refusedMessage('+12065550000;ext=1234', 'CallingPlan')).toContain('only Direct Routing');
  });

  it('accepts numbers of other countries with their own lengths', () => {
    expect(normalizeTelephoneNumber('+442079460000')).toEqual({ ok: true, number: '+442079460000' });
  });

  it('refuses letters and separators', () => {
    expect(refusedMessage('+1 425 555 0100')).toContain('not an E.164 number');
  });
});
