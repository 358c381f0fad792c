import { createHash } from 'node:crypto';

/**
 * A GUID-shaped ObjectId derived from a UPN, so a scenario that gives none still loads to the same
 * tenant every time (traces and results stay byte-identical across runs and machines).
 */
export function objectIdFor(userPrincipalName: string): string {
  const hex = createHash('sha256').update(userPrincipalName.trim().toLowerCase()).digest('hex');
  // Version 5 and RFC 4122 variant nibbles, so it reads as a name-based GUID.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
