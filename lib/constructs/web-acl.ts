import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Where AWS WAF writes its request logs. */
export interface WebAclLogging {
  /** Must start with `aws-waf-logs-` (AWS WAF refuses any other destination name). */
  readonly logGroupName: string;
  /** Key of the log group; its policy must let `logs.<region>.amazonaws.com` use it for this log group. */
  readonly key: IKey;
  readonly retentionDays: RetentionDays;
}

/** Props of {@link WebAcl}. */
export interface WebAclProps {
  /** Name of the web ACL, unique in the account and region (e.g. `<appName>-<region>`). */
  readonly name: string;
  /** Request logs: a KMS-encrypted log group, the `Authorization` header redacted. */
  readonly logging: WebAclLogging;
  /** ARN of the resource to protect (an API Gateway stage). */
  readonly resourceArn: string;
  /** Requests allowed per client IP in any 5-minute window. */
  readonly rateLimit: number;
  /** Prefix of the CloudWatch metric names. */
  readonly metricPrefix: string;
  /**
   * AWS managed rule groups, evaluated in this order.
   * @default common rule set, known bad inputs, Amazon IP reputation list
   */
  readonly managedRuleGroups?: readonly string[];
}

const DEFAULT_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
];

/**
 * The common rule set blocks bodies over 8 KB (SizeRestrictions_BODY) with a bare 403, but the API accepts
 * schema-valid bodies up to 16 KiB and answers larger ones itself with a 413 problem: that rule only counts.
 */
const OVERRIDES: Readonly<Record<string, { name: string; actionToUse: { count: object } }[]>> = {
  AWSManagedRulesCommonRuleSet: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
};

/**
 * A request carrying Authorization twice: API Gateway would cache the authorizer's answer under one value
 * while the authorizer judged another. A Lambda authorizer can only allow (200), deny (403), refuse
 * (401) or fail (500), so the 400 comes from here; the authorizer refuses such requests too.
 * HeaderOrder is WAF's colon-separated list of header names as received.
 */
const DUPLICATE_AUTHORIZATION = '(^|:)authorization:(.*:)?authorization(:|$)';
const DUPLICATE_AUTHORIZATION_BODY = 'duplicate-authorization';

/**
 * A regional AWS WAF web ACL (per-IP rate limit, managed rule groups, a 400 for repeated Authorization
 * headers) attached to one resource, logging every request to its own KMS-encrypted CloudWatch Logs group.
 */
export class WebAcl extends Construct {
  public readonly webAcl: CfnWebACL;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const visibility = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.metricPrefix}-${name}`,
    });
    const managed = (props.managedRuleGroups ?? DEFAULT_GROUPS).map((name, i) => ({
      name,
      priority: i + 1,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides: OVERRIDES[name] },
      },
      visibilityConfig: visibility(name),
    }));
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      // WAF's content types have no application/problem+json; the body is the problem document all the same.
      customResponseBodies: {
        [DUPLICATE_AUTHORIZATION_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'Send exactly one Authorization header',
          }),
        },
      },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('rate-limit'),
        },
        ...managed,
        {
          name: 'OneAuthorizationHeader',
          priority: managed.length + 1,
          action: {
            block: {
              customResponse: { responseCode: 400, customResponseBodyKey: DUPLICATE_AUTHORIZATION_BODY },
            },
          },
          statement: {
            regexMatchStatement: {
              regexString: DUPLICATE_AUTHORIZATION,
              fieldToMatch: { headerOrder: { oversizeHandling: 'CONTINUE' } },
              textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
            },
          },
          visibilityConfig: visibility('one-authorization-header'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.attrArn,
    });
    this.logGroup = this.addLogging(props.logging);
  }

  /**
   * When logging is enabled, AWS WAF adds the log group resource policy that lets log delivery write to it
   * (https://docs.aws.amazon.com/waf/latest/APIReference/API_PutLoggingConfiguration.html); CloudWatch Logs
   * encrypts with the key, whose policy already admits it for this region's log groups (RegionKey).
   */
  private addLogging(logging: WebAclLogging): LogGroup {
    if (!logging.logGroupName.startsWith('aws-waf-logs-')) {
      throw new Error(`WAF log group "${logging.logGroupName}" must start with "aws-waf-logs-"`);
    }
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: logging.logGroupName,
      encryptionKey: logging.key,
      retention: logging.retentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // WAF wants the log group's own ARN, not the `:*` form that the log group's Arn attribute returns.
    const destination = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logging.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const config = new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [destination],
      // Bearer tokens stay out of the logs (they are valid for an hour).
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
    config.node.addDependency(logGroup);
    return logGroup;
  }
}
