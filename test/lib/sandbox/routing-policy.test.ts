import { chooseRegion, defaultLatencies, preferenceOrder } from '../../../lib/sandbox/routing-policy';

const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const base = { regions, latencyMs: defaultLatencies(regions), primaryRegion: 'eu-west-1' };
const healthyExcept =
  (...down: string[]) =>
  (r: string) =>
    !down.includes(r);

describe('routing policy', () => {
  it('latency: nearest healthy region, first configured region nearest by default', () => {
    expect(chooseRegion({ ...base, mode: 'latency', healthy: healthyExcept() })).toBe('us-east-1');
    expect(chooseRegion({ ...base, mode: 'latency', healthy: healthyExcept('us-east-1') })).toBe('eu-west-1');
    expect(
      chooseRegion({
        ...base,
        mode: 'latency',
        latencyMs: { 'us-east-1': 90, 'eu-west-1': 50, 'ap-southeast-2': 10 },
        healthy: healthyExcept(),
      }),
    ).toBe('ap-southeast-2');
  });

  it('failover: primary while healthy, then the nearest healthy region of the secondary pool', () => {
    expect(chooseRegion({ ...base, mode: 'failover', healthy: healthyExcept() })).toBe('eu-west-1');
    // As deployed, SECONDARY is a latency pool of the other regions: us-east-1 (10 ms) is nearest.
    expect(chooseRegion({ ...base, mode: 'failover', healthy: healthyExcept('eu-west-1') })).toBe(
      'us-east-1',
    );
    expect(
      chooseRegion({ ...base, mode: 'failover', healthy: healthyExcept('eu-west-1', 'us-east-1') }),
    ).toBe('ap-southeast-2');
    expect(preferenceOrder({ ...base, mode: 'failover' })).toEqual([
      'eu-west-1',
      'us-east-1',
      'ap-southeast-2',
    ]);
  });

  it('when every region is unhealthy, answers as if all were healthy (Route 53)', () => {
    const none = () => false;
    expect(chooseRegion({ ...base, mode: 'latency', healthy: none })).toBe('us-east-1');
    expect(chooseRegion({ ...base, mode: 'failover', healthy: none })).toBe('eu-west-1');
  });
});
