import { Duration } from 'aws-cdk-lib';
import type { LockConfiguration } from 'aws-cdk-lib/aws-backup';

/** How a vault is locked (config `backup.vaultLock`). */
export interface VaultLockSettings {
  /**
   * `none`: no lock. `governance`: a lock without ChangeableForDays, which principals allowed
   * `backup:DeleteBackupVaultLockConfiguration` can still change or remove. `compliance`: a lock with
   * ChangeableForDays; after that grace time it is immutable, for everybody, for ever.
   */
  readonly mode: 'none' | 'governance' | 'compliance';
  /** Compliance mode only (at least 3: AWS Backup's 72-hour cooling-off period). */
  readonly changeableForDays?: number;
}

/**
 * The Vault Lock of a vault whose rule keeps recovery points `retentionDays`: the minimum retention is
 * exactly that, so every scheduled backup or copy job still fits, and no maximum is set, so retention can
 * grow later. A lower `retentionDays` after a compliance lock's grace time makes every job into the vault
 * fail, and the lock update itself is refused.
 */
export function vaultLockConfiguration(
  settings: VaultLockSettings,
  retentionDays: number,
): LockConfiguration | undefined {
  if (settings.mode === 'none') return undefined;
  return {
    minRetention: Duration.days(retentionDays),
    changeableFor:
      settings.mode === 'compliance' ? Duration.days(settings.changeableForDays as number) : undefined,
  };
}
