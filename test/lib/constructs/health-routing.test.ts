import { Template } from 'aws-cdk-lib/assertions';
import { Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
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

function routing(
  role: RoutingRole,
  extra:
    | Partial<HealthRoutingProps>
    | ((stack: ReturnType<typeof testStack>) => Partial<HealthRoutingProps>) = {},
): Template {
  const stack = testStack('eu-west-1');
  const more = typeof extra === 'function' ? extra(stack) : extra;
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
    ...more,
  });
  return Template.fromStack(stack);
}

/** Two alarms named like ItemRouteHealthAlarms' (any alarm does: HealthRouting reads only the name). */
const withAlarms =
  (insufficientData: 'Healthy' | 'LastKnownStatus' = 'Healthy') =>
  (stack: ReturnType<typeof testStack>): Partial<HealthRoutingProps> => {
    const alarm = (name: string) =>
      new Alarm(stack, name, {
        alarmName: `app-eu-west-1-routing-${name}`,
        metric: new Metric({ namespace: 'AWS/ApiGateway', metricName: 'Latency' }),
        threshold: 1,
        evaluationPeriods: 1,
      });
    return {
      itemRouteAlarms: {
        alarms: new Map([
          ['GetItemsErrors', alarm('GetItemsErrors')],
          ['GetItemsLatency', alarm('GetItemsLatency')],
        ]),
        insufficientData,
      },
    };
  };

const checksOfType = (t: Template, type: string) =>
  Object.entries(t.findResources('AWS::Route53::HealthCheck')).filter(
    ([, c]) => c.Properties.HealthCheckConfig.Type === type,
  );

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

  describe('with item-route alarms', () => {
    const t = routing('latency', withAlarms());
    const [[httpsId]] = checksOfType(t, 'HTTPS');
    const alarmChecks = checksOfType(t, 'CLOUDWATCH_METRIC');
    const [[calculatedId, calculated]] = checksOfType(t, 'CALCULATED');
    const alarmRef = (name: string) => ({
      Ref: Object.keys(t.findResources('AWS::CloudWatch::Alarm')).find((id) => id.startsWith(name)),
    });

    it('keeps the /health check as it was (same logical id, same settings)', () => {
      expect(httpsId).toBe(Object.keys(latency.findResources('AWS::Route53::HealthCheck'))[0]);
      expect(t.toJSON().Resources[httpsId]).toEqual(latency.toJSON().Resources[httpsId]);
    });

    it('watches each alarm with a CLOUDWATCH_METRIC check in the stack region, healthy without data', () => {
      expect(alarmChecks.map(([, c]) => c.Properties.HealthCheckConfig)).toEqual([
        {
          Type: 'CLOUDWATCH_METRIC',
          AlarmIdentifier: { Name: alarmRef('GetItemsErrors'), Region: 'eu-west-1' },
          InsufficientDataHealthStatus: 'Healthy',
          Inverted: false,
        },
        {
          Type: 'CLOUDWATCH_METRIC',
          AlarmIdentifier: { Name: alarmRef('GetItemsLatency'), Region: 'eu-west-1' },
          InsufficientDataHealthStatus: 'Healthy',
          Inverted: false,
        },
      ]);
    });

    it('passes LastKnownStatus through when the config asks for it', () => {
      const last = checksOfType(routing('latency', withAlarms('LastKnownStatus')), 'CLOUDWATCH_METRIC');
      expect(last.map(([, c]) => c.Properties.HealthCheckConfig.InsufficientDataHealthStatus)).toEqual([
        'LastKnownStatus',
        'LastKnownStatus',
      ]);
    });

    it('routes on a CALCULATED check that needs every child healthy: /health AND each alarm', () => {
      expect(calculated.Properties.HealthCheckConfig).toEqual({
        Type: 'CALCULATED',
        ChildHealthChecks: [{ Ref: httpsId }, ...alarmChecks.map(([id]) => ({ Ref: id }))],
        HealthThreshold: 3,
        Inverted: false,
      });
      expect(records(t).find((r) => r.Name === 'api.example.com.')?.HealthCheckId).toEqual({
        Ref: calculatedId,
      });
    });

    it('tags every check with AppName and AppRegion, and names what each one is', () => {
      const names = Object.values(t.findResources('AWS::Route53::HealthCheck')).map((c) => {
        const tags = c.Properties.HealthCheckTags as { Key: string; Value: string }[];
        expect(tags).toEqual(
          expect.arrayContaining([
            { Key: 'AppName', Value: 'app' },
            { Key: 'AppRegion', Value: 'eu-west-1' },
          ]),
        );
        return tags.find((x) => x.Key === 'Name')?.Value;
      });
      expect(names.sort()).toEqual([
        'app eu-west-1',
        'app eu-west-1 item-route alarm GetItemsErrors',
        'app eu-west-1 item-route alarm GetItemsLatency',
        'app eu-west-1 routing (/health and item-route alarms)',
      ]);
    });

    it('describes the routing check for the us-east-1 alarm; without alarms it is the /health check', () => {
      const stack = testStack('eu-west-1');
      const build = (id: string, extra: Partial<HealthRoutingProps>) =>
        new HealthRouting(stack, id, {
          hostedZone: HostedZone.fromHostedZoneAttributes(stack, `Zone${id}`, {
            hostedZoneId: 'Z0123456789EXAMPLE',
            zoneName: 'example.com',
          }),
          appName: 'app',
          domainName: 'api.example.com',
          regionalDomainName: 'eu-west-1.api.example.com',
          role: 'latency',
          sharedTarget: target('shared.execute-api'),
          regionalTarget: target('regional.execute-api'),
          ...extra,
        });
      const plain = build('Plain', {});
      expect(plain.routingHealthCheck).toBe(plain.healthCheck);
      expect(plain.routingHealthSettings).toBe('HTTPS every 30 s, latency not measured');
      const calc = build('Calc', withAlarms()(stack));
      expect(calc.routingHealthCheck).not.toBe(calc.healthCheck);
      expect(calc.routingHealthSettings).toBe(
        'CALCULATED: all of HTTPS every 30 s, latency not measured and 2 item-route alarm checks',
      );
    });
  });

  it('refuses the pool role without a pool name', () => {
    expect(() => routing('failover-pool', { failoverPoolName: undefined })).toThrow(/failoverPoolName/);
  });
});
