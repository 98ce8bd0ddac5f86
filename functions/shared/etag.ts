import type { APIGatewayProxyEvent } from 'aws-lambda';
import { header } from './http/api-event';
import { HttpProblem } from './problem';

/** A strong ETag this API issues: a version up to 15 digits, so it stays a safe integer. */
export const ETAG_PATTERN = /^"([1-9][0-9]{0,14})"$/;

/** The ETag of a record is its version as a strong entity tag, e.g. `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a write is conditioned on, from `If-Match`. Missing (or `*`, which would make the write
 * unconditional) is 428; anything but a single strong ETag this API issued is 400.
 */
export function expectedVersion(event: APIGatewayProxyEvent, noun: string): number {
  const value = header(event, 'if-match')?.trim();
  if (!value || value === '*') {
    throw new HttpProblem(
      428,
      `If-Match header is required: send the ETag of the ${noun.toLowerCase()} version you read`,
    );
  }
  const match = ETAG_PATTERN.exec(value);
  if (!match) {
    throw new HttpProblem(400, 'If-Match must be a single ETag from this API, such as "3"');
  }
  return Number(match[1]);
}
