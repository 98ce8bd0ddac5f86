import { formatChecks, probeRegion } from '../../../lib/delivery/probe';
import { cognitoAccessToken } from '../../../lib/delivery/probe-token';

interface Call {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A fake regional API: answers like the deployed one, with per-route overrides. */
function fakeApi(region: string, overrides: Record<string, () => Response> = {}) {
  const calls: Call[] = [];
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-region': region, ...headers },
    });
  const fetchFn = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({
      method,
      url,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body as string,
    });
    const path = new URL(url).pathname;
    const key = `${method} ${path.replace(/\/items\/[^/]+$/, '/items/{id}')}`;
    if (overrides[key]) return overrides[key]();
    switch (key) {
      case 'GET /health':
        return json(200, { status: 'ok', region });
      case 'POST /items':
        return json(201, { id: 'item-1', version: 1 }, { etag: '"1.Zq0c7n2Jm1Xb4KsT"' });
      case 'GET /items/{id}':
        return json(200, { id: 'item-1', version: 1 }, { etag: '"1.Zq0c7n2Jm1Xb4KsT"' });
      case 'GET /items':
        return json(200, { items: [{ id: 'item-1' }] });
      case 'DELETE /items/{id}':
        return json(204, undefined);
      default:
        return json(404, { title: 'No such route' });
    }
  }) as typeof fetch;
  return { fetchFn, calls, json };
}

describe('probeRegion', () => {
  it('passes a healthy region: health, then create, read, list and delete with the token', async () => {
    const api = fakeApi('eu-west-1');
    const checks = await probeRegion({
      baseUrl: 'https://eu-west-1.api.example.com/',
      region: 'eu-west-1',
      token: async () => 'tok',
      fetch: api.fetchFn,
    });
    expect(checks.map((c) => [c.name, c.ok, c.status])).toEqual([
      ['GET /health', true, 200],
      ['POST /items', true, 201],
      ['GET /items/{id}', true, 200],
      ['GET /items', true, 200],
      ['DELETE /items/{id}', true, 204],
    ]);
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET https://eu-west-1.api.example.com/health',
      'POST https://eu-west-1.api.example.com/items',
      'GET https://eu-west-1.api.example.com/items/item-1',
      'GET https://eu-west-1.api.example.com/items?limit=1',
      'DELETE https://eu-west-1.api.example.com/items/item-1',
    ]);
    expect(api.calls[0].headers.authorization).toBeUndefined();
    expect(api.calls[1].headers).toMatchObject({
      authorization: 'Bearer tok',
      'idempotency-key': expect.any(String),
    });
    expect(api.calls[4].headers['if-match']).toBe('"1.Zq0c7n2Jm1Xb4KsT"');
  });

  it('only probes /health without a token', async () => {
    const api = fakeApi('eu-west-1');
    const checks = await probeRegion({ baseUrl: 'https://x', region: 'eu-west-1', fetch: api.fetchFn });
    expect(checks.map((c) => c.name)).toEqual(['GET /health']);
  });

  it('fails when another region answers (the regional hostname points elsewhere)', async () => {
    const api = fakeApi('us-east-1');
    const [health] = await probeRegion({ baseUrl: 'https://x', region: 'eu-west-1', fetch: api.fetchFn });
    expect(health).toMatchObject({ ok: false, detail: 'answered by region us-east-1, expected eu-west-1' });
  });

  it('fails on an unhealthy /health and reports the body', async () => {
    const api = fakeApi('eu-west-1', {
      'GET /health': () => api.json(503, { status: 'unhealthy', region: 'eu-west-1', failing: 'table' }),
    });
    const [health] = await probeRegion({ baseUrl: 'https://x', region: 'eu-west-1', fetch: api.fetchFn });
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/^expected 200, got 503: .*"failing":"table"/);
  });

  it('still deletes the item when listing fails', async () => {
    const api = fakeApi('eu-west-1', { 'GET /items': () => api.json(502, { title: 'Bad gateway' }) });
    const checks = await probeRegion({
      baseUrl: 'https://x',
      region: 'eu-west-1',
      token: async () => 't',
      fetch: api.fetchFn,
    });
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['GET /items']);
    expect(api.calls.at(-1)?.method).toBe('DELETE');
  });

  it('reports a network error and a failed sign-in as failed checks, not exceptions', async () => {
    const down = (async () => {
      throw new Error('getaddrinfo ENOTFOUND');
    }) as typeof fetch;
    const [health] = await probeRegion({ baseUrl: 'https://x', region: 'eu-west-1', fetch: down });
    expect(health).toMatchObject({ ok: false, status: 0, detail: 'request failed: getaddrinfo ENOTFOUND' });
    const api = fakeApi('eu-west-1');
    const checks = await probeRegion({
      baseUrl: 'https://x',
      region: 'eu-west-1',
      fetch: api.fetchFn,
      token: async () => {
        throw new Error('NotAuthorizedException');
      },
    });
    expect(checks.at(-1)).toMatchObject({ name: 'sign in', ok: false, detail: 'NotAuthorizedException' });
  });

  it('formats one line per check', () => {
    expect(
      formatChecks('eu-west-1', [
        { name: 'GET /health', ok: true, status: 200, detail: 'ok', ms: 12 },
        { name: 'POST /items', ok: false, status: 500, detail: 'expected 201, got 500: x', ms: 40 },
      ]),
    ).toBe(
      'PASS eu-west-1 GET /health 200 (12 ms)\nFAIL eu-west-1 POST /items 500 (40 ms): expected 201, got 500: x',
    );
  });
});

describe('cognitoAccessToken', () => {
  const credentials = {
    region: 'us-east-1',
    clientId: 'client',
    username: 'probe@example.com',
    password: 'pw',
  };

  it("signs in with USER_PASSWORD_AUTH at the pool region's public endpoint", async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const fetchFn = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ AuthenticationResult: { AccessToken: 'access' } }), {
        status: 200,
      });
    }) as typeof fetch;
    await expect(cognitoAccessToken(credentials, fetchFn)).resolves.toBe('access');
    expect(seen[0].url).toBe('https://cognito-idp.us-east-1.amazonaws.com/');
    expect(seen[0].init?.headers).toMatchObject({
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    });
    expect(JSON.parse(String(seen[0].init?.body))).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client',
      AuthParameters: { USERNAME: 'probe@example.com', PASSWORD: 'pw' },
    });
  });

  it('names the Cognito error and refuses challenges', async () => {
    const answer = (status: number, body: unknown) =>
      (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    await expect(
      cognitoAccessToken(
        credentials,
        answer(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
      ),
    ).rejects.toThrow(
      'Cognito sign-in of probe@example.com failed (400 NotAuthorizedException: Incorrect username or password.)',
    );
    await expect(
      cognitoAccessToken(credentials, answer(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA' })),
    ).rejects.toThrow(/asks probe@example.com for SOFTWARE_TOKEN_MFA/);
  });
});
