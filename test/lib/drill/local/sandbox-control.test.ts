import { NoHealthChecksError } from '../../../../lib/drill/errors';
import { SandboxHealthCheckControl } from '../../../../lib/drill/local/sandbox-control';
import { type FakeSandbox, startFakeSandbox } from './fake-sandbox';

describe('SandboxHealthCheckControl', () => {
  let sandbox: FakeSandbox;
  beforeEach(async () => {
    sandbox = await startFakeSandbox({ flipAfterPolls: 1 });
  });
  afterEach(() => sandbox.stop());

  it('finds every region check in GET /state, with its interval and threshold', async () => {
    const control = new SandboxHealthCheckControl(sandbox.endpoints.control, 'app');
    const checks = await control.findChecks(['us-east-1', 'eu-west-1']);
    expect(checks.get('eu-west-1')).toEqual({
      region: 'eu-west-1',
      id: 'eu-west-1',
      intervalSeconds: 1,
      failureThreshold: 2,
    });
    expect(await control.routingMode()).toBe('latency');
  });

  it('names regions the sandbox does not run', async () => {
    const control = new SandboxHealthCheckControl(sandbox.endpoints.control, 'app');
    await expect(control.findChecks(['us-east-1', 'ap-south-1'])).rejects.toThrow(NoHealthChecksError);
    await expect(control.findChecks(['ap-south-1'])).rejects.toThrow(/ap-south-1/);
  });

  it('inverts and restores through PUT /health-checks/{region} and reads the result back', async () => {
    const control = new SandboxHealthCheckControl(sandbox.endpoints.control, 'app');
    const check = (await control.findChecks(['eu-west-1'])).get('eu-west-1');
    if (!check) throw new Error('missing');
    await control.setInverted(check, true);
    expect(await control.status(check)).toMatchObject({ healthy: false, inverted: true, disabled: false });
    await control.setInverted(check, false);
    expect(await control.status(check)).toMatchObject({ healthy: true, inverted: false });
    expect(sandbox.requests.filter((r) => r.startsWith('PUT'))).toEqual([
      'PUT /health-checks/eu-west-1',
      'PUT /health-checks/eu-west-1',
    ]);
  });

  it('says the sandbox is not running when the control API is unreachable', async () => {
    const url = sandbox.endpoints.control;
    await sandbox.stop();
    const control = new SandboxHealthCheckControl(url, 'app');
    await expect(control.findChecks(['us-east-1'])).rejects.toThrow(
      /Cannot reach the sandbox control API .*npm start/,
    );
    sandbox = await startFakeSandbox();
  });
});
