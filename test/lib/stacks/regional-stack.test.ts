import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../../functions/routes';
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

  it('holds the backup copy vault only in the copy region (default: first non-primary region in `regions`)', () => {
    t('eu-west-1').resourceCountIs('AWS::Backup::BackupVault', 1);
    t('ap-southeast-2').resourceCountIs('AWS::Backup::BackupVault', 0);
  });

  it('lets replica-region functions use the replica by name, including its index', () => {
    const resources = JSON.stringify(iamStatements(t('ap-southeast-2')).map((s) => s.Resource));
    expect(resources).toContain(':dynamodb:ap-southeast-2:111111111111:table/active-active-data"');
    expect(resources).toContain(
      ':dynamodb:ap-southeast-2:111111111111:table/active-active-data/index/byResourceOwner',
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

  it("alarms on every authorized route of functions/routes.ts by the API's own name, never on /health", () => {
    const stack = stacks.regional.get('eu-west-1');
    const apiName = stack?.api.api.restApiName;
    const apiAlarms = Object.values(t('eu-west-1').findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.Namespace === 'AWS/ApiGateway',
    );
    // RegionAlarms' (notifying, CloudFormation-named) and the routing health's (ItemRouteHealthAlarms, named).
    const routing = apiAlarms.filter((a) =>
      a.Properties.AlarmName?.startsWith('active-active-eu-west-1-routing-'),
    );
    const notifying = apiAlarms.filter((a) => a.Properties.AlarmName === undefined);
    const watched = (metric: string, alarms = notifying) =>
      alarms
        .filter((a) => a.Properties.MetricName === metric)
        .map((a) => {
          const dims = Object.fromEntries(
            (a.Properties.Dimensions as { Name: string; Value: unknown }[]).map((d) => [d.Name, d.Value]),
          );
          expect(dims.ApiName).toBe(apiName);
          return `${dims.Method} ${dims.Resource}`;
        })
        .sort();
    const expected = ROUTES.filter((r) => r.authorized)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(watched('5XXError')).toEqual(expected);
    expect(watched('Latency')).toEqual(expected);
    expect(watched('5XXError', routing)).toEqual(expected);
    expect(watched('Latency', routing)).toEqual(expected);
    expect(notifying).toHaveLength(2 * expected.length);
    expect(routing).toHaveLength(2 * expected.length);
    expect(apiAlarms).toHaveLength(4 * expected.length);
  });

  it('pages on failed backup and copy jobs in the primary and the copy region only', () => {
    for (const r of ['us-east-1', 'eu-west-1']) {
      t(r).hasResourceProperties('AWS::Events::Rule', {
        EventPattern: Match.objectLike({ source: ['aws.backup'] }),
        Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^AlertsTopic') } })],
      });
    }
    const backupRules = t('ap-southeast-2').findResources('AWS::Events::Rule', {
      Properties: { EventPattern: Match.objectLike({ source: ['aws.backup'] }) },
    });
    expect(Object.keys(backupRules)).toHaveLength(0);
  });

  it("encrypts the copy vault with its own key, not the key of the region's replica", () => {
    const vault = Object.values(t('eu-west-1').findResources('AWS::Backup::BackupVault'))[0].Properties;
    expect(vault.BackupVaultName).toBe('active-active-backup-copies');
    expect(vault.EncryptionKeyArn['Fn::GetAtt'][0]).toMatch(/^BackupCopyVaultKey/);
    expect(vault.LockConfiguration).toEqual({ MinRetentionDays: 90 });
    t('eu-west-1').hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/active-active-backup-copies',
    });
    t('us-east-1').hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'active-active-backup',
      LockConfiguration: { MinRetentionDays: 35 },
    });
  });

  it("probes every other region's hostname and the shared one from each region, paging its own topic", () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const urls = Object.values(t(region).findResources('AWS::Synthetics::Canary'))
        .map((c) => c.Properties.RunConfig.EnvironmentVariables.TARGET_URL)
        .sort();
      const expected = [
        'https://api.example.com/health',
        ...['us-east-1', 'eu-west-1', 'ap-southeast-2']
          .filter((r) => r !== region)
          .map((r) => `https://${r}.api.example.com/health`),
      ].sort();
      expect(urls).toEqual(expected);
      const canaryAlarms = Object.values(t(region).findResources('AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties.Namespace === 'CloudWatchSynthetics',
      );
      expect(canaryAlarms).toHaveLength(3);
      for (const a of canaryAlarms)
        expect(a.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlertsTopic/) }]);
      // Fixed names from the app, this region and the target: the bake step of the target finds them.
      expect(canaryAlarms.map((a) => a.Properties.AlarmName).sort()).toEqual(
        [
          'active-active-REGION-unreachable-shared',
          ...['us-east-1', 'eu-west-1', 'ap-southeast-2']
            .filter((r) => r !== region)
            .map((r) => `active-active-REGION-unreachable-${r}`),
        ]
          .map((n) => n.replace('REGION', region))
          .sort(),
      );
      t(region).hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
        AlarmName: `active-active-${region}-unhealthy`,
      });
    }
  });

  it("writes a replication heartbeat in every region, into that region's replica", () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const schedule = Object.values(t(region).findResources('AWS::Scheduler::Schedule'))[0].Properties;
      // In the primary region the table name is a Ref to the global table, so Input is an Fn::Join.
      const input = JSON.stringify(schedule.Target.Input);
      expect(input).toContain(`\\"sk\\":{\\"S\\":\\"${region}\\"}`);
      expect(input).toContain('HEARTBEAT');
    }
  });
});

describe('RegionalStack with a compliance-mode Vault Lock', () => {
  const { stacks } = buildApp({
    backup: {
      retentionDays: 30,
      copyRetentionDays: 120,
      vaultLock: { mode: 'compliance', changeableForDays: 7 },
    },
  });
  const vault = (region: string) =>
    Object.values(
      Template.fromStack(stacks.regional.get(region) as Stack).findResources('AWS::Backup::BackupVault'),
    )[0].Properties;

  it("locks both vaults with the grace time and each vault's own retention as the minimum", () => {
    expect(vault('us-east-1').LockConfiguration).toEqual({ MinRetentionDays: 30, ChangeableForDays: 7 });
    expect(vault('eu-west-1').LockConfiguration).toEqual({ MinRetentionDays: 120, ChangeableForDays: 7 });
  });
});
