import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Props of {@link WebAcl}. */
export interface WebAclProps {
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
 * headers) attached to one resource.
 */
export class WebAcl extends Construct {
  public readonly webAcl: CfnWebACL;

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
  }
}
