import type { DrillResult } from './engine';
import { durations, MILESTONES, type Milestone } from './timeline';

/** One milestone in the written report: wall-clock time and offset from the drill's start. */
export interface ReportPoint {
  readonly at: string;
  readonly offsetMs: number;
}

/** The JSON `--report` writes; field names are stable for dashboards and CI. */
export interface DrillReport {
  readonly target: string;
  readonly region: string;
  readonly mode: string;
  readonly outcome: DrillResult['outcome'];
  readonly error: string | null;
  readonly restored: boolean;
  readonly probeUrl: string;
  readonly baselineRegion: string | null;
  readonly failoverRegion: string | null;
  readonly backRegion: string;
  readonly timeline: Partial<Record<Milestone, ReportPoint>>;
  readonly durations: ReturnType<typeof durations>;
  readonly expectedSeconds: DrillResult['plan']['expected'];
  readonly probes: DrillResult['probes'];
  readonly dataCheck: DrillResult['dataCheck'];
  readonly alarmsFiring: DrillResult['alarmsFiring'];
}

export function toReport(result: DrillResult): DrillReport {
  const { plan, timeline } = result;
  const start = timeline.start;
  const points: Partial<Record<Milestone, ReportPoint>> = {};
  for (const m of MILESTONES) {
    const t = timeline[m];
    if (t !== undefined && start !== undefined) {
      points[m] = { at: new Date(t).toISOString(), offsetMs: t - start };
    }
  }
  return {
    target: plan.target,
    region: plan.region,
    mode: plan.mode,
    outcome: result.outcome,
    error: result.error ?? null,
    restored: result.restored,
    probeUrl: plan.probeUrl,
    baselineRegion: plan.baselineRegion,
    failoverRegion: result.failoverRegion,
    backRegion: plan.backRegion,
    timeline: points,
    durations: durations(timeline),
    expectedSeconds: plan.expected,
    probes: result.probes,
    dataCheck: result.dataCheck,
    alarmsFiring: result.alarmsFiring,
  };
}

const seconds = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(1)} s`);
/** Keeps the table readable; the JSON report has the whole text. */
const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The summary table printed at the end of an executed drill. */
export function formatSummary(report: DrillReport): string {
  const d = report.durations;
  const e = report.expectedSeconds;
  const data = report.dataCheck;
  const rows: [string, string, string][] = [
    ['time to detect', seconds(d.detectMs), `~${e.detectSeconds} s`],
    ['time to fail over', seconds(d.failoverMs), `~${e.failoverSeconds} s`],
    ['time to fail back', seconds(d.failbackMs), `~${e.restoreSeconds + e.failbackSeconds} s`],
    ['probes (failed/total)', `${report.probes.failed}/${report.probes.total}`, '0 failed'],
    ['traffic went to', report.failoverRegion ?? '-', 'another region'],
    [
      'data check (RPO)',
      data === null
        ? 'not run'
        : data.found
          ? `found in ${data.readFrom}`
          : short(`FAILED${data.error ? `: ${data.error}` : ''}`),
      'marker replicated',
    ],
    ['health check restored', report.restored ? 'yes' : 'NO - restore by hand', 'yes'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length), 'measure'.length);
  const w1 = Math.max(...rows.map((r) => r[1].length), 'measured'.length);
  const line = (a: string, b: string, c: string) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`;
  const timeline = MILESTONES.filter((m) => report.timeline[m]).map((m) => {
    const p = report.timeline[m] as ReportPoint;
    return `  ${m.padEnd(w0)}  ${p.at}  (+${(p.offsetMs / 1000).toFixed(1)} s)`;
  });
  return [
    `Drill ${report.outcome.toUpperCase()}: ${report.region} (${report.target}, ${report.mode} routing)` +
      (report.error ? `\n  error: ${report.error}` : ''),
    line('measure', 'measured', 'expected'),
    line('-'.repeat(w0), '-'.repeat(w1), '--------'),
    ...rows.map((r) => line(...r)),
    '',
    '  timeline',
    ...timeline,
  ].join('\n');
}
