import '../functions/support/handler-env';
import { readFileSync } from 'node:fs';
import { handler as openapi } from '../../functions/handlers/openapi';
import { ROUTES } from '../../functions/routes';
import { ownedResourceRoutes } from '../../functions/shared/resource/resource-routes';
import {
  buildOpenApiDocument,
  OPENAPI_PATH,
  renderOpenApiDocument,
  routeTag,
} from '../../scripts/generate-openapi';
import { resourceOperation, resourceSchemas } from '../../scripts/openapi/resource-operations';
import { NOTES } from '../functions/resources/notes';
import { invoke } from '../functions/support/events';

type Operation = {
  security: unknown[];
  responses: Record<string, { headers: Record<string, unknown>; content?: Record<string, unknown> }>;
};

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>> };

  it('is checked in up to date (run `npm run openapi` after changing schemas or routes)', () => {
    // Act
    const checkedIn = readFileSync(OPENAPI_PATH, 'utf8');
    // Assess
    expect(checkedIn).toBe(renderOpenApiDocument());
  });

  it.each(ROUTES.map((r) => [r.method, r.path, r.authorized] as const))(
    'documents %s %s with its security, x-region on every response and problem+json errors',
    (method, path, authorized) => {
      // Act
      const operation = document.paths[path]?.[method.toLowerCase()];
      // Assess
      expect(operation).toBeDefined();
      expect(operation.security).toEqual(authorized ? [{ bearerAuth: [] }] : []);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.headers['x-region']).toBeDefined();
        if (Number(status) >= 400 && path !== '/health') {
          expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
        }
      }
      if (authorized) expect(operation.responses['401']).toBeDefined();
    },
  );

  it("tags each operation by its resource's name, the public routes as service", () => {
    const tags = (document as unknown as { paths: Record<string, Record<string, { tags: string[] }>> }).paths;
    expect(tags['/items/{id}'].get.tags).toEqual(['items']);
    expect(tags['/items'].post.tags).toEqual(['items']);
    expect(tags['/health'].get.tags).toEqual(['service']);
    for (const route of ownedResourceRoutes(NOTES)) expect(routeTag(route)).toBe('notes');
    expect(routeTag({ path: '/status', authorized: false })).toBe('service');
    expect(() => routeTag({ path: '/status', authorized: true })).toThrow(/must belong to a resource/);
  });

  it("derives a second resource's operations and schemas from its definition alone", () => {
    // Act
    const create = resourceOperation(NOTES, 'create') as { operationId: string; summary: string };
    const schemas = resourceSchemas(NOTES) as Record<string, { required?: string[] }>;
    // Assess
    expect(create.operationId).toBe('createNote');
    expect(create.summary).toBe('Create a note owned by the caller');
    expect(Object.keys(schemas)).toEqual(['NoteInput', 'NotePatch', 'Note', 'NotePage']);
    expect(schemas.NoteInput.required).toEqual(['text']);
    expect(schemas.Note.required).toEqual(
      expect.arrayContaining(['id', 'ownerId', 'text', 'version', 'createdAt', 'updatedAt']),
    );
  });

  it('rejects unknown fields in request bodies, as the handlers do', () => {
    // Prepare
    const { components } = buildOpenApiDocument() as {
      components: { schemas: Record<string, { additionalProperties?: boolean }> };
    };
    // Assess
    expect(components.schemas.ItemInput.additionalProperties).toBe(false);
    expect(components.schemas.ItemPatch.additionalProperties).toBe(false);
  });

  it('is served at /openapi.json without a token', async () => {
    // Act
    const res = await invoke(openapi, { path: '/openapi.json', identity: null });
    // Assess
    expect(res.status).toBe(200);
    const checkedIn = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    // Titled with the app's name (POWERTOOLS_SERVICE_NAME in the handler environment), otherwise as checked in.
    expect(res.body).toEqual({ ...checkedIn, info: { ...checkedIn.info, title: 'items-api API' } });
    expect(res.headers['x-region']).toBeDefined();
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });
});
