// Reads vitest's JSON report and prints the closing line CI looks for. A lint failure counts as one
// failed check, so a red lint can never hide behind a green test count.
import { readFileSync } from 'node:fs';

const [file, lintStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A file that failed without a failed test (it did not load, a hook threw) still failed: count
  // it once. (vitest's numFailedTestSuites also counts the describe blocks around a failed test.)
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) failed += 1;
  }
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} catch (error) {
  console.error(`No readable test report at ${file}: ${error.message}`);
  failed += 1;
}
if (lintStatus !== undefined && lintStatus !== '0') failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
