// Sums the Jest results every workspace wrote (test-results.json) into the one closing line CI
// reads: `N passed, N failed[, N skipped]`. A workspace with a test script but no results counts
// as one failure, so a suite that never ran cannot pass silently. Exits 1 if anything failed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const workspaces = JSON.parse(execSync('npm query .workspace', { cwd: root, encoding: 'utf8' }));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const workspace of workspaces) {
  if (!workspace.scripts?.test) continue;
  const file = join(root, workspace.location, 'test-results.json');
  if (!existsSync(file)) {
    console.error(`${workspace.name}: no test results (the test task did not run or crashed)`);
    failed += 1;
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped += results.numPendingTests + results.numTodoTests;
  console.error(
    `${workspace.name}: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (results.numRuntimeErrorTestSuites ? `, ${results.numRuntimeErrorTestSuites} suites could not run` : ''),
  );
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
