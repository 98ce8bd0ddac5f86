// Prints CI's last line, `N passed, N failed, N skipped`, from jest's JSON results and the gate steps.
// Usage: node .ci/summary.mjs <jest-json> <gate>=<exit code> ...
// Suites that failed to load count as failed (jest's own "Tests:" line leaves them out); every gate
// (install, lint and type-check before jest, npm run check, the emulator run) counts as one check.
import { existsSync, readFileSync } from 'node:fs';

const [jsonPath, ...gates] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (jsonPath && existsSync(jsonPath)) {
  const r = JSON.parse(readFileSync(jsonPath, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
for (const gate of gates) {
  const [name, code] = gate.split('=');
  if (code === 'skipped') skipped += 1;
  else if (code === '0') passed += 1;
  else {
    failed += 1;
    console.error(`ci: step "${name}" failed (exit ${code})`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
