import { createHash } from 'node:crypto';

/**
 * The record id for a create carrying an Idempotency-Key: a UUID (version 8, "custom") made from
 * SHA-256(resource, owner, key). Every retry of the create, in any region, addresses the same record, so
 * the table itself is the idempotency record: no separate record that could replicate later than it.
 * The resource name keeps one key used on two resources apart (`items` ids are as they always were).
 */
export function idempotentRecordId(resource: string, ownerId: string, key: string): string {
  // Length-prefixed owner: no (owner, key) pair can be written as another by moving characters.
  const input = `${resource}\n${ownerId.length}:${ownerId}\n${key}`;
  const bytes = createHash('sha256').update(input).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SHA-256 of the request body in canonical JSON (sorted keys), so key order does not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
