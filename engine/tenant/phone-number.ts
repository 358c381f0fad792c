/**
 * Telephone numbers as the cmdlets accept them (NUM003): E.164 stored with a leading `+`,
 * input without `+` accepted, `tel:` refused, `;ext=` only on Direct Routing numbers.
 */
import type { Refusal } from './cmdlet.js';
import type { E164, NumberType } from './model.js';

export type NormalizedNumber = { ok: true; number: E164 } | { ok: false; refusal: Refusal };

const MAX_DIGITS = 15;

function refuseNumber(input: string, why: string): NormalizedNumber {
  return { ok: false, refusal: { code: 'NUM003', message: `NUM003: ${JSON.stringify(input)} ${why}` } };
}

/**
 * The canonical E.164 form of a number typed by an administrator. *numberType*, when known,
 * decides whether an `;ext=` suffix is allowed (Direct Routing only).
 */
export function normalizeTelephoneNumber(input: string, numberType?: NumberType): NormalizedNumber {
  const text = input.trim();
  if (/^tel:/i.test(text)) {
    return refuseNumber(input, `is not accepted: give the number without the tel: prefix, e.g. ${text.slice(4)}.`);
  }
  const match = /^(\+?)(\d+)(?:;ext=(\d+))?$/i.exec(text);
  if (match === null) {
    return refuseNumber(
      input,
      'is not an E.164 number: use a country code and digits only, e.g. +14255550100 (Direct Routing numbers may end in ;ext=1234).',
    );
  }
  const digits = match[2] ?? '';
  const extension = match[3];
  if (digits.startsWith('0')) {
    return refuseNumber(input, 'is not an E.164 number: it must start with a country code, not 0.');
  }
  if (digits.length > MAX_DIGITS) {
    return refuseNumber(input, `has ${digits.length} digits; an E.164 number has at most ${MAX_DIGITS}.`);
  }
  if (digits.length < 3) {
    return refuseNumber(input, 'is too short to be an E.164 number (country code and subscriber number).');
  }
  if (digits.startsWith('1') && digits.length !== 11) {
    return refuseNumber(
      input,
      `has ${digits.length - 1} digits after +1; a North American number has exactly 10 (area code and 7 digits).`,
    );
  }
  if (extension !== undefined && numberType !== undefined && numberType !== 'DirectRouting') {
    return refuseNumber(input, `has an ;ext= extension, which only Direct Routing numbers may carry (this is ${numberType}).`);
  }
  return { ok: true, number: extension === undefined ? `+${digits}` : `+${digits};ext=${extension}` };
}

/** Whether a number carries a Direct Routing extension. */
export function hasExtension(number: E164): boolean {
  return number.includes(';ext=');
}
