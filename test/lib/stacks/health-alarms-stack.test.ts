import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../helpers/app';

describe('HealthAlarmsStack', () => {
  const { stacks } = buildApp({ regions: ['eu-west-1', 'eu-central-1'], primaryRegion: 'eu-west-1' });
  const template = Template.fromStack(stacks.healthAlarms);

  it('is in us-east-1 even when no configured region is', () => {
    expect(stacks.healthAlarms.region).toBe('us-east-1');
  });

  it("alarms on each region's health check and notifies its own encrypted topic", () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/active-active-health-alerts' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'ops@example.com' });
  });

  it('depends on every regional stack (their health check ids)', () => {
    for (const stack of stacks.regional.values()) expect(stacks.healthAlarms.dependencies).toContain(stack);
  });
});
