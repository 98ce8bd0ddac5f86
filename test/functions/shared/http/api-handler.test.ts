import '../../support/handler-env';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { apiHandler, type RouteHandler } from '../../../../functions/shared/http/api-handler';
import { json } from '../../../../functions/shared/http/responses';
import { HttpProblem } from '../../../../functions/shared/problem';
import { apiEvent, invoke, send } from '../../support/events';
import { TEST_REGION } from '../../support/local-table';

const echo: RouteHandler = async (event) => json(200, { body: event.jsonBody, sub: event.identity?.sub });
const failing = (error: unknown) =>
  apiHandler({}, async () => {
    throw error;
  });

describe('apiHandler middleware chain', () => {
  it('passes the parsed JSON body and the authorizer identity to the route', async () => {
    // Prepare
    const handler = apiHandler({ body: {} }, echo);
    // Act
    const res = await invoke(handler, { method: 'POST', body: { a: 1 } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ body: { a: 1 }, sub: 'sub-alice' });
    expect(res.headers['x-region']).toBe(TEST_REGION);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('accepts a base64-encoded body sent with a utf-8 charset parameter', async () => {
    // Prepare
    const handler = apiHandler({ body: {} }, echo);
    const event = apiEvent({
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    // Act
    const res = await send(handler, {
      ...event,
      isBase64Encoded: true,
      body: Buffer.from('{"a":"é"}').toString('base64'),
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.body).toEqual({ a: 'é' });
  });

  it.each([
    ['no content type', { body: '{}' }, 415, /Content-Type header is required/],
    ['another media type', { body: 'a=1', headers: { 'Content-Type': 'text/plain' } }, 415, /text\/plain/],
    [
      'another charset',
      { body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
      415,
      /latin1/,
    ],
    ['an empty body', { body: '', headers: { 'content-type': 'application/json' } }, 400, /body is required/],
    [
      'malformed JSON',
      { body: '{"a":', headers: { 'content-type': 'application/json' } },
      400,
      /not valid JSON/,
    ],
    ['a body over 16 KiB', { body: { a: 'x'.repeat(16_400) } }, 413, /limit is 16384 bytes/],
  ])('rejects %s with a problem', async (_case, spec, status, detail) => {
    // Prepare
    const handler = apiHandler({ body: {} }, echo);
    // Act
    const res = await invoke(handler, { method: 'POST', ...spec });
    // Assess
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['x-region']).toBe(TEST_REGION);
    expect(res.body).toMatchObject({ type: 'about:blank', status, detail: expect.stringMatching(detail) });
  });

  it('answers 401 when an authorized route is reached without authorizer context', async () => {
    // Prepare
    const handler = apiHandler({}, echo);
    // Act
    const res = await invoke(handler, { identity: null });
    // Assess
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Missing or invalid bearer token',
      instance: '/items',
    });
  });

  it('renders an HttpProblem with its status, detail and extra headers', async () => {
    // Prepare
    const handler = failing(new HttpProblem(409, 'already there', { headers: { 'x-extra': 'yes' } }));
    // Act
    const res = await invoke(handler);
    // Assess
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ title: 'Conflict', detail: 'already there' });
    expect(res.headers['x-extra']).toBe('yes');
  });

  it('maps DynamoDB throttling, after the SDK retries, to 429 with Retry-After', async () => {
    // Prepare
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    // Act
    const res = await invoke(failing(throttled));
    // Assess
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.detail).toMatch(/throttling/);
  });

  it('maps an unreachable table to 503 with Retry-After', async () => {
    // Prepare
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    // Act
    const res = await invoke(failing(refused));
    // Assess
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('answers an unexpected error with a generic 500 carrying the request id and no internals', async () => {
    // Prepare
    const handler = failing(new TypeError('secret internal detail'));
    // Act
    const res = await invoke(handler);
    // Assess
    expect(res.status).toBe(500);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.body.detail).toBe(
      `An unexpected error occurred; quote request id ${res.headers['x-request-id']} when reporting it`,
    );
    expect(res.raw.body).not.toMatch(/secret|TypeError|at /);
  });
});
