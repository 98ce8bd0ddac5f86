import { Aws } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Job states that mean a recovery point or its copy is missing. */
export const FAILED_JOB_STATES = ['FAILED', 'ABORTED', 'EXPIRED'] as const;

/** Props of {@link BackupJobAlerts}. */
export interface BackupJobAlertsProps {
  /** The region's alert topic. */
  readonly topic: ITopic;
  /** The key that encrypts the topic: EventBridge must be allowed to use it to publish. */
  readonly topicKey: IKey;
}

/**
 * Pages the alert topic when an AWS Backup backup job or copy job in this region ends FAILED, ABORTED
 * or EXPIRED (EventBridge "Backup Job State Change" and "Copy Job State Change" events, which AWS Backup
 * emits in the region where the job runs). Without it a failing daily backup is only visible in the
 * console. The rule matches every vault of the account in this region: a silent failure is worse than a
 * page about another app's job.
 */
export class BackupJobAlerts extends Construct {
  public readonly rule: Rule;

  constructor(scope: Construct, id: string, props: BackupJobAlertsProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'AWS Backup backup or copy job FAILED, ABORTED or EXPIRED in this region',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: { state: [...FAILED_JOB_STATES] },
      },
    });
    this.rule.addTarget(
      new SnsTopic(props.topic, {
        message: RuleTargetInput.fromObject({
          alert: 'AWS Backup job did not complete: a recovery point or its copy is missing',
          event: EventField.fromPath('$.detail-type'),
          state: EventField.fromPath('$.detail.state'),
          region: EventField.fromPath('$.region'),
          time: EventField.fromPath('$.time'),
          resources: EventField.fromPath('$.resources'),
          detail: EventField.fromPath('$.detail'),
        }),
      }),
    );
    // EventBridge publishes as events.amazonaws.com; the encrypted topic needs it to use the key, for this
    // account's topics in this region only (SNS passes the topic ARN as encryption context).
    props.topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeToThisAccountsTopics',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:sns:topicArn': `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`,
          },
        },
      }),
    );
  }
}
