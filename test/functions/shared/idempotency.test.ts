import { idempotentRecordId, requestHash } from '../../../functions/shared/idempotency';

describe('idempotentRecordId', () => {
  it('is a version 8 UUID, stable for one (owner, key) and distinct across owners and keys', () => {
    // Act
    const id = idempotentRecordId('items', 'sub-alice', 'k1');
    // Assess
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentRecordId('items', 'sub-alice', 'k1')).toBe(id);
    expect(idempotentRecordId('items', 'sub-bob', 'k1')).not.toBe(id);
    expect(idempotentRecordId('items', 'sub-alice', 'k2')).not.toBe(id);
  });

  it('cannot be confused by moving characters between owner and key', () => {
    // Act / Assess
    expect(idempotentRecordId('items', 'a', 'b\nc')).not.toBe(idempotentRecordId('items', 'a\nb', 'c'));
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
