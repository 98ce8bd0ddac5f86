import { type ConfigError, parseConfig } from '../../../lib/config/app-config';

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

const problems = (chaos: unknown): string[] => {
  try {
    parseConfig({ ...valid, chaos });
    return [];
  } catch (e) {
    return [...(e as ConfigError).problems];
  }
};

describe('config chaos', () => {
  it('is off by default, with a 10-minute limit, every invocation hit and a 3 s delay', () => {
    expect(parseConfig(valid).chaos).toEqual({
      enabled: false,
      maxDurationMinutes: 10,
      invocationPercentage: 100,
      startupDelayMilliseconds: 3000,
    });
  });

  it.each([
    [{ enabled: 'yes' }, 'chaos.enabled: Invalid input: expected boolean, received string'],
    [{ maxDurationMinutes: 0 }, 'chaos.maxDurationMinutes: Too small: expected number to be >=1'],
    [{ maxDurationMinutes: 61 }, 'chaos.maxDurationMinutes: Too big: expected number to be <=60'],
    [{ invocationPercentage: 101 }, 'chaos.invocationPercentage: Too big: expected number to be <=100'],
    [{ startupDelayMilliseconds: 1.5 }, 'chaos.startupDelayMilliseconds: must be a whole number'],
    [{ stopAfter: 5 }, 'chaos: Unrecognized key: "stopAfter"'],
  ])('rejects %j naming the field', (chaos, message) => {
    expect(problems(chaos)).toEqual([message]);
  });
});
