import { buildPlan, formatPlan, type PlanInput } from '../../../lib/drill/plan';

const input: PlanInput = {
  target: 'aws',
  region: 'us-east-1',
  mode: 'latency',
  primaryRegion: 'us-east-1',
  probeUrl: 'https://api.example.com/health',
  baselineRegion: 'us-east-1',
  check: { region: 'us-east-1', id: 'hc-1', intervalSeconds: 30, failureThreshold: 3 },
  timeoutMs: 900_000,
};

describe('buildPlan', () => {
  it('derives the expected times from interval × threshold plus the 60 s alias TTL', () => {
    expect(buildPlan(input).expected).toEqual({
      detectSeconds: 90,
      failoverSeconds: 150,
      restoreSeconds: 90,
      failbackSeconds: 150,
    });
  });

  it('has no TTL in the sandbox', () => {
    const plan = buildPlan({
      ...input,
      target: 'local',
      check: { ...input.check, intervalSeconds: 1, failureThreshold: 2 },
    });
    expect(plan.expected).toMatchObject({ detectSeconds: 2, failoverSeconds: 2 });
  });

  it('expects traffic back on the primary under failover routing, on the baseline under latency', () => {
    expect(
      buildPlan({ ...input, mode: 'failover', region: 'eu-west-1', baselineRegion: 'us-east-1' }).backRegion,
    ).toBe('us-east-1');
    expect(buildPlan({ ...input, baselineRegion: 'eu-west-1', region: 'eu-west-1' }).backRegion).toBe(
      'eu-west-1',
    );
  });

  it('warns when the move cannot be seen from this machine', () => {
    const plan = buildPlan({ ...input, region: 'eu-west-1' });
    expect(plan.notes.join('\n')).toMatch(/Latency routing sends this machine to us-east-1, not eu-west-1/);
    const secondary = buildPlan({ ...input, mode: 'failover', region: 'eu-west-1' });
    expect(secondary.notes.join('\n')).toMatch(/eu-west-1 is the secondary/);
  });

  it('says what it will change, and that it inverts rather than disables', () => {
    const text = formatPlan(buildPlan(input));
    expect(text).toMatch(/1\. invert the health check of us-east-1 +Inverted=true; never Disabled/);
    expect(text).toContain('overall timeout: 900 s');
    expect(text).not.toContain('routing health');
  });

  it('shows the calculated routing check and its parts when the records follow one', () => {
    const routing = {
      id: 'hc-routing',
      alarmChecks: [
        { id: 'hc-a', alarmName: 'shop-us-east-1-routing-GetItems-errors-1a2b3c4d' },
        { id: 'hc-b', alarmName: 'shop-us-east-1-routing-GetItems-latency-5e6f7a8b' },
      ],
    };
    const text = formatPlan(buildPlan({ ...input, check: { ...input.check, routing } }));
    expect(text).toContain(
      `  routing health:  calculated(https ${input.check.id}, item-route alarms: 2 checks) hc-routing;`,
    );
    expect(text).toContain('every child must be healthy, so inverting the https check takes the region out');
  });
});
