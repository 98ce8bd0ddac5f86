import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../helpers/app';
import { actionsOf, iamStatements } from '../../helpers/stack';

describe('RegionalStack', () => {
  const { stacks } = buildApp({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] });
  const t = (region: string) => Template.fromStack(stacks.regional.get(region) as Stack);

  it('holds the global table and backup plan only in the primary region', () => {
    t('us-east-1').resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    t('us-east-1').resourceCountIs('AWS::Backup::BackupPlan', 1);
    for (const r of ['eu-west-1', 'ap-southeast-2']) {
      t(r).resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
      t(r).resourceCountIs('AWS::Backup::BackupPlan', 0);
    }
  });

  it('holds the backup copy vault only in the copy region (default: first region after the primary)', () => {
    t('eu-west-1').resourceCountIs('AWS::Backup::BackupVault', 1);
    t('ap-southeast-2').resourceCountIs('AWS::Backup::BackupVault', 0);
  });

  it('lets replica-region functions use the replica by name, including its index', () => {
    const resources = JSON.stringify(iamStatements(t('ap-southeast-2')).map((s) => s.Resource));
    expect(resources).toContain(':dynamodb:ap-southeast-2:111111111111:table/active-active-data"');
    expect(resources).toContain(
      ':dynamodb:ap-southeast-2:111111111111:table/active-active-data/index/byOwner',
    );
    expect(actionsOf(iamStatements(t('ap-southeast-2')))).toContain('dynamodb:Query');
  });

  it('attaches the WAF to the API stage and encrypts the alert topic with the region key', () => {
    t('eu-west-1').hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
    t('eu-west-1').hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
    });
    t('eu-west-1').hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'active-active-eu-west-1',
    });
  });
});
