import { RemovalPolicy } from 'aws-cdk-lib';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type VaultLockSettings, vaultLockConfiguration } from './vault-lock';

/** Props of {@link BackupCopyVault}. */
export interface BackupCopyVaultProps {
  /** Deterministic name, so the primary region's plan can build its ARN from the config. */
  readonly vaultName: string;
  /** Alias of the vault's own key, e.g. `alias/<appName>-backup-copies`. */
  readonly keyAlias: string;
  /** Days a copy is kept: the Vault Lock's minimum retention. */
  readonly retentionDays: number;
  /**
   * Vault Lock of the vault.
   * @default - no lock
   */
  readonly vaultLock?: VaultLockSettings;
}

/**
 * The vault in the copy region that receives the table's recovery points; retained. It has its own
 * customer-managed key, not the key of the region's table replica, so that losing, disabling or
 * scheduling the deletion of the data key (by mistake or by an attacker) cannot also make the off-site
 * copies unreadable.
 */
export class BackupCopyVault extends Construct {
  public readonly vault: BackupVault;
  public readonly key: Key;

  constructor(scope: Construct, id: string, props: BackupCopyVaultProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: props.keyAlias,
      description: 'Encrypts the backup copies of the global table in this region (and nothing else)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: props.vaultLock && vaultLockConfiguration(props.vaultLock, props.retentionDays),
    });
  }
}
