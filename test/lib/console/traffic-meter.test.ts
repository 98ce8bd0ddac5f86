import { TrafficMeter } from '../../../lib/console/traffic-meter';

describe('TrafficMeter', () => {
  let now: number;
  const meter = () => new TrafficMeter({ windowSeconds: 5, now: () => now });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('reports requests per second and the error rate over the window, and totals since start', () => {
    const m = meter();
    now += 10_000;
    for (let i = 0; i < 20; i++) m.record('us-east-1', i % 4 !== 0);
    expect(m.view('us-east-1')).toEqual({
      requestsPerSecond: 4,
      errorRate: 0.25,
      windowSeconds: 5,
      requests: 20,
      errors: 5,
    });
  });

  it('forgets requests older than the window but keeps the totals', () => {
    const m = meter();
    now += 10_000;
    m.record('eu-west-1', false);
    now += 6_000;
    m.record('eu-west-1', true);
    const v = m.view('eu-west-1');
    expect(v.requestsPerSecond).toBe(0.2);
    expect(v.errorRate).toBe(0);
    expect(v).toMatchObject({ requests: 2, errors: 1 });
  });

  it('divides by the time since start while the first window is not full', () => {
    const m = meter();
    now += 2_000;
    for (let i = 0; i < 10; i++) m.record('us-east-1', true);
    expect(m.view('us-east-1').requestsPerSecond).toBe(5);
  });

  it('has no error rate without requests, and keeps regions apart', () => {
    const m = meter();
    now += 10_000;
    m.record('us-east-1', false);
    expect(m.view('eu-west-1')).toEqual({
      requestsPerSecond: 0,
      errorRate: null,
      windowSeconds: 5,
      requests: 0,
      errors: 0,
    });
    expect(m.view('us-east-1').errorRate).toBe(1);
  });
});
