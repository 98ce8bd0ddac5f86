import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { TableBackup } from '../../../lib/constructs/table-backup';
import { stackWithKey } from '../../helpers/stack';

describe('TableBackup', () => {
  const { stack, key } = stackWithKey('us-east-1');
  const copyVaultArn = 'arn:aws:backup:eu-west-1:111111111111:backup-vault:app-backup-copies';
  new TableBackup(stack, 'Backup', {
    table: TableV2.fromTableName(stack, 'Table', 'app-data'),
    key,
    vaultName: 'app-backup',
    planName: 'app-table-backup',
    retentionDays: 14,
    copyVaultArn,
    copyRetentionDays: 60,
    vaultLock: { mode: 'governance' },
  });
  const template = Template.fromStack(stack);

  it('keeps recovery points in a retained, KMS-encrypted vault', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'app-backup',
        EncryptionKeyArn: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'] },
        // Governance lock: minimum = the local retention, changeable (no ChangeableForDays), no maximum.
        LockConfiguration: { MinRetentionDays: 14 },
      },
      DeletionPolicy: 'Retain',
    });
  });

  it("backs up daily with the retention and copies each point to the copy region's vault", () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'app-table-backup',
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
        SelectionName: 'app-table-backup-table',
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
