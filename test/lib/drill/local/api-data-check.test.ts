import { SandboxApiDataCheck } from '../../../../lib/drill/local/api-data-check';
import { type FakeSandbox, startFakeSandbox } from './fake-sandbox';

describe('SandboxApiDataCheck', () => {
  let sandbox: FakeSandbox;
  beforeEach(async () => {
    sandbox = await startFakeSandbox();
  });
  afterEach(() => sandbox.stop());

  it('writes a marker item in one region with a sandbox token and reads it from another', async () => {
    const check = new SandboxApiDataCheck(sandbox.endpoints);
    const marker = await check.write('us-east-1');
    expect(marker).toMatchObject({ id: 'item-1', region: 'us-east-1' });
    expect(await check.read('eu-west-1', marker)).toBe(true);
    expect(await check.read('eu-west-1', { ...marker, id: 'nope' })).toBe(false);
    expect(sandbox.requests).toContain('us-east-1 POST /items Bearer tok');
    expect(sandbox.requests).toContain('eu-west-1 GET /items/item-1 Bearer tok');
  });

  it('writes to the resource it is given, so renaming items in the route list moves the check with it', async () => {
    const projects = { collectionPath: '/projects', itemPath: (id: string) => `/projects/${id}` };
    const check = new SandboxApiDataCheck(sandbox.endpoints, 5000, projects);
    expect(check.description).toBe('sandbox API (POST /projects, GET /projects/{id})');
    // The fake sandbox serves only /items, so the POST to /projects is answered 404.
    await expect(check.write('us-east-1')).rejects.toThrow(/POST \/projects in us-east-1 answered 404/);
    expect(sandbox.requests).toContain('us-east-1 POST /projects Bearer tok');
  });

  it('names a region the sandbox has no API for', async () => {
    const check = new SandboxApiDataCheck(sandbox.endpoints);
    await expect(check.write('ap-south-1')).rejects.toThrow(/no API for ap-south-1/);
  });
});
