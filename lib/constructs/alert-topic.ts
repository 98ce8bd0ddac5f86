import { Aws, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props of {@link AlertTopic}. */
export interface AlertTopicProps {
  /** Key that encrypts messages at rest; its policy must let cloudwatch.amazonaws.com use it. */
  readonly key: IKey;
  /**
   * Address subscribed to every alert (AWS sends a confirmation mail first).
   * @default - no subscription
   */
  readonly email?: string;
  /** @default 'Alerts' */
  readonly displayName?: string;
}

/**
 * The KMS-encrypted SNS topic that every alarm of a region notifies; publishing requires TLS.
 *
 * The topic has its own access policy (the TLS-only statement), which replaces SNS's default policy, so
 * CloudWatch alarms of this account and region are allowed to publish explicitly; without that statement
 * every alarm action fails with "... is not authorized to perform: SNS:Publish" (AWS re:Post knowledge
 * center, cloudwatch-receive-sns-for-alarm-trigger).
 */
export class AlertTopic extends Construct {
  public readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: props.displayName ?? 'Alerts',
      masterKey: props.key,
      enforceSSL: true,
    });
    const { region, account } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountAndRegion',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}
