import { HealthCheck } from '../../../lib/sandbox/health-check';

function check(threshold = 3) {
  return new HealthCheck({ id: 'us-east-1', intervalSeconds: 10, failureThreshold: threshold });
}

function feed(c: HealthCheck, results: boolean[]) {
  for (const ok of results) c.record(ok, ok ? 200 : 503);
}

describe('HealthCheck (Route 53 status semantics)', () => {
  it('becomes unhealthy only after failureThreshold consecutive failures', () => {
    const c = check(3);
    feed(c, [false, false]);
    expect(c.healthy).toBe(true);
    feed(c, [true, false, false]);
    expect(c.healthy).toBe(true); // the success reset the streak
    feed(c, [false]);
    expect(c.healthy).toBe(false);
  });

  it('becomes healthy again only after failureThreshold consecutive successes', () => {
    const c = check(2);
    feed(c, [false, false]);
    expect(c.healthy).toBe(false);
    feed(c, [true, false, true]);
    expect(c.healthy).toBe(false);
    feed(c, [true]);
    expect(c.healthy).toBe(true);
  });

  it('inverted flips each result, so a healthy endpoint turns unhealthy after the threshold', () => {
    const c = check(2);
    c.inverted = true;
    feed(c, [true]);
    expect(c.healthy).toBe(true);
    feed(c, [true]);
    expect(c.healthy).toBe(false);
    expect(c.view().lastResults.map((r) => r.ok)).toEqual([false, false]);
    c.inverted = false;
    feed(c, [true, true]);
    expect(c.healthy).toBe(true);
  });

  it('disabled counts as healthy whatever the endpoint answers, and records nothing', () => {
    const c = check(1);
    feed(c, [false]);
    expect(c.healthy).toBe(false);
    c.disabled = true;
    expect(c.healthy).toBe(true);
    feed(c, [false, false]);
    expect(c.view()).toMatchObject({ healthy: true, disabled: true });
    expect(c.view().lastResults).toHaveLength(1);
  });

  it('enabled again, measures afresh: healthy until failureThreshold new failures, old results dropped', () => {
    const c = check(2);
    c.inverted = true;
    feed(c, [true, true]);
    expect(c.healthy).toBe(false);
    c.disabled = true;
    c.disabled = false;
    expect(c.view()).toMatchObject({ healthy: true, disabled: false, lastResults: [] });
    feed(c, [true]);
    expect(c.healthy).toBe(true);
    feed(c, [true]);
    expect(c.healthy).toBe(false);
  });

  it('keeps a bounded history with status codes and null for no answer', () => {
    const c = new HealthCheck({ id: 'x', intervalSeconds: 30, failureThreshold: 1, historySize: 2 });
    c.record(true, 200);
    c.record(false, null);
    c.record(false, 503);
    expect(c.view().lastResults.map((r) => r.status)).toEqual([null, 503]);
    expect(c.view()).toMatchObject({ id: 'x', intervalSeconds: 30, failureThreshold: 1 });
  });
});
