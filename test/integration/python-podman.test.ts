import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { buildLayer } from '../../src/image/layer';
import { parsePlatform } from '../../src/image/platform';
import { MediaType } from '../../src/image/types';
import { basePythonPaths } from '../../src/toolchain/python/base-paths';
import { targetPythonFromBase } from '../../src/toolchain/python/base-python';
import { readPythonLock } from '../../src/toolchain/python/lock';
import { resolvePythonDependencies } from '../../src/toolchain/python/resolve';
import { podmanRun } from '../fixtures/clients';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { serveStaticIndex } from '../fixtures/python/index-server';
import type { IndexServer } from '../fixtures/python/index-server';
import { makePythonFixture } from '../fixtures/python/projects';
import type { PythonFixture } from '../fixtures/python/projects';
import { pushLayout, seedPythonBase, writeImageLayout } from '../fixtures/python/python-base';
import type { LayerBlob, PythonBaseLayout } from '../fixtures/python/python-base';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

// mmdebstrap downloads and unpacks Debian's python3-minimal: minutes on the first run.
jest.setTimeout(15 * 60 * 1000);

let work: string;
let registry: TestRegistry;
let server: IndexServer;
let fixture: PythonFixture;
let base: { ref: string; layout: PythonBaseLayout };

beforeAll(async () => {
  work = await makeTempDir('python-podman');
  registry = await startRegistry();
  fixture = await makePythonFixture(work);
  server = await serveStaticIndex(fixture.indexRoot);
  base = await seedPythonBase(registry, 'python-base:bookworm');
});
afterAll(async () => {
  await server?.stop();
  await registry?.stop();
  await removeTempDir(work);
});

it('installs the locked wheels natively onto a Debian python3 base, and the image imports them under podman', async () => {
  // Where the base's Python is learned from: its config Env and the paths its layer holds.
  const baseLayer = base.layout.layer;
  const paths = await basePythonPaths([
    {
      descriptor: {
        mediaType: baseLayer.mediaType,
        digest: baseLayer.digest,
        size: baseLayer.size,
      },
      open: () => Promise.resolve(fs.createReadStream(baseLayer.file)),
    },
  ]);
  // Debian has /usr/local/lib/python3.11/dist-packages too, but no site-packages: a system Python.
  expect(paths).toEqual(['usr/lib/python3.11', 'usr/local/lib/python3.11']);
  const python = targetPythonFromBase({ env: base.layout.env, paths, label: base.ref });
  expect(python).toMatchObject({
    version: '3.11',
    abi: 'cp311',
    interpreter: '/usr/bin/python3',
    sitePackages: '/usr/local/lib/python3.11/dist-packages',
  });

  const lock = readPythonLock(path.join(fixture.projectDir, 'poetry.lock'), {
    env: { PIP_INDEX_URL: server.url },
  });
  const [amd64] = await resolvePythonDependencies({
    lock,
    targets: [{ platform: parsePlatform('linux/amd64'), python }],
    cacheDir: path.join(work, 'cache'),
  });

  const built = await buildLayer(amd64.entries, { epoch: 0, compression: 'gzip', tmpDir: work });
  const blobFile = path.join(work, 'deps-layer.tar.gz');
  await pipeline(await built.open(), fs.createWriteStream(blobFile));
  await built.dispose();
  const deps: LayerBlob = {
    file: blobFile,
    mediaType: MediaType.OciLayerGzip,
    digest: built.descriptor.digest,
    diffId: built.diffId,
    size: built.descriptor.size,
  };

  const layout = path.join(work, 'app-layout');
  await writeImageLayout(layout, 'app', [base.layout.layer, deps], {
    Env: base.layout.env,
    Cmd: ['/usr/bin/python3'],
  });
  await fsp.access(path.join(layout, 'index.json'));
  const ref = await pushLayout(registry, layout, 'app', 'python-app:1');

  const imported = await podmanRun(ref, [
    'python3',
    '-c',
    'import purepkg, extpkg; print(purepkg.hello(), extpkg.machine())',
  ]);
  expect(imported.stderr).toBe('');
  expect(imported.stdout.trim()).toBe('hello from purepkg x86_64');
  const script = await podmanRun(ref, ['purepkg-hello']);
  expect(script.stdout.trim()).toBe('hello from purepkg');
  // without the dependency layer the base alone cannot import them
  const bare = await podmanRun(base.ref, ['python3', '-c', 'import purepkg']);
  expect(bare.code).not.toBe(0);
  expect(bare.stderr).toContain("No module named 'purepkg'");
});
