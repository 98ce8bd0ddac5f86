import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { etagOf } from '../etag';
import type { ApiEvent } from '../http/api-event';
import { json } from '../http/responses';
import { HttpProblem } from '../problem';
import { validate } from '../validate';
import type { OwnedResource } from './owned-resource';
import type { PublicRecord, StoredRecord } from './stored-record';

/** Record ids are UUIDs, stored lowercase. */
export const RecordId = z.uuid();

/** `{id}` from the path. */
export function recordIdOf(event: ApiEvent): string {
  return validate(RecordId, event.pathParameters?.id, 'path.id').toLowerCase();
}

/** 404 naming the resource: "Item <id> does not exist". */
export function notFound(resource: OwnedResource, id: string): HttpProblem {
  return new HttpProblem(404, `${resource.noun} ${id} does not exist`);
}

/**
 * The public representation: server-side bookkeeping (the idempotency request hash, the incarnation,
 * which clients see only as part of the ETag) stays out of the body.
 */
export function publicRecord(record: StoredRecord): PublicRecord {
  const { requestHash: _hash, incarnation: _incarnation, ...rest } = record;
  return rest;
}

export function recordResponse(
  status: number,
  record: StoredRecord,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return json(status, publicRecord(record), { etag: etagOf(record), ...headers });
}
