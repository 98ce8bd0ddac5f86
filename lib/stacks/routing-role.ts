import type { AppConfig } from '../config/app-config';
import type { RoutingRole } from '../constructs/health-routing';

/** Name of the latency pool of the non-primary regions, which the SECONDARY failover record aliases. */
export const failoverPoolName = (c: AppConfig) => `failover-pool.${c.domainName}`;

/**
 * What a region's record for the shared hostname is (see {@link RoutingRole}). In failover mode every
 * non-primary region is in the pool, whatever the number of regions (with two, a pool of one): so adding
 * or removing a region never moves the SECONDARY record from one stack to another. A move could not
 * deploy: non-primary stacks deploy before the primary one, and Route 53 takes one SECONDARY record per
 * name and type, so a new SECONDARY in one stack would collide with the old one still in another.
 */
export function routingRoleOf(c: AppConfig, region: string): RoutingRole {
  if (c.routing === 'latency') return 'latency';
  return region === c.primaryRegion ? 'failover-primary' : 'failover-pool';
}

/** Whether this region's stack holds the SECONDARY alias to the failover pool: the primary's, always. */
export function holdsSecondaryPoolAlias(c: AppConfig, region: string): boolean {
  return c.routing === 'failover' && region === c.primaryRegion;
}
