import type { AppConfigInput } from '../../../lib/config/app-config';
import { parseConfig } from '../../../lib/config/app-config';
import { failoverPoolName, holdsSecondaryPoolAlias, routingRoleOf } from '../../../lib/stacks/routing-role';
import { BASE_CONFIG } from '../../helpers/app';

const config = (o: Partial<AppConfigInput>) => parseConfig({ ...BASE_CONFIG, ...o });

describe('routingRoleOf', () => {
  it('is latency for every region in latency mode', () => {
    const c = config({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] });
    expect(c.regions.map((r) => routingRoleOf(c, r))).toEqual(['latency', 'latency', 'latency']);
    expect(c.regions.some((r) => holdsSecondaryPoolAlias(c, r))).toBe(false);
  });

  it('is PRIMARY plus a pool of one, aliased by SECONDARY from the primary, with two regions', () => {
    const c = config({ routing: 'failover' });
    expect(routingRoleOf(c, 'us-east-1')).toBe('failover-primary');
    expect(routingRoleOf(c, 'eu-west-1')).toBe('failover-pool');
    expect(c.regions.filter((r) => holdsSecondaryPoolAlias(c, r))).toEqual(['us-east-1']);
  });

  it('puts non-primary regions in a pool, aliased by SECONDARY from the primary, with more regions', () => {
    const c = config({ routing: 'failover', regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] });
    expect(c.regions.map((r) => routingRoleOf(c, r))).toEqual([
      'failover-primary',
      'failover-pool',
      'failover-pool',
    ]);
    expect(c.regions.filter((r) => holdsSecondaryPoolAlias(c, r))).toEqual(['us-east-1']);
    expect(failoverPoolName(c)).toBe('failover-pool.api.example.com');
  });
});
