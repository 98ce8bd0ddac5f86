import { ConfigError, parseConfig, regionalHostname } from '../../../lib/config/app-config';
import { SUPPORTED_REGIONS } from '../../../lib/config/regions';

const valid = {
  appName: 'shop',
  account: '123456789012',
  regions: ['us-east-1', 'eu-west-1'],
  primaryRegion: 'us-east-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
};

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error('config was accepted');
}

describe('parseConfig', () => {
  it('fills every default', () => {
    const c = parseConfig(valid);
    expect(c.pitrRecoveryDays).toBe(35);
    expect(c.healthCheck).toEqual({
      intervalSeconds: 30,
      failureThreshold: 3,
      itemRouteAlarm: {
        enabled: true,
        errorRatePercent: 5,
        averageLatencyMs: 3000,
        periodSeconds: 60,
        evaluationPeriods: 3,
        insufficientData: 'Healthy',
      },
    });
    expect(c.backup).toEqual({
      retentionDays: 35,
      copyRetentionDays: 90,
      copyRegion: 'eu-west-1',
      vaultLock: { mode: 'governance' },
    });
    expect(c.cognito).toEqual({ mfa: 'optional', adminGroup: 'admin', memberGroup: 'member' });
  });

  it('accepts five regions and picks the first non-primary one as backup copy region', () => {
    const c = parseConfig({
      ...valid,
      regions: ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2', 'eu-central-1'],
    });
    expect(c.regions).toHaveLength(5);
    expect(c.backup.copyRegion).toBe('eu-west-1');
  });

  it('normalizes hostnames', () => {
    const c = parseConfig({ ...valid, domainName: 'API.Example.com.' });
    expect(c.domainName).toBe('api.example.com');
    expect(regionalHostname(c, 'eu-west-1')).toBe('eu-west-1.api.example.com');
  });

  it.each([
    ['regions', { regions: ['us-east-1'] }, 'regions: must list at least 2 regions for active-active'],
    ['regions', { regions: ['us-east-1', 'us-east-1'] }, 'regions: must not repeat a region'],
    [
      'regions',
      { regions: ['us-east-1', 'moon-1'] },
      'regions.1: must be an AWS region name such as "us-east-1"',
    ],
    [
      'primaryRegion',
      { primaryRegion: 'us-west-2' },
      'primaryRegion: must be one of regions (us-east-1, eu-west-1)',
    ],
    ['routing', { routing: 'geo' }, 'routing: Invalid option: expected one of "latency"|"failover"'],
    ['account', { account: '1234' }, 'account: must be a 12-digit AWS account id'],
    [
      'appName',
      { appName: 'My App' },
      'appName: must be 3-26 lowercase letters, digits or hyphens, starting with a letter',
    ],
    [
      'domainName',
      { domainName: 'api.other.org' },
      'domainName: must be inside hostedZoneName "example.com"',
    ],
    [
      'domainName',
      { domainName: 'not a host' },
      'domainName: must be a fully qualified domain name such as "api.example.com"',
    ],
    [
      'hostedZoneId',
      { hostedZoneId: 'abc' },
      'hostedZoneId: must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"',
    ],
    ['alarmEmail', { alarmEmail: 'ops' }, 'alarmEmail: must be an email address'],
    ['pitrRecoveryDays', { pitrRecoveryDays: 36 }, 'pitrRecoveryDays: Too big: expected number to be <=35'],
    ['pitrRecoveryDays', { pitrRecoveryDays: 0 }, 'pitrRecoveryDays: Too small: expected number to be >=1'],
    [
      'healthCheck.intervalSeconds',
      { healthCheck: { intervalSeconds: 20 } },
      'healthCheck.intervalSeconds: must be 10 or 30',
    ],
    [
      'healthCheck.failureThreshold',
      { healthCheck: { failureThreshold: 11 } },
      'healthCheck.failureThreshold: Too big: expected number to be <=10',
    ],
    [
      'healthCheck.itemRouteAlarm.insufficientData',
      { healthCheck: { itemRouteAlarm: { insufficientData: 'Unhealthy' } } },
      'healthCheck.itemRouteAlarm.insufficientData: must not be "Unhealthy": every region whose item routes get no traffic for a while would leave DNS',
    ],
    [
      'healthCheck.itemRouteAlarm.insufficientData',
      { healthCheck: { itemRouteAlarm: { insufficientData: 'healthy' } } },
      'healthCheck.itemRouteAlarm.insufficientData: must be "Healthy" or "LastKnownStatus"',
    ],
    [
      'healthCheck.itemRouteAlarm.periodSeconds',
      { healthCheck: { itemRouteAlarm: { periodSeconds: 10 } } },
      'healthCheck.itemRouteAlarm.periodSeconds: must be 60, 120 or 300: Route 53 can watch only standard-resolution (whole-minute) alarms',
    ],
    [
      'healthCheck.itemRouteAlarm.averageLatencyMs',
      { healthCheck: { itemRouteAlarm: { averageLatencyMs: 30_000 } } },
      'healthCheck.itemRouteAlarm.averageLatencyMs: must be at most 29000: API Gateway answers every request within 29 s',
    ],
    [
      'healthCheck.itemRouteAlarm.errorRatePercent',
      { healthCheck: { itemRouteAlarm: { errorRatePercent: 0 } } },
      'healthCheck.itemRouteAlarm.errorRatePercent: must be above 0',
    ],
    [
      'healthCheck.itemRouteAlarm.evaluationPeriods',
      { healthCheck: { itemRouteAlarm: { evaluationPeriods: 1.5 } } },
      'healthCheck.itemRouteAlarm.evaluationPeriods: must be a whole number',
    ],
    [
      'backup.copyRegion',
      { backup: { copyRegion: 'us-east-1' } },
      'backup.copyRegion: must differ from primaryRegion',
    ],
    [
      'backup.copyRegion',
      { backup: { copyRegion: 'ap-south-1' } },
      'backup.copyRegion: must be one of regions (us-east-1, eu-west-1)',
    ],
    ['logRetentionDays', { logRetentionDays: 2 }, 'logRetentionDays: must be one of 1, 3, 5'],
    ['unknown field', { extra: true }, '(root): Unrecognized key: "extra"'],
  ])('rejects a bad %s', (_field, patch, message) => {
    expect(problemsOf({ ...valid, ...patch }).join('\n')).toContain(message);
  });

  const otherPartition = (region: string, partition: string) =>
    `"${region}" is in the ${partition} partition; only the aws partition is supported (health-check ` +
    'metrics are read in us-east-1, tokens are trusted from cognito-idp.<region>.amazonaws.com, and an ' +
    'account cannot mix partitions)';
  const longDomain = (length: number) => `${'a'.repeat(length - '.example.com'.length)}.example.com`;

  it.each([
    [
      'a China region',
      { regions: ['us-east-1', 'cn-north-1'] },
      `regions.1: ${otherPartition('cn-north-1', 'aws-cn')}`,
    ],
    [
      'a GovCloud region',
      { regions: ['us-gov-west-1', 'us-east-1'] },
      `regions.0: ${otherPartition('us-gov-west-1', 'aws-us-gov')}`,
    ],
    [
      'a European Sovereign Cloud region',
      { regions: ['us-east-1', 'eusc-de-east-1'] },
      `regions.1: ${otherPartition('eusc-de-east-1', 'aws-eusc')}`,
    ],
    [
      'an ISO region as primary',
      { primaryRegion: 'us-iso-east-1' },
      `primaryRegion: ${otherPartition('us-iso-east-1', 'aws-iso')}`,
    ],
    [
      'a region that looks real but does not exist',
      { regions: ['us-east-1', 'eu-west-4'] },
      `regions.1: must be an AWS region name such as "us-east-1"; "eu-west-4" is not a region that aws-cdk-lib knows (one of ${SUPPORTED_REGIONS.join(', ')})`,
    ],
    [
      'a copy region that is not a region',
      { backup: { copyRegion: 'eu-west' } },
      `backup.copyRegion: must be an AWS region name such as "us-east-1"; "eu-west" is not a region that aws-cdk-lib knows (one of ${SUPPORTED_REGIONS.join(', ')})`,
    ],
    [
      "a domain name longer than ACM accepts as a certificate's first name",
      { domainName: longDomain(65) },
      "domainName: must be at most 64 characters: it is the first name of each region's ACM certificate, and ACM refuses longer ones",
    ],
    [
      'the same name for both Cognito groups',
      { cognito: { adminGroup: 'staff', memberGroup: 'staff' } },
      'cognito.memberGroup: must differ from cognito.adminGroup ("staff"): a user pool holds each group name once',
    ],
    [
      'a Cognito group name with a space',
      { cognito: { adminGroup: 'site admins' } },
      'cognito.adminGroup: must be 1-128 characters without spaces (a Cognito group name)',
    ],
    [
      'a Cognito group name over 128 characters',
      { cognito: { memberGroup: 'm'.repeat(129) } },
      'cognito.memberGroup: must be 1-128 characters without spaces (a Cognito group name)',
    ],
  ])('rejects %s', (_what, patch, message) => {
    const problems = problemsOf({ ...valid, ...patch });
    expect(problems).toContain(message);
  });

  it('accepts a 64-character domain name, whose regional names are longer (they are alternative names)', () => {
    const c = parseConfig({ ...valid, domainName: longDomain(64) });
    expect(c.domainName).toHaveLength(64);
    expect(regionalHostname(c, 'ap-southeast-2').length).toBeGreaterThan(64);
  });

  it('accepts every region of the aws partition, including opt-in ones', () => {
    const c = parseConfig({
      ...valid,
      regions: ['us-east-1', 'af-south-1', 'ap-southeast-7', 'mx-central-1'],
    });
    expect(c.regions).toHaveLength(4);
  });

  describe('default backup copy region: the first listed region that is not the primary', () => {
    it('skips a primary listed first', () => {
      expect(parseConfig(valid).backup.copyRegion).toBe('eu-west-1');
    });

    it('takes a region listed before the primary', () => {
      const c = parseConfig({ ...valid, regions: ['eu-west-1', 'us-east-1', 'us-west-2'] });
      expect(c.backup.copyRegion).toBe('eu-west-1');
    });

    it('stays put when a region is appended, even after a primary listed last', () => {
      const before = parseConfig({ ...valid, regions: ['eu-west-1', 'us-east-1'] });
      const after = parseConfig({ ...valid, regions: ['eu-west-1', 'us-east-1', 'ap-south-1'] });
      expect(after.backup.copyRegion).toBe(before.backup.copyRegion);
    });
  });

  it('lists every problem at once, each naming its field', () => {
    const problems = problemsOf({ ...valid, account: 'x', routing: 'x', pitrRecoveryDays: 99 });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['account', 'pitrRecoveryDays', 'routing']);
  });

  it('reports a missing field by name', () => {
    const { hostedZoneId: _omit, ...rest } = valid;
    expect(problemsOf(rest)).toEqual([expect.stringMatching(/^hostedZoneId: /)]);
  });
});
