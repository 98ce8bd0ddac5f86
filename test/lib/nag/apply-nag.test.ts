import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { AppConfigInput } from '../../../lib/config/app-config';
import { applyNag } from '../../../lib/nag/apply-nag';
import { buildApp } from '../../helpers/app';

/**
 * cdk-nag 3 runs as a CDK validation plugin (not as an Aspect writing Annotations), so findings are read
 * from its report: `validateScope` is the same check `applyNag` registers for synth.
 */
const findings = (app: App) =>
  new AwsSolutionsChecks(app)
    .validateScope(app)
    .violations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.locations.join('/')).join(', ')}`,
    );

describe('cdk-nag AwsSolutionsChecks', () => {
  it.each<[string, Partial<AppConfigInput>]>([
    ['2 regions, latency', {}],
    ['2 regions, failover, MFA required', { routing: 'failover', cognito: { mfa: 'required' } }],
    ['3 regions, failover', { routing: 'failover', regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] }],
  ])('reports no unacknowledged error or warning (%s)', (_name, overrides) => {
    const { app } = buildApp(overrides);
    expect(findings(app)).toEqual([]);
  });

  it('does report an unacknowledged finding (the check can fail)', () => {
    const app = new App();
    new Bucket(new Stack(app, 'Bad'), 'Bucket');
    expect(findings(app).some((f) => f.startsWith('AwsSolutions-S1'))).toBe(true);
  });

  it('is registered on the app by applyNag and stops synth on a finding', () => {
    const app = new App();
    new Bucket(new Stack(app, 'Bad'), 'Bucket');
    applyNag(app);
    expect(() => app.synth()).toThrow(/Validation failed|AwsSolutions/);
  });
});
