import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';

/** One API Gateway error mapped to an RFC 9457 problem. */
interface Problem {
  readonly type: ResponseType;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
}

/**
 * API Gateway's own errors (authorizer denials, WAF blocks, throttling, unknown routes, defaults), answered
 * with the same `application/problem+json` shape and `x-region` header as the handlers. The UNAUTHORIZED
 * body is byte-for-byte what the local sandbox sends for an authorizer denial.
 */
export const PROBLEMS: readonly Problem[] = [
  {
    type: ResponseType.UNAUTHORIZED,
    status: 401,
    title: 'Unauthorized',
    detail: 'Missing or invalid bearer token',
  },
  { type: ResponseType.ACCESS_DENIED, status: 403, title: 'Forbidden', detail: 'Access denied' },
  {
    type: ResponseType.AUTHORIZER_FAILURE,
    status: 500,
    title: 'Internal Server Error',
    detail: 'Authorizer failed',
  },
  {
    type: ResponseType.WAF_FILTERED,
    status: 403,
    title: 'Forbidden',
    detail: 'Request blocked by the web application firewall',
  },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    title: 'Too Many Requests',
    detail: 'Rate limit exceeded; retry later',
  },
  { type: ResponseType.QUOTA_EXCEEDED, status: 429, title: 'Too Many Requests', detail: 'Quota exceeded' },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    title: 'Not Found',
    detail: 'No such route',
  },
  { type: ResponseType.RESOURCE_NOT_FOUND, status: 404, title: 'Not Found', detail: 'No such route' },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    title: 'Content Too Large',
    detail: 'Request body too large',
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    title: 'Unsupported Media Type',
    detail: 'Unsupported content type',
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    title: 'Gateway Timeout',
    detail: 'The handler did not answer in time',
  },
  { type: ResponseType.DEFAULT_4XX, status: 400, title: 'Bad Request', detail: 'The request was rejected' },
  { type: ResponseType.DEFAULT_5XX, status: 500, title: 'Internal Server Error', detail: 'Unexpected error' },
];

/** Adds a Gateway Response per entry of {@link PROBLEMS} to `api`, naming `region` in `x-region`. */
export function addProblemResponses(api: RestApi, region: string): void {
  for (const p of PROBLEMS) {
    const body = JSON.stringify({ type: 'about:blank', title: p.title, status: p.status, detail: p.detail });
    api.addGatewayResponse(`Problem${p.type.responseType}`, {
      type: p.type,
      statusCode: String(p.status),
      responseHeaders: {
        'Content-Type': "'application/problem+json'",
        'x-region': `'${region}'`,
        'Cache-Control': "'no-store'",
      },
      templates: { 'application/json': body },
    });
  }
}
