import type { AppConfig } from '../config/app-config';

/**
 * Every physical name that one stack needs from another region. They are derived from the config alone,
 * so stacks in different regions agree on them without cross-region references.
 */

/** Route 53 publishes health-check metrics only here, so health-check alarms must live here too. */
export const HEALTH_METRICS_REGION = 'us-east-1';

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export const regionalStackName = (c: AppConfig, region: string) => `${c.appName}-${region}`;
export const identityStackName = (c: AppConfig) => `${c.appName}-identity`;
export const healthAlarmsStackName = (c: AppConfig) => `${c.appName}-health-alarms`;

/** The global table's name: the same in every region. */
export const tableName = (c: Pick<AppConfig, 'appName'>) => `${c.appName}-data`;

/** Alias of each region's data key (table replica, logs, alert topic). */
export const dataKeyAlias = (c: AppConfig) => `alias/${c.appName}-data`;

/** ARN of a region's data key alias; DynamoDB accepts alias ARNs for replica keys. */
export const dataKeyAliasArn = (c: AppConfig, region: string) =>
  `arn:${partitionOf(region)}:kms:${region}:${c.account}:${dataKeyAlias(c)}`;

/**
 * The AWS Backup vault in `backup.copyRegion` that receives copies of every recovery point. Renamed from
 * `<appName>-backup-copy` when the vault got its own key: a vault's key cannot change in place, and the
 * replacement needs a new name (the old vault is retained with its copies until they expire).
 */
export const copyVaultName = (c: AppConfig) => `${c.appName}-backup-copies`;

/** Alias of the copy vault's own key (never the copy region's data key). */
export const copyVaultKeyAlias = (c: AppConfig) => `alias/${c.appName}-backup-copies`;

export const copyVaultArn = (c: AppConfig) =>
  `arn:${partitionOf(c.backup.copyRegion)}:backup:${c.backup.copyRegion}:${c.account}:backup-vault:${copyVaultName(c)}`;

/**
 * Name of a region's REST API. API Gateway keys its CloudWatch metrics (5xx, latency, count) by `ApiName`,
 * so the name must be unique in the account and region, or the alarms of two APIs would watch each other.
 */
export const apiName = (c: Pick<AppConfig, 'appName'>, region: string) => `${c.appName}-${region}`;

/** Name of the AWS Backup plan of the table (the plan's name is what the console and job reports show). */
export const backupPlanName = (c: Pick<AppConfig, 'appName'>) => `${c.appName}-table-backup`;

/** Name of a region's AWS WAF web ACL. */
export const webAclName = (c: Pick<AppConfig, 'appName'>, region: string) => `${c.appName}-${region}`;

/** AWS WAF writes logs only to a destination whose name starts with `aws-waf-logs-`. */
export const wafLogGroupName = (c: Pick<AppConfig, 'appName'>, region: string) =>
  `aws-waf-logs-${c.appName}-${region}`;

/**
 * Name of a region's composite "unhealthy" alarm (RegionAlarms). Fixed, so that the bake step finds it from
 * the config alone, whichever way the region was deployed (pipeline, GitHub Actions, `cdk deploy`).
 */
export const regionUnhealthyAlarmName = (c: Pick<AppConfig, 'appName'>, region: string) =>
  `${c.appName}-${region}-unhealthy`;

/**
 * Name of the alarm, in region `from`, on the SuccessPercent of the canary that probes `target` (another
 * region, or `shared` for the shared hostname). Alarm names allow 255 characters, so the full names fit;
 * the canaries themselves keep their short hashed names (`canaryName`, 21 characters).
 */
export const canaryAlarmName = (c: Pick<AppConfig, 'appName'>, from: string, target: string) =>
  `${c.appName}-${from}-unreachable-${target}`;
