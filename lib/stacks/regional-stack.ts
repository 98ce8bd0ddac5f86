import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayDomain } from 'aws-cdk-lib/aws-route53-targets';
import type { Construct } from 'constructs';
import { AUTHORIZER_HANDLER, isResourceRouteHandler, ROUTES } from '../../functions/routes';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';
import { type AppConfig, regionalHostname } from '../config/app-config';
import type { TrafficShifting } from '../config/pipeline-config';
import { AlertTopic } from '../constructs/alert-topic';
import { BackupCopyVault } from '../constructs/backup-copy-vault';
import { BackupJobAlerts } from '../constructs/backup-job-alerts';
import { ChaosExperiments } from '../constructs/chaos-experiments';
import { GlobalTable } from '../constructs/global-table';
import { GradualRollout } from '../constructs/gradual-rollout';
import { HealthCanaries } from '../constructs/health-canaries';
import { HealthRouting } from '../constructs/health-routing';
import { ItemRouteHealthAlarms } from '../constructs/item-route-health-alarms';
import { JwksSigningKeyReplica, jwksSignerRoleName } from '../constructs/jwks-signing-key';
import { JwksTamperAlarms } from '../constructs/jwks-tamper-alarms';
import { RegionAlarms } from '../constructs/region-alarms';
import { RegionDashboard } from '../constructs/region-dashboard';
import { RegionKey } from '../constructs/region-key';
import { RegionalApi } from '../constructs/regional-api';
import { ReplicationHeartbeat } from '../constructs/replication-heartbeat';
import { functionId, ServiceFunctions } from '../constructs/service-functions';
import { TableBackup } from '../constructs/table-backup';
import { WebAcl } from '../constructs/web-acl';
import {
  apiName,
  backupPlanName,
  canaryAlarmName,
  copyVaultArn,
  copyVaultKeyAlias,
  copyVaultName,
  dataKeyAlias,
  dataKeyAliasArn,
  regionalStackName,
  regionUnhealthyAlarmName,
  tableName,
  wafLogGroupName,
  webAclName,
} from './names';
import { failoverPoolName, holdsSecondaryPoolAlias, routingRoleOf } from './routing-role';

/** Props of {@link RegionalStack}. */
export interface RegionalStackProps extends StackProps {
  readonly config: AppConfig;
  /** Token issuer of the user pool (may be a cross-region reference). */
  readonly jwtIssuer: string;
  /** App client id (may be a cross-region reference). */
  readonly jwtClientId: string;
  /**
   * Publish every function with a `live` alias shifted by CodeDeploy (lib/constructs/gradual-rollout.ts).
   * @default - none: API Gateway invokes the functions directly (direct `cdk deploy`, no pipeline)
   */
  readonly trafficShifting?: TrafficShifting;
  /** ARN of the multi-Region JWKS signing key in `primaryRegion`; other regions replicate it. */
  readonly jwksSigningKeyArn: string;
}

/**
 * Everything one region serves with. The primary region's stack also owns the global table (with a
 * replica per other region) and its backup plan; the copy region's stack owns the backup copy vault.
 * Stacks of other regions reference their replica by its name.
 */
export class RegionalStack extends Stack {
  public readonly key: RegionKey;
  public readonly table: ITableV2;
  public readonly api: RegionalApi;
  public readonly routing: HealthRouting;
  public readonly alarms: RegionAlarms;
  public readonly rollout?: GradualRollout;

  constructor(scope: Construct, id: string, props: RegionalStackProps) {
    super(scope, id, props);
    const c = props.config;
    const region = this.region;
    const others = c.regions.filter((r) => r !== region);
    this.key = new RegionKey(this, 'DataKey', { aliasName: dataKeyAlias(c) });

    if (region === c.primaryRegion) {
      const table = new GlobalTable(this, 'GlobalTable', {
        tableName: tableName(c),
        encryptionKey: this.key.key,
        replicaKeyArns: Object.fromEntries(others.map((r) => [r, dataKeyAliasArn(c, r)])),
        pitrRecoveryDays: c.pitrRecoveryDays,
      }).table;
      new TableBackup(this, 'Backup', {
        table,
        key: this.key.key,
        vaultName: `${c.appName}-backup`,
        planName: backupPlanName(c),
        retentionDays: c.backup.retentionDays,
        copyVaultArn: copyVaultArn(c),
        copyRetentionDays: c.backup.copyRetentionDays,
        vaultLock: c.backup.vaultLock,
      });
      this.table = table;
    } else {
      this.table = TableV2.fromTableAttributes(this, 'Table', {
        tableName: tableName(c),
        encryptionKey: this.key.key,
        globalIndexes: Object.values(TABLE_SCHEMA.indexes).map((i) => i.name),
      });
    }
    if (region === c.backup.copyRegion) {
      new BackupCopyVault(this, 'BackupCopyVault', {
        vaultName: copyVaultName(c),
        keyAlias: copyVaultKeyAlias(c),
        retentionDays: c.backup.copyRetentionDays,
        vaultLock: c.backup.vaultLock,
      });
    }

    const logRetentionDays = c.logRetentionDays as RetentionDays;
    const jwksSigningKey =
      region === c.primaryRegion
        ? Key.fromKeyArn(this, 'JwksSigningKey', props.jwksSigningKeyArn)
        : new JwksSigningKeyReplica(this, 'JwksSigningKey', {
            appName: c.appName,
            primaryKeyArn: props.jwksSigningKeyArn,
          }).key;
    const functions = new ServiceFunctions(this, 'Functions', {
      routes: ROUTES,
      authorizerHandler: AUTHORIZER_HANDLER,
      table: this.table,
      key: this.key.key,
      logRetentionDays,
      jwtIssuer: props.jwtIssuer,
      jwtClientId: props.jwtClientId,
      adminGroup: c.cognito.adminGroup,
      serviceName: c.appName,
      jwksSigningKey,
      authorizerRoleName: jwksSignerRoleName(c.appName, region),
    });
    this.rollout = props.trafficShifting
      ? new GradualRollout(this, 'Rollout', {
          functions: functions.byHandler,
          authorizer: functions.authorizer,
          trafficShifting: props.trafficShifting,
        })
      : undefined;
    const hostedZone = HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: c.hostedZoneId,
      zoneName: c.hostedZoneName,
    });
    this.api = new RegionalApi(this, 'Api', {
      restApiName: apiName(c, region),
      description: `${c.appName}: API in ${region}`,
      routes: ROUTES,
      functions: this.rollout?.aliases ?? functions.byHandler,
      authorizerFunction: this.rollout?.authorizerAlias ?? functions.authorizer,
      domainName: c.domainName,
      regionalDomainName: regionalHostname(c, region),
      hostedZone,
      logKey: this.key.key,
      logRetentionDays,
    });
    this.rollout?.watchRoutes(this.api.api, ROUTES);
    new WebAcl(this, 'Waf', {
      name: webAclName(c, region),
      logging: {
        logGroupName: wafLogGroupName(c, region),
        key: this.key.key,
        retentionDays: logRetentionDays,
      },
      resourceArn: this.api.api.deploymentStage.stageArn,
      rateLimit: c.wafRateLimit,
      metricPrefix: `${c.appName}-${region}`,
    });
    const itemRouteAlarm = c.healthCheck.itemRouteAlarm;
    const itemRouteAlarms = itemRouteAlarm.enabled
      ? new ItemRouteHealthAlarms(this, 'RoutingAlarms', {
          api: this.api.api,
          routes: ROUTES,
          namePrefix: `${c.appName}-${region}`,
          errorRatePercent: itemRouteAlarm.errorRatePercent,
          averageLatencyMs: itemRouteAlarm.averageLatencyMs,
          period: Duration.seconds(itemRouteAlarm.periodSeconds),
          evaluationPeriods: itemRouteAlarm.evaluationPeriods,
        })
      : undefined;
    this.routing = new HealthRouting(this, 'Routing', {
      hostedZone,
      appName: c.appName,
      domainName: c.domainName,
      regionalDomainName: regionalHostname(c, region),
      role: routingRoleOf(c, region),
      sharedTarget: new ApiGatewayDomain(this.api.sharedDomain),
      regionalTarget: new ApiGatewayDomain(this.api.regionalDomain),
      failoverPoolName: failoverPoolName(c),
      secondaryPoolAlias: holdsSecondaryPoolAlias(c, region),
      intervalSeconds: c.healthCheck.intervalSeconds,
      failureThreshold: c.healthCheck.failureThreshold,
      itemRouteAlarms: itemRouteAlarms && {
        alarms: itemRouteAlarms.alarms,
        insufficientData: itemRouteAlarm.insufficientData,
      },
    });

    const topic = new AlertTopic(this, 'Alerts', {
      key: this.key.key,
      email: c.alarmEmail,
      displayName: `${c.appName} ${region} alerts`,
    }).topic;
    new JwksTamperAlarms(this, 'JwksTamper', {
      tableName: tableName(c),
      authorizerRoleName: jwksSignerRoleName(c.appName, region),
      serviceName: c.appName,
      topic,
    });
    // Keyed by construct-safe names (ItemsCreate, Authorizer): they become alarm ids and labels.
    const watched = new Map([...functions.byHandler].map(([h, fn]) => [functionId(h), fn]));
    watched.set('Authorizer', functions.authorizer);
    this.alarms = new RegionAlarms(this, 'Alarms', {
      api: this.api.api,
      routes: ROUTES,
      functions: watched,
      tableName: tableName(c),
      replicaRegions: others,
      unhealthyAlarmName: regionUnhealthyAlarmName(c, region),
      topic,
    });
    if (region === c.primaryRegion || region === c.backup.copyRegion) {
      new BackupJobAlerts(this, 'BackupAlerts', { topic, topicKey: this.key.key });
    }
    new ReplicationHeartbeat(this, 'ReplicationHeartbeat', { table: this.table, key: this.key.key });
    // Pages from here when another region (or the shared hostname) fails: Route 53's alarms live only in
    // us-east-1, so without these nothing outside us-east-1 would notice us-east-1 going down.
    const canaries = new HealthCanaries(this, 'Canaries', {
      targets: [
        ...others.map((r) => ({
          name: r,
          url: `https://${regionalHostname(c, r)}/health`,
          expectedRegion: r,
        })),
        { name: 'shared', url: `https://${c.domainName}/health` },
      ],
      scope: regionalStackName(c, region),
      alarmName: (target) => canaryAlarmName(c, region, target),
      topic,
      key: this.key.key,
    });
    new RegionDashboard(this, 'Dashboard', {
      dashboardName: regionalStackName(c, region),
      api: this.api.api,
      functions: watched,
      tableName: tableName(c),
      replicaRegions: others,
      alarms: [...this.alarms.alarms, this.alarms.regionUnhealthy, ...canaries.alarms.values()],
    });
    if (c.chaos.enabled) {
      new ChaosExperiments(this, 'Chaos', {
        appName: c.appName,
        tableArn: this.table.tableArn,
        itemFunctions: [...functions.byHandler]
          .filter(([h]) => isResourceRouteHandler(h))
          .map(([, fn]) => fn),
        // The region fails its users, or users of the shared hostname cannot reach the app: stop at once.
        stopAlarms: [
          this.alarms.regionUnhealthy,
          ...[canaries.alarms.get('shared')].filter((a) => a !== undefined),
        ],
        maxDuration: Duration.minutes(c.chaos.maxDurationMinutes),
        invocationPercentage: c.chaos.invocationPercentage,
        startupDelayMilliseconds: c.chaos.startupDelayMilliseconds,
      });
    }
  }
}
