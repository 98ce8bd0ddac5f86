import { type ProbeResource, probeResource } from '../../routes/probe-resource';
import type { LoadRequest } from './load-loop';

/** The API calls the bench loads, in print order. */
export const SCENARIOS = ['get', 'list', 'create'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Where the requests go and with which credentials (none for the baseline). */
export interface ScenarioTarget {
  readonly baseUrl: string;
  /** An item that exists for `get`. */
  readonly itemId: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The request of one scenario against one target; identical for the sandbox and the baseline. */
export function scenarioRequest(
  scenario: Scenario,
  target: ScenarioTarget,
  resource: ProbeResource = probeResource(),
): LoadRequest {
  const base = target.baseUrl.replace(/\/+$/, '');
  const collection = `${base}${resource.collectionPath}`;
  switch (scenario) {
    case 'get':
      return {
        method: 'GET',
        url: `${base}${resource.itemPath(target.itemId)}`,
        headers: target.headers,
        expectStatus: 200,
      };
    case 'list':
      return { method: 'GET', url: collection, headers: target.headers, expectStatus: 200 };
    case 'create':
      return {
        method: 'POST',
        url: collection,
        headers: target.headers,
        body: (n) => ({ name: `bench item ${n}`, tags: ['bench'] }),
        expectStatus: 201,
      };
  }
}
