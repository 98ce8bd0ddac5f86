import { Template } from 'aws-cdk-lib/assertions';
import { WebAcl } from '../../../lib/constructs/web-acl';
import { testStack } from '../../helpers/stack';

describe('WebAcl', () => {
  const stack = testStack();
  new WebAcl(stack, 'Waf', {
    resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod',
    rateLimit: 1234,
    metricPrefix: 'app-us-east-1',
  });
  const template = Template.fromStack(stack);
  const rules = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0].Properties.Rules;

  it('is a regional ACL that allows by default and blocks IPs over the configured rate first', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(rules[0]).toMatchObject({
      Priority: 0,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 1234, AggregateKeyType: 'IP' } },
    });
  });

  it('uses the AWS managed rule groups', () => {
    const groups = rules
      .slice(1)
      .map(
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
    const statements = rules
      .slice(1)
      .map(
        (r: { Statement: { ManagedRuleGroupStatement: object } }) => r.Statement.ManagedRuleGroupStatement,
      );
    expect(statements[0]).toMatchObject({
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
    expect(statements[1]).not.toHaveProperty('RuleActionOverrides');
  });

  it('is attached to the given resource', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod',
    });
  });
});
