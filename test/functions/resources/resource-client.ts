import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { OwnedResource } from '../../../functions/shared/resource/owned-resource';
import { type EventSpec, invoke, type TestIdentity, type TestResponse } from '../support/events';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** A resource as its tests see it: its definition, its five handlers and two valid bodies. */
export interface ResourceUnderTest {
  readonly resource: OwnedResource;
  readonly handlers: {
    readonly create: Handler;
    readonly list: Handler;
    readonly get: Handler;
    readonly update: Handler;
    readonly delete: Handler;
  };
  /** A valid POST/PUT body. */
  readonly sample: Record<string, unknown>;
  /** Another valid POST/PUT body, different from `sample`. */
  readonly other: Record<string, unknown>;
}

/** Calls a resource's handlers as API Gateway would for its routes. */
export function resourceClient({ resource, handlers }: ResourceUnderTest) {
  const member = (id: string, spec: EventSpec): EventSpec => ({
    path: `${resource.path}/${id}`,
    resource: `${resource.path}/{id}`,
    pathParameters: { id },
    ...spec,
  });
  const ifMatch = (etag?: string): Record<string, string> => (etag === undefined ? {} : { 'If-Match': etag });
  return {
    create: (identity: TestIdentity | null, body: unknown, headers: Record<string, string> = {}) =>
      invoke(handlers.create, { method: 'POST', path: resource.path, identity, body, headers }),
    list: (identity: TestIdentity | null, query: Record<string, string> = {}) =>
      invoke(handlers.list, { path: resource.path, identity, query }),
    get: (identity: TestIdentity | null, id: string) => invoke(handlers.get, member(id, { identity })),
    put: (identity: TestIdentity | null, id: string, body: unknown, etag?: string) =>
      invoke(handlers.update, member(id, { method: 'PUT', identity, body, headers: ifMatch(etag) })),
    patch: (identity: TestIdentity | null, id: string, body: unknown, etag?: string) =>
      invoke(handlers.update, member(id, { method: 'PATCH', identity, body, headers: ifMatch(etag) })),
    delete: (identity: TestIdentity | null, id: string, etag?: string) =>
      invoke(handlers.delete, member(id, { method: 'DELETE', identity, headers: ifMatch(etag) })),
  };
}

/** Creates a record as `identity`; fails the test unless it is 201. */
export async function createAs(
  subject: ResourceUnderTest,
  identity: TestIdentity,
  body: Record<string, unknown> = subject.sample,
): Promise<TestResponse> {
  const res = await resourceClient(subject).create(identity, body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Follows nextCursor until the last page (at most 50 pages); returns every page's ids. */
export async function listAllPages(
  subject: ResourceUnderTest,
  identity: TestIdentity,
  query: Record<string, string> = {},
): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const res = await resourceClient(subject).list(identity, { ...query, ...(cursor ? { cursor } : {}) });
    if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(res.body)}`);
    pages.push(res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}
