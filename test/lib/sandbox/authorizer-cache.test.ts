import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { type AuthorizerAnswer, AuthorizerCache } from '../../../lib/sandbox/authorizer-cache';

const policy = (principalId: string): AuthorizerAnswer => ({
  kind: 'policy',
  result: {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [] },
  } satisfies APIGatewayAuthorizerResult,
});

describe('AuthorizerCache', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('keeps an answer for the TTL from when it was stored, and a hit does not extend it', () => {
    const cache = new AuthorizerCache({ ttlMs: 300_000, now });
    cache.set('Bearer a', policy('a'));
    clock += 299_999;
    expect(cache.get('Bearer a')).toEqual(policy('a'));
    clock += 1;
    expect(cache.get('Bearer a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keys answers by the exact identity source value', () => {
    const cache = new AuthorizerCache({ ttlMs: 1000, now });
    cache.set('Bearer a', policy('a'));
    cache.set('Bearer b', { kind: 'unauthorized' });
    expect(cache.get('Bearer a')).toEqual(policy('a'));
    expect(cache.get('Bearer b')).toEqual({ kind: 'unauthorized' });
    expect(cache.get('bearer a')).toBeUndefined();
    expect(cache.get('Bearer c')).toBeUndefined();
  });

  it('keeps nothing when the TTL is 0, and refuses a negative TTL', () => {
    const cache = new AuthorizerCache({ ttlMs: 0, now });
    cache.set('Bearer a', policy('a'));
    expect(cache.get('Bearer a')).toBeUndefined();
    expect(() => new AuthorizerCache({ ttlMs: -1 })).toThrow(/0 or more/);
  });

  it('drops the oldest answers beyond maxEntries, counting a re-stored one as new', () => {
    const cache = new AuthorizerCache({ ttlMs: 1000, now, maxEntries: 2 });
    cache.set('a', policy('a'));
    cache.set('b', policy('b'));
    cache.set('a', policy('a2'));
    cache.set('c', policy('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(policy('a2'));
    expect(cache.get('c')).toEqual(policy('c'));
  });
});
