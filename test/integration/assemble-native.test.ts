/**
 * Issue 13: every error about the base names where its name came from (openBase in
 * assemble/native.ts), through the CLI: metadata.yaml's connectorBuildOptions.baseImage pointing
 * at a registry that is offline, a typo in the base-image input, a user Dockerfile's FROM naming
 * a tag that does not exist. The registry's own words (its host, the missing tag) stay.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedBusyboxBase } from '../fixtures/images';
import { copyExample, errorLines, slipway } from '../fixtures/kinds';
import { freePort } from '../fixtures/ports';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let work: string;

beforeAll(async () => {
  work = await makeTempDir('native-base-origin');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/busybox:1');
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

/** The declarative example with `baseImage` under connectorBuildOptions in its metadata.yaml. */
function airbyteWithBase(baseImage: string): string {
  const dir = copyExample(work, 'airbyte-declarative-source');
  const metadata = join(dir, 'metadata.yaml');
  const text = readFileSync(metadata, 'utf8').replace(
    'metadataSpecVersion:',
    `  connectorBuildOptions:\n    baseImage: ${baseImage}\nmetadataSpecVersion:`,
  );
  writeFileSync(metadata, text);
  return dir;
}

function dryRun(dir: string, extra: string[] = []): string[] {
  return ['build', '--working-directory', dir, '--output', 'none', '--json', ...extra];
}

it('an offline registry in connectorBuildOptions.baseImage is named with metadata.yaml as its source', async () => {
  const offline = `127.0.0.1:${await freePort()}`;
  const dir = airbyteWithBase(`${offline}/airbyte/source-declarative-manifest:6.1.0`);
  const res = await slipway(work, reg, dryRun(dir));
  expect(res.code).toBe(1);
  const lines = errorLines(res);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(
    `Base image ${offline}/airbyte/source-declarative-manifest:6.1.0 (from connectorBuildOptions.baseImage in metadata.yaml): `,
  );
  // The registry's part still says what failed and where.
  expect(lines[0]).toContain(`nothing listens at ${offline}`);
});

it('a tag typo in connectorBuildOptions.baseImage names metadata.yaml and the missing tag', async () => {
  const dir = airbyteWithBase(`${reg.host}/base/busybox:1.0-typo`);
  const res = await slipway(work, reg, dryRun(dir));
  expect(res.code).toBe(1);
  expect(errorLines(res)[0]).toMatch(
    /Base image 127\.0\.0\.1:\d+\/base\/busybox:1\.0-typo \(from connectorBuildOptions\.baseImage in metadata\.yaml\): manifest 1\.0-typo for .* no such tag or digest/,
  );
});

it('the base-image input wins over metadata.yaml and is named when it is wrong', async () => {
  const dir = airbyteWithBase(`${reg.host}/base/busybox:1`);
  const res = await slipway(work, reg, dryRun(dir, ['--base-image', `${reg.host}/base/Busybox:1`]));
  expect(res.code).toBe(2);
  expect(errorLines(res)[0]).toContain(
    `Base image ${reg.host}/base/Busybox:1 (from input "base-image"): image reference`,
  );
});

it("a user Dockerfile's FROM is named with its line when the tag does not exist", async () => {
  const dir = await makeTempDir('native-base-dockerfile');
  try {
    writeFileSync(join(dir, 'hello.txt'), 'hello\n');
    writeFileSync(
      join(dir, 'Dockerfile'),
      `# a comment\nFROM ${reg.host}/base/busybox:no-such-tag\nCOPY hello.txt /hello.txt\n`,
    );
    const res = await slipway(
      work,
      reg,
      dryRun(dir, ['--dockerfile', 'Dockerfile', '--image', `${reg.host}/acme/hello`]),
    );
    expect(res.code).toBe(1);
    expect(errorLines(res)[0]).toContain(
      `Base image ${reg.host}/base/busybox:no-such-tag (from FROM at Dockerfile:2): manifest no-such-tag`,
    );
  } finally {
    await removeTempDir(dir);
  }
});

it('a base that opens gives no such prefix: the same metadata base builds', async () => {
  const dir = airbyteWithBase(`${reg.host}/base/busybox:1`);
  const res = await slipway(work, reg, dryRun(dir));
  expect(res.code).toBe(0);
  expect(res.json?.pushed).toBe(false);
});
