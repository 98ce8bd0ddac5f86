import { Duration, Stack, Tags } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import {
  ARecord,
  Failover,
  HealthCheck,
  HealthCheckType,
  type IAliasRecordTarget,
  type IHostedZone,
  InsufficientDataHealthStatusEnum,
  type IRecordSet,
  RecordTarget,
} from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

/**
 * How this region answers the shared hostname:
 * - `latency`: a latency record for the shared hostname;
 * - `failover-primary`: the PRIMARY failover record;
 * - `failover-pool`: a latency record in the pool of non-primary regions that the SECONDARY failover
 *   record (held by the primary's stack, see `secondaryPoolAlias`) aliases.
 */
export type RoutingRole = 'latency' | 'failover-primary' | 'failover-pool';

/** Props of {@link HealthRouting}. */
export interface HealthRoutingProps {
  readonly hostedZone: IHostedZone;
  readonly appName: string;
  /** The shared public hostname. */
  readonly domainName: string;
  /** `<region>.<domainName>`: the health check's target and a direct way into this region. */
  readonly regionalDomainName: string;
  readonly role: RoutingRole;
  /** Alias target serving the shared hostname in this region. */
  readonly sharedTarget: IAliasRecordTarget;
  /** Alias target serving the regional hostname. */
  readonly regionalTarget: IAliasRecordTarget;
  /**
   * Name of the latency pool of non-primary regions; needed by `failover-pool` and `secondaryPoolAlias`.
   * @default - none; those two fail without it
   */
  readonly failoverPoolName?: string;
  /**
   * Also create the SECONDARY failover record of the shared hostname as an alias to the failover pool
   * (set in the primary region in failover mode). Its set identifier is `secondary`, never a region name.
   * @default false
   */
  readonly secondaryPoolAlias?: boolean;
  /** @default 30 */
  readonly intervalSeconds?: 10 | 30;
  /** @default 3 */
  readonly failureThreshold?: number;
  /**
   * Alarms the routing health also follows (ItemRouteHealthAlarms), by a readable id. With them, the
   * records follow a CALCULATED check over the `/health` check and one CLOUDWATCH_METRIC check per alarm.
   * @default - none: the records follow the `/health` check alone
   */
  readonly itemRouteAlarms?: ItemRouteAlarmChecks;
}

/** The alarms of {@link HealthRoutingProps.itemRouteAlarms} and how their checks read missing data. */
export interface ItemRouteAlarmChecks {
  /** Readable id (becomes part of the check's logical id and Name tag) → alarm in this stack's region. */
  readonly alarms: ReadonlyMap<string, IAlarm>;
  /** Route 53's InsufficientDataHealthStatus for each alarm's check (config `insufficientData`). */
  readonly insufficientData: 'Healthy' | 'LastKnownStatus';
}

/**
 * One region's routing: a Route 53 health check on `https://<region>.<domainName>/health` (tagged
 * `AppName` / `AppRegion`, which the drill relies on), the regional alias record, and this region's
 * latency or failover record for the shared hostname with the routing health check attached: the `/health`
 * check itself, or, with `itemRouteAlarms`, a CALCULATED check that is healthy only while the `/health`
 * check and every item-route alarm check are (HealthThreshold = number of children).
 */
export class HealthRouting extends Construct {
  /** The HTTPS check on `/health` (what the drill inverts to take the region out). */
  public readonly healthCheck: HealthCheck;
  /** What the records follow: the CALCULATED check when there is one, else `healthCheck`. */
  public readonly routingHealthCheck: HealthCheck;
  /**
   * The routing check as text: `healthCheckSettings`, or the calculated check's parts. Changes whenever the
   * routing check's id does (on/off of the item-route alarms, a replaced `/health` check).
   */
  public readonly routingHealthSettings: string;
  /**
   * The health check's create-only settings (`Type`, `RequestInterval`, `MeasureLatency`) as text. When
   * it changes, CloudFormation replaces the check and its id changes: whatever refers to the id from
   * another stack must change with it (HealthCheckAlarms puts it in each alarm's description).
   */
  public readonly healthCheckSettings: string;

  constructor(scope: Construct, id: string, props: HealthRoutingProps) {
    super(scope, id);
    const { region } = Stack.of(this);
    const type = HealthCheckType.HTTPS;
    const intervalSeconds = props.intervalSeconds ?? 30;
    this.healthCheck = new HealthCheck(this, 'HealthCheck', {
      type,
      fqdn: props.regionalDomainName,
      port: 443,
      resourcePath: '/health',
      enableSNI: true,
      requestInterval: Duration.seconds(intervalSeconds),
      failureThreshold: props.failureThreshold ?? 3,
      measureLatency: false,
    });
    this.healthCheckSettings = `${type} every ${intervalSeconds} s, latency not measured`;
    this.tag(this.healthCheck, props.appName, `${props.appName} ${region}`);
    this.routingHealthCheck = props.itemRouteAlarms
      ? this.calculated(props.appName, props.itemRouteAlarms)
      : this.healthCheck;
    this.routingHealthSettings = props.itemRouteAlarms
      ? `CALCULATED: all of ${this.healthCheckSettings} and ${props.itemRouteAlarms.alarms.size} item-route alarm checks`
      : this.healthCheckSettings;

    new ARecord(this, 'RegionalRecord', {
      zone: props.hostedZone,
      recordName: props.regionalDomainName,
      target: RecordTarget.fromAlias(props.regionalTarget),
    });
    this.addSharedRecord(props, region);
    if (props.secondaryPoolAlias) {
      new ARecord(this, 'SecondaryPoolRecord', {
        zone: props.hostedZone,
        recordName: props.domainName,
        setIdentifier: 'secondary',
        failover: Failover.SECONDARY,
        target: RecordTarget.fromAlias(new SameZoneAlias(requirePool(props), props.hostedZone)),
      });
    }
  }

  /**
   * A CLOUDWATCH_METRIC check per alarm and the CALCULATED parent over them and the `/health` check.
   * Every property involved updates in place (ChildHealthChecks, HealthThreshold, AlarmIdentifier,
   * InsufficientDataHealthStatus: "Update requires: No interruption"; only Type, RequestInterval and
   * MeasureLatency replace a check; AWS::Route53::HealthCheck HealthCheckConfig, CloudFormation reference),
   * so a replaced `/health` check or a changed alarm leaves the parent's id, which the records and the
   * us-east-1 alarm use, unchanged. A parent takes at most 256 children and cannot have calculated children.
   */
  private calculated(appName: string, checks: ItemRouteAlarmChecks): HealthCheck {
    const { region } = Stack.of(this);
    const children = [this.healthCheck as HealthCheck];
    for (const [name, alarm] of checks.alarms) {
      const child = new HealthCheck(this, `AlarmCheck${name}`, {
        type: HealthCheckType.CLOUDWATCH_METRIC,
        alarmIdentifier: { name: alarm.alarmName, region },
        insufficientDataHealthStatus:
          checks.insufficientData === 'Healthy'
            ? InsufficientDataHealthStatusEnum.HEALTHY
            : InsufficientDataHealthStatusEnum.LAST_KNOWN_STATUS,
      });
      this.tag(child, appName, `${appName} ${region} item-route alarm ${name}`);
      children.push(child);
    }
    const parent = new HealthCheck(this, 'RoutingHealth', {
      type: HealthCheckType.CALCULATED,
      childHealthChecks: children,
      // All children: the region serves only while /health passes AND no item-route alarm fires.
      healthThreshold: children.length,
    });
    this.tag(parent, appName, `${appName} ${region} routing (/health and item-route alarms)`);
    return parent;
  }

  private tag(check: HealthCheck, appName: string, name: string): void {
    Tags.of(check).add('Name', name);
    Tags.of(check).add('AppName', appName);
    Tags.of(check).add('AppRegion', Stack.of(this).region);
  }

  private addSharedRecord(props: HealthRoutingProps, region: string): void {
    const common = {
      zone: props.hostedZone,
      // Route 53 requires it on failover aliases; the attached health check decides for API Gateway targets.
      target: RecordTarget.fromAlias(new EvaluatedAlias(props.sharedTarget)),
      // HealthCheckId updates a record in place (AWS::Route53::RecordSet: "Update requires: No interruption").
      healthCheck: this.routingHealthCheck,
      setIdentifier: region,
    };
    switch (props.role) {
      case 'latency':
        new ARecord(this, 'SharedRecord', { ...common, recordName: props.domainName, region });
        return;
      case 'failover-primary':
        new ARecord(this, 'SharedRecord', {
          ...common,
          recordName: props.domainName,
          failover: Failover.PRIMARY,
        });
        return;
      case 'failover-pool':
        new ARecord(this, 'SharedRecord', { ...common, recordName: requirePool(props), region });
        return;
    }
  }
}

function requirePool(props: HealthRoutingProps): string {
  if (!props.failoverPoolName) throw new Error('failoverPoolName is required for the failover pool');
  return props.failoverPoolName;
}

/** Alias to another record set of the same hosted zone; healthy only while a healthy pool member exists. */
class SameZoneAlias implements IAliasRecordTarget {
  constructor(
    private readonly recordName: string,
    private readonly zone: IHostedZone,
  ) {}
  bind() {
    return { dnsName: this.recordName, hostedZoneId: this.zone.hostedZoneId, evaluateTargetHealth: true };
  }
}

/** Wraps an alias target so that Route 53 evaluates its health. */
class EvaluatedAlias implements IAliasRecordTarget {
  constructor(private readonly inner: IAliasRecordTarget) {}
  bind(record: IRecordSet, zone?: IHostedZone) {
    return { ...this.inner.bind(record, zone), evaluateTargetHealth: true };
  }
}
