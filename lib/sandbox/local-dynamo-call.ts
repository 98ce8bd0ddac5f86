import type { RequestListener } from 'node:http';
import { callListener } from './in-process-call';

/** A DynamoDB error answered by the local DynamoDB, named by its `__type` (e.g. ResourceNotFoundException). */
export class LocalDynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = type;
  }
}

// dynalite requires the parts of a SigV4 header to be present but checks no signature.
const UNSIGNED =
  'AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

/**
 * One DynamoDB JSON-protocol call (`DynamoDB_20120810.<operation>`) handed to an in-process dynalite's
 * request listener: the sandbox's own machinery (the replicator) reads and writes tables without the
 * SDK's serialization, signing and a loopback HTTP round trip. Handlers keep using the SDK.
 */
export async function callLocalDynamo<T = Record<string, unknown>>(
  handler: RequestListener,
  operation: string,
  input: Record<string, unknown>,
): Promise<T> {
  const res = await callListener(
    handler,
    'POST',
    '/',
    {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': '20260101T000000Z',
      authorization: UNSIGNED,
    },
    Buffer.from(JSON.stringify(input)),
  );
  const body = res.body.length > 0 ? (JSON.parse(res.body.toString('utf8')) as Record<string, unknown>) : {};
  if (res.status !== 200) {
    const type = String(body.__type ?? 'UnknownError')
      .split('#')
      .pop() as string;
    throw new LocalDynamoError(type, String(body.message ?? body.Message ?? type), res.status);
  }
  return body as T;
}
