import type { Shim } from './shims';

/** One step of the run and how it went. */
export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: string;
}

/** What `npm run emulator` writes to its JSON report. */
export interface EmulatorReport {
  readonly ok: boolean;
  readonly emulator: { readonly name: string; readonly version: string; readonly auth: boolean };
  readonly startedAt: string;
  readonly totalMs: number;
  readonly steps: readonly StepResult[];
  /** SHA-256 of the synthesized cloud assembly, before and after the deploy (the same when unchanged). */
  readonly assembly?: { readonly synthesized: string; readonly deployed: string };
  readonly endpoints?: unknown;
  readonly tests?: {
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
    readonly failures: readonly string[];
  };
  readonly shims: readonly Shim[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The human summary printed at the end. */
export function summary(report: EmulatorReport, reportFile: string): string {
  const lines = [
    `Emulator run (${report.emulator.name} ${report.emulator.version}, AUTH=${report.emulator.auth}): ${report.ok ? 'PASSED' : 'FAILED'} in ${seconds(report.totalMs)}`,
  ];
  for (const step of report.steps) {
    lines.push(
      `  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(34)} ${seconds(step.ms).padStart(8)}${step.detail ? `  ${step.detail}` : ''}`,
    );
  }
  if (report.tests) {
    const t = report.tests;
    lines.push(`  API tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
    for (const failure of t.failures) lines.push(`    ✗ ${failure}`);
  }
  if (report.assembly)
    lines.push(
      `  cloud assembly sha256 ${report.assembly.synthesized.slice(0, 16)}… deployed unchanged: ${report.assembly.synthesized === report.assembly.deployed}`,
    );
  lines.push(`  shims in use: ${report.shims.length} (docs/EMULATOR.md); report: ${reportFile}`);
  return lines.join('\n');
}

/** Counts from jest's --json results file. */
export function testCounts(results: {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numRuntimeErrorTestSuites?: number;
  testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
}): NonNullable<EmulatorReport['tests']> {
  const failures = results.testResults.flatMap((file) => {
    const failed = file.assertionResults.filter((a) => a.status === 'failed').map((a) => a.fullName);
    return failed.length === 0 && file.message ? [`${file.name}: ${file.message.split('\n')[0]}`] : failed;
  });
  return {
    passed: results.numPassedTests,
    failed: results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0),
    skipped: results.numPendingTests,
    failures,
  };
}
