import { parseConfig } from '../../lib/config/app-config';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { accessToken, call, E2E_CONFIG, startTestSandbox, waitFor } from './support/sandbox-fixture';

jest.setTimeout(30_000);

const threeRegions = parseConfig({
  ...E2E_CONFIG,
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  primaryRegion: 'eu-west-1',
  routing: 'failover',
  backup: {},
});

describe('sandbox end to end: N regions and failover routing', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('runs every configured region and replicates a write to all the others', async () => {
    sandbox = await startTestSandbox({ config: threeRegions });
    expect(Object.keys(sandbox.endpoints.regions)).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    const token = await accessToken(sandbox);
    // Failover routing: the configured primary serves while healthy.
    const created = await call(`${sandbox.endpoints.router}/items`, token, {
      method: 'POST',
      body: { name: 'x' },
    });
    expect(created).toMatchObject({ status: 201, region: 'eu-west-1' });
    for (const region of ['us-east-1', 'ap-southeast-2']) {
      const url = `${sandbox.endpoints.regions[region]}/items/${created.body.id}`;
      const r = await waitFor(`the item in ${region}`, async () => {
        const res = await call(url, token);
        return res.status === 200 ? res : undefined;
      });
      expect(r.region).toBe(region);
    }
  });

  it('runs only the first N regions with regions: N', async () => {
    sandbox = await startTestSandbox({ config: threeRegions, regions: 2 });
    expect(Object.keys(sandbox.endpoints.regions)).toEqual(['us-east-1', 'eu-west-1']);
    expect(Object.keys(sandbox.control.state().replication)).toEqual([
      'us-east-1->eu-west-1',
      'eu-west-1->us-east-1',
    ]);
  });
});
