import { Template } from 'aws-cdk-lib/assertions';
import { HostedZone, type IAliasRecordTarget } from 'aws-cdk-lib/aws-route53';
import {
  HealthRouting,
  type HealthRoutingProps,
  type RoutingRole,
} from '../../../lib/constructs/health-routing';
import { testStack } from '../../helpers/stack';

const target = (dnsName: string): IAliasRecordTarget => ({
  bind: () => ({ dnsName, hostedZoneId: 'ZAPIGW' }),
});

function routing(role: RoutingRole, extra: Partial<HealthRoutingProps> = {}): Template {
  const stack = testStack('eu-west-1');
  new HealthRouting(stack, 'Routing', {
    hostedZone: HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z0123456789EXAMPLE',
      zoneName: 'example.com',
    }),
    appName: 'app',
    domainName: 'api.example.com',
    regionalDomainName: 'eu-west-1.api.example.com',
    role,
    sharedTarget: target('shared.execute-api'),
    regionalTarget: target('regional.execute-api'),
    failoverPoolName: 'failover-pool.api.example.com',
    intervalSeconds: 10,
    failureThreshold: 2,
    ...extra,
  });
  return Template.fromStack(stack);
}

const records = (t: Template) =>
  Object.values(t.findResources('AWS::Route53::RecordSet')).map((r) => r.Properties) as {
    Name: string;
    Region?: string;
    Failover?: string;
    SetIdentifier?: string;
    HealthCheckId?: unknown;
    AliasTarget: { DNSName: string; EvaluateTargetHealth?: boolean };
  }[];

describe('HealthRouting', () => {
  const latency = routing('latency');
  const healthCheckRef = { Ref: Object.keys(latency.findResources('AWS::Route53::HealthCheck'))[0] };

  it('health-checks https://<region>.<domainName>/health with the configured interval and threshold', () => {
    latency.resourceCountIs('AWS::Route53::HealthCheck', 1);
    latency.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: {
        Type: 'HTTPS',
        FullyQualifiedDomainName: 'eu-west-1.api.example.com',
        Port: 443,
        ResourcePath: '/health',
        EnableSNI: true,
        RequestInterval: 10,
        FailureThreshold: 2,
        Inverted: false,
        MeasureLatency: false,
      },
    });
  });

  it("names the check's create-only settings, which the alarms in us-east-1 carry", () => {
    const stack = testStack('eu-west-1');
    const zone = HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z0123456789EXAMPLE',
      zoneName: 'example.com',
    });
    const settings = (intervalSeconds: 10 | 30) =>
      new HealthRouting(stack, `Routing${intervalSeconds}`, {
        hostedZone: zone,
        appName: 'app',
        domainName: 'api.example.com',
        regionalDomainName: 'eu-west-1.api.example.com',
        role: 'latency',
        sharedTarget: target('shared.execute-api'),
        regionalTarget: target('regional.execute-api'),
        intervalSeconds,
      }).healthCheckSettings;
    expect(settings(10)).toBe('HTTPS every 10 s, latency not measured');
    expect(settings(30)).toBe('HTTPS every 30 s, latency not measured');
  });

  it('tags the health check with AppName and AppRegion for the drill', () => {
    latency.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckTags: [
        { Key: 'AppName', Value: 'app' },
        { Key: 'AppRegion', Value: 'eu-west-1' },
        { Key: 'Name', Value: 'app eu-west-1' },
      ],
    });
  });

  it('creates the regional alias record without routing policy', () => {
    expect(records(latency).find((r) => r.Name === 'eu-west-1.api.example.com.')).toEqual({
      Name: 'eu-west-1.api.example.com.',
      Type: 'A',
      HostedZoneId: 'Z0123456789EXAMPLE',
      AliasTarget: { DNSName: 'regional.execute-api', HostedZoneId: 'ZAPIGW' },
    });
  });

  it('latency: a latency record for the shared name with the health check attached', () => {
    expect(records(latency).find((r) => r.Name === 'api.example.com.')).toMatchObject({
      Region: 'eu-west-1',
      SetIdentifier: 'eu-west-1',
      HealthCheckId: healthCheckRef,
      AliasTarget: { DNSName: 'shared.execute-api', EvaluateTargetHealth: true },
    });
    expect(records(latency).some((r) => r.Failover)).toBe(false);
  });

  it('failover-primary: a PRIMARY failover record with the health check attached', () => {
    const t = routing('failover-primary');
    const shared = records(t).filter((r) => r.Name === 'api.example.com.');
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({
      Failover: 'PRIMARY',
      SetIdentifier: 'eu-west-1',
      HealthCheckId: { Ref: expect.any(String) },
    });
    expect(shared[0].Region).toBeUndefined();
  });

  it('failover-pool: a latency record in the pool of non-primary regions, none for the shared name', () => {
    const t = routing('failover-pool');
    expect(records(t).filter((r) => r.Name === 'api.example.com.')).toHaveLength(0);
    expect(records(t).find((r) => r.Name === 'failover-pool.api.example.com.')).toMatchObject({
      Region: 'eu-west-1',
      SetIdentifier: 'eu-west-1',
      HealthCheckId: { Ref: expect.any(String) },
      AliasTarget: { DNSName: 'shared.execute-api' },
    });
  });

  it('secondaryPoolAlias: a SECONDARY record aliasing the pool in the same zone', () => {
    const t = routing('failover-primary', { secondaryPoolAlias: true });
    expect(records(t).find((r) => r.Failover === 'SECONDARY')).toEqual({
      Name: 'api.example.com.',
      Type: 'A',
      HostedZoneId: 'Z0123456789EXAMPLE',
      Failover: 'SECONDARY',
      SetIdentifier: 'secondary',
      AliasTarget: {
        DNSName: 'failover-pool.api.example.com',
        HostedZoneId: 'Z0123456789EXAMPLE',
        EvaluateTargetHealth: true,
      },
    });
  });

  it('refuses the pool role without a pool name', () => {
    expect(() => routing('failover-pool', { failoverPoolName: undefined })).toThrow(/failoverPoolName/);
  });
});
