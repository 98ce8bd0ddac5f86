import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES, ROUTES } from '../../../functions/routes';
import { defineOwnedResource } from '../../../functions/shared/resource/owned-resource';
import { checkDistinctResources } from '../../../functions/shared/resource/resource-keys';
import { NOTES } from './notes';

const spec = { noun: 'Thing', description: 'Things.', required: {}, optional: {} };

describe('owned resource definitions', () => {
  it('give every resource route a handler file in its own folder', () => {
    for (const route of ROUTES.filter((r) => r.resource)) {
      expect(route.handler.startsWith(`${route.resource?.name}/`)).toBe(true);
      expect(existsSync(join(__dirname, '../../../functions/handlers', `${route.handler}.ts`))).toBe(true);
    }
    expect(RESOURCES.map((r) => r.path)).toContain('/items');
  });

  it('refuse a name or key prefix that could not share the table', () => {
    expect(() => defineOwnedResource({ ...spec, name: 'Things', keyPrefix: 'THING#' })).toThrow(
      /resource name 'Things'/,
    );
    expect(() => defineOwnedResource({ ...spec, name: 'things', keyPrefix: 'THING' })).toThrow(
      /keyPrefix 'THING' must be uppercase and end in '#'/,
    );
    expect(() => defineOwnedResource({ ...spec, name: 'things', keyPrefix: 'JWKS#' })).toThrow(
      /collides with a service partition/,
    );
  });

  it('refuse two resources with the same name or key prefix', () => {
    const twin = defineOwnedResource({ ...spec, name: 'others', keyPrefix: NOTES.keyPrefix });
    expect(() => checkDistinctResources([...RESOURCES, NOTES])).not.toThrow();
    expect(() => checkDistinctResources([NOTES, twin])).toThrow(/share the keyPrefix 'NOTE#'/);
    expect(() => checkDistinctResources([NOTES, NOTES])).toThrow(/share the name 'notes'/);
  });

  it('name the metrics after the resource', () => {
    expect(NOTES.metrics).toEqual({
      created: 'NotesCreated',
      updated: 'NotesUpdated',
      deleted: 'NotesDeleted',
    });
  });
});
