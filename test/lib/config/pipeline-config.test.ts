import { ConfigError, parseConfig } from '../../../lib/config/app-config';
import { defaultRegionOrder } from '../../../lib/config/pipeline-config';

const base = {
  appName: 'shop',
  account: '123456789012',
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  primaryRegion: 'us-east-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
};
const pipeline = {
  repository: 'my-org/my-app',
  connectionArn: 'arn:aws:codestar-connections:us-east-1:123456789012:connection/7d2469ff-514a-4e4f',
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

describe('pipeline config', () => {
  it('is absent unless configured (direct cdk deploy)', () => {
    expect(parseConfig(base).pipeline).toBeUndefined();
  });

  it('fills every default', () => {
    expect(parseConfig({ ...base, pipeline }).pipeline).toEqual({
      ...pipeline,
      branch: 'main',
      newRegions: [],
      bakeMinutes: 10,
      approval: 'none',
      trafficShifting: { type: 'canary', percentage: 10, intervalMinutes: 5 },
      probeItems: true,
    });
  });

  it('accepts bake time 0, all-at-once shifting, linear shifting and an explicit order ending with the primary', () => {
    const c = parseConfig({
      ...base,
      pipeline: {
        ...pipeline,
        bakeMinutes: 0,
        trafficShifting: { type: 'all-at-once' },
        regionOrder: ['ap-southeast-2', 'eu-west-1', 'us-east-1'],
      },
    });
    expect(c.pipeline?.bakeMinutes).toBe(0);
    expect(c.pipeline?.trafficShifting).toEqual({ type: 'all-at-once' });
    expect(
      parseConfig({ ...base, pipeline: { ...pipeline, trafficShifting: { type: 'linear', percentage: 25 } } })
        .pipeline?.trafficShifting,
    ).toEqual({ type: 'linear', percentage: 25, intervalMinutes: 1 });
  });

  it('orders waves canary first and the primary last by default', () => {
    expect(defaultRegionOrder(['us-east-1', 'eu-west-1', 'ap-southeast-2'], 'us-east-1')).toEqual([
      'eu-west-1',
      'ap-southeast-2',
      'us-east-1',
    ]);
  });

  it('names each bad field and why', () => {
    expect(
      problemsOf({
        ...base,
        pipeline: {
          repository: 'no-slash',
          connectionArn: 'arn:aws:iam::123456789012:role/x',
          bakeMinutes: -1,
          approval: 'always',
          trafficShifting: { type: 'canary', percentage: 100 },
        },
      }),
    ).toEqual([
      'pipeline.repository: must be "owner/name" such as "my-org/my-app"',
      expect.stringMatching(/^pipeline\.connectionArn: must be a CodeStar connection ARN/),
      expect.stringMatching(/^pipeline\.bakeMinutes: .*0/),
      expect.stringMatching(/^pipeline\.approval: /),
      expect.stringMatching(/^pipeline\.trafficShifting\.percentage: .*99/),
    ]);
  });

  it('refuses an order that misses, repeats or invents a region', () => {
    expect(
      problemsOf({
        ...base,
        pipeline: { ...pipeline, regionOrder: ['eu-west-1', 'eu-west-1', 'us-west-2'] },
      }),
    ).toEqual([
      'pipeline.regionOrder: must list every region; missing us-east-1, ap-southeast-2',
      'pipeline.regionOrder: lists regions that are not in regions: us-west-2',
      'pipeline.regionOrder: must not repeat a region',
    ]);
  });

  it('refuses an order that does not end with the primary region', () => {
    expect(
      problemsOf({
        ...base,
        pipeline: { ...pipeline, regionOrder: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] },
      }),
    ).toEqual([expect.stringMatching(/^pipeline\.regionOrder: must end with primaryRegion \(us-east-1\)/)]);
  });

  it('refuses item probes when every sign-in needs MFA', () => {
    expect(problemsOf({ ...base, cognito: { mfa: 'required' }, pipeline })).toEqual([
      expect.stringMatching(/^pipeline\.probeItems: must be false while cognito\.mfa is "required"/),
    ]);
    expect(
      parseConfig({ ...base, cognito: { mfa: 'required' }, pipeline: { ...pipeline, probeItems: false } })
        .pipeline?.probeItems,
    ).toBe(false);
  });

  it('refuses new regions that are unknown or the primary', () => {
    expect(
      problemsOf({ ...base, pipeline: { ...pipeline, newRegions: ['us-east-1', 'sa-east-1'] } }),
    ).toEqual([
      'pipeline.newRegions: lists regions that are not in regions: sa-east-1',
      'pipeline.newRegions: must not list primaryRegion (us-east-1): its stack creates the table',
    ]);
  });
});
