import { randomUUID } from 'node:crypto';
import { type ProbeResource, probeResource } from '../../routes/probe-resource';
import { DrillError } from '../errors';
import type { DataCheck, DataMarker } from '../ports';
import type { SandboxEndpoints } from './endpoints';

/**
 * The RPO check in the sandbox, through the public API of each region with a sandbox token: the sandbox's
 * per-region tables are internal, and the API path also proves writes and reads work on both sides.
 * The marker is an ordinary item owned by the `drill` user, of the resource {@link probeResource} picks.
 */
export class SandboxApiDataCheck implements DataCheck {
  readonly description: string;
  private token: string | undefined;

  constructor(
    private readonly endpoints: SandboxEndpoints,
    private readonly timeoutMs = 5000,
    private readonly resource: ProbeResource = probeResource(),
  ) {
    const path = resource.collectionPath;
    this.description = `sandbox API (POST ${path}, GET ${path}/{id})`;
  }

  async write(region: string): Promise<DataMarker> {
    const key = randomUUID();
    const path = this.resource.collectionPath;
    const res = await this.call(
      region,
      'POST',
      path,
      { name: `drill marker ${key}` },
      { 'idempotency-key': key },
    );
    if (res.status !== 201 && res.status !== 200) {
      throw new DrillError(`POST ${path} in ${region} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    const id = (res.body as { id?: string } | null)?.id;
    if (!id) throw new DrillError(`POST ${path} in ${region} returned no id`);
    return { id, region, writtenAt: new Date().toISOString() };
  }

  async read(region: string, marker: DataMarker): Promise<boolean> {
    const path = this.resource.itemPath(marker.id);
    const res = await this.call(region, 'GET', path);
    if (res.status === 404) return false;
    if (res.status !== 200) throw new DrillError(`GET ${path} in ${region} answered ${res.status}`);
    return true;
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.endpoints.issuer.replace(/\/$/, '')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'drill', groups: [] }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new DrillError(`The sandbox issuer answered ${res.status} for a token`);
    this.token = ((await res.json()) as { access_token: string }).access_token;
    return this.token;
  }

  private async call(region: string, method: string, path: string, body?: unknown, headers = {}) {
    const base = this.endpoints.regions[region];
    if (!base) throw new DrillError(`The sandbox has no API for ${region}`);
    const res = await fetch(`${base.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed };
  }
}
