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

/** The KMS-encrypted SNS topic that every alarm of a region notifies; publishing requires TLS. */
export class AlertTopic extends Construct {
  public readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: props.displayName ?? 'Alerts',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}
