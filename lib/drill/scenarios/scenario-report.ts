import type { ReportPoint } from '../report';
import type { Measure, ScenarioResult } from './scenario-types';

/** The JSON `--report` writes for a chaos scenario; field names are stable for dashboards and CI. */
export interface ScenarioReport {
  readonly scenario: string;
  readonly target: string;
  readonly region: string;
  readonly outcome: ScenarioResult['outcome'];
  readonly error: string | null;
  readonly restored: boolean;
  readonly holdSeconds: number;
  readonly timeline: Readonly<Record<string, ReportPoint>>;
  readonly measures: Readonly<Record<string, Measure>>;
  readonly expected: Readonly<Record<string, string>>;
  readonly findings: readonly string[];
}

export function toScenarioReport(result: ScenarioResult): ScenarioReport {
  const start = result.marks.start;
  const timeline: Record<string, ReportPoint> = {};
  for (const [name, t] of Object.entries(result.marks).sort(([, a], [, b]) => a - b)) {
    timeline[name] = { at: new Date(t).toISOString(), offsetMs: t - (start ?? t) };
  }
  return {
    scenario: result.plan.scenario,
    target: result.plan.target,
    region: result.plan.region,
    outcome: result.outcome,
    error: result.error ?? null,
    restored: result.restored,
    holdSeconds: result.plan.holdMs / 1000,
    timeline,
    measures: result.measures,
    expected: result.plan.expected,
    findings: result.findings,
  };
}

/** The summary printed at the end of an executed scenario. */
export function formatScenarioSummary(report: ScenarioReport): string {
  const measures = Object.entries(report.measures);
  const width = Math.max(
    ...measures.map(([k]) => k.length),
    ...Object.keys(report.timeline).map((k) => k.length),
  );
  const show = (v: Measure) => (v === null ? '-' : String(v));
  return [
    `Scenario ${report.outcome.toUpperCase()}: ${report.scenario} in ${report.region} (${report.target})` +
      (report.error ? `\n  error: ${report.error}` : ''),
    ...measures.map(([k, v]) => `  ${k.padEnd(width)}  ${show(v)}`),
    `  ${'fault removed'.padEnd(width)}  ${report.restored ? 'yes' : 'NO - remove it by hand'}`,
    '',
    '  timeline',
    ...Object.entries(report.timeline).map(
      ([k, p]) => `  ${k.padEnd(width)}  ${p.at}  (+${(p.offsetMs / 1000).toFixed(1)} s)`,
    ),
    ...(report.findings.length ? ['', '  findings', ...report.findings.map((f) => `  - ${f}`)] : []),
  ].join('\n');
}
