/**
 * Inspection looks into a NAR's bundled jars three times: for the connector's class (Pulsar's
 * class path order), for its role (the class hierarchy), and for the SBOM (every jar's
 * pom.properties and sha256). Each look used to inflate the jars again: a connector with a large
 * dependency tree was read three or four times. Now the archive opens each nested jar once for
 * all its readers, and a run that writes no SBOM does not list them at all. Counted in the kernel
 * (strace) around the real CLI, a dry run onto scratch.
 */
import { randomBytes } from 'node:crypto';
import { runCli } from '../fixtures/cli';
import { readCounter } from '../fixtures/file-reads';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { CLASS, writeZip, zipBuffer } from '../unit/connector-fixtures';
import { join } from 'node:path';

let work: string;
beforeAll(async () => {
  work = await makeTempDir('inspect-reads-test');
});
afterAll(() => removeTempDir(work));

/** 8 MB of bundled dependency beside the small jar that holds the sink. */
const DEPENDENCY_BYTES = 8 * 1024 * 1024;

async function writeNar(path: string): Promise<string> {
  return writeZip(path, {
    'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n\r\n',
    'META-INF/services/pulsar-io.yaml': 'name: reads-sink\nsinkClass: com.acme.ReadsSink\n',
    'META-INF/bundled-dependencies/': '',
    'META-INF/bundled-dependencies/reads-sink-1.0.0.jar': await zipBuffer({
      'com/acme/ReadsSink.class': CLASS,
    }),
    // Incompressible, so the archive holds all of it: listing it means reading it.
    'META-INF/bundled-dependencies/big-dependency-3.1.0.jar': await zipBuffer({
      'org/big/Data.bin': randomBytes(DEPENDENCY_BYTES),
    }),
  });
}

test('each bundled jar is inflated once, with or without an SBOM', async () => {
  const nar = await writeNar(join(work, 'reads-sink-1.0.0.nar'));
  const counter = readCounter(work);
  const dryRun = (extra: string[]) =>
    runCli(
      [
        'build',
        '--artifact',
        nar,
        '--base-image',
        'scratch',
        '--image',
        'localhost/acme/reads-sink',
        '--output',
        'none',
        '--sign',
        'false',
        '--json',
        ...extra,
      ],
      { node: counter.node, cwd: work },
    );

  const withSbom = await dryRun([]);
  expect(withSbom.stderr).not.toMatch(/error/i);
  expect(withSbom.code).toBe(0);
  const readWithSbom = counter.bytesRead(nar);

  const without = await dryRun(['--sbom', 'false']);
  expect(without.code).toBe(0);
  const readWithout = counter.bytesRead(nar);

  // Both digests are the same image: the SBOM never changes what is built.
  expect(without.json?.digest).toBe(withSbom.json?.digest);
  // The layer's pass reads the NAR once; inspection inflates the big jar once (Pulsar's class
  // path looks there before the sink's own jar), whoever asks and whether an SBOM is written.
  // Before: 25 MB without the SBOM, 34 MB with it.
  for (const read of [readWithSbom, readWithout]) {
    expect(read).toBeGreaterThanOrEqual(2 * DEPENDENCY_BYTES);
    expect(read).toBeLessThan(2.25 * DEPENDENCY_BYTES);
  }
}, 120_000);
