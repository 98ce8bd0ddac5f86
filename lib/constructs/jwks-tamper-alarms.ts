import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRIC } from '../../functions/shared/metric-names';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';

/** Props of {@link JwksTamperAlarms}. */
export interface JwksTamperAlarmsProps {
  /** The global table's name (the same in every region). */
  readonly tableName: string;
  /** Name of the authorizer's role: the one principal expected to write the JWKS item. */
  readonly authorizerRoleName: string;
  /** Powertools service name and metrics namespace of the functions (the app name). */
  readonly serviceName: string;
  /** Where both signals go. */
  readonly topic: ITopic;
}

/**
 * Two signals that someone other than an authorizer wrote the JWKS copy in this region:
 * - an alarm on `JwksCopyRejected`, which an authorizer publishes when the copy it reads fails its
 *   signature check (always on; it fires at the next cold start or issuer failure that reads the copy);
 * - an EventBridge rule on CloudTrail data events for PutItem/UpdateItem/DeleteItem on the `JWKS`
 *   partition by any principal but the authorizer role, sent to the alert topic with who did it. It sees
 *   only what a trail records: the account needs a trail logging this table's write data events
 *   (docs/DEPLOY.md); replicated writes are not API calls, so each region watches its own replica.
 */
export class JwksTamperAlarms extends Construct {
  public readonly rejectedCopyAlarm: Alarm;
  public readonly foreignWriteRule: Rule;

  constructor(scope: Construct, id: string, props: JwksTamperAlarmsProps) {
    super(scope, id);
    const { region, account, partition } = Stack.of(this);
    const authorizerSessions = `arn:${partition}:sts::${account}:assumed-role/${props.authorizerRoleName}/`;
    this.rejectedCopyAlarm = new Alarm(this, 'RejectedCopy', {
      alarmDescription:
        'An authorizer found a JWKS copy in the table whose KMS signature does not verify: someone without the signing key wrote the JWKS item. The copy is ignored; find the writer in CloudTrail.',
      metric: new Metric({
        namespace: props.serviceName,
        metricName: METRIC.jwksCopyRejected,
        // Powertools adds `service`; observability.ts adds `region` to every metric.
        dimensionsMap: { service: props.serviceName, region },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(props.topic);
    this.rejectedCopyAlarm.addAlarmAction(action);
    this.rejectedCopyAlarm.addOkAction(action);

    this.foreignWriteRule = new Rule(this, 'ForeignWrite', {
      description: 'A write to the JWKS item by a principal other than the authorizer',
      eventPattern: {
        source: ['aws.dynamodb'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['dynamodb.amazonaws.com'],
          eventName: ['PutItem', 'UpdateItem', 'DeleteItem'],
          requestParameters: {
            // DynamoDB takes the table's name or its ARN in TableName, and CloudTrail logs what was sent.
            tableName: [
              props.tableName,
              `arn:${partition}:dynamodb:${region}:${account}:table/${props.tableName}`,
            ],
            key: { [TABLE_SCHEMA.partitionKey]: [TABLE_SCHEMA.partitions.jwks] },
          },
          // userIdentity.arn exists for every caller (roles, users, root); sessionIssuer only for roles.
          userIdentity: { arn: [{ 'anything-but': { prefix: authorizerSessions } }] },
        },
      },
      targets: [new SnsTopic(props.topic)],
    });
  }
}
