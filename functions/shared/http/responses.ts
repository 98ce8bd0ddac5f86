import type { APIGatewayProxyResult } from 'aws-lambda';

/** A JSON response; response-headers middleware adds x-region, x-request-id and Cache-Control. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function noContent(headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode: 204, headers, body: '' };
}
