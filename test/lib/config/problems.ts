import { ConfigError, parseConfig } from '../../../lib/config/app-config';

/** A minimal valid config (primary region eu-central-1, so the legacy SES mapping applies). */
export const VALID = {
  appName: 'shop',
  account: '123456789012',
  regions: ['eu-central-1', 'eu-west-1'],
  primaryRegion: 'eu-central-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
};

/** The problems a config is rejected with; fails the test if it is accepted. */
export function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error('config was accepted');
}
