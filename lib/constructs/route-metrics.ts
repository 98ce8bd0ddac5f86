import type { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { RouteDefinition } from '../../functions/routes';

/**
 * The routes whose metrics say what users see: every authorized route (the item routes). The public
 * routes are left out on purpose: Route 53 checkers call `/health` many times a minute from every checker
 * region, so at low user traffic their successes would dilute an API-wide 5xx rate or p99 until every item
 * route could fail without an alarm; `/openapi.json` is a static document fetched by tools.
 */
export function userRoutes(routes: readonly RouteDefinition[]): RouteDefinition[] {
  return routes.filter((r) => r.authorized);
}

/** A construct-safe, readable id per route: `GET /items/{id}` → `GetItemsId`. */
export function routeId(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return [route.method.toLowerCase(), ...route.path.split(/[^a-zA-Z0-9]+/)]
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

/**
 * One method's API Gateway metric. The stage publishes per-method metrics (`metricsEnabled`) with the
 * dimensions ApiName, Stage, Resource (the resource path with `{param}` placeholders) and Method.
 */
export function methodMetric(
  api: RestApi,
  route: Pick<RouteDefinition, 'method' | 'path'>,
  metricName: '5XXError' | '4XXError' | 'Count' | 'Latency' | 'IntegrationLatency',
  statistic: string,
  period: Duration,
): Metric {
  return new Metric({
    namespace: 'AWS/ApiGateway',
    metricName,
    dimensionsMap: {
      ApiName: api.restApiName,
      Stage: api.deploymentStage.stageName,
      Resource: route.path,
      Method: route.method,
    },
    statistic,
    period,
    // No label: a labelled metric turns an alarm into a metric-math alarm (Metrics array).
  });
}
