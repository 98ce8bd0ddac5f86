import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BackupCopyVault } from '../../../lib/constructs/backup-copy-vault';
import { TableBackup } from '../../../lib/constructs/table-backup';
import { stackWithKey } from '../../helpers/stack';

describe('TableBackup', () => {
  const { stack, key } = stackWithKey('us-east-1');
  const copyVaultArn = 'arn:aws:backup:eu-west-1:111111111111:backup-vault:app-backup-copy';
  new TableBackup(stack, 'Backup', {
    table: TableV2.fromTableName(stack, 'Table', 'app-data'),
    key,
    vaultName: 'app-backup',
    retentionDays: 14,
    copyVaultArn,
    copyRetentionDays: 60,
  });
  const template = Template.fromStack(stack);

  it('keeps recovery points in a retained, KMS-encrypted vault', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'app-backup',
        EncryptionKeyArn: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
  });

  it("backs up daily with the retention and copies each point to the copy region's vault", () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          {
            RuleName: 'daily',
            ScheduleExpression: 'cron(0 3 * * ? *)',
            Lifecycle: { DeleteAfterDays: 14 },
            CopyActions: [{ DestinationBackupVaultArn: copyVaultArn, Lifecycle: { DeleteAfterDays: 60 } }],
            TargetBackupVault: { 'Fn::GetAtt': [Match.anyValue(), 'BackupVaultName'] },
          },
        ],
      },
    });
  });

  it('selects the table', () => {
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        Resources: [
          {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:us-east-1:111111111111:table/app-data'],
            ],
          },
        ],
      },
    });
  });
});

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
