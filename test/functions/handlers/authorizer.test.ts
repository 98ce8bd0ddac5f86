import '../support/handler-env';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { handler } from '../../../functions/handlers/authorizer';
import { signJwks } from '../../../functions/shared/auth/jwks-signature';
import { createRequestAuthorizer } from '../../../functions/shared/auth/request-authorizer';
import { JwksUnavailableError } from '../../../functions/shared/auth/token-verifier';
import { logger } from '../../../functions/shared/observability';
import { type DynamoEndpoint, startDynamoEndpoint } from '../../../lib/sandbox/dynamo-endpoint';
import { KeyLocks } from '../../../lib/sandbox/key-locks';
import { type LocalKms, localJwksKeyArn, startLocalKms } from '../../../lib/sandbox/local-kms';
import type { ItemKey } from '../../../lib/sandbox/write-keys';
import { type DeadEndpoint, startDeadEndpoint } from '../../helpers/dead-endpoint';
import { authorizerEvent, bearer } from '../support/authorizer-events';
import { newKey, signToken, startIssuer, type TestIssuer, type TestKey } from '../support/issuer';
import { startTestTable, TEST_TABLE, type TestTable } from '../support/local-table';

const CLIENT_ID = 'client-123';
/** This region's replica of the multi-Region JWKS signing key, served by the sandbox's local KMS. */
const SIGNING_KEY = localJwksKeyArn('eu-west-1', '111111111111');

describe('REQUEST authorizer', () => {
  let table: TestTable;
  /** The authorizer's way to the table: can fail like an impaired replica, and records every write. */
  let endpoint: DynamoEndpoint;
  const written: ItemKey[] = [];
  let issuer: TestIssuer;
  let key: TestKey;
  let kms: LocalKms;
  const optionsFor = (iss: string) => () => ({ issuer: iss, clientId: CLIENT_ID, signingKeyId: SIGNING_KEY });
  /** A fresh authorizer is a Lambda cold start: new verifier, empty in-memory JWKS cache. */
  const coldStart = () => createRequestAuthorizer(optionsFor(issuer.url));
  const token = (spec: Partial<Parameters<typeof signToken>[0]> = {}) =>
    signToken({ key, issuer: issuer.url, clientId: CLIENT_ID, ...spec });
  const storedJwks = async (iss: string) =>
    (
      await table.client.send(
        new GetItemCommand({ TableName: TEST_TABLE, Key: { pk: { S: 'JWKS' }, sk: { S: iss } } }),
      )
    ).Item;
  /** Writes the JWKS item straight to the table, with the given signature (or none). */
  const putJwksItem = (iss: string, jwks: string, signature?: string) =>
    table.client.send(
      new PutItemCommand({
        TableName: TEST_TABLE,
        Item: {
          pk: { S: 'JWKS' },
          sk: { S: iss },
          jwks: { S: jwks },
          ...(signature ? { signature: { S: signature } } : {}),
        },
      }),
    );
  /** The JWKS as replicated from another region: signed there by its authorizer, not by this one. */
  const replicateJwks = async (iss: string, keys: TestKey[]) => {
    const jwks = JSON.stringify({ keys: keys.map((k) => k.jwk) });
    await putJwksItem(iss, jwks, await signJwks(SIGNING_KEY, iss, jwks));
  };
  const jwksWrites = (iss: string) => written.filter((k) => k.pk?.S === 'JWKS' && k.sk?.S === iss).length;
  /**
   * Servers one test starts, closed after it. A test that needs the issuer's JWKS in a known state starts
   * its own issuer (its own URL, so its own JWKS item): no test depends on what an earlier one left.
   */
  const opened: Array<{ close(): Promise<void> }> = [];
  const ownIssuer = async (keys: TestKey[]) => {
    const own = await startIssuer(keys.map((k) => k.jwk));
    opened.push(own);
    return own;
  };
  /** The pool's region down: its port held by a server that resets every connection. */
  const downIssuer = async (): Promise<DeadEndpoint> => {
    const down = await startDeadEndpoint();
    opened.push(down);
    return down;
  };

  beforeAll(async () => {
    table = await startTestTable();
    endpoint = await startDynamoEndpoint({
      target: table.db.endpoint,
      table: TEST_TABLE,
      keyNames: { partitionKey: 'pk', sortKey: 'sk' },
      locks: new KeyLocks(),
      onWrite: (keys) => written.push(...keys),
    });
    process.env.DYNAMODB_ENDPOINT = endpoint.url;
    kms = await startLocalKms();
    process.env.KMS_ENDPOINT = kms.endpoint;
    key = await newKey('key-1');
    issuer = await startIssuer([key.jwk]);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const server of opened.splice(0)) await server.close();
  });
  afterAll(async () => {
    await issuer.close();
    await endpoint.close();
    await kms.close();
    await table.close();
  });

  it('allows a valid access token for the whole API, with sub, username and groups in the context', async () => {
    // Prepare
    const authorize = coldStart();
    const jwt = await token({ groups: ['member', 'admin'] });
    // Act
    const result = await authorize(bearer(jwt));
    // Assess
    expect(result).toEqual({
      principalId: 'sub-alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'arn:aws:execute-api:eu-west-1:111111111111:api123/prod/*',
          },
        ],
      },
      context: { sub: 'sub-alice', username: 'alice', groups: '["member","admin"]' },
    });
  });

  it('is configured by JWT_ISSUER and JWT_CLIENT_ID as the deployed handler', async () => {
    // Prepare
    Object.assign(process.env, {
      JWT_ISSUER: issuer.url,
      JWT_CLIENT_ID: CLIENT_ID,
      JWKS_SIGNING_KEY_ID: SIGNING_KEY,
    });
    const jwt = await token({ sub: 'sub-env' });
    // Act
    const result = await handler(bearer(jwt));
    // Assess
    expect(result.principalId).toBe('sub-env');
  });

  it('writes the JWKS it fetched back to the table, keyed by issuer', async () => {
    // Prepare: an issuer whose JWKS the table does not hold yet.
    const own = await ownIssuer([key]);
    expect(await storedJwks(own.url)).toBeUndefined();
    const authorize = createRequestAuthorizer(optionsFor(own.url));
    // Act
    await authorize(bearer(await signToken({ key, issuer: own.url, clientId: CLIENT_ID })));
    // Assess
    const item = await storedJwks(own.url);
    expect(own.fetches()).toBe(1);
    expect(JSON.parse(item?.jwks?.S ?? '{}')).toEqual({ keys: [key.jwk] });
    expect(item?.updatedRegion?.S).toBe('eu-west-1');
    expect(item?.signature?.S).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it.each([
    ['an expired token', { expiresIn: -10 }, 'Token expired'],
    ['a token for another app client', { clientId: 'someone-else' }, 'Client ID not allowed'],
    [
      'a token from another issuer',
      { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/x' },
      'Issuer not allowed',
    ],
    ['an ID token instead of an access token', { tokenUse: 'id' as const }, 'Token use not allowed'],
  ])('rejects %s', async (_case, spec, reason) => {
    // Prepare
    const jwt = await token(spec);
    const info = jest.spyOn(logger, 'info');
    // Act
    const result = coldStart()(bearer(jwt));
    // Assess
    await expect(result).rejects.toThrow(/^Unauthorized$/);
    expect(info).toHaveBeenCalledWith('request denied', { reason: expect.stringContaining(reason) });
  });

  it('rejects a token signed by another key under a known kid', async () => {
    // Prepare
    const forger = await newKey('key-1');
    const jwt = await token({ signWith: forger });
    const info = jest.spyOn(logger, 'info');
    // Act
    const result = coldStart()(bearer(jwt));
    // Assess
    await expect(result).rejects.toThrow(/^Unauthorized$/);
    expect(info).toHaveBeenCalledWith('request denied', {
      reason: expect.stringContaining('Invalid signature'),
    });
  });

  it.each([
    ['no Authorization header', {}],
    ['a Basic credential', { Authorization: 'Basic YWxpY2U6cHc=' }],
    ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
  ])('rejects %s', async (_case, headers) => {
    // Act
    const result = coldStart()(authorizerEvent(headers));
    // Assess
    await expect(result).rejects.toThrow(/^Unauthorized$/);
  });

  it("keeps verifying from the table's JWKS when the issuer (the pool's region) is down", async () => {
    // Prepare: JWKS already replicated to this region's table; the issuer is unreachable.
    const iss = (await downIssuer()).url;
    await replicateJwks(iss, [key]);
    const authorize = createRequestAuthorizer(optionsFor(iss));
    const jwt = await signToken({ key, issuer: iss, clientId: CLIENT_ID });
    // Act
    const result = await authorize(bearer(jwt));
    // Assess
    expect(result.context?.sub).toBe('sub-alice');
  });

  it('retries the table read that failed at cold start, and verifies from it without the issuer', async () => {
    // Prepare: the JWKS is in the table; a cold start meets a table timeout and a failing pool region.
    const failing = await startIssuer([key.jwk]);
    failing.status = 503;
    const iss = failing.url;
    await replicateJwks(iss, [key]);
    const authorize = createRequestAuthorizer(optionsFor(iss));
    const jwt = await signToken({ key, issuer: iss, clientId: CLIENT_ID });
    await endpoint.fail();
    const atColdStart = await authorize(bearer(jwt)).catch((error: unknown) => error);
    await endpoint.restore();
    const fetchesBefore = failing.fetches();
    // Act
    const result = await authorize(bearer(jwt)).finally(() => failing.close());
    // Assess
    expect(atColdStart).toBeInstanceOf(JwksUnavailableError);
    expect(result.context?.sub).toBe('sub-alice');
    expect(failing.fetches()).toBe(fetchesBefore);
  });

  it('is an authorizer failure, not a 401, when neither the issuer nor the table has the JWKS', async () => {
    // Prepare
    const iss = (await downIssuer()).url;
    const jwt = await signToken({ key, issuer: iss, clientId: CLIENT_ID });
    const error = jest.spyOn(logger, 'error');
    // Act
    const result = createRequestAuthorizer(optionsFor(iss))(bearer(jwt));
    // Assess: any error but 'Unauthorized' makes API Gateway answer 500 (AUTHORIZER_FAILURE).
    await expect(result).rejects.toBeInstanceOf(JwksUnavailableError);
    await expect(result).rejects.toThrow(/the issuer failed and the table has no copy/);
    expect(error).toHaveBeenCalledWith('cannot verify tokens: no JWKS available', {
      error: expect.any(JwksUnavailableError),
    });
  });

  it("falls back to the table's JWKS when the issuer fails, even if it arrived after the cold start", async () => {
    // Prepare: a cold start found no JWKS; then another region's copy replicates in; the issuer is down.
    const iss = (await downIssuer()).url;
    const authorize = createRequestAuthorizer(optionsFor(iss));
    const jwt = await signToken({ key, issuer: iss, clientId: CLIENT_ID });
    const beforeReplication = await authorize(bearer(jwt)).catch((error: unknown) => error);
    await replicateJwks(iss, [key]);
    // Act
    const result = await authorize(bearer(jwt));
    // Assess
    expect(beforeReplication).toBeInstanceOf(JwksUnavailableError);
    expect(result.context?.sub).toBe('sub-alice');
  });

  it('is an authorizer failure when the issuer fails and the stored JWKS lacks the kid', async () => {
    // Prepare: the pool may have rotated its key; with the issuer down that cannot be checked.
    const iss = (await downIssuer()).url;
    await replicateJwks(iss, [key]);
    const rotated = await newKey('key-2');
    const jwt = await signToken({ key: rotated, issuer: iss, clientId: CLIENT_ID });
    // Act
    const result = createRequestAuthorizer(optionsFor(iss))(bearer(jwt));
    // Assess
    await expect(result).rejects.toThrow(
      /^no JWKS with kid key-2: the issuer failed and the table's copy lacks it$/,
    );
  });

  it('does not write the JWKS back when an unknown kid is not in the fetched JWKS either', async () => {
    // Prepare: the table already holds the issuer's JWKS; a junk token names a kid nobody published.
    const own = await ownIssuer([key]);
    await replicateJwks(own.url, [key]);
    const stranger = await newKey('key-junk');
    const writesBefore = jwksWrites(own.url);
    const authorize = createRequestAuthorizer(optionsFor(own.url));
    // Act
    const result = authorize(
      bearer(await signToken({ key: stranger, issuer: own.url, clientId: CLIENT_ID })),
    );
    // Assess
    await expect(result).rejects.toThrow(/^Unauthorized$/);
    expect(own.fetches()).toBe(1);
    expect(jwksWrites(own.url)).toBe(writesBefore);
  });

  it('fetches and stores the rotated JWKS when a token has a kid the stored JWKS lacks', async () => {
    // Prepare: the table holds the old JWKS; the issuer now also publishes key-2.
    const rotated = await newKey('key-2');
    const own = await ownIssuer([key, rotated]);
    await replicateJwks(own.url, [key]);
    const writesBefore = jwksWrites(own.url);
    const authorize = createRequestAuthorizer(optionsFor(own.url));
    const signed = (signer: TestKey) => signToken({ key: signer, issuer: own.url, clientId: CLIENT_ID });
    await authorize(bearer(await signed(key)));
    const cachedOnly = own.fetches();
    // Act
    const result = await authorize(bearer(await signed(rotated)));
    // Assess
    expect(cachedOnly).toBe(0);
    expect(result.context?.sub).toBe('sub-alice');
    expect(own.fetches()).toBe(1);
    expect(jwksWrites(own.url) - writesBefore).toBe(1);
    const stored = JSON.parse((await storedJwks(own.url))?.jwks?.S ?? '{}');
    expect(stored.keys.map((k: { kid: string }) => k.kid)).toEqual(['key-1', 'key-2']);
  });

  describe('a JWKS copy written by anyone but an authorizer (security review, finding 1)', () => {
    /** The attack: another principal with PutItem adds its own key to the JWKS item. */
    const plantForgedCopy = async (iss: string, signature?: string) => {
      const forger = await newKey('forger-key');
      await putJwksItem(iss, JSON.stringify({ keys: [key.jwk, forger.jwk] }), signature);
      return forger;
    };

    it('refuses a self-signed admin token whose key was planted in the table, and restores the copy', async () => {
      // Prepare: the issuer is up; the table's copy carries the forger's key and no signature.
      const iss = await startIssuer([key.jwk]);
      const forger = await plantForgedCopy(iss.url);
      const error = jest.spyOn(logger, 'error');
      const jwt = await signToken({ key: forger, issuer: iss.url, clientId: CLIENT_ID, groups: ['admin'] });
      // Act
      const result = createRequestAuthorizer(optionsFor(iss.url))(bearer(jwt));
      // Assess
      await expect(result).rejects.toThrow(/^Unauthorized$/);
      expect(error).toHaveBeenCalledWith("the table's JWKS copy has no valid signature; ignoring it", {
        issuer: iss.url,
      });
      const restored = await storedJwks(iss.url);
      expect(JSON.parse(restored?.jwks?.S ?? '{}')).toEqual({ keys: [key.jwk] });
      await iss.close();
    });

    it('does not fall back to a planted copy while the issuer is down: no JWKS, no verdict', async () => {
      // Prepare
      const down = await startIssuer([key.jwk]);
      const iss = down.url;
      await down.close();
      const forger = await plantForgedCopy(iss, 'bm90IGEgc2lnbmF0dXJl');
      const jwt = await signToken({ key: forger, issuer: iss, clientId: CLIENT_ID, groups: ['admin'] });
      // Act
      const result = createRequestAuthorizer(optionsFor(iss))(bearer(jwt));
      // Assess
      await expect(result).rejects.toThrow(/the issuer failed and the table has no copy/);
    });

    it("refuses a copy whose text was changed after signing, and one signed for another issuer's item", async () => {
      // Prepare: a genuine signature, reused for the forged text and moved to another issuer.
      const down = await startIssuer([key.jwk]);
      const iss = down.url;
      await down.close();
      const genuine = JSON.stringify({ keys: [key.jwk] });
      const forger = await plantForgedCopy(iss, await signJwks(SIGNING_KEY, iss, genuine));
      const other = `${iss}/other-pool`;
      await putJwksItem(other, genuine, await signJwks(SIGNING_KEY, iss, genuine));
      const forged = await signToken({ key: forger, issuer: iss, clientId: CLIENT_ID, groups: ['admin'] });
      const moved = await signToken({ key, issuer: other, clientId: CLIENT_ID });
      // Act
      const results = [
        createRequestAuthorizer(optionsFor(iss))(bearer(forged)),
        createRequestAuthorizer(optionsFor(other))(bearer(moved)),
      ];
      // Assess
      for (const result of results) await expect(result).rejects.toBeInstanceOf(JwksUnavailableError);
    });
  });

  describe('claims are validated, not coerced (security review, finding 2)', () => {
    it.each([
      ['no sub', { sub: null }, 'sub invalid_type'],
      ['an empty sub', { sub: '' }, 'sub too_small'],
      ['a group that is not a string', { groups: [['admin']] }, 'cognito:groups.0 invalid_type'],
      [
        'groups that are not a list',
        { claims: { 'cognito:groups': 'admin' } },
        'cognito:groups invalid_type',
      ],
      ['a username that is not a string', { claims: { username: ['admin'] } }, 'username invalid_type'],
    ])('refuses a validly signed token with %s', async (_case, spec, reason) => {
      // Prepare
      const jwt = await token(spec);
      const info = jest.spyOn(logger, 'info');
      // Act
      const result = coldStart()(bearer(jwt));
      // Assess
      await expect(result).rejects.toThrow(/^Unauthorized$/);
      expect(info).toHaveBeenCalledWith('request denied', { reason: expect.stringContaining(reason) });
    });
  });

  describe('more than one Authorization header (security review, finding 3)', () => {
    it.each([
      ['twice under one name', { Authorization: ['Bearer junk', 'VALID'] }],
      ['under two casings', { Authorization: ['Bearer junk'], authorization: ['VALID'] }],
    ])('refuses a valid token sent alongside another value, %s', async (_case, multi) => {
      // Prepare: API Gateway would cache the answer under one value while the other was verified.
      const jwt = await token();
      const withToken = Object.fromEntries(
        Object.entries(multi).map(([n, vs]) => [n, vs.map((v) => (v === 'VALID' ? `Bearer ${jwt}` : v))]),
      );
      const event = { ...bearer(jwt), multiValueHeaders: withToken };
      const info = jest.spyOn(logger, 'info');
      // Act
      const result = coldStart()(event);
      // Assess
      await expect(result).rejects.toThrow(/^Unauthorized$/);
      expect(info).toHaveBeenCalledWith('request denied', { reason: 'more than one Authorization header' });
    });
  });
});
