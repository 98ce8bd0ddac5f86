import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildPipelineApp } from '../../helpers/pipeline';

describe('delivery stages', () => {
  const { stack } = buildPipelineApp();
  const identity = Template.fromStack(stack.identityStage.stack);
  const regional = Template.fromStack(stack.regionStages.get('eu-west-1')?.stack as never);
  const healthAlarms = Template.fromStack(
    stack.node.findChild('HealthAlarms').node.findChild('HealthAlarms') as never,
  );

  /** The SDK calls of every AwsCustomResource in a template (its Create JSON, tokens kept as objects). */
  const sdkCalls = (t: Template) =>
    Object.values(t.findResources('Custom::AWS')).map((r) => JSON.stringify(r.Properties.Create));

  it('writes the issuer and client id into SSM of every region from the identity stack', () => {
    const calls = sdkCalls(identity);
    for (const region of ['us-east-1', 'eu-west-1']) {
      for (const name of ['/active-active/delivery/jwt-issuer', '/active-active/delivery/jwt-client-id']) {
        expect(
          calls.some(
            (c) => c.includes(`\\"region\\":\\"${region}\\"`) && c.includes(`\\"Name\\":\\"${name}\\"`),
          ),
        ).toBe(true);
      }
    }
    identity.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ssm:PutParameter', 'ssm:DeleteParameter'],
            Resource: 'arn:aws:ssm:eu-west-1:111111111111:parameter/active-active/delivery/jwt-issuer',
          }),
        ]),
      },
    });
  });

  it('creates the synthetic user without a password or invitation, a member, with a generated secret', () => {
    identity.hasResourceProperties('AWS::Cognito::UserPoolUser', {
      Username: 'pipeline-probe@example.com',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'pipeline-probe@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    identity.hasResourceProperties('AWS::Cognito::UserPoolUserToGroupAttachment', {
      GroupName: 'member',
      Username: 'pipeline-probe@example.com',
    });
    identity.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'active-active/delivery/synthetic-user',
      GenerateSecretString: {
        PasswordLength: 40,
        RequireEachIncludedType: true,
        ExcludeCharacters: '"\'\\`$',
      },
    });
    identity.hasOutput('AppClientId', {});
    identity.hasOutput('UserPoolId', {});
  });

  it('gives the regional authorizer the issuer and client id from SSM, resolved at deploy time', () => {
    regional.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          JWT_ISSUER: '{{resolve:ssm:/active-active/delivery/jwt-issuer}}',
          JWT_CLIENT_ID: '{{resolve:ssm:/active-active/delivery/jwt-client-id}}',
        }),
      },
    });
    expect(JSON.stringify(regional.toJSON())).not.toContain('/cdk/exports/');
  });

  it("exports the region's health check id to us-east-1 and gives its composite alarm the bake's fixed name", () => {
    const [call] = sdkCalls(regional);
    expect(call).toContain('\\"region\\":\\"us-east-1\\"');
    expect(call).toContain('/active-active/delivery/health-check-id/eu-west-1');
    expect(call).toContain('"Ref":"RoutingHealthCheck');
    regional.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'active-active-eu-west-1-unhealthy',
    });
    regional.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 8); // 7 handler files + the authorizer
  });

  it('alarms on each health check by the id read from SSM in us-east-1', () => {
    healthAlarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'HealthCheckStatus',
      Dimensions: [
        { Name: 'HealthCheckId', Value: '{{resolve:ssm:/active-active/delivery/health-check-id/eu-west-1}}' },
      ],
      // A replaced check changes this text, so the stack updates and re-reads the id from SSM.
      AlarmDescription: Match.stringLikeRegexp('every 10 s'),
    });
  });
});
