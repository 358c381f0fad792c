/** Commander option parsers shared by the commands. */
import { InvalidArgumentError } from 'commander';

/** A whole number >= *min*, written in digits (not 1e3 or 0x10, which Number() would take). */
export function wholeNumber(name: string, min: number): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be a whole number >= ${min}, written in digits.`);
    }
    return n;
  };
}
