import type { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FIS_EXTENSION_ARM64_PARAMETER } from '../../../lib/constructs/chaos-experiments';
import { buildApp } from '../../helpers/app';
import { iamStatements } from '../../helpers/stack';

/** One synth per setting: a whole-app synth takes seconds. */
const built = new Map<boolean, { app: App; template: Template }>();
const regionalTemplate = (enabled: boolean) => {
  const cached = built.get(enabled);
  if (cached) return cached;
  const { app, stacks } = buildApp({ chaos: { enabled, maxDurationMinutes: 15, invocationPercentage: 50 } });
  const stack = stacks.regional.get('eu-west-1');
  if (!stack) throw new Error('no stack for eu-west-1');
  const result = { app, template: Template.fromStack(stack) };
  built.set(enabled, result);
  return result;
};

jest.setTimeout(120_000);

/** The logical id of the FIS configuration bucket (the canaries have their own). */
const bucketId = (template: Template) => {
  const ids = Object.keys(template.findResources('AWS::S3::Bucket')).filter((id) => id.startsWith('Chaos'));
  expect(ids).toEqual([expect.stringMatching(/^ChaosFisConfig/)]);
  return ids[0];
};

describe('ChaosExperiments (config chaos)', () => {
  it('creates nothing and leaves the functions alone while chaos is off (the default)', () => {
    const { template } = regionalTemplate(false);
    template.resourceCountIs('AWS::FIS::ExperimentTemplate', 0);
    expect(
      Object.keys(template.findResources('AWS::S3::Bucket')).filter((id) => id.startsWith('Chaos')),
    ).toEqual([]);
    const functions = template.findResources('AWS::Lambda::Function');
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Layers).toBeUndefined();
      expect(fn.Properties.Environment?.Variables?.AWS_LAMBDA_EXEC_WRAPPER).toBeUndefined();
    }
  });

  it('creates the three experiment templates with stop condition, duration, targets and tags', () => {
    const { template } = regionalTemplate(true);
    template.resourceCountIs('AWS::FIS::ExperimentTemplate', 3);
    const stopConditions = [
      {
        Source: 'aws:cloudwatch:alarm',
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsRegionUnhealthy'), 'Arn'] },
      },
      // The canary on the shared hostname: users cannot reach the app at all.
      {
        Source: 'aws:cloudwatch:alarm',
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CanariesUnreachableshared'), 'Arn'] },
      },
    ];
    const options = { AccountTargeting: 'single-account', EmptyTargetResolutionMode: 'fail' };
    template.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Description: 'active-active: pause global-table replication of the eu-west-1 replica',
      StopConditions: stopConditions,
      ExperimentOptions: options,
      Targets: {
        Targets: {
          ResourceType: 'aws:dynamodb:global-table',
          ResourceArns: [
            {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':dynamodb:eu-west-1:111111111111:table/active-active-data',
                ],
              ],
            },
          ],
          SelectionMode: 'ALL',
        },
      },
      Actions: {
        Inject: {
          ActionId: 'aws:dynamodb:global-table-pause-replication',
          Parameters: { duration: 'PT15M' },
          Targets: { Tables: 'Targets' },
        },
      },
      Tags: {
        AppName: 'active-active',
        AppRegion: 'eu-west-1',
        Scenario: 'replication-pause',
        Name: 'active-active-eu-west-1-replication-pause',
      },
    });
    template.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      StopConditions: stopConditions,
      Targets: {
        Targets: {
          ResourceType: 'aws:lambda:function',
          SelectionMode: 'ALL',
          ResourceArns: Match.arrayWith([]),
        },
      },
      Actions: {
        Inject: {
          ActionId: 'aws:lambda:invocation-error',
          Parameters: { duration: 'PT15M', invocationPercentage: '50', preventExecution: 'true' },
          Targets: { Functions: 'Targets' },
        },
      },
      Tags: Match.objectLike({ Scenario: 'function-errors' }),
    });
    template.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Actions: {
        Inject: {
          ActionId: 'aws:lambda:invocation-add-delay',
          Parameters: { duration: 'PT15M', invocationPercentage: '50', startupDelayMilliseconds: '3000' },
          Targets: { Functions: 'Targets' },
        },
      },
      Tags: Match.objectLike({ Scenario: 'function-latency' }),
    });
  });

  it('targets exactly the item-route functions, which carry the FIS extension layer and its configuration', () => {
    const { template } = regionalTemplate(true);
    const templates = Object.values(template.findResources('AWS::FIS::ExperimentTemplate'));
    const errors = templates.find((t) => t.Properties.Tags.Scenario === 'function-errors');
    const arns = (errors?.Properties.Targets.Targets.ResourceArns ?? []) as Array<{
      'Fn::GetAtt': [string, string];
    }>;
    const targeted = arns.map((a) => a['Fn::GetAtt'][0]);
    expect(targeted.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'FunctionsItemsCreate',
      'FunctionsItemsDelete',
      'FunctionsItemsGet',
      'FunctionsItemsList',
      'FunctionsItemsUpdate',
    ]);
    const functions = template.findResources('AWS::Lambda::Function');
    const parameters = template.toJSON().Parameters as Record<string, { Default?: string }>;
    const layerParameter = Object.entries(parameters).find(
      ([, p]) => p.Default === FIS_EXTENSION_ARM64_PARAMETER,
    )?.[0];
    expect(layerParameter).toBeDefined();
    for (const [id, fn] of Object.entries(functions)) {
      const env = fn.Properties.Environment?.Variables ?? {};
      if (targeted.includes(id)) {
        expect(fn.Properties.Layers).toEqual([{ Ref: layerParameter }]);
        expect(env.AWS_LAMBDA_EXEC_WRAPPER).toBe('/opt/aws-fis/bootstrap');
        expect(env.AWS_FIS_CONFIGURATION_LOCATION).toEqual({
          'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(template), 'Arn'] }, '/FisConfigs/']],
        });
      } else {
        // /health, the authorizer and the API description are never impaired.
        expect(fn.Properties.Layers).toBeUndefined();
        expect(env.AWS_FIS_CONFIGURATION_LOCATION).toBeUndefined();
      }
    }
  });

  it('gives the experiment role and the functions only what FIS and its extension need', () => {
    const { template } = regionalTemplate(true);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'fis.amazonaws.com' } },
        ],
      },
    });
    // Statements on the FIS bucket or FIS's own actions; the canaries' artifact bucket has its own.
    const statements = iamStatements(template).filter(
      (st) => !JSON.stringify(st.Resource ?? '').includes('CanariesArtifacts'),
    );
    const byAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
    expect(byAction('dynamodb:PutResourcePolicy')).toEqual([
      expect.objectContaining({
        Action: [
          'dynamodb:PutResourcePolicy',
          'dynamodb:DeleteResourcePolicy',
          'dynamodb:GetResourcePolicy',
          'dynamodb:DescribeTable',
        ],
        Effect: 'Allow',
        Resource: [expect.anything(), expect.objectContaining({ 'Fn::Join': expect.anything() })],
      }),
    ]);
    expect(JSON.stringify((byAction('dynamodb:PutResourcePolicy')[0].Resource as unknown[])[1])).toContain(
      '/stream/*',
    );
    expect(byAction('tag:GetResources')).toEqual([
      expect.objectContaining({ Action: 'tag:GetResources', Effect: 'Allow', Resource: '*' }),
    ]);
    expect(byAction('s3:PutObject')).toHaveLength(1);
    expect(byAction('s3:PutObject')[0].Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(template), 'Arn'] }, '/FisConfigs/*']],
    });
    // One ListBucket (with the prefix condition) and one GetObject per item-route function.
    const list = byAction('s3:ListBucket');
    expect(list).toHaveLength(5);
    for (const s of list) expect(s.Condition).toEqual({ StringLike: { 's3:prefix': ['FisConfigs/*'] } });
    expect(byAction('s3:GetObject')).toHaveLength(5);
    expect(byAction('lambda:GetFunction')).toHaveLength(1);
  });

  it('passes cdk-nag AwsSolutions with chaos on', () => {
    const { app } = regionalTemplate(true);
    const findings = new AwsSolutionsChecks(app)
      .validateScope(app)
      .violations.map(
        (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.locations.join('/')).join(', ')}`,
      );
    expect(findings).toEqual([]);
  });
});
