/**
 * How the deployed API answers API Gateway's own errors (authorizer denials, WAF blocks, throttling,
 * unknown routes, defaults): an RFC 9457 problem per Gateway Response type. Plain data, so the CDK app
 * (problem-responses.ts) and the local sandbox's API Gateway adapter answer alike.
 */
export type GatewayResponseType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'AUTHORIZER_FAILURE'
  | 'WAF_FILTERED'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'RESOURCE_NOT_FOUND'
  | 'REQUEST_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTEGRATION_TIMEOUT'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

/** One API Gateway error mapped to an RFC 9457 problem. */
export interface GatewayProblem {
  readonly responseType: GatewayResponseType;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
}

export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    responseType: 'UNAUTHORIZED',
    status: 401,
    title: 'Unauthorized',
    detail: 'Missing or invalid bearer token',
  },
  { responseType: 'ACCESS_DENIED', status: 403, title: 'Forbidden', detail: 'Access denied' },
  {
    responseType: 'AUTHORIZER_FAILURE',
    status: 500,
    title: 'Internal Server Error',
    detail: 'Authorizer failed',
  },
  {
    responseType: 'WAF_FILTERED',
    status: 403,
    title: 'Forbidden',
    detail: 'Request blocked by the web application firewall',
  },
  {
    responseType: 'THROTTLED',
    status: 429,
    title: 'Too Many Requests',
    detail: 'Rate limit exceeded; retry later',
  },
  { responseType: 'QUOTA_EXCEEDED', status: 429, title: 'Too Many Requests', detail: 'Quota exceeded' },
  {
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    status: 404,
    title: 'Not Found',
    detail: 'No such route',
  },
  { responseType: 'RESOURCE_NOT_FOUND', status: 404, title: 'Not Found', detail: 'No such route' },
  {
    responseType: 'REQUEST_TOO_LARGE',
    status: 413,
    title: 'Content Too Large',
    detail: 'Request body too large',
  },
  {
    responseType: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    title: 'Unsupported Media Type',
    detail: 'Unsupported content type',
  },
  {
    responseType: 'INTEGRATION_TIMEOUT',
    status: 504,
    title: 'Gateway Timeout',
    detail: 'The handler did not answer in time',
  },
  { responseType: 'DEFAULT_4XX', status: 400, title: 'Bad Request', detail: 'The request was rejected' },
  { responseType: 'DEFAULT_5XX', status: 500, title: 'Internal Server Error', detail: 'Unexpected error' },
];

/** The problem body the deployed API sends for `type`. */
export function gatewayProblem(type: GatewayResponseType): {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
} {
  const p = GATEWAY_PROBLEMS.find((g) => g.responseType === type);
  if (!p) throw new Error(`No gateway problem for ${type}`);
  return { type: 'about:blank', title: p.title, status: p.status, detail: p.detail };
}
