import { RemovalPolicy } from 'aws-cdk-lib';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Props of {@link BackupCopyVault}. */
export interface BackupCopyVaultProps {
  /** Deterministic name, so the primary region's plan can build its ARN from the config. */
  readonly vaultName: string;
  /** This region's key. */
  readonly key: IKey;
}

/** The KMS-encrypted vault in the copy region that receives the table's recovery points; retained. */
export class BackupCopyVault extends Construct {
  public readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: BackupCopyVaultProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
