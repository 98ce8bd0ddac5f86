import { parseConfig } from '../../../lib/config/app-config';
import { copyVaultArn, dataKeyAliasArn, partitionOf, tableName } from '../../../lib/stacks/names';
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
});
