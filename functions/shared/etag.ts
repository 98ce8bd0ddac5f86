import type { APIGatewayProxyEvent } from 'aws-lambda';
import { header } from './http/api-event';
import { HttpProblem } from './problem';

/**
 * What an ETag names: one version of one incarnation of a record. An incarnation is one life of a record
 * id, from its create to its delete: an id created again after a delete (same Idempotency-Key) starts at
 * version 1 once more, so the version alone would let an ETag read from the deleted record match the new
 * one. Records written before incarnations existed have none (their ETag is the bare version).
 */
export interface EntityTag {
  readonly version: number;
  readonly incarnation?: string;
}

/**
 * A strong ETag this API issues: `"<version>.<incarnation>"` (version up to 15 digits, so it stays a safe
 * integer; incarnation 16 base64url characters), or `"<version>"` for a record without an incarnation.
 */
export const ETAG_PATTERN = /^"([1-9][0-9]{0,14})(?:\.([A-Za-z0-9_-]{16}))?"$/;

/** The ETag of a record, e.g. `"3.Zq0c7n2Jm1Xb4KsT"`. */
export function etagOf(tag: EntityTag): string {
  return tag.incarnation ? `"${tag.version}.${tag.incarnation}"` : `"${tag.version}"`;
}

/**
 * The version and incarnation a write is conditioned on, from `If-Match`. Missing (or `*`, which would
 * make the write unconditional) is 428; anything but a single strong ETag this API issued is 400.
 */
export function expectedTag(event: APIGatewayProxyEvent, noun: string): EntityTag {
  const value = header(event, 'if-match')?.trim();
  if (!value || value === '*') {
    throw new HttpProblem(
      428,
      `If-Match header is required: send the ETag of the ${noun.toLowerCase()} version you read`,
    );
  }
  const match = ETAG_PATTERN.exec(value);
  if (!match) {
    throw new HttpProblem(
      400,
      `If-Match must be a single ETag from this API, as the ${noun.toLowerCase()}'s ETag header gave it (such as "3.Zq0c7n2Jm1Xb4KsT")`,
    );
  }
  return { version: Number(match[1]), ...(match[2] ? { incarnation: match[2] } : {}) };
}
