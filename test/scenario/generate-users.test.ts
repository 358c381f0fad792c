import { describe, expect, it } from 'vitest';
import { expandUsers } from '../../engine/scenario/generate-users.js';
import type { UserEntry } from '../../engine/scenario/schema.js';

const template: UserEntry = {
  upn: 'user{n}@contoso.com',
  givenName: 'User',
  surname: 'Number {n}',
  extension: '5{n}',
  licences: ['TeamsPhone'],
  enterpriseVoice: true,
  groups: [],
  hiddenFromAddressLists: false,
  voicemail: true,
};

describe('expandUsers', () => {
  it('makes N users with {n} replaced, 1-based and zero-padded to the width', () => {
    const users = expandUsers([{ generate: 3, width: 3, template }], ['tenant', 'users']);
    expect(users.map((u) => [u.user.upn, u.user.surname, u.user.extension, u.n])).toEqual([
      ['user001@contoso.com', 'Number 001', '5001', 1],
      ['user002@contoso.com', 'Number 002', '5002', 2],
      ['user003@contoso.com', 'Number 003', '5003', 3],
    ]);
  });

  it('locates generated users at their template and declared users at their entry', () => {
    const users = expandUsers([{ ...template, upn: 'alice@contoso.com' }, { generate: 1, width: 1, template }], ['tenant', 'users']);
    expect(users.map((u) => u.path)).toEqual([
      ['tenant', 'users', 0],
      ['tenant', 'users', 1, 'template'],
    ]);
  });
});
