/**
 * Route 53 considers an endpoint healthy when MORE than 18 % of its health checkers report it healthy,
 * and unhealthy at 18 % or fewer ("How Amazon Route 53 determines whether a health check is healthy",
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
 */
export const HEALTHY_CHECKER_FRACTION = 0.18;

/** A checker's report as GetHealthCheckStatus returns it, e.g. "Success: HTTP Status Code 200, OK". */
export interface CheckerReport {
  readonly status: string;
}

/**
 * The endpoint's own health from the checkers' reports. Checkers report what the endpoint answered;
 * Route 53 applies `Inverted` afterwards ("considers the health check unhealthy when the health checkers
 * mark the health check as healthy": https://repost.aws/knowledge-center/route-53-fix-unhealthy-health-checks).
 */
export function endpointConsensus(reports: readonly CheckerReport[]): { healthy: boolean; detail: string } {
  const ok = reports.filter((r) => r.status.startsWith('Success')).length;
  if (reports.length === 0) return { healthy: false, detail: 'no checker has reported yet' };
  return {
    healthy: ok / reports.length > HEALTHY_CHECKER_FRACTION,
    detail: `${ok}/${reports.length} checkers see the endpoint healthy`,
  };
}
