import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { WebAcl, type WebAclProps } from '../../../lib/constructs/web-acl';
import { stackWithKey } from '../../helpers/stack';

describe('WebAcl', () => {
  const { stack, key } = stackWithKey();
  const props = (logGroupName: string): WebAclProps => ({
    name: 'app-us-east-1',
    logging: { logGroupName, key, retentionDays: RetentionDays.ONE_MONTH },
    resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod',
    rateLimit: 1234,
    metricPrefix: 'app-us-east-1',
  });
  new WebAcl(stack, 'Waf', props('aws-waf-logs-app-us-east-1'));
  const template = Template.fromStack(stack);
  const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0].Properties;
  const rules = acl.Rules;
  const managedRules = rules.filter((r: { Statement: object }) => 'ManagedRuleGroupStatement' in r.Statement);

  it('is a named regional ACL that allows by default and blocks IPs over the configured rate first', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Name: 'app-us-east-1',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
    });
    expect(rules[0]).toMatchObject({
      Priority: 0,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 1234, AggregateKeyType: 'IP' } },
    });
  });

  it('uses the AWS managed rule groups', () => {
    const groups = managedRules.map(
      (r: { Statement: { ManagedRuleGroupStatement: { Name: string } } }) =>
        r.Statement.ManagedRuleGroupStatement.Name,
    );
    expect(groups).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesAmazonIpReputationList',
    ]);
  });

  it("only counts the common rule set's 8 KB body rule, so 8-16 KiB bodies reach the API and its 413", () => {
    const statements = managedRules.map(
      (r: { Statement: { ManagedRuleGroupStatement: object } }) => r.Statement.ManagedRuleGroupStatement,
    );
    expect(statements[0]).toMatchObject({
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
    expect(statements[1]).not.toHaveProperty('RuleActionOverrides');
  });

  it('answers a request with two Authorization headers 400 with a problem body (security review, finding 3)', () => {
    // Prepare: the rule as synthesized, applied as WAF does to its lower-cased HeaderOrder string.
    const rule = rules.find((r: { Name: string }) => r.Name === 'OneAuthorizationHeader');
    const match = rule.Statement.RegexMatchStatement;
    expect(match.FieldToMatch).toEqual({ HeaderOrder: { OversizeHandling: 'CONTINUE' } });
    expect(match.TextTransformations).toEqual([{ Priority: 0, Type: 'LOWERCASE' }]);
    const matches = (headerOrder: string) => new RegExp(match.RegexString).test(headerOrder.toLowerCase());
    // Act + Assess
    expect(matches('host:Authorization:user-agent:authorization')).toBe(true);
    expect(matches('Authorization:AUTHORIZATION')).toBe(true);
    expect(matches('host:authorization:accept')).toBe(false);
    expect(matches('host:x-authorization:authorization-extra:authorization')).toBe(false);
    expect(rule.Action).toEqual({
      Block: { CustomResponse: { ResponseCode: 400, CustomResponseBodyKey: 'duplicate-authorization' } },
    });
    const body = acl.CustomResponseBodies['duplicate-authorization'];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Send exactly one Authorization header',
    });
  });

  it('is attached to the given resource', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod',
    });
  });

  it('logs every request to a retained, KMS-encrypted aws-waf-logs- group, without the bearer token', () => {
    const keyId = stack.getLogicalId(key.node.defaultChild as never);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: 'aws-waf-logs-app-us-east-1',
        KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        RetentionInDays: 30,
      },
      DeletionPolicy: 'Retain',
    });
    const [logging] = Object.values(template.findResources('AWS::WAFv2::LoggingConfiguration'));
    expect(logging.Properties).toEqual({
      ResourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^WafWebAcl/), 'Arn'] },
      // The log group's own ARN: WAF refuses the ':*' form of the LogGroup's Arn attribute.
      LogDestinationConfigs: [
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':logs:us-east-1:111111111111:log-group:aws-waf-logs-app-us-east-1',
            ],
          ],
        },
      ],
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
    });
    expect(logging.DependsOn).toEqual([expect.stringMatching(/^WafLogs/)]);
  });

  it('refuses a log group name that AWS WAF would refuse', () => {
    const other = stackWithKey();
    expect(
      () =>
        new WebAcl(other.stack, 'Waf', {
          ...props('waf-logs'),
          logging: { ...props('').logging, logGroupName: 'waf-logs', key: other.key },
        }),
    ).toThrow(/must start with "aws-waf-logs-"/);
  });
});
