import { explainRouting } from '../../../lib/console/routing-reason';

const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const latencyMs = { 'us-east-1': 10, 'eu-west-1': 60, 'ap-southeast-2': 110 };
const healthyExcept =
  (...down: string[]) =>
  (r: string) =>
    !down.includes(r);

describe('explainRouting', () => {
  const base = { regions, latencyMs, primaryRegion: 'us-east-1' };

  it('latency: names the nearest healthy region and the nearer ones that are unhealthy', () => {
    expect(explainRouting({ ...base, mode: 'latency', serving: 'us-east-1', healthy: healthyExcept() })).toBe(
      'Latency routing: us-east-1 (10 ms) has the lowest latency of the healthy regions.',
    );
    expect(
      explainRouting({ ...base, mode: 'latency', serving: 'eu-west-1', healthy: healthyExcept('us-east-1') }),
    ).toBe(
      'Latency routing: eu-west-1 (60 ms) has the lowest latency of the healthy regions; us-east-1 (10 ms) is unhealthy.',
    );
  });

  it('failover: primary, secondary, and the next one in order', () => {
    expect(
      explainRouting({ ...base, mode: 'failover', serving: 'us-east-1', healthy: healthyExcept() }),
    ).toBe('Failover routing: us-east-1 is the primary and healthy.');
    expect(
      explainRouting({
        ...base,
        mode: 'failover',
        serving: 'eu-west-1',
        healthy: healthyExcept('us-east-1'),
      }),
    ).toBe(
      'Failover routing: the primary us-east-1 is unhealthy, so traffic goes to the secondary, eu-west-1.',
    );
    expect(
      explainRouting({
        ...base,
        mode: 'failover',
        serving: 'ap-southeast-2',
        healthy: healthyExcept('us-east-1', 'eu-west-1'),
      }),
    ).toContain('next region in order (3), ap-southeast-2');
  });

  it('says why traffic still goes somewhere when no region is healthy', () => {
    const none = () => false;
    expect(explainRouting({ ...base, mode: 'latency', serving: 'us-east-1', healthy: none })).toBe(
      'No region is healthy: Route 53 then treats every record as healthy, so traffic goes to us-east-1, the lowest-latency region.',
    );
    expect(explainRouting({ ...base, mode: 'failover', serving: 'us-east-1', healthy: none })).toContain(
      'the primary',
    );
  });
});
