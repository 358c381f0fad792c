/** Get-CsOnlineUser, New-CsOnlineApplicationInstance and the LIS location cmdlets. */
import { findLocation, findResourceAccount, findUser } from '../lookup.js';
import { newApplicationInstance, newCivicAddress, newLocationAtCivicAddress } from '../operations/directory.js';
import { civicAddressObject, locationObject, resourceAccountObject, userObject } from './objects.js';
import { emit, fail, fromOp } from './result.js';
import type { CmdletObject } from '../cmdlet.js';
import type { CmdletSpec } from './spec.js';

function matches(value: string, wanted: string | null | undefined): boolean {
  return wanted === undefined || wanted === null || value.toLowerCase() === wanted.trim().toLowerCase();
}

export const directoryCmdlets: CmdletSpec[] = [
  {
    name: 'Get-CsOnlineUser',
    synopsis: 'Lists users and resource accounts (one by -Identity: ObjectId, UPN or SIP address).',
    parameters: [
      { name: 'Identity', type: 'string', position: 0, pipeline: 'propertyName' },
      { name: 'AccountType', type: 'string' },
    ],
    run(t, a) {
      const identity = a.string('Identity');
      if (identity !== undefined && identity !== null) {
        const u = findUser(t, identity);
        if (u !== undefined) return emit([userObject(t, u)]);
        const r = findResourceAccount(t, identity);
        if (r !== undefined) return emit([resourceAccountObject(t, r)]);
        return fail('InvalidParameterValue', `there is no user or resource account ${identity}.`);
      }
      const type = a.string('AccountType')?.toLowerCase();
      if (type !== undefined && type !== 'user' && type !== 'resourceaccount') {
        return fail('InvalidParameterValue', `-AccountType ${type} is not User or ResourceAccount.`);
      }
      const users = type === 'resourceaccount' ? [] : t.users.map((u) => userObject(t, u));
      const accounts = type === 'user' ? [] : t.resourceAccounts.map((r) => resourceAccountObject(t, r));
      return emit([...users, ...accounts]);
    },
  },
  {
    name: 'New-CsOnlineApplicationInstance',
    synopsis: 'Creates a resource account for an auto attendant or call queue (no licences yet).',
    parameters: [
      { name: 'UserPrincipalName', type: 'string', mandatory: true },
      { name: 'ApplicationId', type: 'string', mandatory: true },
      { name: 'DisplayName', type: 'string', mandatory: true },
    ],
    run(t, a) {
      return fromOp(
        newApplicationInstance(t, {
          userPrincipalName: a.string('UserPrincipalName') ?? '',
          applicationId: a.string('ApplicationId') ?? '',
          displayName: a.string('DisplayName') ?? '',
        }),
        (ra) => [resourceAccountObject(t, ra)],
      );
    },
  },
  {
    name: 'Get-CsOnlineLisLocation',
    synopsis: 'Lists emergency locations.',
    parameters: [
      { name: 'LocationId', type: 'string' },
      { name: 'CivicAddressId', type: 'string' },
      { name: 'City', type: 'string' },
      { name: 'CountryOrRegion', type: 'string' },
      { name: 'Location', type: 'string' },
      { name: 'Description', type: 'string' },
    ],
    run(t, a) {
      const rows = t.locations.filter(
        (l) =>
          matches(l.locationId, a.string('LocationId')) &&
          matches(l.civicAddressId, a.string('CivicAddressId')) &&
          matches(l.city, a.string('City')) &&
          matches(l.countryOrRegion, a.string('CountryOrRegion')) &&
          matches(l.description, a.string('Location')) &&
          matches(l.description, a.string('Description')),
      );
      return emit(rows.map(locationObject));
    },
  },
  {
    name: 'Get-CsOnlineLisCivicAddress',
    synopsis: 'Lists civic addresses, each with its DefaultLocationId.',
    parameters: [
      { name: 'CivicAddressId', type: 'string' },
      { name: 'City', type: 'string' },
      { name: 'CountryOrRegion', type: 'string' },
    ],
    run(t, a) {
      const ids = [...new Set(t.locations.map((l) => l.civicAddressId))];
      const rows = ids
        .map((id) => civicAddressObject(t, id))
        .filter((o): o is CmdletObject => o !== undefined)
        .filter(
          (o) =>
            matches(o.text, a.string('CivicAddressId')) &&
            matches(String(o.properties['City'] ?? ''), a.string('City')) &&
            matches(String(o.properties['CountryOrRegion'] ?? ''), a.string('CountryOrRegion')),
        );
      return emit(rows);
    },
  },
  {
    name: 'New-CsOnlineLisCivicAddress',
    synopsis: 'Creates a civic address with its default emergency location.',
    parameters: [
      { name: 'CompanyName', type: 'string' },
      { name: 'HouseNumber', type: 'string' },
      { name: 'StreetName', type: 'string' },
      { name: 'City', type: 'string' },
      { name: 'StateOrProvince', type: 'string' },
      { name: 'PostalCode', type: 'string' },
      { name: 'CountryOrRegion', type: 'string', mandatory: true },
      { name: 'Description', type: 'string' },
    ],
    run(t, a) {
      const text = (name: string): string | undefined => a.string(name) ?? undefined;
      const params = {
        countryOrRegion: text('CountryOrRegion') ?? '',
        ...optional('companyName', text('CompanyName')),
        ...optional('houseNumber', text('HouseNumber')),
        ...optional('streetName', text('StreetName')),
        ...optional('city', text('City')),
        ...optional('stateOrProvince', text('StateOrProvince')),
        ...optional('postalCode', text('PostalCode')),
        ...optional('description', text('Description')),
      };
      return fromOp(newCivicAddress(t, params), (l) => {
        const o = civicAddressObject(t, l.civicAddressId);
        return o === undefined ? [] : [o];
      });
    },
  },
  {
    name: 'New-CsOnlineLisLocation',
    synopsis: 'Creates a further emergency location (e.g. a floor) at a civic address.',
    parameters: [
      { name: 'CivicAddressId', type: 'string', mandatory: true },
      { name: 'Location', type: 'string', mandatory: true },
    ],
    run(t, a) {
      return fromOp(newLocationAtCivicAddress(t, { civicAddressId: a.string('CivicAddressId') ?? '', location: a.string('Location') ?? '' }), (l) => {
        const stored = findLocation(t, l.locationId);
        return stored === undefined ? [] : [locationObject(stored)];
      });
    },
  },
];

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
