/**
 * Issue 11: each emergency call's client is drawn among the places that fit its caller (by UPN,
 * else by group, else the places that name nobody), by share, from its own stream.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ClientPlacement, type ClientPlace } from '../../engine/calls/index.js';
import type { User } from '../../engine/tenant/index.js';

function user(upn: string, groups: string[]): User {
  return {
    objectId: `id-${upn}`,
    userPrincipalName: upn,
    displayName: upn,
    givenName: '',
    surname: '',
    licences: ['TeamsPhone'],
    enterpriseVoiceEnabled: true,
    groups,
    extension: null,
    hiddenFromAddressLists: false,
    clientLocation: { networkSiteId: null, dynamicLocationId: null },
    policies: { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null },
  };
}

/** A seedrandom generator as a random stream. */
function stream(seed: string) {
  const random = seedrandom(seed);
  return { next: () => random() };
}

const network = { publicIp: null, subnet: null, bssid: null, chassisId: null, portId: null };
const place = (name: string, share: number, users: string[] | null, groups: string[] | null): ClientPlace => ({ name, kind: 'office', share, users, groups, network });

const places = [
  place('office', 0.4, null, null),
  place('vpn', 0.4, null, null),
  place('home', 0.2, null, null),
  place('branch', 1, null, ['branch']),
  place('ceo-car', 1, ['ceo@contoso.com'], null),
];

describe('client placement', () => {
  it('takes the places naming the user, else their groups, else those naming nobody', () => {
    const placement = new ClientPlacement(places, stream('placement/precedence'));
    expect(placement.place(user('ceo@contoso.com', ['branch']))?.name).toBe('ceo-car');
    expect(placement.place(user('ann@contoso.com', ['branch']))?.name).toBe('branch');
    expect(['office', 'vpn', 'home']).toContain(placement.place(user('bob@contoso.com', ['sales']))?.name);
    expect(new ClientPlacement([place('branch', 1, null, ['branch'])], stream('x')).place(user('bob@contoso.com', []))).toBeUndefined();
  });

  it('draws places in proportion to their shares', () => {
    // 20,000 draws: each share's estimate is within 3.9 standard errors (p < 1e-4 two-sided per
    // share) of its weight, sqrt(p(1-p)/n) <= 0.0035, so the bound is 0.014 at most.
    const n = 20_000;
    const placement = new ClientPlacement(places, stream('placement/shares'));
    const counts = new Map<string, number>();
    const bob = user('bob@contoso.com', ['sales']);
    for (let i = 0; i < n; i++) {
      const name = placement.place(bob)?.name ?? 'none';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    for (const [name, p] of [['office', 0.4], ['vpn', 0.4], ['home', 0.2]] as const) {
      const share = (counts.get(name) ?? 0) / n;
      expect(Math.abs(share - p), name).toBeLessThanOrEqual(3.9 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('draws once per call from its stream, whether or not a place fits', () => {
    let draws = 0;
    const stream = { next: () => (draws++, 0.5) };
    const placement = new ClientPlacement([place('branch', 1, null, ['branch'])], stream);
    placement.place(user('bob@contoso.com', []));
    placement.place(user('ann@contoso.com', ['branch']));
    expect(draws).toBe(2);
  });
});
