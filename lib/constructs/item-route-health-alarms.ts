import { createHash } from 'node:crypto';
import type { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/routes';
import { methodMetric, routeId, userRoutes } from './route-metrics';

/** Props of {@link ItemRouteHealthAlarms}. */
export interface ItemRouteHealthAlarmsProps {
  readonly api: RestApi;
  /** Every route of the API; the authorized ones (the item routes) get two alarms each. */
  readonly routes: readonly RouteDefinition[];
  /** Start of every alarm name, `<appName>-<region>`: the drill finds the app's alarms by the app name. */
  readonly namePrefix: string;
  /** A route fails above this share of 5xx answers (percent). */
  readonly errorRatePercent: number;
  /** A route fails above this average latency (milliseconds). */
  readonly averageLatencyMs: number;
  /** One evaluation period: whole minutes (Route 53 watches standard-resolution alarms only). */
  readonly period: Duration;
  /** Periods in a row that must breach. */
  readonly evaluationPeriods: number;
}

/**
 * The alarms a region's routing health follows (HealthRouting turns each into a Route 53 CLOUDWATCH_METRIC
 * health check, children of the region's CALCULATED check): per item route, its 5xx rate and its average
 * latency. They are shaped for what Route 53 can watch:
 * - one metric each, never metric math, and no label (a labelled metric makes CDK write a `Metrics` array):
 *   Route 53 copies the alarm into `CloudWatchAlarmConfiguration`, which holds one namespace, metric name,
 *   dimensions and statistic (Route 53 API Reference, CloudWatchAlarmConfiguration);
 * - statistic Average, never p99: "Statistics: Average, Minimum, Maximum, Sum, and SampleCount. Extended
 *   statistics aren't supported" (Route 53 API Reference, AlarmIdentifier); so these are not the p99 alarms
 *   of RegionAlarms;
 * - standard resolution (periods of whole minutes): "High-resolution metrics aren't supported" (same page);
 * - no DatapointsToAlarm: Route 53 evaluates the data stream itself with EvaluationPeriods only, so an
 *   "M out of N" alarm would be read as "N out of N".
 *
 * Per route rather than one alarm over all of them: without metric math the only API-wide figure is the
 * stage's own metric (dimensions ApiName and Stage), which includes the Route 53 checkers' and canaries'
 * `/health` requests that would dilute the item routes' 5xx rate and latency (see `userRoutes`); one
 * figure over the item routes alone would need the handlers to publish it (an EMF metric) or a metric
 * filter on the access logs.
 *
 * No actions: the alarms on the routing health check (HealthCheckAlarms, us-east-1) page when a region
 * leaves DNS, and RegionAlarms already page on the item routes' 5xx rate and p99.
 */
export class ItemRouteHealthAlarms extends Construct {
  /** Readable id (`GetItemsIdErrors`, `GetItemsIdLatency`) → alarm, in route order. */
  public readonly alarms = new Map<string, Alarm>();

  constructor(scope: Construct, id: string, props: ItemRouteHealthAlarmsProps) {
    super(scope, id);
    const minutes = props.period.toMinutes();
    const window = `${props.evaluationPeriods} period${props.evaluationPeriods === 1 ? '' : 's'} of ${minutes} minute${minutes === 1 ? '' : 's'} in a row`;
    for (const route of userRoutes(props.routes)) {
      const rid = routeId(route);
      const kinds = [
        {
          kind: 'Errors',
          metricName: '5XXError' as const,
          // 5XXError is 1 for a 5xx answer and 0 otherwise, so its Average is the route's 5xx rate.
          threshold: props.errorRatePercent / 100,
          description: `more than ${props.errorRatePercent}% of ${route.method} ${route.path} requests answered 5xx`,
        },
        {
          kind: 'Latency',
          metricName: 'Latency' as const,
          threshold: props.averageLatencyMs,
          description: `${route.method} ${route.path} took more than ${props.averageLatencyMs} ms on average`,
        },
      ];
      for (const k of kinds) {
        const settings = {
          method: route.method,
          path: route.path,
          metricName: k.metricName,
          statistic: 'Average',
          periodSeconds: props.period.toSeconds(),
          threshold: k.threshold,
          comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: props.evaluationPeriods,
        };
        const alarm = new Alarm(this, `${rid}${k.kind}`, {
          metric: methodMetric(props.api, route, k.metricName, settings.statistic, props.period),
          alarmName: `${props.namePrefix}-routing-${rid}-${k.kind.toLowerCase()}-${settingsHash(settings)}`,
          alarmDescription: `Routing health (Route 53 takes the region out of DNS): ${k.description}, ${window}`,
          threshold: k.threshold,
          evaluationPeriods: props.evaluationPeriods,
          comparisonOperator: settings.comparison,
          // For the alarm's own state; Route 53 does not copy it and applies InsufficientDataHealthStatus.
          treatMissingData: TreatMissingData.NOT_BREACHING,
        });
        this.alarms.set(`${rid}${k.kind}`, alarm);
      }
    }
  }
}

/**
 * Route 53 copies an alarm's settings when the health check is created or updated and "doesn't
 * automatically update the alarm settings in the health check" afterwards ("Updating health checks when
 * you change CloudWatch alarm settings", Route 53 Developer Guide). With the settings' hash in the alarm
 * name, a new threshold makes a new alarm (AlarmName is create-only) and the health check's
 * `AlarmIdentifier.Name` changes, which CloudFormation applies with UpdateHealthCheck ("No interruption"),
 * and that makes Route 53 read the new settings.
 */
function settingsHash(settings: Record<string, string | number>): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 8);
}
