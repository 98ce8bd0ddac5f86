import { parseConfig } from '../../../lib/config/app-config';
import { SUPPORTED_REGIONS } from '../../../lib/config/regions';
import {
  backupPlanName,
  copyVaultArn,
  copyVaultKeyAlias,
  copyVaultName,
  dataKeyAlias,
  dataKeyAliasArn,
  healthAlarmsStackName,
  identityStackName,
  partitionOf,
  regionalStackName,
  tableName,
  wafLogGroupName,
  webAclName,
} from '../../../lib/stacks/names';
import { BASE_CONFIG } from '../../helpers/app';

describe('names', () => {
  const c = parseConfig(BASE_CONFIG);

  it('derives cross-region names from the config alone', () => {
    expect(tableName(c)).toBe('active-active-data');
    expect(dataKeyAliasArn(c, 'eu-west-1')).toBe(
      'arn:aws:kms:eu-west-1:111111111111:alias/active-active-data',
    );
    expect(copyVaultArn(c)).toBe(
      'arn:aws:backup:eu-west-1:111111111111:backup-vault:active-active-backup-copies',
    );
  });

  it('knows the partition of China and GovCloud regions', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('eu-central-2')).toBe('aws');
  });

  it('fits every AWS name limit with the longest appName (26) and the longest region name', () => {
    const region = [...SUPPORTED_REGIONS].sort((a, b) => b.length - a.length)[0];
    const longest = parseConfig({
      ...BASE_CONFIG,
      appName: `a${'b'.repeat(24)}c`,
      regions: [BASE_CONFIG.primaryRegion, region],
    });
    expect(longest.appName).toHaveLength(26);
    expect(region).toHaveLength(14);
    // Limits from each service's API reference: CloudFormation stack names 128, DynamoDB table names
    // 255, KMS alias names 256, AWS Backup vault names 2-50 (^[a-zA-Z0-9\-\_]{2,50}$) and plan names 50,
    // WAF web ACL names 128, CloudWatch Logs group names 512.
    const limits: [string, number][] = [
      [regionalStackName(longest, region), 128],
      [identityStackName(longest), 128],
      [healthAlarmsStackName(longest), 128],
      [tableName(longest), 255],
      [dataKeyAlias(longest), 256],
      [copyVaultName(longest), 50],
      [`${longest.appName}-backup`, 50],
      [backupPlanName(longest), 50],
      [copyVaultKeyAlias(longest), 256],
      [webAclName(longest, region), 128],
      [wafLogGroupName(longest, region), 512],
    ];
    for (const [name, limit] of limits)
      expect({ name, fits: name.length <= limit }).toEqual({ name, fits: true });
    expect(copyVaultName(longest)).toMatch(/^[a-zA-Z0-9\-_]{2,50}$/);
  });
});
