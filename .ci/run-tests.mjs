// Runs `npm test` (jest) and ends with one line "Tests: N passed, N failed" from jest's JSON report.
// A test file that cannot even load counts as one failed test, since its tests never ran; a
// skipped or todo test counts as failed too, since the suite's rule is that nothing is skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'slipway-ci-'));
const report = join(dir, 'jest.json');
const jest = spawnSync(
  'npm',
  ['test', '--', '--json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 1;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed =
    result.numFailedTests +
    result.numRuntimeErrorTestSuites +
    result.numPendingTests +
    result.numTodoTests;
} catch {
  console.error('ci: jest wrote no report; counting the run as one failure');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || jest.status !== 0 ? 1 : 0);
