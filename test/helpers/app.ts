import { App } from 'aws-cdk-lib';
import { type AppConfig, type AppConfigInput, parseConfig } from '../../lib/config/app-config';
import { type AppStacks, createStacks } from '../../lib/stacks/create-stacks';

/** The default config of the tests (like cdk.json's, with an alarm email). */
export const BASE_CONFIG: AppConfigInput = {
  appName: 'active-active',
  account: '111111111111',
  regions: ['us-east-1', 'eu-west-1'],
  primaryRegion: 'us-east-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789EXAMPLE',
  hostedZoneName: 'example.com',
  alarmEmail: 'ops@example.com',
  pitrRecoveryDays: 21,
  healthCheck: { intervalSeconds: 10, failureThreshold: 3 },
  backup: { retentionDays: 35, copyRetentionDays: 90 },
};

/** A CDK app for tests: esbuild bundling skipped (context `aws:cdk:bundling-stacks: []`) so tests stay fast. */
export function testApp(): App {
  return new App({ context: { 'aws:cdk:bundling-stacks': [] } });
}

/** Builds every stack of the app from `BASE_CONFIG` with `overrides`. */
export function buildApp(overrides: Partial<AppConfigInput> = {}): {
  app: App;
  config: AppConfig;
  stacks: AppStacks;
} {
  const app = testApp();
  const config = parseConfig({ ...BASE_CONFIG, ...overrides });
  return { app, config, stacks: createStacks(app, config) };
}
