import type {
  APIGatewayEventRequestContextWithAuthorizer,
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import type { RouteMatch } from './route-match';

/** The parts of an HTTP request the event is built from. */
export interface HttpRequestParts {
  readonly method: string;
  /** Path and query string as received, e.g. `/items?limit=5`. */
  readonly url: string;
  /** Header names and values as received (Node's `rawHeaders`), so names keep the client's casing. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
}

/** The API a request arrived at. */
export interface ApiIdentity {
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly domainName: string;
}

type Headers = Record<string, string>;
type MultiHeaders = Record<string, string[]>;

/**
 * Last value and every value per name, as own properties even for names such as `constructor` or
 * `__proto__` (Object.fromEntries defines them the way Lambda's JSON.parse of the event would).
 */
function collect(pairs: Iterable<readonly [string, string]>): { single: Headers; multi: MultiHeaders } {
  const single = new Map<string, string>();
  const multi = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    single.set(name, value); // API Gateway keeps the last value of a repeated name
    const all = multi.get(name);
    if (all) all.push(value);
    else multi.set(name, [value]);
  }
  return { single: Object.fromEntries(single), multi: Object.fromEntries(multi) };
}

function headersOf(raw: readonly string[]): { headers: Headers; multi: MultiHeaders } {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  const { single, multi } = collect(pairs);
  return { headers: single, multi };
}

function queryOf(url: string): { query: Headers | null; multi: MultiHeaders | null } {
  const { single, multi } = collect(new URL(url, 'http://localhost').searchParams);
  return Object.keys(single).length ? { query: single, multi } : { query: null, multi: null };
}

function requestTime(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The execute-api ARN of the method being called, as API Gateway passes it to an authorizer. */
export function methodArn(api: ApiIdentity, method: string, path: string): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${method}${path}`;
}

function pathOf(url: string): string {
  return new URL(url, 'http://localhost').pathname;
}

function requestContext(
  req: HttpRequestParts,
  match: RouteMatch,
  api: ApiIdentity,
  requestId: string,
  at: Date,
): APIGatewayEventRequestContextWithAuthorizer<undefined> {
  const { headers } = headersOf(req.rawHeaders);
  const userAgent = Object.entries(headers).find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? null;
  return {
    accountId: api.accountId,
    apiId: api.apiId,
    authorizer: undefined,
    domainName: api.domainName,
    domainPrefix: api.domainName.split('.')[0],
    extendedRequestId: requestId,
    httpMethod: req.method,
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: null,
      apiKeyId: null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: req.sourceIp,
      user: null,
      userAgent,
      userArn: null,
    },
    path: pathOf(req.url),
    protocol: 'HTTP/1.1',
    requestId,
    requestTime: requestTime(at),
    requestTimeEpoch: at.getTime(),
    resourceId: match.route.path,
    resourcePath: match.route.path,
    stage: api.stage,
  };
}

/** The Lambda proxy integration event API Gateway (REST, v1) would send for this request. */
export function buildProxyEvent(
  req: HttpRequestParts,
  match: RouteMatch,
  api: ApiIdentity,
  requestId: string,
  authorizer: Record<string, string> | undefined,
  at: Date = new Date(),
): APIGatewayProxyEvent {
  const { headers, multi } = headersOf(req.rawHeaders);
  const query = queryOf(req.url);
  return {
    resource: match.route.path,
    path: pathOf(req.url),
    httpMethod: req.method,
    headers,
    multiValueHeaders: multi,
    queryStringParameters: query.query,
    multiValueQueryStringParameters: query.multi,
    pathParameters: match.pathParameters,
    stageVariables: null,
    requestContext: { ...requestContext(req, match, api, requestId, at), authorizer },
    body: req.body.length > 0 ? req.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

/** The event a Lambda REQUEST authorizer receives for this request. */
export function buildAuthorizerEvent(
  req: HttpRequestParts,
  match: RouteMatch,
  api: ApiIdentity,
  requestId: string,
  at: Date = new Date(),
): APIGatewayRequestAuthorizerEvent {
  const { headers, multi } = headersOf(req.rawHeaders);
  const query = queryOf(req.url);
  const path = pathOf(req.url);
  return {
    type: 'REQUEST',
    methodArn: methodArn(api, req.method, path),
    resource: match.route.path,
    path,
    httpMethod: req.method,
    headers,
    multiValueHeaders: multi,
    pathParameters: match.pathParameters,
    queryStringParameters: query.query,
    multiValueQueryStringParameters: query.multi,
    stageVariables: null,
    requestContext: requestContext(req, match, api, requestId, at),
  };
}
