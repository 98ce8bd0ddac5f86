import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isCdkMilestone } from '../../../lib/emulator/cdk-cli';
import { emulatorEnvironment, stopGroup } from '../../../lib/emulator/emulator-process';
import { awsEnvironment, defaultSettings } from '../../../lib/emulator/emulator-settings';

const settings = { ...defaultSettings('/repo', 4700), account: '111111111111' };

/** Running, not a zombie (in a container nobody may reap an orphan that was killed). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('the emulator process', () => {
  it('runs with IAM enforced, TLS, loopback only, the config account and the runtime SDK on NODE_PATH', () => {
    const env = emulatorEnvironment(
      settings,
      {
        runtimeSdkDir: '/repo/.emulator/lambda-runtime/node_modules',
        nodeBinDir: '/repo/.emulator/lambda-runtime/bin',
      },
      {
        PATH: '/node24/bin:/usr/bin',
        AWS_PROFILE: 'prod',
        AWS_SESSION_TOKEN: 'real',
        AWS_ENDPOINT_URL: 'https://elsewhere',
        NODE_OPTIONS: '--inspect',
      },
    );
    expect(env).toMatchObject({
      AUTH: 'true',
      USE_SSL: '1',
      BIND_HOST: '127.0.0.1',
      GATEWAY_PORT: '4700',
      MINISTACK_ACCOUNT_ID: '111111111111',
      NODE_PATH: '/repo/.emulator/lambda-runtime/node_modules',
      NODE_EXTRA_CA_CERTS: '/repo/.emulator/tmp/ministack-tls/server.crt',
      PATH: '/repo/.emulator/lambda-runtime/bin:/node24/bin:/usr/bin',
    });
    for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'NODE_OPTIONS']) {
      expect(env[name]).toBeUndefined();
    }
  });

  it('points every AWS client of the run at the emulator with its root credentials and certificate', () => {
    expect(awsEnvironment(settings, 'eu-west-1')).toEqual({
      AWS_ENDPOINT_URL: 'https://127.0.0.1:4700',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_CA_BUNDLE: '/repo/.emulator/tmp/ministack-tls/server.crt',
      NODE_EXTRA_CA_CERTS: '/repo/.emulator/tmp/ministack-tls/server.crt',
    });
  });

  it('stops the whole process group, children included', async () => {
    const child = spawn('bash', ['-c', 'sleep 60 & echo $!; wait'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const grandchild = await new Promise<number>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString()))),
    );
    expect(alive(grandchild)).toBe(true);
    await stopGroup(child, 2000);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it('shows the CDK lines that say how a stack went, not every resource event', () => {
    expect(isCdkMilestone(' ✅  active-active-identity')).toBe(true);
    expect(isCdkMilestone('app | 3/9 | CREATE_FAILED | AWS::X | y failed')).toBe(true);
    expect(isCdkMilestone('app | 3/9 | CREATE_COMPLETE | AWS::SNS::Topic | Alerts')).toBe(false);
  });
});
