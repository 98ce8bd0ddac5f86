import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Props of {@link RegionKey}. */
export interface RegionKeyProps {
  /** Alias, e.g. `alias/<appName>-data`; other regions build its ARN from the config. */
  readonly aliasName: string;
  /**
   * What happens to the key when the stack is deleted. Keys that encrypt retained data must outlive it.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** @default 'Data key of this region: table replica, logs, alert topic' */
  readonly description?: string;
}

/**
 * A region's customer-managed KMS key (rotation on). Besides the account's own IAM principals it lets
 * CloudWatch Logs (this region's log groups only) and CloudWatch alarms and EventBridge rules (publishing
 * to this region's SNS topics only) use the key; DynamoDB and AWS Backup use it through grants created on the caller's behalf.
 */
export class RegionKey extends Construct {
  public readonly key: Key;

  constructor(scope: Construct, id: string, props: RegionKeyProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    this.key = new Key(this, 'Key', {
      alias: props.aliasName,
      description: props.description ?? 'Data key of this region: table replica, logs, alert topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccountAndRegion',
        principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );
    // Alarm actions publish to the encrypted alert topic as cloudwatch.amazonaws.com, not as a role.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsToThisAccountsTopics',
        // EventBridge rules (the JWKS write watch, jwks-tamper-alarms.ts) publish to it the same way.
        principals: [
          new ServicePrincipal('cloudwatch.amazonaws.com'),
          new ServicePrincipal('events.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:sns:topicArn': `arn:${Aws.PARTITION}:sns:${region}:${account}:*`,
          },
        },
      }),
    );
  }
}
