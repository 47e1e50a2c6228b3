/**
 * Issue 3, end to end for Pulsar Functions (Function Mesh): Python as .py, .zip and wheel, Go
 * binaries for amd64 and arm64 on a two-platform base (each lands only on its own platform), and a
 * Java function JAR built with offline Maven, pushed by the CLI and checked with skopeo and podman.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { podmanRun } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import {
  OFFLINE_MAVEN,
  architectureOf,
  copyExample,
  goFunctionBinary,
  rawManifest,
  runConfig,
  slipway,
  statInImage,
} from '../fixtures/kinds';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { writeZip } from '../unit/connector-fixtures';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

let reg: TestRegistry;
let work: string;
let runner: string;
let runnerMulti: string;

beforeAll(async () => {
  work = await makeTempDir('kinds-functions');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  await seedBusyboxBase(reg, 'base/runner-multi:x', {
    runnerLike: true,
    platforms: ['linux/amd64', 'linux/arm64'],
  });
  runner = `${reg.host}/base/runner:x`;
  runnerMulti = `${reg.host}/base/runner-multi:x`;
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The tar listing (`tar -tv`, gzip or bare) of the layer Slipway added to the image `ref` points at. */
async function addedLayerListing(repo: string, ref: string): Promise<string[]> {
  const manifest = await rawManifest(ref);
  const layer = manifest.layers?.[manifest.layers.length - 1]?.digest ?? '';
  const res = await fetch(`http://${reg.host}/v2/${repo}/blobs/${layer}`);
  expect(res.status).toBe(200);
  const file = join(work, `layer-${layer.slice(7, 19)}`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const listing = await runOk('tar', ['-tvf', file, '--numeric-owner']);
  return listing.stdout.trim().split('\n');
}

describe('Python functions', () => {
  const source = join(__dirname, '../../examples/python-function/exclamation.py');

  async function pythonArtifact(
    kind: 'py' | 'zip' | 'whl',
  ): Promise<{ dir: string; file: string }> {
    const dir = join(work, `python-${kind}`);
    mkdirSync(dir, { recursive: true });
    const code = readFileSync(source);
    if (kind === 'py') {
      copyFileSync(source, join(dir, 'exclamation.py'));
      return { dir, file: 'exclamation.py' };
    }
    if (kind === 'zip') {
      await writeZip(join(dir, 'exclamation-0.3.0.zip'), { 'exclamation.py': code });
      return { dir, file: 'exclamation-0.3.0.zip' };
    }
    // A pure-Python wheel as pip would build it: the module and its .dist-info (PEP 427).
    const info = 'exclamation_fn-1.2.0.dist-info';
    await writeZip(join(dir, 'exclamation_fn-1.2.0-py3-none-any.whl'), {
      'exclamation.py': code,
      [`${info}/METADATA`]:
        'Metadata-Version: 2.1\nName: exclamation-fn\nVersion: 1.2.0\nSummary: Appends an exclamation mark\n\nLong description.\n',
      [`${info}/WHEEL`]:
        'Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
      [`${info}/RECORD`]: '',
    });
    return { dir, file: 'exclamation_fn-1.2.0-py3-none-any.whl' };
  }

  it.each([
    { kind: 'py' as const, tag: 'latest', title: 'exclamation', version: undefined },
    { kind: 'zip' as const, tag: 'latest', title: 'exclamation-0.3.0', version: '0.3.0' },
    { kind: 'whl' as const, tag: 'latest', title: 'exclamation-fn', version: '1.2.0' },
  ])(
    'a .$kind lands in /pulsar owned by the runner user, on every platform of the base',
    async ({ kind, tag, title, version }) => {
      const { dir, file } = await pythonArtifact(kind);
      const repo = `fn/python-${kind}`;
      const res = await slipway(work, reg, [
        'build',
        '--working-directory',
        dir,
        '--artifact',
        file,
        '--base-image',
        runnerMulti,
        '--image',
        `${reg.host}/${repo}`,
        '--json',
      ]);
      expect(res.stderr).toContain(`artifact: ${file} (pulsar-function, python`);
      expect(res.code).toBe(0);
      expect(res.json?.image).toBe(`${reg.host}/${repo}:${tag}`);
      // Python is architecture-independent: the same layer on both platforms, under one index.
      expect(res.json?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
      expect((await rawManifest(`${reg.host}/${repo}:${tag}`)).mediaType).toBe(OCI_INDEX);

      const ref = `${reg.host}/${repo}@${String(res.json?.digest)}`;
      const labels = (await runConfig(ref)).Labels ?? {};
      expect(labels['org.opencontainers.image.title']).toBe(title);
      expect(labels['org.opencontainers.image.version']).toBe(version);
      const size = statSync(join(dir, file)).size;
      expect(await statInImage(ref, [`/pulsar/${file}`])).toEqual([
        `10000:10001 644 ${size} /pulsar/${file}`,
      ]);
      const sum = await podmanRun(ref, ['sha256sum', `/pulsar/${file}`]);
      expect(sum.stdout).toBe(`${sha256File(join(dir, file))}  /pulsar/${file}\n`);
    },
  );
});

describe('Go functions', () => {
  it.each(['amd64', 'arm64'] as const)(
    'a binary built for %s lands only on its platform of a two-platform base, mode 0755',
    async (arch) => {
      const binary = await goFunctionBinary(arch);
      const dir = join(work, `go-${arch}`);
      mkdirSync(join(dir, 'dist'), { recursive: true });
      copyFileSync(binary, join(dir, 'dist', `exclamation-${arch}`));
      const repo = `fn/go-${arch}`;
      const res = await slipway(work, reg, [
        'build',
        '--working-directory',
        dir,
        '--artifact',
        `dist/exclamation-${arch}`,
        '--base-image',
        runnerMulti,
        '--image',
        `${reg.host}/${repo}`,
        '--tags',
        '1',
        '--json',
      ]);
      expect(res.stderr).toContain(`artifact: dist/exclamation-${arch} (pulsar-function, go)`);
      expect(res.code).toBe(0);
      expect(res.json?.platforms).toEqual([`linux/${arch}`]);

      // One manifest for the binary's platform, not an index.
      const ref = `${reg.host}/${repo}:1`;
      const manifest = await rawManifest(ref);
      expect(manifest.mediaType).toBe(OCI_MANIFEST);
      expect(manifest.manifests).toBeUndefined();
      expect(await architectureOf(ref)).toBe(arch);
      const base = await rawManifest(runnerMulti);
      const platformBase = base.manifests?.find((m) => m.platform?.architecture === arch);
      const baseLayers = (
        await rawManifest(`${reg.host}/base/runner-multi@${platformBase?.digest ?? ''}`)
      ).layers;
      expect(manifest.layers?.slice(0, -1)).toEqual(baseLayers);

      const size = statSync(binary).size;
      expect(await addedLayerListing(repo, ref)).toEqual([
        expect.stringMatching(/^drwxrwxr-x 10000\/10001 +0 .* pulsar\/$/),
        expect.stringMatching(
          new RegExp(`^-rwxr-xr-x 10000/10001 +${size} .* pulsar/exclamation-${arch}$`),
        ),
      ]);
      if (arch === 'amd64') {
        expect(await statInImage(ref, [`/pulsar/exclamation-${arch}`])).toEqual([
          `10000:10001 755 ${size} /pulsar/exclamation-amd64`,
        ]);
        // The runner user runs it.
        const out = await podmanRun(ref, ['sh', '-c', 'echo hello | /pulsar/exclamation-amd64']);
        expect(out.stdout).toBe('hello!\n');
      }
    },
  );
});

it('builds the Java function JAR with offline Maven and puts it in /pulsar', async () => {
  const dir = copyExample(work, 'java-function');
  const res = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--build-args',
    OFFLINE_MAVEN,
    '--connector-type',
    'pulsar-function',
    '--class-name',
    'com.example.function.ExclamationFunction',
    '--base-image',
    runner,
    '--image',
    `${reg.host}/fn/java`,
    '--json',
  ]);
  expect(res.stderr).toContain('BUILD SUCCESS');
  expect(res.stderr).toContain(
    'artifact: target/java-function-0.1.0.jar (pulsar-function, jar, 0.1.0)',
  );
  expect(res.code).toBe(0);
  expect(res.json?.image).toBe(`${reg.host}/fn/java:latest`);
  const jar = join(dir, 'target/java-function-0.1.0.jar');
  const ref = `${reg.host}/fn/java:latest`;
  expect(await statInImage(ref, ['/pulsar', '/pulsar/java-function-0.1.0.jar'])).toEqual([
    expect.stringMatching(/^10000:10001 775 \d+ \/pulsar$/),
    `10000:10001 644 ${statSync(jar).size} /pulsar/java-function-0.1.0.jar`,
  ]);
  const listed = await podmanRun(ref, ['unzip', '-l', '/pulsar/java-function-0.1.0.jar']);
  expect(listed.stdout).toContain('com/example/function/ExclamationFunction.class');
});
