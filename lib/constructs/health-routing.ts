import { Duration, Stack, Tags } from 'aws-cdk-lib';
import {
  ARecord,
  Failover,
  HealthCheck,
  HealthCheckType,
  type IAliasRecordTarget,
  type IHostedZone,
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
}

/**
 * One region's routing: a Route 53 health check on `https://<region>.<domainName>/health` (tagged
 * `AppName` / `AppRegion`, which the drill relies on), the regional alias record, and this region's
 * latency or failover record for the shared hostname with the health check attached.
 */
export class HealthRouting extends Construct {
  public readonly healthCheck: HealthCheck;
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
    Tags.of(this.healthCheck).add('Name', `${props.appName} ${region}`);
    Tags.of(this.healthCheck).add('AppName', props.appName);
    Tags.of(this.healthCheck).add('AppRegion', region);

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

  private addSharedRecord(props: HealthRoutingProps, region: string): void {
    const common = {
      zone: props.hostedZone,
      // Route 53 requires it on failover aliases; the attached health check decides for API Gateway targets.
      target: RecordTarget.fromAlias(new EvaluatedAlias(props.sharedTarget)),
      healthCheck: this.healthCheck,
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
