import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type VaultLockSettings, vaultLockConfiguration } from './vault-lock';

/** Props of {@link TableBackup}. */
export interface TableBackupProps {
  readonly table: ITableV2;
  /** Key of the local vault. */
  readonly key: IKey;
  /** Name of the local vault. */
  readonly vaultName: string;
  /** Name of the backup plan; unique in the account and region (e.g. `<appName>-table-backup`). */
  readonly planName: string;
  /** Days a daily recovery point is kept locally. */
  readonly retentionDays: number;
  /** ARN of the vault in another region that receives a copy of every recovery point. */
  readonly copyVaultArn: string;
  /** Days a copy is kept in the other region. */
  readonly copyRetentionDays: number;
  /**
   * Vault Lock of the local vault (minimum retention = `retentionDays`).
   * @default - no lock
   */
  readonly vaultLock?: VaultLockSettings;
}

/**
 * AWS Backup for the table: a KMS-encrypted vault, a daily rule, and a copy of each recovery point to a
 * vault in another region (off-site recovery if the table's whole region, or the table itself, is lost).
 */
export class TableBackup extends Construct {
  public readonly vault: BackupVault;
  public readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: props.vaultLock && vaultLockConfiguration(props.vaultLock, props.retentionDays),
    });
    this.plan = new BackupPlan(this, 'Plan', { backupPlanName: props.planName, backupVault: this.vault });
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'daily',
        // 03:00 UTC, away from most business hours; PITR covers the time in between.
        scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }),
        deleteAfter: Duration.days(props.retentionDays),
        copyActions: [
          {
            destinationBackupVault: BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyVaultArn),
            deleteAfter: Duration.days(props.copyRetentionDays),
          },
        ],
      }),
    );
    const selection = this.plan.addSelection('Table', {
      backupSelectionName: `${props.planName}-table`,
      resources: [BackupResource.fromArn(props.table.tableArn)],
    });
    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      Validations.of(selection).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason: `${policy} is the AWS-maintained least-privilege policy of the AWS Backup service role.`,
      });
    }
  }
}
