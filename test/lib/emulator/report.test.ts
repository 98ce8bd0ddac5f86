import { summary, testCounts } from '../../../lib/emulator/report';
import { SHIMS } from '../../../lib/emulator/shims';

describe('emulator report', () => {
  it("counts jest's results, a suite that failed to load as a failure, and names each failed test", () => {
    const counts = testCounts({
      numPassedTests: 5,
      numFailedTests: 1,
      numPendingTests: 2,
      numRuntimeErrorTestSuites: 1,
      testResults: [
        {
          name: 'a.test.ts',
          assertionResults: [
            { fullName: 'items 412', status: 'failed' },
            { fullName: 'ok', status: 'passed' },
          ],
        },
        { name: 'b.test.ts', message: 'Cannot find module x\n  at ...', assertionResults: [] },
      ],
    });
    expect(counts).toEqual({
      passed: 5,
      failed: 2,
      skipped: 2,
      failures: ['items 412', 'b.test.ts: Cannot find module x'],
    });
  });

  it('summarizes the steps, the tests and the assembly check in a few lines', () => {
    const text = summary(
      {
        ok: false,
        emulator: { name: 'ministack', version: '1.5.33', auth: true },
        startedAt: '2026-12-02T10:00:00.000Z',
        totalMs: 150_000,
        steps: [
          { name: 'cdk deploy --all', ok: true, ms: 35_000, detail: '4 stacks' },
          { name: 'API end-to-end suite', ok: false, ms: 30_000, detail: '1 failed' },
        ],
        assembly: { synthesized: 'a'.repeat(64), deployed: 'a'.repeat(64) },
        tests: { passed: 7, failed: 1, skipped: 0, failures: ['items 412'] },
        shims: SHIMS,
      },
      '.emulator/report.json',
    );
    expect(text.split('\n')).toEqual([
      'Emulator run (ministack 1.5.33, AUTH=true): FAILED in 150.0 s',
      expect.stringMatching(/^ {2}ok {3}cdk deploy --all +35\.0 s {2}4 stacks$/),
      expect.stringMatching(/^ {2}FAIL API end-to-end suite +30\.0 s {2}1 failed$/),
      '  API tests: 7 passed, 1 failed, 0 skipped',
      '    ✗ items 412',
      '  cloud assembly sha256 aaaaaaaaaaaaaaaa… deployed unchanged: true',
      `  shims in use: ${SHIMS.length} (docs/EMULATOR.md); report: .emulator/report.json`,
    ]);
  });
});
