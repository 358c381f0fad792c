import { describe, expect, it } from 'vitest';
import { addUser, emptyTenant, findUser } from '../../engine/tenant/index.js';
import { newUser, ok } from './fixtures.js';

describe('findUser', () => {
  it('finds a user by ObjectId, UPN or SIP address, in any case', () => {
    const t = emptyTenant();
    ok(addUser(t, newUser('0000-a', 'Ada@Contoso.com')));
    for (const identity of ['0000-A', 'ada@contoso.com', 'sip:ADA@contoso.com', '  ada@contoso.com ']) {
      expect(findUser(t, identity)?.userPrincipalName, identity).toBe('Ada@Contoso.com');
    }
    expect(findUser(t, 'bob@contoso.com')).toBeUndefined();
  });

  it('sees users added after an earlier lookup', () => {
    const t = emptyTenant();
    expect(findUser(t, 'ada@contoso.com')).toBeUndefined();
    ok(addUser(t, newUser('0000-a', 'ada@contoso.com')));
    t.users.push(newUser('0000-b', 'bob@contoso.com'));
    expect(findUser(t, 'ada@contoso.com')?.objectId).toBe('0000-a');
    expect(findUser(t, 'bob@contoso.com')?.objectId).toBe('0000-b');
  });

  it("returns a cloned tenant's own user object, not the original's", () => {
    const t = emptyTenant();
    ok(addUser(t, newUser('0000-a', 'ada@contoso.com')));
    expect(findUser(t, 'ada@contoso.com')).toBe(t.users[0]);
    const clone = structuredClone(t);
    expect(findUser(clone, 'ada@contoso.com')).toBe(clone.users[0]);
    expect(findUser(clone, 'ada@contoso.com')).not.toBe(t.users[0]);
  });

  it('finds the first of two users sharing a key, as a scan in order would', () => {
    const t = emptyTenant();
    t.users.push(newUser('0000-a', 'same@contoso.com'), newUser('0000-b', 'same@contoso.com'));
    expect(findUser(t, 'same@contoso.com')?.objectId).toBe('0000-a');
  });
});
