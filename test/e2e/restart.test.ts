import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { accessToken, call, control, startTestSandbox, waitFor } from './support/sandbox-fixture';

jest.setTimeout(30_000);

describe('sandbox end to end: restart', () => {
  let dir: string;
  let sandbox: Sandbox | undefined;
  // Tokens name their issuer URL, so the issuer keeps its port across the restart (as with `npm start`):
  // the first start binds port 0 and the restart asks for the port it got.
  const start = (issuerPort = 0) =>
    startTestSandbox({
      memory: false,
      ports: { issuer: issuerPort },
      dataDir: dir,
      replicationLagMs: 100,
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-restart-'));
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps data, signing key and unreplicated writes across a restart', async () => {
    sandbox = await start();
    const token = await accessToken(sandbox);
    await control(sandbox, '/regions/eu-west-1/table/fail');
    const created = await call(`${sandbox.endpoints.regions['us-east-1']}/items`, token, {
      method: 'POST',
      body: { name: 'survives' },
    });
    expect(created.status).toBe(201);
    await sandbox.stop();
    const issuerPort = Number(new URL(sandbox.endpoints.issuer).port);

    sandbox = await start(issuerPort);
    expect(sandbox.endpoints.issuer).toBe(`http://127.0.0.1:${issuerPort}`);
    // The old token still verifies (same key) and the item is still in us-east-1.
    const read = await call(`${sandbox.endpoints.regions['us-east-1']}/items/${created.body.id}`, token);
    expect(read).toMatchObject({ status: 200, body: { name: 'survives' } });
    // The write queued for eu-west-1 while its table was down is delivered after the restart.
    const replicated = await waitFor('the queued write in eu-west-1', async () => {
      const r = await call(`${sandbox?.endpoints.regions['eu-west-1']}/items/${created.body.id}`, token);
      return r.status === 200 ? r : undefined;
    });
    expect(replicated.body.name).toBe('survives');
  });
});
