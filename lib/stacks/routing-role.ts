import type { AppConfig } from '../config/app-config';
import type { RoutingRole } from '../constructs/health-routing';

/** Name of the latency pool of non-primary regions used as SECONDARY with more than two regions. */
export const failoverPoolName = (c: AppConfig) => `failover-pool.${c.domainName}`;

/** What a region's record for the shared hostname is (see {@link RoutingRole}). */
export function routingRoleOf(c: AppConfig, region: string): RoutingRole {
  if (c.routing === 'latency') return 'latency';
  if (region === c.primaryRegion) return 'failover-primary';
  return c.regions.length > 2 ? 'failover-pool' : 'failover-secondary';
}

/** Whether this region's stack holds the SECONDARY alias to the failover pool. */
export function holdsSecondaryPoolAlias(c: AppConfig, region: string): boolean {
  return c.routing === 'failover' && c.regions.length > 2 && region === c.primaryRegion;
}
