import { generateKeyPair, SignJWT } from 'jose';
import { call } from '../support/sandbox-fixture';
import { type ApiTarget, apiTarget, tokensFor, uniqueUser } from './support/target';

jest.setTimeout(60_000);

const UNAUTHORIZED = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'Missing or invalid bearer token',
};

describe('API black box: health and authentication in every region', () => {
  let target: ApiTarget;
  beforeAll(async () => {
    target = await apiTarget();
  });
  afterAll(() => target?.stop());

  it('answers a deep /health in every region, naming the region', async () => {
    for (const [region, url] of Object.entries(target.regions)) {
      const res = await call(`${url}/health`, undefined);
      expect({ region, status: res.status, header: res.region }).toEqual({
        region,
        status: 200,
        header: region,
      });
      expect(res.body).toMatchObject({ status: 'ok', region });
    }
  });

  it('refuses a missing, malformed, forged, tampered or ID token with the 401 problem in every region', async () => {
    const { access_token, id_token } = await tokensFor(target, uniqueUser('mallory'));
    // Forged: the real token's claims and key id, signed with another key (a key id the issuer lacks would
    // be 500, not 401, while the pool is unreachable: the authorizer could not tell such a token from a new key).
    const [header, payload] = access_token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: header.kid })
      .sign(privateKey);
    for (const [region, url] of Object.entries(target.regions)) {
      for (const bad of [undefined, 'not-a-jwt', forged, id_token, `${access_token}x`]) {
        const res = await call(`${url}/items`, bad);
        expect({ region, status: res.status, type: res.headers.get('content-type') }).toEqual({
          region,
          status: 401,
          type: 'application/problem+json',
        });
        expect(res.body).toEqual(UNAUTHORIZED);
      }
      expect((await call(`${url}/items`, access_token)).status).toBe(200);
    }
  });
});
