import { describe, expect, it } from 'vitest';
import { Directory } from '../../engine/runtime/directory.js';
import { emptyTenant } from '../../engine/tenant/empty-tenant.js';
import type { DialScope, Tenant, User } from '../../engine/tenant/model.js';
import { makeAttendant, makeUser } from './fixtures.js';

function person(objectId: string, givenName: string, surname: string, fields: Partial<User> = {}): User {
  return makeUser(objectId, { givenName, surname, displayName: `${givenName} ${surname}`, ...fields });
}

function directory(users: User[], dialScope: DialScope = { includeGroups: null, excludeGroups: [] }): Directory {
  const tenant: Tenant = { ...emptyTenant(), users };
  return new Directory(tenant, makeAttendant('main', 'America/Los_Angeles', { dialScope }));
}

const ids = (users: User[]): string[] => users.map((u) => u.objectId);

describe('dial by name', () => {
  const staff = [
    person('u1', 'Ana', 'Silva'),
    person('u2', 'Anders', 'Berg'),
    person('u3', 'Bob', 'Anand'),
    person('u4', 'Carla', 'Diaz'),
  ];

  it('matches a prefix of a given name or a surname, ignoring case', () => {
    const result = directory(staff).searchByName('AN');
    expect(result.outcome === 'found' && ids(result.users)).toEqual(['u1', 'u2', 'u3']);
  });

  it('matches "given surname" and "surname given"', () => {
    const d = directory(staff);
    const found = [d.searchByName('carla d'), d.searchByName('diaz  carla')];
    expect(found.map((r) => r.outcome === 'found' && ids(r.users))).toEqual([['u4'], ['u4']]);
  });

  it('does not match inside a name', () => {
    expect(directory(staff).searchByName('ilva').outcome).toBe('notFound');
  });

  it('matches nobody with an empty query', () => {
    expect(directory(staff).searchByName('  ')).toEqual({
      outcome: 'notFound',
      outOfScope: false,
      rule: null,
      matchesInDirectory: 0,
      matchesInScope: 0,
    });
  });

  it('leaves users hidden from the address list out of the directory', () => {
    const result = directory([person('u1', 'Ana', 'Silva', { hiddenFromAddressLists: true })]).searchByName('ana');
    expect([result.outcome, result.matchesInDirectory]).toEqual(['notFound', 0]);
  });

  it('fails with more than 5 matches after dial scope (INB012)', () => {
    const many = [1, 2, 3, 4, 5, 6].map((i) => person(`u${i}`, 'Sam', `Lee${i}`));
    expect(directory(many).searchByName('sam')).toEqual({
      outcome: 'tooMany',
      rule: 'INB012',
      matchesInDirectory: 6,
      matchesInScope: 6,
    });
  });

  it('offers 5 matches when dial scope leaves 5 of 6', () => {
    const many = [1, 2, 3, 4, 5, 6].map((i) => person(`u${i}`, 'Sam', `Lee${i}`, { groups: i === 6 ? ['temps'] : [] }));
    const result = directory(many, { includeGroups: null, excludeGroups: ['temps'] }).searchByName('sam');
    expect([result.outcome, result.matchesInDirectory, result.matchesInScope]).toEqual(['found', 6, 5]);
  });
});

describe('dial scope', () => {
  const staff = [
    person('u1', 'Ana', 'Silva', { groups: ['seattle'] }),
    person('u2', 'Anders', 'Berg', { groups: ['tacoma'] }),
    person('u3', 'Andrea', 'Costa', { groups: ['seattle', 'contractors'] }),
  ];
  const seattleOnly: DialScope = { includeGroups: ['seattle'], excludeGroups: ['contractors'] };

  it('reaches only users in an included group', () => {
    const result = directory(staff, seattleOnly).searchByName('an');
    expect(result.outcome === 'found' && ids(result.users)).toEqual(['u1']);
  });

  it('excludes a user who is in both an included and an excluded group', () => {
    expect(directory(staff, seattleOnly).searchByName('andrea')).toEqual({
      outcome: 'notFound',
      outOfScope: true,
      rule: 'INB013',
      matchesInDirectory: 1,
      matchesInScope: 0,
    });
  });
});

describe('dial by extension', () => {
  const staff = [
    person('u1', 'Ana', 'Silva', { extension: '1234' }),
    person('u2', 'Anders', 'Berg', { extension: '5678', groups: ['contractors'] }),
    person('u3', 'Bob', 'Anand'),
  ];
  const noContractors: DialScope = { includeGroups: null, excludeGroups: ['contractors'] };

  it('finds a user by the full extension', () => {
    const result = directory(staff).searchByExtension('1234');
    expect(result.outcome === 'found' && result.user.objectId).toBe('u1');
  });

  it('does not find a user by part of an extension', () => {
    expect(directory(staff).searchByExtension('123')).toEqual({ outcome: 'notFound' });
  });

  it('says a user outside dial scope is out of scope (INB013)', () => {
    const result = directory(staff, noContractors).searchByExtension('5678');
    expect([result.outcome, result.outcome === 'outOfScope' && result.rule]).toEqual(['outOfScope', 'INB013']);
  });

  it('does not take an extension from a Teams number', () => {
    const tenant: Tenant = { ...emptyTenant(), users: staff };
    tenant.numbers.push({
      telephoneNumber: '+12065550100;ext=4321',
      numberType: 'DirectRouting',
      callingPlanUsage: null,
      isoCountryCode: 'US',
      locationId: null,
      operator: null,
      assignedPstnTargetId: 'u3',
      sharedCallingUnsupported: false,
    });
    const d = new Directory(tenant, makeAttendant('main', 'America/Los_Angeles'));
    expect(d.searchByExtension('4321')).toEqual({ outcome: 'notFound' });
  });
});
