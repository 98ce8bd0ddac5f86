import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import { ROUTES } from '../../../functions/routes';
import { PROBLEMS } from '../../../lib/constructs/problem-responses';
import { RegionalApi } from '../../../lib/constructs/regional-api';
import { stackWithKey } from '../../helpers/stack';

describe('RegionalApi', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const fn = (id: string) =>
    new LambdaFn(stack, id, {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('x'),
    });
  const functions = new Map([...new Set(ROUTES.map((r) => r.handler))].map((h) => [h, fn(h)]));
  const api = new RegionalApi(stack, 'Api', {
    restApiName: 'app-eu-west-1',
    description: 'app: API in eu-west-1',
    routes: ROUTES,
    functions,
    authorizerFunction: fn('authorizer'),
    domainName: 'api.example.com',
    regionalDomainName: 'eu-west-1.api.example.com',
    hostedZone: HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z0123456789EXAMPLE',
      zoneName: 'example.com',
    }),
    logKey: key,
    logRetentionDays: RetentionDays.ONE_WEEK,
  });
  const template = Template.fromStack(stack);
  const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties);
  const authorizerId = stack.getLogicalId(api.node.findChild('Authorizer').node.defaultChild as never);

  it('is a REST API with a regional endpoint, reachable only through its custom domains', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'app-eu-west-1',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      DisableExecuteApiEndpoint: true,
    });
  });

  it('keys its metrics by its own name, not a bare construct id', () => {
    expect(stack.resolve(api.api.metricServerError().dimensions)).toEqual({ ApiName: 'app-eu-west-1' });
  });

  it('outputs the custom domains, and no execute-api URL (that hostname is disabled)', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['ApiEndpoint', 'RegionalApiEndpoint']);
    expect(outputs.ApiEndpoint.Value).toBe('https://api.example.com/');
    expect(outputs.RegionalApiEndpoint.Value).toBe('https://eu-west-1.api.example.com/');
    expect(JSON.stringify(outputs)).not.toContain('execute-api');
  });

  it('creates the stage only after the account-level CloudWatch role is ensured', () => {
    const setting = stack.getLogicalId(api.cloudWatchRole.setting.node.defaultChild as never);
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    expect(stage.DependsOn).toContain(setting);
    template.hasResourceProperties('Custom::ApiGatewayCloudWatchRole', {
      RoleArn: {
        'Fn::GetAtt': [stack.getLogicalId(api.cloudWatchRole.role.node.defaultChild as never), 'Arn'],
      },
    });
  });

  it('has one method per route', () => {
    expect(methods.map((m) => m.HttpMethod).sort()).toEqual(ROUTES.map((r) => r.method).sort());
    expect(methods).toHaveLength(ROUTES.length);
  });

  it('authorizes every route except /health and /openapi.json with the REQUEST authorizer', () => {
    const open = methods.filter((m) => m.AuthorizationType === 'NONE');
    expect(open).toHaveLength(ROUTES.filter((r) => !r.authorized).length);
    expect(ROUTES.filter((r) => !r.authorized).map((r) => r.path)).toEqual(['/health', '/openapi.json']);
    for (const m of methods.filter((x) => x.AuthorizationType !== 'NONE')) {
      expect(m).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    }
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('marks only the public methods as intentionally open for checkov, with the reason', () => {
    const open = Object.values(template.findResources('AWS::ApiGateway::Method')).filter(
      (m) => m.Metadata?.checkov,
    );
    expect(open.map((m) => m.Properties.AuthorizationType)).toEqual(['NONE', 'NONE']);
    expect(open[0].Metadata.checkov.skip).toEqual([
      { id: 'CKV_AWS_59', comment: expect.stringContaining('public by design') },
    ]);
  });

  it('throttles the stage so one region cannot be driven to unbounded concurrency', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 1000,
          ThrottlingBurstLimit: 2000,
        }),
      ]),
    });
  });

  it('writes JSON access logs to a KMS-encrypted log group and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7, KmsKeyId: Match.anyValue() });
  });

  it('answers API Gateway errors as problem+json with x-region', () => {
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', PROBLEMS.length);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseParameters: {
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
        'gatewayresponse.header.x-region': "'eu-west-1'",
      },
      ResponseTemplates: {
        'application/json':
          '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Missing or invalid bearer token"}',
      },
    });
    for (const type of ['WAF_FILTERED', 'THROTTLED', 'DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: type });
    }
  });

  it('serves the shared and the regional hostname under one DNS-validated certificate', () => {
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'api.example.com',
      SubjectAlternativeNames: ['eu-west-1.api.example.com'],
      ValidationMethod: 'DNS',
      DomainValidationOptions: Match.arrayWith([
        { DomainName: 'api.example.com', HostedZoneId: 'Z0123456789EXAMPLE' },
      ]),
    });
    for (const name of ['api.example.com', 'eu-west-1.api.example.com']) {
      template.hasResourceProperties('AWS::ApiGateway::DomainName', {
        DomainName: name,
        EndpointConfiguration: { Types: ['REGIONAL'] },
        SecurityPolicy: 'TLS_1_2',
      });
    }
    template.resourceCountIs('AWS::ApiGateway::BasePathMapping', 2);
  });

  it('refuses a route whose handler has no function', () => {
    const { stack: other, key: otherKey } = stackWithKey();
    expect(
      () =>
        new RegionalApi(other, 'Api', {
          restApiName: 'app-us-east-1',
          description: 'app: API in us-east-1',
          routes: ROUTES,
          functions: new Map(),
          authorizerFunction: fn('unused'),
          domainName: 'api.example.com',
          regionalDomainName: 'us-east-1.api.example.com',
          hostedZone: HostedZone.fromHostedZoneAttributes(other, 'Zone', {
            hostedZoneId: 'Z0123456789EXAMPLE',
            zoneName: 'example.com',
          }),
          logKey: otherKey,
          logRetentionDays: RetentionDays.ONE_WEEK,
        }),
    ).toThrow(/No function for handler "health"/);
  });
});
