import { Match, Template } from 'aws-cdk-lib/assertions';
import { BackupCopyVault } from '../../../lib/constructs/backup-copy-vault';
import { stackWithKey, testStack } from '../../helpers/stack';

describe('BackupCopyVault', () => {
  it('is a retained vault with the deterministic name, encrypted with its own retained, rotated key', () => {
    const { stack, key: dataKey } = stackWithKey('eu-west-1');
    const copy = new BackupCopyVault(stack, 'Copy', {
      vaultName: 'app-backup-copies',
      keyAlias: 'alias/app-backup-copies',
      retentionDays: 90,
    });
    const template = Template.fromStack(stack);
    const ownKey = stack.getLogicalId(copy.key.node.defaultChild as never);
    expect(ownKey).not.toBe(stack.getLogicalId(dataKey.node.defaultChild as never));
    template.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'app-backup-copies',
        EncryptionKeyArn: { 'Fn::GetAtt': [ownKey, 'Arn'] },
        LockConfiguration: Match.absent(),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/app-backup-copies',
      TargetKeyId: { 'Fn::GetAtt': [ownKey, 'Arn'] },
    });
  });

  it('governance lock: minimum retention = the copy retention, no ChangeableForDays, no maximum', () => {
    const stack = testStack('eu-west-1');
    new BackupCopyVault(stack, 'Copy', {
      vaultName: 'vault',
      keyAlias: 'alias/v',
      retentionDays: 90,
      vaultLock: { mode: 'governance' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: {
        MinRetentionDays: 90,
        ChangeableForDays: Match.absent(),
        MaxRetentionDays: Match.absent(),
      },
    });
  });

  it('compliance lock: ChangeableForDays from the config', () => {
    const stack = testStack('eu-west-1');
    new BackupCopyVault(stack, 'Copy', {
      vaultName: 'vault',
      keyAlias: 'alias/v',
      retentionDays: 120,
      vaultLock: { mode: 'compliance', changeableForDays: 7 },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 120, ChangeableForDays: 7, MaxRetentionDays: Match.absent() },
    });
  });

  it('mode none: no lock', () => {
    const stack = testStack('eu-west-1');
    new BackupCopyVault(stack, 'Copy', {
      vaultName: 'vault',
      keyAlias: 'alias/v',
      retentionDays: 120,
      vaultLock: { mode: 'none' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: Match.absent(),
    });
  });
});
