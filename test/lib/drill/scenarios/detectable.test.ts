import { detectable } from '../../../../lib/drill/scenarios/function-faults';

const health = { healthy: true, detail: '', errorRatePercent: 5, averageLatencyMs: 3000, windowMs: 30_000 };

describe('detectable (what the calculated routing health can see)', () => {
  it('sees nothing when routing follows /health alone', () => {
    expect(detectable({ errors: { invocationPercentage: 100 } }, null)).toBe(false);
  });

  it('sees an error share above the alarm threshold only', () => {
    expect(detectable({ errors: { invocationPercentage: 6 } }, health)).toBe(true);
    expect(detectable({ errors: { invocationPercentage: 5 } }, health)).toBe(false);
  });

  it('sees a delay only when it lifts the average above the threshold', () => {
    const latency = (invocationPercentage: number, startupDelayMilliseconds: number) => ({
      latency: { invocationPercentage, startupDelayMilliseconds },
    });
    expect(detectable(latency(100, 3001), health)).toBe(true);
    expect(detectable(latency(100, 3000), health)).toBe(false);
    expect(detectable(latency(50, 8000), health)).toBe(true); // averages 4000 ms
    expect(detectable(latency(10, 20_000), health)).toBe(false); // averages 2000 ms
  });
});
