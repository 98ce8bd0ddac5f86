import * as z from 'zod/mini';
import { HttpProblem } from './problem';

/**
 * Opaque pagination cursors: base64url JSON of the index key to resume after, plus whom and what query
 * it was issued for. The server, never the cursor, decides which partition is read, and a cursor only
 * resumes the same caller's same listing, so it cannot open another owner's items.
 */
export interface CursorScope {
  /** The caller the cursor was issued to. */
  readonly sub: string;
  /** The owner listed, or `null` for an admin's listing of every owner. */
  readonly owner: string | null;
}

const IndexKey = z.strictObject({
  pk: z.string().check(z.regex(/^ITEM#[0-9a-f-]{36}$/)),
  sk: z.literal('ITEM'),
  ownerId: z.string().check(z.minLength(1)),
  createdAt: z.iso.datetime(),
});
export type IndexKey = z.infer<typeof IndexKey>;

const Payload = z.strictObject({
  v: z.literal(1),
  sub: z.string(),
  owner: z.nullable(z.string()),
  key: IndexKey,
});

export function encodeCursor(scope: CursorScope, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: 1, sub: scope.sub, owner: scope.owner, key })).toString('base64url');
}

export function decodeCursor(cursor: string, scope: CursorScope): IndexKey {
  const invalid = new HttpProblem(400, 'cursor is not a cursor this API issued; start again without it');
  // Strict base64url: the round trip rejects padding, other alphabets and trailing garbage.
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || Buffer.from(cursor, 'base64url').toString('base64url') !== cursor) {
    throw invalid;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const payload = Payload.safeParse(parsed);
  if (!payload.success) throw invalid;
  const { sub, owner, key } = payload.data;
  if (sub !== scope.sub || owner !== scope.owner || (owner !== null && key.ownerId !== owner)) {
    throw new HttpProblem(400, 'cursor belongs to another listing; use it with the same caller and owner');
  }
  return key;
}
