import { call, waitFor } from '../support/sandbox-fixture';
import { type ApiTarget, apiTarget, tokensFor, uniqueUser } from './support/target';

jest.setTimeout(60_000);

describe('API black box: replication between regions', () => {
  let target: ApiTarget;
  beforeAll(async () => {
    target = await apiTarget();
  });
  afterAll(() => target?.stop());

  it('serves an item written in one region from every other, and its update and delete too', async () => {
    const token = (await tokensFor(target, uniqueUser('replica'))).access_token;
    const regions = Object.keys(target.regions);
    for (const home of regions) {
      for (const region of regions.filter((r) => r !== home)) {
        const created = await call(`${target.regions[home]}/items`, token, {
          method: 'POST',
          body: { name: `from ${home}` },
        });
        expect(created.status).toBe(201);
        const path = `/items/${created.body.id}`;
        const url = `${target.regions[region]}${path}`;
        const copy = await waitFor(`the item from ${home} in ${region}`, async () => {
          const res = await call(url, token);
          return res.status === 200 ? res : undefined;
        });
        expect(copy.region).toBe(region);
        expect(copy.body).toMatchObject({
          id: created.body.id,
          name: `from ${home}`,
          updatedRegion: home,
          version: 1,
        });

        // The ETag read in one region is valid in another: the incarnation replicates with the item.
        expect(copy.headers.get('etag')).toBe(created.headers.get('etag'));
        const updated = await call(url, token, {
          method: 'PUT',
          body: { name: `via ${region}` },
          headers: { 'if-match': created.headers.get('etag') ?? '' },
        });
        expect(updated.status).toBe(200);
        await waitFor(`the update from ${region} in ${home}`, async () => {
          const res = await call(`${target.regions[home]}${path}`, token);
          return res.body?.name === `via ${region}` && res.body.updatedRegion === region ? true : undefined;
        });
        const deleted = await call(url, token, {
          method: 'DELETE',
          headers: { 'if-match': updated.headers.get('etag') ?? '' },
        });
        expect(deleted.status).toBe(204);
        await waitFor(`the delete from ${region} in ${home}`, async () =>
          (await call(`${target.regions[home]}${path}`, token)).status === 404 ? true : undefined,
        );
      }
    }
  });
});
