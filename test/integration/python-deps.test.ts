/**
 * Python dependencies through the product (assemble/python-deps.ts, the Airbyte and function
 * plans), run as the CLI with no docker or podman on PATH: the locked wheels of a loopback index
 * become one layer per platform below the code layer, on a Debian python3 base made offline.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { podmanRun, skopeoCopy } from '../fixtures/clients';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { run, makeTempDir, removeTempDir } from '../fixtures/process';
import { serveStaticIndex } from '../fixtures/python/index-server';
import type { IndexServer } from '../fixtures/python/index-server';
import { makePythonFixture } from '../fixtures/python/projects';
import type { PythonFixture } from '../fixtures/python/projects';
import {
  OCI_LAYER_TAR,
  blobFromFile,
  buildPythonBaseLayout,
  writeMultiPlatformLayout,
} from '../fixtures/python/python-base';
import type { LayerBlob } from '../fixtures/python/python-base';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

// mmdebstrap makes the base on a cold fixture cache: minutes.
jest.setTimeout(15 * 60 * 1000);

const SITE = '/usr/local/lib/python3.11/dist-packages';
const SO = {
  amd64: `${SITE}/extpkg/_native.cpython-311-x86_64-linux-gnu.so`,
  arm64: `${SITE}/extpkg/_native.cpython-311-aarch64-linux-gnu.so`,
};

let work: string;
let registry: TestRegistry;
let proxy: TestProxy;
let server: IndexServer;
let fixture: PythonFixture;
/** host/python-base@sha256:… : linux/amd64 and linux/arm64, Debian's python3 plus `python`. */
let baseRef: string;
/** A folder with python3 only: no docker, no podman. */
let binDir: string;
/** The base's layers and runtime settings, for variants of it. */
let baseLayers: LayerBlob[];
let baseEnv: string[];

beforeAll(async () => {
  work = await makeTempDir('python-deps');
  registry = await startRegistry();
  proxy = await startProxy(registry.host);
  fixture = await makePythonFixture(work);
  server = await serveStaticIndex(fixture.indexRoot);

  // Airbyte's bases run `python`: a layer with /usr/bin/python -> python3 on the Debian base.
  const layout = await buildPythonBaseLayout();
  const linkTar = path.join(work, 'python-link.tar');
  const pack = tar.pack();
  pack.entry({ name: 'usr/bin/python', type: 'symlink', linkname: 'python3', mtime: new Date(0) });
  pack.finalize();
  await fsp.writeFile(linkTar, await streamBytes(pack));
  const link = await blobFromFile(linkTar, OCI_LAYER_TAR);
  baseLayers = [layout.layer, link];
  baseEnv = layout.env;
  baseRef = await pushBase('python-base:1', baseLayers, baseEnv);

  binDir = path.join(work, 'bin');
  await fsp.mkdir(binDir);
  // The interpreter itself (pyenv's python3 on PATH is a shell shim that needs bash and pyenv).
  const python3 = (await run('python3', ['-c', 'import sys; print(sys.executable)'])).stdout.trim();
  await fsp.symlink(python3, path.join(binDir, 'python3'));
});

afterAll(async () => {
  await server?.stop();
  await proxy?.stop();
  await registry?.stop();
  await removeTempDir(work);
});

/** The base's layers under another tag, for linux/amd64 and linux/arm64: its pinned reference. */
async function pushBase(repoTag: string, layers: LayerBlob[], env: string[]): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(work, 'base-layout-'));
  await writeMultiPlatformLayout(dir, 'base', layers, { Env: env, Cmd: ['/usr/bin/python3'] }, [
    'amd64',
    'arm64',
  ]);
  const { digest } = await skopeoCopy(`oci:${dir}:base`, `${registry.host}/${repoTag}`, {
    all: true,
    extraArgs: ['--preserve-digests'],
  });
  return `${registry.host}/${repoTag.replace(/:[^:]+$/, '')}@${digest}`;
}

async function streamBytes(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The CLI with PATH = python3 only, its scratch folders and its wheel cache under `work`. */
async function slipway(
  args: string[],
  opts: { cache?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const runnerTemp = path.join(work, 'runner-temp');
  await fsp.mkdir(runnerTemp, { recursive: true });
  const result = await runCli(args, {
    env: {
      PATH: binDir,
      RUNNER_TEMP: runnerTemp,
      PIP_INDEX_URL: server.url,
      SLIPWAY_CACHE_DIR: opts.cache ?? path.join(work, 'cache'),
      ...opts.env,
    },
  });
  return result;
}

/** A fresh copy of the fixture's Poetry project as an Airbyte source whose main.py answers spec. */
async function airbyteProject(name: string, note = 'v1'): Promise<string> {
  const dir = path.join(work, name);
  await fsp.cp(fixture.projectDir, dir, { recursive: true });
  await fsp.writeFile(
    path.join(dir, 'metadata.yaml'),
    'data:\n  connectorType: source\n  dockerRepository: acme/source-acme\n  dockerImageTag: 0.1.0\n  name: Acme\n',
  );
  await writeMain(dir, note);
  await fsp.mkdir(path.join(dir, 'unit_tests'));
  await fsp.writeFile(path.join(dir, 'unit_tests', 'test_source.py'), 'def test(): pass\n');
  return dir;
}

async function writeMain(dir: string, note: string): Promise<void> {
  await fsp.writeFile(
    path.join(dir, 'main.py'),
    [
      // Debian's python3-minimal has no json module: the message is written by hand.
      'import sys',
      'import extpkg, purepkg',
      'from source_acme import NAME',
      'if sys.argv[1:] == ["spec"]:',
      `    print('{"type": "SPEC", "spec": {"connectionSpecification": {"type": "object"}, "documentationUrl": "https://example.com/%s", "note": "%s %s ${note}"}}' % (NAME, purepkg.hello(), extpkg.machine()))`,
      '',
    ].join('\n'),
  );
  await fsp.writeFile(path.join(dir, 'source_acme', '__init__.py'), 'NAME = "acme"\n');
}

interface RegistryManifest {
  mediaType?: string;
  manifests?: { digest: string; platform?: { architecture: string } }[];
  layers?: { digest: string; mediaType: string }[];
  config?: { digest: string };
}

async function registryJson<T>(host: string, repo: string, what: string): Promise<T> {
  const res = await fetch(`http://${host}/v2/${repo}/${what}`, {
    headers: {
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
      ].join(', '),
    },
  });
  if (res.status !== 200) throw new Error(`GET ${what}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Paths of a layer blob (gzip or bare tar), with a leading slash. */
async function layerPaths(repo: string, digest: string): Promise<string[]> {
  const res = await fetch(`http://${registry.host}/v2/${repo}/blobs/${digest}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const source = Readable.from([bytes]);
  const stream = bytes[0] === 0x1f && bytes[1] === 0x8b ? source.pipe(createGunzip()) : source;
  const names: string[] = [];
  const extract = tar.extract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      names.push(`/${header.name.replace(/^\.?\/+/, '').replace(/\/$/, '')}`);
      body.on('end', next);
      body.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    stream.pipe(extract);
  });
  return names;
}

/** Per architecture: the manifest's layers beyond the base's two, and the config's history. */
async function ownLayers(
  repo: string,
  digest: string,
): Promise<Record<string, { layers: string[]; history: string[] }>> {
  const index = await registryJson<RegistryManifest>(registry.host, repo, `manifests/${digest}`);
  const out: Record<string, { layers: string[]; history: string[] }> = {};
  for (const m of index.manifests ?? []) {
    const manifest = await registryJson<RegistryManifest>(
      registry.host,
      repo,
      `manifests/${m.digest}`,
    );
    const config = await registryJson<{ history?: { created_by?: string }[] }>(
      registry.host,
      repo,
      `blobs/${manifest.config?.digest ?? ''}`,
    );
    out[m.platform?.architecture ?? '?'] = {
      layers: (manifest.layers ?? []).slice(2).map((l) => l.digest),
      history: (config.history ?? [])
        .map((h) => h.created_by ?? '')
        .filter((h) => h.endsWith(' # slipway')),
    };
  }
  return out;
}

/** Digests of the blobs this run uploaded (PUT …/blobs/uploads/…?digest=). */
function uploadedDigests(): string[] {
  return proxy
    .stats()
    .log.filter((e) => e.method === 'PUT' && e.kind === 'blob-upload')
    .map((e) => new URL(e.url, 'http://x').searchParams.get('digest') ?? '')
    .sort();
}

describe('an Airbyte Python connector', () => {
  let dir: string;
  let first: CliResult;
  let firstLayers: Record<string, { layers: string[]; history: string[] }>;

  beforeAll(async () => {
    dir = await airbyteProject('source-acme');
    proxy.reset();
    first = await slipway([
      'build',
      '--working-directory',
      dir,
      '--base-image',
      baseRef,
      '--image',
      `${proxy.host}/acme/source-acme`,
      '--tags',
      '1',
      '--json',
    ]);
  });

  it('builds natively for linux/amd64 and linux/arm64, each platform with its own extension in a dependency layer below the code', async () => {
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.json?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(first.stderr).toMatch(
      /python: linux\/amd64: 2 packages from poetry\.lock for Python 3\.11 \(cp311, glibc [\d.]+\) into \/usr\/local\/lib\/python3\.11\/dist-packages/,
    );
    firstLayers = await ownLayers('acme/source-acme', String(first.json?.digest));
    expect(Object.keys(firstLayers).sort()).toEqual(['amd64', 'arm64']);
    const [amdDeps, code] = firstLayers.amd64.layers;
    const [armDeps, armCode] = firstLayers.arm64.layers;
    expect(firstLayers.amd64.layers).toHaveLength(2);
    expect(armCode).toBe(code); // one code layer for every platform
    expect(armDeps).not.toBe(amdDeps);
    const amdPaths = await layerPaths('acme/source-acme', amdDeps);
    const armPaths = await layerPaths('acme/source-acme', armDeps);
    expect(amdPaths).toContain(SO.amd64);
    expect(amdPaths).not.toContain(SO.arm64);
    expect(armPaths).toContain(SO.arm64);
    expect(armPaths).not.toContain(SO.amd64);
    expect(amdPaths).toContain(`${SITE}/purepkg/__init__.py`);
    // airbyte-ci's layout: main.py and the package, no tests, no pyproject, no lock.
    expect(
      (await layerPaths('acme/source-acme', code)).filter(
        (p) => p.endsWith('.py') || p.endsWith('.toml') || p.endsWith('.lock'),
      ),
    ).toEqual([
      '/airbyte/integration_code/main.py',
      '/airbyte/integration_code/source_acme/__init__.py',
    ]);
    // Slipway's history names both layers, so a rebase finds them.
    expect(firstLayers.amd64.history[0]).toMatch(
      /^COPY deps\/linux\/amd64\/ \/ \(Python 3\.11 \(glibc \d+\.\d+, \/usr\/local\/lib\/python3\.11\/dist-packages\) dependencies from poetry\.lock: 2 packages\) # slipway$/,
    );
    expect(firstLayers.amd64.history[1]).toMatch(/^COPY --chown=1000:1000 main\.py /);
  });

  it('runs under podman on the Python base, imports its dependencies and prints its SPEC', async () => {
    const ref = `${registry.host}/acme/source-acme@${String(first.json?.digest)}`;
    const spec = await podmanRun(ref, ['spec']);
    expect(spec.stderr).toBe('');
    const message = JSON.parse(spec.stdout.trim()) as { type: string; spec: { note: string } };
    expect(message.type).toBe('SPEC');
    expect(message.spec.note).toBe('hello from purepkg x86_64 v1');
  });

  it("writes a Dockerfile that copies each platform's dependency tree below the code", async () => {
    const dockerfile = await fsp.readFile(String(first.json?.dockerfile), 'utf8');
    expect(dockerfile).toContain(
      'ARG TARGETOS\nARG TARGETARCH\nCOPY deps/${TARGETOS}/${TARGETARCH}/ /\n',
    );
    expect(dockerfile).not.toContain('RUN');
  });

  it('after a change to main.py only, uploads the code layer and configs, never the dependency layers', async () => {
    await writeMain(dir, 'v2');
    proxy.reset();
    const second = await slipway([
      'build',
      '--working-directory',
      dir,
      '--base-image',
      baseRef,
      '--image',
      `${proxy.host}/acme/source-acme`,
      '--tags',
      '2',
      '--json',
    ]);
    expect(second.code).toBe(0);
    const layers = await ownLayers('acme/source-acme', String(second.json?.digest));
    expect(layers.amd64.layers[0]).toBe(firstLayers.amd64.layers[0]);
    expect(layers.arm64.layers[0]).toBe(firstLayers.arm64.layers[0]);
    expect(layers.amd64.layers[1]).not.toBe(firstLayers.amd64.layers[1]);
    const uploaded = uploadedDigests();
    expect(uploaded).toContain(layers.amd64.layers[1]);
    expect(uploaded).not.toContain(layers.amd64.layers[0]);
    expect(uploaded).not.toContain(layers.arm64.layers[0]);
    // the code layer and the two configs, nothing else
    expect(uploaded).toHaveLength(3);
    await writeMain(dir, 'v1');
  });

  it('rebases onto a base with the same Python, and refuses one with another Python before pushing anything', async () => {
    const image = `${registry.host}/acme/source-acme:1`;
    // The same system Python 3.11 plus a layer of its own: the dependencies still import.
    const extraTar = path.join(work, 'extra.tar');
    const pack = tar.pack();
    pack.entry({ name: 'etc/motd', mtime: new Date(0) }, 'patched\n');
    pack.finalize();
    await fsp.writeFile(extraTar, await streamBytes(pack));
    const patched = await pushBase(
      'python-base:1-patched',
      [...baseLayers, await blobFromFile(extraTar, OCI_LAYER_TAR)],
      baseEnv,
    );
    // A base that says it runs Python 3.12 (what python:3.12 images set): the cp311 extension
    // and the python3.11 folder would not be imported there.
    const newer = await pushBase('python-base:1-py312', baseLayers, [
      ...baseEnv,
      'PYTHON_VERSION=3.12.1',
    ]);
    const rebase = (base: string, tag: string) =>
      slipway(['rebase', '--image', image, '--base-image', base, '--tags', tag, '--json']);

    const refused = await rebase(newer, 'py312');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /Input "base-image": .*python-base@sha256:[0-9a-f]+ \(linux\/amd64\) runs Python 3\.12 \(glibc [\d.]+, \/usr\/local\/lib\/python3\.12\/site-packages\), but the image's dependencies were installed for Python 3\.11 \(glibc [\d.]+, \/usr\/local\/lib\/python3\.11\/dist-packages\); rebuild the image with this base-image \(mode: build\) instead of rebasing it\./,
    );
    const missing = await fetch(`http://${registry.host}/v2/acme/source-acme/manifests/py312`, {
      method: 'HEAD',
    });
    expect(missing.status).toBe(404);

    const moved = await rebase(patched, 'patched');
    expect(moved.stderr).not.toContain('error');
    expect(moved.code).toBe(0);
    const layers = await ownLayers('acme/source-acme', String(moved.json?.digest));
    // ownLayers skips the base's first two layers: here the extra one, then the image's own.
    expect(layers.amd64.layers.slice(1)).toEqual(firstLayers.amd64.layers);
    const spec = await podmanRun(`${registry.host}/acme/source-acme:patched`, ['spec']);
    expect(JSON.parse(spec.stdout.trim())).toMatchObject({ type: 'SPEC' });
  });

  it('gives the same digest in two clean runs, with --output none and --output oci:DIR', async () => {
    const none = await slipway(
      ['build', '--working-directory', dir, '--base-image', baseRef, '--output', 'none', '--json'],
      { cache: await fsp.mkdtemp(path.join(work, 'clean-cache-')) },
    );
    expect(none.code).toBe(0);
    expect(none.json?.digest).toBe(first.json?.digest);
    const layoutDir = path.join(work, 'oci-out');
    const oci = await slipway(
      [
        'build',
        '--working-directory',
        dir,
        '--base-image',
        baseRef,
        '--output',
        `oci:${layoutDir}`,
        '--json',
      ],
      { cache: await fsp.mkdtemp(path.join(work, 'clean-cache-')) },
    );
    expect(oci.code).toBe(0);
    expect(oci.json?.digest).toBe(first.json?.digest);
    const index = JSON.parse(await fsp.readFile(path.join(layoutDir, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    expect(index.manifests.map((m) => m.digest)).toContain(first.json?.digest);
  });
});

describe('a Python function with dependencies', () => {
  let fnDir: string;
  beforeAll(async () => {
    fnDir = path.join(work, 'fn');
    await fsp.mkdir(fnDir);
    await fsp.writeFile(
      path.join(fnDir, 'shout.py'),
      'import extpkg, purepkg\n\n\ndef process(value):\n    return f"{value}! {purepkg.hello()} on {extpkg.machine()}"\n',
    );
    const hashes = (files: { sha256: string }[]): string =>
      files.map((f) => ` \\\n    --hash=sha256:${f.sha256}`).join('');
    await fsp.writeFile(
      path.join(fnDir, 'requirements.txt'),
      `extpkg==2.0${hashes([fixture.ext.x86_64, fixture.ext.aarch64])}\npurepkg==1.0${hashes([fixture.pure])}\n`,
    );
  });

  it('builds natively for both platforms: the function file at /pulsar, each platform its extension, and imports under podman', async () => {
    const res = await slipway([
      'build',
      '--working-directory',
      fnDir,
      '--artifact',
      '.',
      '--connector-type',
      'pulsar-function',
      '--base-image',
      baseRef,
      '--image',
      `${registry.host}/acme/shout`,
      '--tags',
      '1',
      '--json',
    ]);
    expect(res.stderr).not.toContain('error');
    expect(res.code).toBe(0);
    expect(res.json?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    const layers = await ownLayers('acme/shout', String(res.json?.digest));
    expect(await layerPaths('acme/shout', layers.amd64.layers[0])).toContain(SO.amd64);
    expect(await layerPaths('acme/shout', layers.arm64.layers[0])).toContain(SO.arm64);
    expect(await layerPaths('acme/shout', layers.amd64.layers[1])).toContain('/pulsar/shout.py');
    expect(layers.amd64.history[0]).toMatch(
      /^COPY deps\/linux\/amd64\/ \/ \(Python 3\.11 \(glibc \d+\.\d+, \/usr\/local\/lib\/python3\.11\/dist-packages\) dependencies from requirements\.txt: 2 packages\) # slipway$/,
    );
    const ref = `${registry.host}/acme/shout@${String(res.json?.digest)}`;
    // What Pulsar's Python instance does: the function file's folder on sys.path, then import it.
    const out = await podmanRun(ref, [
      'python3',
      '-c',
      'import sys; sys.path.insert(0, "/pulsar"); import shout; print(shout.process("hi"))',
    ]);
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('hi! hello from purepkg on x86_64');
  });

  it("locks unpinned requirements with the runner's pip (a warning, the lock beside the Dockerfile), or refuses with require-lock", async () => {
    const dir = path.join(work, 'fn-unpinned');
    await fsp.mkdir(dir);
    await fsp.copyFile(path.join(fnDir, 'shout.py'), path.join(dir, 'shout.py'));
    await fsp.writeFile(path.join(dir, 'requirements.txt'), 'extpkg\npurepkg>=1\n');
    const args = [
      'build',
      '--working-directory',
      dir,
      '--artifact',
      'shout.py',
      '--connector-type',
      'pulsar-function',
      '--base-image',
      baseRef,
      '--output',
      'none',
      '--json',
    ];
    const refused = await slipway([...args, '--require-lock', 'true']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'requirements.txt is not a lock (not every line is pinned with ==version and --hash), and require-lock is true',
    );
    const locked = await slipway(args);
    expect(locked.stderr).toContain('requirements.txt is not pinned with hashes');
    expect({
      code: locked.code,
      errors: locked.stderr.split('\n').filter((l) => l.includes('error')),
    }).toEqual({ code: 0, errors: [] });
    const lockFile = path.join(
      path.dirname(String(locked.json?.dockerfile)),
      'requirements.lock.txt',
    );
    const text = await fsp.readFile(lockFile, 'utf8');
    expect(text).toContain('extpkg==2.0');
    expect(text).toContain('purepkg==1.0');
    expect(text).toContain(fixture.ext.aarch64.sha256);
    expect(text).toContain(fixture.ext.x86_64.sha256);
    expect(locked.json?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });
});

describe('bad input exits 2 and pushes nothing', () => {
  /** The repository's tags: none when it is unknown (404) or empty. */
  async function tags(repo: string): Promise<string[]> {
    const res = await fetch(`http://${registry.host}/v2/${repo}/tags/list`);
    if (res.status === 404) return [];
    return ((await res.json()) as { tags?: string[] | null }).tags ?? [];
  }

  it.each([
    [
      'a hash the index does not have',
      (text: string): string => text.replace(fixture.pure.sha256, 'f'.repeat(64)),
      {},
      /purepkg-1\.0-py3-none-any\.whl of purepkg 1\.0 from http:\/\/127\.0\.0\.1:\d+\/simple has sha256 [0-9a-f]{64}, but the lock pins f{64}/,
    ],
    [
      'an index that answers 404',
      (text: string): string => text,
      { PIP_INDEX_URL: '' },
      /answered 404 for (extpkg 2\.0|purepkg 1\.0)/,
    ],
  ])('%s', async (_name, edit, env, message) => {
    const dir = await airbyteProject(`bad-${Math.random().toString(36).slice(2, 7)}`);
    const lock = path.join(dir, 'poetry.lock');
    await fsp.writeFile(lock, edit(await fsp.readFile(lock, 'utf8')));
    const repo = `acme/bad-${path.basename(dir)}`;
    const res = await slipway(
      [
        'build',
        '--working-directory',
        dir,
        '--base-image',
        baseRef,
        '--image',
        `${registry.host}/${repo}`,
      ],
      {
        cache: await fsp.mkdtemp(path.join(work, 'bad-cache-')),
        env: 'PIP_INDEX_URL' in env ? { PIP_INDEX_URL: `${server.url}/../nothing` } : {},
      },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(await tags(repo)).toEqual([]);
  });
});
