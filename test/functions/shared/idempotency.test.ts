import { idempotentItemId, requestHash } from '../../../functions/shared/idempotency';

describe('idempotentItemId', () => {
  it('is a version 8 UUID, stable for one (owner, key) and distinct across owners and keys', () => {
    // Act
    const id = idempotentItemId('sub-alice', 'k1');
    // Assess
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentItemId('sub-alice', 'k1')).toBe(id);
    expect(idempotentItemId('sub-bob', 'k1')).not.toBe(id);
    expect(idempotentItemId('sub-alice', 'k2')).not.toBe(id);
  });

  it('cannot be confused by moving characters between owner and key', () => {
    // Act / Assess
    expect(idempotentItemId('a', 'b\nc')).not.toBe(idempotentItemId('a\nb', 'c'));
  });
});

describe('requestHash', () => {
  it('ignores key order and undefined fields but not values', () => {
    // Act / Assess
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
  });
});
