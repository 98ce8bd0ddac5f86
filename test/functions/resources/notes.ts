import * as z from 'zod/mini';
import { defineOwnedResource } from '../../../functions/shared/resource/owned-resource';

/**
 * A second owned resource that exists in tests only: it shares the app table with `items` and proves that
 * resources do not mix (listings, cursors, ids) and that the generic code needs nothing resource-specific.
 */
export const NOTES = defineOwnedResource({
  name: 'notes',
  noun: 'Note',
  keyPrefix: 'NOTE#',
  description: "The caller's notes (admins: everyone's).",
  required: { text: z.string().check(z.minLength(1), z.maxLength(500)) },
  optional: { pinned: z.boolean() },
});
