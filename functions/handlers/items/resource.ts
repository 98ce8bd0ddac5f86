import { defineOwnedResource } from '../../shared/resource/owned-resource';
import { description, name, tags } from '../../shared/schemas';

/**
 * The API's sample resource: everything that makes `items` differ from any other owned resource. Its
 * routes come from this in functions/routes.ts; its handlers are the generic ones (this folder's files).
 */
export const ITEMS = defineOwnedResource({
  name: 'items',
  noun: 'Item',
  keyPrefix: 'ITEM#',
  description: "The caller's items (admins: everyone's).",
  required: { name },
  optional: { description, tags },
});
