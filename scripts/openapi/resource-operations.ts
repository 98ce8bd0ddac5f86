import type { OwnedResource } from '../../functions/shared/resource/owned-resource';
import { pageSchema, recordSchema } from '../../functions/shared/resource/record-schemas';
import type { ResourceOperation } from '../../functions/shared/resource/resource-routes';
import { type Json, jsonBody, jsonSchema, ok, ref, TABLE_PROBLEMS, withProblems } from './parts';

/**
 * The OpenAPI side of an owned resource, all derived from its definition: components named after its
 * noun (`Item`, `ItemInput`, `ItemPatch`, `ItemPage`, parameter `ItemId`) and one operation per route.
 */
const names = (r: OwnedResource) => ({
  record: r.noun,
  input: `${r.noun}Input`,
  patch: `${r.noun}Patch`,
  page: `${r.noun}Page`,
  id: `${r.noun}Id`,
});

export function resourceSchemas(resource: OwnedResource): Record<string, Json> {
  const n = names(resource);
  return {
    [n.input]: jsonSchema(resource.input),
    [n.patch]: { ...jsonSchema(resource.patch), minProperties: 1 },
    [n.record]: jsonSchema(recordSchema(resource)),
    [n.page]: jsonSchema(pageSchema(resource)),
  };
}

export function resourceParameters(resource: OwnedResource, idSchema: Json): Record<string, Json> {
  return { [names(resource).id]: { name: 'id', in: 'path', required: true, schema: idSchema } };
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
const pascal = (name: string) =>
  name
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');

export function resourceOperation(resource: OwnedResource, operation: ResourceOperation): Json {
  const n = names(resource);
  const noun = resource.noun.toLowerCase();
  const one = `${article(noun)} ${noun}`;
  const withEtag = (description: string) => ok(description, ref(n.record), { etag: ref('ETag', 'headers') });
  const problems = (responses: Json, statuses: number[]) =>
    withProblems(responses, [...statuses, ...TABLE_PROBLEMS], noun);
  const member = [ref(n.id, 'parameters')];
  const write = [...member, ref('IfMatch', 'parameters')];
  const writeProblems = [400, 401, 404, 412, 413, 415, 428];
  switch (operation) {
    case 'create':
      return {
        operationId: `create${resource.noun}`,
        summary: `Create ${one} owned by the caller`,
        description:
          `With an Idempotency-Key, a retry (even in another region after a failover) returns the ${noun} ` +
          'the first attempt created, with `Idempotent-Replayed: true`.',
        parameters: [ref('IdempotencyKey', 'parameters')],
        requestBody: jsonBody(n.input),
        responses: problems(
          {
            201: ok('Created (or replayed).', ref(n.record), {
              location: ref('Location', 'headers'),
              etag: ref('ETag', 'headers'),
              'idempotent-replayed': ref('IdempotentReplayed', 'headers'),
            }),
          },
          [400, 401, 409, 413, 415, 422],
        ),
      };
    case 'list':
      return {
        operationId: `list${pascal(resource.name)}`,
        summary: `List the caller's ${resource.name}, newest first (admins: every owner's, or \`owner\`'s)`,
        parameters: [ref('Limit', 'parameters'), ref('Cursor', 'parameters'), ref('Owner', 'parameters')],
        responses: problems({ 200: ok('One page.', ref(n.page)) }, [400, 401, 403]),
      };
    case 'get':
      return {
        operationId: `get${resource.noun}`,
        summary: `Read ${one}`,
        parameters: member,
        responses: problems(
          { 200: withEtag(`The ${noun}; ETag names its version and incarnation.`) },
          [400, 401, 404],
        ),
      };
    case 'replace':
      return {
        operationId: `replace${resource.noun}`,
        summary: `Replace ${one} (optional fields left out are removed)`,
        parameters: write,
        requestBody: jsonBody(n.input),
        responses: problems({ 200: withEtag('Updated.') }, writeProblems),
      };
    case 'patch':
      return {
        operationId: `patch${resource.noun}`,
        summary: `Change some fields of ${one} (JSON Merge Patch: null removes)`,
        parameters: write,
        requestBody: jsonBody(n.patch, ['application/merge-patch+json', 'application/json']),
        responses: problems({ 200: withEtag('Updated.') }, writeProblems),
      };
    case 'delete':
      return {
        operationId: `delete${resource.noun}`,
        summary: `Delete ${one}`,
        parameters: write,
        responses: problems({ 204: ok('Deleted.', undefined) }, [400, 401, 404, 412, 428]),
      };
  }
}
