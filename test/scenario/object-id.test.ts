import { describe, expect, it } from 'vitest';
import { objectIdFor } from '../../engine/scenario/object-id.js';

describe('objectIdFor', () => {
  it('gives the same GUID-shaped id for the same UPN in any case', () => {
    const id = objectIdFor('User01@Contoso.com');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(objectIdFor('user01@contoso.com')).toBe(id);
  });

  it('gives different UPNs different ids', () => {
    expect(objectIdFor('user01@contoso.com')).not.toBe(objectIdFor('user02@contoso.com'));
  });
});
