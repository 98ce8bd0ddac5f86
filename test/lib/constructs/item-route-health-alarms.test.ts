import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { ROUTES } from '../../../functions/routes';
import {
  ItemRouteHealthAlarms,
  type ItemRouteHealthAlarmsProps,
} from '../../../lib/constructs/item-route-health-alarms';
import { userRoutes } from '../../../lib/constructs/route-metrics';
import { testStack } from '../../helpers/stack';

type Settings = Omit<ItemRouteHealthAlarmsProps, 'api' | 'routes'>;

const DEFAULTS: Settings = {
  namePrefix: 'shop-eu-west-1',
  errorRatePercent: 5,
  averageLatencyMs: 3000,
  period: Duration.minutes(1),
  evaluationPeriods: 3,
};

function build(settings: Partial<Settings> = {}) {
  const stack = testStack('eu-west-1');
  const api = new RestApi(stack, 'Api', { restApiName: 'shop-eu-west-1' });
  api.root.addMethod('GET', new MockIntegration());
  const construct = new ItemRouteHealthAlarms(stack, 'RoutingAlarms', {
    api,
    routes: ROUTES,
    ...DEFAULTS,
    ...settings,
  });
  const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map(
    (a) => a.Properties,
  );
  return { construct, alarms };
}

/** Route 53 API Reference, AlarmIdentifier: the statistics a CLOUDWATCH_METRIC check accepts. */
const ROUTE53_STATISTICS = ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount'];

describe('ItemRouteHealthAlarms', () => {
  const { construct, alarms } = build();
  const items = userRoutes(ROUTES);

  it('has a 5xx-rate and an average-latency alarm per item route, none for /health or /openapi.json', () => {
    expect(items.length).toBeGreaterThan(0);
    expect(alarms).toHaveLength(items.length * 2);
    const watched = alarms.map((a) => {
      const dims = Object.fromEntries(
        (a.Dimensions as { Name: string; Value: unknown }[]).map((d) => [d.Name, d.Value]),
      );
      return `${a.MetricName} ${dims.Method} ${dims.Resource}`;
    });
    expect(watched.sort()).toEqual(
      items.flatMap((r) => [`5XXError ${r.method} ${r.path}`, `Latency ${r.method} ${r.path}`]).sort(),
    );
    expect([...construct.alarms.keys()]).toContain('GetItemsIdErrors');
    expect([...construct.alarms.keys()]).toContain('GetItemsIdLatency');
  });

  it('is shaped for Route 53: one metric, a plain statistic, whole minutes, every period must breach', () => {
    for (const a of alarms) {
      expect(ROUTE53_STATISTICS).toContain(a.Statistic);
      expect(a.ExtendedStatistic).toBeUndefined();
      expect(a.Metrics).toBeUndefined(); // no metric math
      expect(a.Namespace).toBe('AWS/ApiGateway');
      expect(a.Period % 60).toBe(0); // standard resolution
      expect(a.DatapointsToAlarm === undefined || a.DatapointsToAlarm === a.EvaluationPeriods).toBe(true);
    }
  });

  it('fires above the configured rate and average over the configured periods', () => {
    const errors = alarms.filter((a) => a.MetricName === '5XXError');
    const latency = alarms.filter((a) => a.MetricName === 'Latency');
    for (const a of errors) {
      expect(a).toMatchObject({
        Statistic: 'Average',
        Threshold: 0.05,
        ComparisonOperator: 'GreaterThanThreshold',
        Period: 60,
        EvaluationPeriods: 3,
      });
    }
    for (const a of latency) {
      expect(a).toMatchObject({
        Statistic: 'Average',
        Threshold: 3000,
        ComparisonOperator: 'GreaterThanThreshold',
        Period: 60,
        EvaluationPeriods: 3,
      });
    }
    const slow = build({ averageLatencyMs: 1500, period: Duration.minutes(5), evaluationPeriods: 2 }).alarms;
    expect(
      slow.filter((a) => a.MetricName === 'Latency').map((a) => [a.Threshold, a.Period, a.EvaluationPeriods]),
    ).toEqual(items.map(() => [1500, 300, 2]));
  });

  it('names each alarm after the app and region, so the drill finds it by the app name', () => {
    for (const a of alarms)
      expect(a.AlarmName).toMatch(/^shop-eu-west-1-routing-[A-Za-z]+-(errors|latency)-[0-9a-f]{8}$/);
  });

  it('changes an alarm name exactly when the settings Route 53 copies change (so the check re-reads them)', () => {
    const names = (settings: Partial<Settings>) =>
      new Map(
        build(settings).alarms.map((a) => [`${a.MetricName} ${JSON.stringify(a.Dimensions)}`, a.AlarmName]),
      );
    const base = names({});
    expect(names({})).toEqual(base);
    const changed = (settings: Partial<Settings>, metric: string) => {
      const other = names(settings);
      return [...base].filter(([k, v]) => k.startsWith(metric) && other.get(k) !== v).length;
    };
    expect(changed({ errorRatePercent: 2 }, '5XXError')).toBe(items.length);
    expect(changed({ errorRatePercent: 2 }, 'Latency')).toBe(0);
    expect(changed({ averageLatencyMs: 1000 }, 'Latency')).toBe(items.length);
    expect(changed({ averageLatencyMs: 1000 }, '5XXError')).toBe(0);
    expect(changed({ evaluationPeriods: 2 }, '')).toBe(items.length * 2);
    expect(changed({ period: Duration.minutes(2) }, '')).toBe(items.length * 2);
  });

  it('sends no notifications itself (the routing health check alarm in us-east-1 pages)', () => {
    for (const a of alarms) {
      expect(a.AlarmActions).toBeUndefined();
      expect(a.OKActions).toBeUndefined();
    }
  });
});
