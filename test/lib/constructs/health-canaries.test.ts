import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlertTopic } from '../../../lib/constructs/alert-topic';
import { CANARY_RUNTIME, canaryName, HealthCanaries } from '../../../lib/constructs/health-canaries';
import { actionsOf, iamStatements, stackWithKey } from '../../helpers/stack';

describe('HealthCanaries', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const topic = new AlertTopic(stack, 'Alerts', { key }).topic;
  new HealthCanaries(stack, 'Canaries', {
    targets: [
      { name: 'us-east-1', url: 'https://us-east-1.api.example.com/health', expectedRegion: 'us-east-1' },
      { name: 'shared', url: 'https://api.example.com/health' },
    ],
    scope: 'app-eu-west-1',
    alarmName: (target) => `app-eu-west-1-unreachable-${target}`,
    topic,
    key,
  });
  const template = Template.fromStack(stack);
  const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'] };
  const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as never) };
  const useast = canaryName('app-eu-west-1', 'us-east-1');
  const shared = canaryName('app-eu-west-1', 'shared');

  it('runs one canary per target on the current Node.js Synthetics runtime, every 5 minutes', () => {
    template.resourceCountIs('AWS::Synthetics::Canary', 2);
    expect(CANARY_RUNTIME.name).toBe('syn-nodejs-puppeteer-15.0');
    template.hasResourceProperties('AWS::Synthetics::Canary', {
      Name: useast,
      RuntimeVersion: 'syn-nodejs-puppeteer-15.0',
      Schedule: { Expression: 'rate(5 minutes)', DurationInSeconds: '0' },
      StartCanaryAfterCreation: true,
      RunConfig: {
        TimeoutInSeconds: 30,
        EnvironmentVariables: {
          TARGET_URL: 'https://us-east-1.api.example.com/health',
          EXPECTED_REGION: 'us-east-1',
        },
      },
      SuccessRetentionPeriod: 14,
      FailureRetentionPeriod: 14,
      ProvisionedResourceCleanup: 'AUTOMATIC',
      ArtifactConfig: { S3Encryption: { EncryptionMode: 'SSE_KMS', KmsKeyArn: keyArn } },
      Code: {
        Handler: 'index.handler',
        Script: Match.stringLikeRegexp("require\\('@aws/synthetics-puppeteer'\\)"),
      },
    });
    template.hasResourceProperties('AWS::Synthetics::Canary', {
      Name: shared,
      RunConfig: { EnvironmentVariables: { TARGET_URL: 'https://api.example.com/health' } },
    });
  });

  it('checks status 200, "status":"ok" and, for a regional hostname, the x-region header', () => {
    const script = Object.values(template.findResources('AWS::Synthetics::Canary'))[0].Properties.Code.Script;
    expect(script).toContain('executeHttpStep');
    expect(script).toContain('res.statusCode !== 200');
    expect(script).toContain('"status"');
    expect(script).toContain("res.headers['x-region']");
  });

  it('names canaries within 21 characters of [0-9a-z_-], unique per app, probing region and target', () => {
    for (const name of [
      useast,
      shared,
      canaryName('a-very-long-application-name-eu-west-1', 'ap-southeast-2'),
    ]) {
      expect(name).toMatch(/^[0-9a-z_-]{1,21}$/);
    }
    expect(useast).toMatch(/^ue1-/);
    expect(shared).toMatch(/^shared-/);
    expect(canaryName('app-us-east-1', 'shared')).not.toBe(shared);
    expect(canaryName('other-eu-west-1', 'us-east-1')).not.toBe(useast);
  });

  it("pages this region's topic after 2 failed probes in a row, and when the canary stops reporting", () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    for (const name of [useast, shared]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'CloudWatchSynthetics',
        MetricName: 'SuccessPercent',
        Dimensions: [{ Name: 'CanaryName', Value: { Ref: Match.anyValue() } }],
        Statistic: 'Average',
        Period: 300,
        Threshold: 100,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        TreatMissingData: 'breaching',
        // A fixed name per (probing region, target): the bake step of the probed region finds it.
        AlarmName: `app-eu-west-1-unreachable-${name === shared ? 'shared' : 'us-east-1'}`,
        AlarmActions: [topicRef],
        OKActions: [topicRef],
        AlarmDescription: Match.stringLikeRegexp(
          name === shared ? 'https://api.example.com/health' : 'us-east-1',
        ),
      });
    }
  });

  it('keeps artifacts in a private, TLS-only bucket encrypted with the region key, expired after 14 days', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              ExpirationInDays: 14,
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              Status: 'Enabled',
            }),
          ],
        },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it("gives the canaries one role with exactly AWS's documented canary permissions, scoped to them", () => {
    const statements = iamStatements(template);
    expect(actionsOf(statements).sort()).toEqual(
      [
        'cloudwatch:PutMetricData',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetBucketLocation',
        's3:GetObject',
        's3:ListAllMyBuckets',
        's3:PutObject',
      ].sort(),
    );
    const byAction = (a: string) => statements.find((s) => actionsOf([s]).includes(a));
    expect(byAction('cloudwatch:PutMetricData')?.Condition).toEqual({
      StringEquals: { 'cloudwatch:namespace': 'CloudWatchSynthetics' },
    });
    expect(byAction('kms:GenerateDataKey')?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
    });
    expect(byAction('kms:GenerateDataKey')?.Resource).toEqual(keyArn);
    const logs = JSON.stringify(byAction('logs:PutLogEvents')?.Resource);
    expect(logs).toContain(`/aws/lambda/cwsyn-${useast}-*`);
    expect(logs).toContain(`/aws/lambda/cwsyn-${shared}-*`);
    const objects = JSON.stringify(byAction('s3:PutObject')?.Resource);
    expect(objects).toContain(`/${useast}/*`);
    expect(objects).toContain(`/${shared}/*`);
    template.resourceCountIs('AWS::IAM::Role', 1);
  });
});
