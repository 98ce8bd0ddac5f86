import { handler as create } from '../../../functions/handlers/items/create';
import { type EventSpec, invoke, type TestIdentity, type TestResponse } from './events';

/** Creates an item through the real create handler, as `identity`; fails the test unless it is 201. */
export async function createItemAs(
  identity: TestIdentity,
  body: Record<string, unknown> = { name: 'item' },
  spec: EventSpec = {},
): Promise<TestResponse> {
  const res = await invoke(create, { method: 'POST', path: '/items', identity, body, ...spec });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** The event spec addressing one item. */
export function itemRequest(id: string, spec: EventSpec = {}): EventSpec {
  return { path: `/items/${id}`, resource: '/items/{id}', pathParameters: { id }, ...spec };
}
