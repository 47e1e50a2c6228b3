/**
 * Where a run's files go (run/workspace.ts): under RUNNER_TEMP on CI, else under `.slipway/` in
 * the current directory; nothing is left in the system's temp folder either way.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { makeTempDir, removeTempDir } from '../fixtures/process';

let work: string;

beforeAll(async () => {
  work = await makeTempDir('workspace-test');
});
afterAll(() => removeTempDir(work));

/** A dry run of a file onto scratch in `cwd`, with TMPDIR an empty folder of its own. */
async function dryRun(cwd: string, runnerTemp: string) {
  const systemTemp = join(cwd, '..', `${cwd.split('/').pop() ?? 'x'}-tmp`);
  mkdirSync(systemTemp, { recursive: true });
  writeFileSync(join(cwd, 'app.bin'), 'bytes\n');
  const res = await runCli(
    [
      'build',
      '--artifact',
      'app.bin',
      '--artifact-path',
      '/data/',
      '--base-image',
      'scratch',
      '--output',
      'none',
      '--json',
    ],
    { cwd, env: { RUNNER_TEMP: runnerTemp, TMPDIR: systemTemp } },
  );
  expect(res.code).toBe(0);
  return { dockerfile: String(res.json?.dockerfile), systemTemp: readdirSync(systemTemp) };
}

describe('the run workspace', () => {
  it('lives under .slipway/ in the current directory in the CLI without RUNNER_TEMP', async () => {
    const cwd = join(work, 'cli');
    mkdirSync(cwd);
    const { dockerfile, systemTemp } = await dryRun(cwd, '');
    expect(dockerfile.startsWith(join(cwd, '.slipway', 'slipway-'))).toBe(true);
    expect(readdirSync(join(dockerfile, '..')).sort()).toEqual(['Dockerfile', 'sbom.cdx.json']);
    expect(systemTemp).toEqual([]);
  });

  it('lives under RUNNER_TEMP on CI, and nothing goes to .slipway/', async () => {
    const cwd = join(work, 'ci');
    const runnerTemp = join(work, 'runner-temp');
    mkdirSync(cwd);
    mkdirSync(runnerTemp);
    const { dockerfile, systemTemp } = await dryRun(cwd, runnerTemp);
    expect(dockerfile.startsWith(join(runnerTemp, 'slipway-'))).toBe(true);
    expect(readdirSync(cwd)).toEqual(['app.bin']);
    expect(systemTemp).toEqual([]);
  });
});
