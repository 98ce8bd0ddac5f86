import type { DrillResult } from '../../../lib/drill/engine';
import { buildPlan } from '../../../lib/drill/plan';
import { formatSummary, toReport } from '../../../lib/drill/report';

const t0 = Date.parse('2026-11-27T12:00:00.000Z');
const result: DrillResult = {
  plan: buildPlan({
    target: 'aws',
    region: 'us-east-1',
    mode: 'latency',
    primaryRegion: 'us-east-1',
    probeUrl: 'https://api.example.com/health',
    baselineRegion: 'us-east-1',
    check: { region: 'us-east-1', id: 'hc-1', intervalSeconds: 10, failureThreshold: 3 },
    timeoutMs: 900_000,
  }),
  executed: true,
  outcome: 'passed',
  timeline: {
    start: t0,
    inverted: t0 + 500,
    unhealthy: t0 + 31_000,
    moved: t0 + 95_000,
    restoreRequested: t0 + 96_000,
    restored: t0 + 126_000,
    back: t0 + 190_000,
  },
  probes: { total: 40, failed: 1 },
  failoverRegion: 'eu-west-1',
  dataCheck: { writtenIn: 'us-east-1', readFrom: 'eu-west-1', found: true, markerId: 'm1' },
  alarmsFiring: [],
  restored: true,
};

describe('toReport', () => {
  it('writes ISO times with offsets and the three durations', () => {
    const report = toReport(result);
    expect(report.timeline.start).toEqual({ at: '2026-11-27T12:00:00.000Z', offsetMs: 0 });
    expect(report.timeline.moved).toEqual({ at: '2026-11-27T12:01:35.000Z', offsetMs: 95_000 });
    expect(report.timeline.back).toEqual({ at: '2026-11-27T12:03:10.000Z', offsetMs: 190_000 });
    expect(report.durations).toEqual({ detectMs: 31_000, failoverMs: 95_000, failbackMs: 94_000 });
    expect(report).toMatchObject({
      target: 'aws',
      region: 'us-east-1',
      mode: 'latency',
      outcome: 'passed',
      error: null,
      probes: { total: 40, failed: 1 },
      dataCheck: { found: true },
    });
  });

  it('leaves out milestones a failed drill never reached', () => {
    const report = toReport({
      ...result,
      outcome: 'failed',
      error: 'timed out',
      timeline: { start: t0, inverted: t0 + 1 },
    });
    expect(Object.keys(report.timeline)).toEqual(['start', 'inverted']);
    expect(report.durations).toEqual({ detectMs: null, failoverMs: null, failbackMs: null });
  });
});

describe('formatSummary', () => {
  it('prints measured against expected, one row per measure', () => {
    const text = formatSummary(toReport(result));
    expect(text).toMatch(/^Drill PASSED: us-east-1/);
    expect(text).toMatch(/time to detect\s+31\.0 s\s+~30 s/);
    expect(text).toMatch(/time to fail over\s+95\.0 s\s+~90 s/);
    expect(text).toMatch(/probes \(failed\/total\)\s+1\/40/);
    expect(text).toMatch(/data check \(RPO\)\s+found in eu-west-1/);
    expect(text).toMatch(/back\s+2026-11-27T12:03:10.000Z\s+\(\+190\.0 s\)/);
  });
});
