import { Match, Template } from 'aws-cdk-lib/assertions';
import { BackupCopyVault } from '../../../lib/constructs/backup-copy-vault';
import { stackWithKey } from '../../helpers/stack';

describe('BackupCopyVault', () => {
  it('is a retained, KMS-encrypted vault with the deterministic name', () => {
    const { stack, key } = stackWithKey('eu-west-1');
    new BackupCopyVault(stack, 'Copy', { vaultName: 'app-backup-copy', key });
    Template.fromStack(stack).hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'app-backup-copy',
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
  });
});
