import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/** A verified caller, as the authorizer would put it in the request context. */
export interface TestIdentity {
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
}

export const ALICE: TestIdentity = { sub: 'sub-alice', username: 'alice', groups: ['member'] };
export const BOB: TestIdentity = { sub: 'sub-bob', username: 'bob', groups: ['member'] };
export const ADMIN: TestIdentity = { sub: 'sub-admin', username: 'root', groups: ['member', 'admin'] };

export interface EventSpec {
  readonly method?: string;
  readonly path?: string;
  readonly resource?: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON with `content-type: application/json` unless headers say otherwise. */
  readonly body?: unknown;
  /** `null` leaves the authorizer context out, as on a route wired without the authorizer. */
  readonly identity?: TestIdentity | null;
}

/** An API Gateway REST proxy event like the one the Lambda integration delivers. */
export function apiEvent(spec: EventSpec = {}): APIGatewayProxyEvent {
  const path = spec.path ?? '/items';
  const headers: Record<string, string> = { ...spec.headers };
  let body: string | null = null;
  if (typeof spec.body === 'string') body = spec.body;
  else if (spec.body !== undefined) {
    body = JSON.stringify(spec.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  const identity = spec.identity === undefined ? ALICE : spec.identity;
  return {
    httpMethod: spec.method ?? 'GET',
    path,
    resource: spec.resource ?? path,
    pathParameters: spec.pathParameters ?? null,
    queryStringParameters: spec.query ?? null,
    multiValueQueryStringParameters: null,
    headers,
    multiValueHeaders: {},
    body,
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: {
      accountId: '111111111111',
      apiId: 'api123',
      authorizer: identity
        ? {
            sub: identity.sub,
            username: identity.username,
            groups: JSON.stringify(identity.groups),
            principalId: identity.sub,
          }
        : null,
      protocol: 'HTTP/1.1',
      httpMethod: spec.method ?? 'GET',
      identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
      path,
      stage: 'prod',
      requestId: `req-${randomUUID()}`,
      requestTimeEpoch: Date.now(),
      resourceId: 'res',
      resourcePath: spec.resource ?? path,
    },
  };
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:test-fn',
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/test-fn',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A handler response with its JSON body parsed and header names lowercased. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary JSON shapes
  readonly body: any;
  readonly raw: APIGatewayProxyResult;
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export async function invoke(handler: Handler, spec: EventSpec = {}): Promise<TestResponse> {
  return send(handler, apiEvent(spec));
}

export async function send(handler: Handler, event: APIGatewayProxyEvent): Promise<TestResponse> {
  const raw = await handler(event, lambdaContext());
  const headers = Object.fromEntries(
    Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { status: raw.statusCode, headers, body: raw.body ? JSON.parse(raw.body) : undefined, raw };
}
