import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  type IdentityProvider,
  startIdentityProvider,
  subjectOf,
} from '../../../lib/sandbox/identity-provider';
import { loadOrCreateSigningKey } from '../../../lib/sandbox/idp-keys';
import { rawRequest } from '../../helpers/raw-http';

describe('identity provider (Cognito stand-in)', () => {
  let idp: IdentityProvider;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'idp-'));
    const key = await loadOrCreateSigningKey(join(dir, 'key.json'));
    idp = await startIdentityProvider({ key, clientId: 'client-1' });
  });
  afterAll(async () => {
    await idp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = (body: unknown) =>
    fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function verifierWithJwks(tokenUse: 'access' | 'id') {
    const jwks = (await (await fetch(`${idp.issuer}/.well-known/jwks.json`)).json()) as Jwks;
    const verifier = JwtRsaVerifier.create({
      issuer: idp.issuer,
      audience: tokenUse === 'id' ? 'client-1' : null,
      customJwtCheck:
        tokenUse === 'access'
          ? ({ payload }) => {
              if (payload.token_use !== 'access' || payload.client_id !== 'client-1')
                throw new Error('bad token');
            }
          : undefined,
    });
    verifier.cacheJwks(jwks);
    return verifier;
  }

  it('issues access and ID tokens that aws-jwt-verify accepts with the published JWKS', async () => {
    const res = await token({ username: 'alice', groups: ['admin', 'member'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; id_token: string };

    const access = await (await verifierWithJwks('access')).verify(body.access_token);
    expect(access).toMatchObject({
      iss: idp.issuer,
      sub: subjectOf('alice'),
      username: 'alice',
      client_id: 'client-1',
      token_use: 'access',
      'cognito:groups': ['admin', 'member'],
    });
    expect(Number(access.exp) - Number(access.iat)).toBe(3600);

    const id = await (await verifierWithJwks('id')).verify(body.id_token);
    expect(id).toMatchObject({ aud: 'client-1', token_use: 'id', 'cognito:username': 'alice' });
  });

  it('serves the JWKS at the issuer URL (a standard JWKS client verifies too)', async () => {
    const { access_token } = (await (await token({ username: 'bob' })).json()) as { access_token: string };
    const { payload, protectedHeader } = await jwtVerify(
      access_token,
      createRemoteJWKSet(new URL(`${idp.issuer}/.well-known/jwks.json`)),
      { issuer: idp.issuer },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload['cognito:groups']).toBeUndefined(); // Cognito omits the claim for users without groups
  });

  it('keeps sub stable per username and distinct across users', () => {
    expect(subjectOf('alice')).toBe(subjectOf('alice'));
    expect(subjectOf('alice')).not.toBe(subjectOf('bob'));
    expect(subjectOf('alice')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('rejects a bad body with a problem naming the field', async () => {
    for (const body of [{}, { username: '' }, { username: 'a b' }, { username: 'x', groups: 'admin' }]) {
      const res = await token(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(/username|groups/);
    }
    const notJson = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'nope',
    });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${idp.issuer}/token`)).status).toBe(405);
  });

  it('keeps the signing key across restarts, readable only by its owner', async () => {
    const again = await loadOrCreateSigningKey(join(dir, 'key.json'));
    const jwks = (await (await fetch(`${idp.issuer}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    expect(again.kid).toBe(jwks.keys[0].kid);
    expect(statSync(join(dir, 'key.json')).mode & 0o077).toBe(0);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
  });

  it('refuses /token without application/json, as a web page could send it without a preflight (finding 7)', async () => {
    // Act: a cross-site form or fetch with text/plain needs no CORS preflight.
    const res = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ username: 'mallory', groups: ['admin'] }),
    });
    // Assess
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.text()).not.toContain('access_token');
  });

  it('refuses a Host that is not this machine (DNS rebinding, finding 7)', async () => {
    // Act
    const res = await rawRequest(
      idp.issuer,
      'POST /token HTTP/1.1\r\nHost: rebind.attacker.example\r\nContent-Type: application/json',
      '{"username":"mallory","groups":["admin"]}',
    );
    // Assess
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('access_token');
  });
});
