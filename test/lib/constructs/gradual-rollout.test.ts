import { Match, Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../../functions/routes';
import { parseConfig } from '../../../lib/config/app-config';
import { LIVE_ALIAS } from '../../../lib/constructs/gradual-rollout';
import { RegionalStack } from '../../../lib/stacks/regional-stack';
import { BASE_CONFIG, testApp } from '../../helpers/app';

type Shifting = ConstructorParameters<typeof RegionalStack>[2]['trafficShifting'];

function regionalTemplate(trafficShifting: Shifting): Template {
  const stack = new RegionalStack(testApp(), 'Regional', {
    env: { account: '111111111111', region: 'eu-west-1' },
    config: parseConfig(BASE_CONFIG),
    jwtIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
    jwtClientId: 'client',
    jwksSigningKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    trafficShifting,
  });
  return Template.fromStack(stack);
}

const HANDLERS = [...new Set(ROUTES.map((r) => r.handler))];

describe('GradualRollout (in a regional stack)', () => {
  const t = regionalTemplate({ type: 'canary', percentage: 10, intervalMinutes: 5 });

  it('publishes every function and the authorizer with a live alias on its current version', () => {
    t.resourceCountIs('AWS::Lambda::Alias', HANDLERS.length + 1);
    t.resourceCountIs('AWS::Lambda::Version', HANDLERS.length + 1);
    t.allResourcesProperties('AWS::Lambda::Alias', {
      Name: LIVE_ALIAS,
      FunctionVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('CurrentVersion'), 'Version'] },
    });
  });

  it('integrates every method and the authorizer with the alias, and lets API Gateway invoke the alias', () => {
    const aliasRefs = Object.keys(t.findResources('AWS::Lambda::Alias'));
    const methods = t.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(ROUTES.length);
    for (const m of Object.values(methods)) {
      expect(JSON.stringify(m.Properties.Integration.Uri)).toMatch(
        new RegExp(`"Ref":"(${aliasRefs.join('|')})"`),
      );
    }
    const authorizer = Object.values(t.findResources('AWS::ApiGateway::Authorizer'))[0];
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toMatch(/"Ref":"RolloutauthorizerLive/);
    const permissions = Object.values(t.findResources('AWS::Lambda::Permission'));
    // One per method (the stage ARN) plus the authorizer's; none on the unqualified function.
    expect(permissions.length).toBeGreaterThanOrEqual(ROUTES.length + 1);
    for (const p of permissions) {
      expect(p.Properties.FunctionName).toEqual({ Ref: expect.stringMatching(/^Rollout.*Live/) });
      expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
    }
  });

  it('shifts each alias with CodeDeploy: canary 10% for 5 minutes, rolled back on alarm, failure or stop', () => {
    t.resourceCountIs('AWS::CodeDeploy::Application', 1);
    t.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', HANDLERS.length + 1);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      ComputePlatform: 'Lambda',
      TrafficRoutingConfig: {
        Type: 'TimeBasedCanary',
        TimeBasedCanary: { CanaryPercentage: 10, CanaryInterval: 5 },
      },
    });
    t.allResourcesProperties('AWS::CodeDeploy::DeploymentGroup', {
      AutoRollbackConfiguration: {
        Enabled: true,
        Events: Match.arrayWith([
          'DEPLOYMENT_FAILURE',
          'DEPLOYMENT_STOP_ON_REQUEST',
          'DEPLOYMENT_STOP_ON_ALARM',
        ]),
      },
      AlarmConfiguration: { Enabled: true, Alarms: Match.anyValue() },
    });
  });

  it("rolls a route's function back on the alias's errors and on that route's 5xx rate", () => {
    const groups = t.findResources('AWS::CodeDeploy::DeploymentGroup');
    const alarms = t.findResources('AWS::CloudWatch::Alarm');
    const alarmsOf = (groupPrefix: string) => {
      const [group] = Object.entries(groups).filter(([id]) => id.startsWith(groupPrefix));
      return (group[1].Properties.AlarmConfiguration.Alarms as { Name: { Ref: string } }[]).map(
        (a) => alarms[a.Name.Ref].Properties,
      );
    };
    const update = alarmsOf('RolloutitemsupdateDeployment');
    expect(update).toHaveLength(3); // alias errors, PUT and PATCH /items/{id}
    expect(update).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          MetricName: 'Errors',
          Namespace: 'AWS/Lambda',
          Period: 60,
          Threshold: 1,
          Dimensions: expect.arrayContaining([
            { Name: 'Resource', Value: expect.anything() },
            { Name: 'FunctionName', Value: expect.anything() },
          ]),
        }),
        expect.objectContaining({
          MetricName: '5XXError',
          Namespace: 'AWS/ApiGateway',
          Statistic: 'Average',
          Threshold: 0.01,
          EvaluationPeriods: 2,
          Dimensions: expect.arrayContaining([
            { Name: 'Method', Value: 'PATCH' },
            { Name: 'Resource', Value: '/items/{id}' },
            { Name: 'Stage', Value: 'prod' },
          ]),
        }),
      ]),
    );
    expect(alarmsOf('RolloutauthorizerDeployment').map((a) => a.MetricName)).toEqual(['Errors']);
  });

  it('supports linear and all-at-once shifting', () => {
    regionalTemplate({ type: 'linear', percentage: 25, intervalMinutes: 2 }).hasResourceProperties(
      'AWS::CodeDeploy::DeploymentConfig',
      {
        TrafficRoutingConfig: {
          Type: 'TimeBasedLinear',
          TimeBasedLinear: { LinearPercentage: 25, LinearInterval: 2 },
        },
      },
    );
    const allAtOnce = regionalTemplate({ type: 'all-at-once' });
    allAtOnce.resourceCountIs('AWS::CodeDeploy::DeploymentConfig', 0);
    allAtOnce.allResourcesProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
    });
  });

  it('is off without trafficShifting: no alias, no deployment group, functions invoked directly', () => {
    const direct = regionalTemplate(undefined);
    direct.resourceCountIs('AWS::Lambda::Alias', 0);
    direct.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 0);
  });
});
