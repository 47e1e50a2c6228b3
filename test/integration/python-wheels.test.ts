import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { KEYED_FOLDERS, pruneCache } from '../../src/core/cache-prune';
import { InputError } from '../../src/core/errors';
import { buildLayer } from '../../src/image/layer';
import { parsePlatform } from '../../src/image/platform';
import { basePythonPaths } from '../../src/toolchain/python/base-paths';
import { targetPythonFromBase } from '../../src/toolchain/python/base-python';
import { readPythonLock } from '../../src/toolchain/python/lock';
import { resolvePythonDependencies } from '../../src/toolchain/python/resolve';
import type { PlatformDependencies, PythonTarget } from '../../src/toolchain/python/resolve';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { serveStaticIndex, writeStaticIndex } from '../fixtures/python/index-server';
import type { IndexServer } from '../fixtures/python/index-server';
import { makePurePkg, makePythonFixture, writePoetryProject } from '../fixtures/python/projects';
import type { PythonFixture } from '../fixtures/python/projects';
import { elfMachine, makePureSdist } from '../fixtures/python/wheels';

// Debian bookworm's python3 (what the podman test's base runs): /usr/bin/python3, 3.11.
const python = targetPythonFromBase({
  paths: ['/usr/lib/python3.11', '/usr/lib/python3/dist-packages'],
  libcVersion: '2.36',
});
const targets: PythonTarget[] = ['linux/amd64', 'linux/arm64'].map((p) => ({
  platform: parsePlatform(p),
  python,
}));
const SITE = '/usr/local/lib/python3.11/dist-packages';

let work: string;
let fixture: PythonFixture;
let server: IndexServer;
/** The arm64 result of the main fixture, for comparisons in other groups. */
let arm64Reference: PlatformDependencies;

beforeAll(async () => {
  work = await makeTempDir('python-wheels');
  fixture = await makePythonFixture(work);
  server = await serveStaticIndex(fixture.indexRoot);
});
afterAll(async () => {
  await server?.stop();
  await removeTempDir(work);
});

function cacheDir(): string {
  return fs.mkdtempSync(path.join(work, 'cache-'));
}

function resolve(
  projectDir: string,
  indexUrl: string,
  cache = cacheDir(),
  only = targets,
): Promise<PlatformDependencies[]> {
  const lock = readPythonLock(path.join(projectDir, 'poetry.lock'), {
    env: { PIP_INDEX_URL: indexUrl },
  });
  return resolvePythonDependencies({
    lock,
    targets: only,
    cacheDir: cache,
    runnerPython: '/usr/bin/python3',
  });
}

function file(
  deps: PlatformDependencies,
  imagePath: string,
): { bytes: Buffer; mode: number; uid: number; gid: number } {
  const entry = deps.entries.files.find((f) => f.path === imagePath);
  if (!entry)
    throw new Error(
      `${imagePath} is not among ${deps.entries.files.map((f) => f.path).join(', ')}`,
    );
  return { bytes: fs.readFileSync(entry.source), mode: entry.mode, uid: entry.uid, gid: entry.gid };
}

/** What the layer would hold, independent of where the staged sources live. */
function fingerprint(deps: PlatformDependencies): string[] {
  return deps.entries.files.map(
    (f) =>
      `${f.path} ${f.mode.toString(8)} ${f.uid}:${f.gid} ${crypto.createHash('sha256').update(fs.readFileSync(f.source)).digest('hex')}`,
  );
}

async function layerDigest(deps: PlatformDependencies): Promise<string> {
  const layer = await buildLayer(deps.entries, { epoch: 0, compression: 'gzip', tmpDir: work });
  await layer.dispose();
  return layer.descriptor.digest;
}

describe('native Python dependencies', () => {
  let amd64: PlatformDependencies;
  let arm64: PlatformDependencies;
  beforeAll(async () => {
    [amd64, arm64] = await resolve(fixture.projectDir, server.url);
    arm64Reference = arm64;
  });

  it('gives each platform its own extension module and both the pure package (dev group skipped)', () => {
    expect(amd64.packages.map((p) => p.filename)).toEqual([
      fixture.ext.x86_64.filename,
      fixture.pure.filename,
    ]);
    expect(arm64.packages.map((p) => p.filename)).toEqual([
      fixture.ext.aarch64.filename,
      fixture.pure.filename,
    ]);
    const amdSo = file(amd64, `${SITE}/extpkg/_native.cpython-311-x86_64-linux-gnu.so`);
    const armSo = file(arm64, `${SITE}/extpkg/_native.cpython-311-aarch64-linux-gnu.so`);
    expect(elfMachine(amdSo.bytes)).toBe(62);
    expect(elfMachine(armSo.bytes)).toBe(183);
    expect(amdSo.mode).toBe(0o755);
    expect(amd64.entries.files.some((f) => f.path.includes('aarch64'))).toBe(false);
    expect(arm64.entries.files.some((f) => f.path.includes('x86_64'))).toBe(false);
    expect(file(arm64, `${SITE}/purepkg/__init__.py`).bytes.toString()).toContain(
      'hello from purepkg',
    );
    // the JSON form of the index was used
    expect(
      server.requests
        .filter((r) => r.path.startsWith('/simple/'))
        .every((r) => r.served === 'json'),
    ).toBe(true);
  });

  it('maps .data/ schemes, writes console scripts and INSTALLER, and records them all in RECORD', () => {
    const hello = file(amd64, '/usr/local/bin/purepkg-hello');
    expect(hello.mode).toBe(0o755);
    expect(hello.bytes.toString()).toMatch(
      /^#!\/usr\/bin\/python3\n[\s\S]*from purepkg import main\n[\s\S]*sys\.exit\(main\(\)\)\n$/,
    );
    expect(file(amd64, '/usr/local/bin/purepkg-tool').bytes.toString()).toBe(
      '#!/usr/bin/python3\nimport purepkg\nprint(purepkg.hello())\n',
    );
    expect(file(amd64, '/usr/local/include/python3.11/purepkg/purepkg.h').bytes.toString()).toBe(
      '#define PUREPKG 1\n',
    );
    expect(file(amd64, '/usr/local/share/purepkg/info.txt').mode).toBe(0o644);
    expect(file(amd64, `${SITE}/purepkg-1.0.dist-info/INSTALLER`).bytes.toString()).toBe(
      'slipway\n',
    );
    expect(amd64.entries.files.every((f) => f.uid === 0 && f.gid === 0)).toBe(true);
    expect(amd64.entries.files.some((f) => /\.pyc$|__pycache__/.test(f.path))).toBe(false);

    const record = file(amd64, `${SITE}/purepkg-1.0.dist-info/RECORD`)
      .bytes.toString()
      .trim()
      .split('\n');
    const rows = new Map(record.map((line) => [line.split(',')[0], line.split(',').slice(1)]));
    const purepkgFiles = amd64.entries.files.filter(
      (f) => !f.path.includes('extpkg') && !f.path.endsWith('/RECORD'),
    );
    expect(rows.size).toBe(purepkgFiles.length + 1);
    for (const f of purepkgFiles) {
      const rel = path.posix.relative(SITE, f.path);
      const bytes = fs.readFileSync(f.source);
      expect([rel, ...(rows.get(rel) ?? [])]).toEqual([
        rel,
        `sha256=${crypto.createHash('sha256').update(bytes).digest('base64url')}`,
        String(bytes.length),
      ]);
    }
    expect(rows.get('../../../bin/purepkg-hello')).toBeDefined();
    expect(rows.get('purepkg-1.0.dist-info/RECORD')).toEqual(['', '']);
  });

  it('is deterministic: a fresh cache gives the same entries and the same layer digest', async () => {
    const [again] = await resolve(fixture.projectDir, server.url, cacheDir(), [targets[0]]);
    expect(fingerprint(again)).toEqual(fingerprint(amd64));
    expect(again.entries.files.map((f) => f.path)).toEqual(
      [...again.entries.files.map((f) => f.path)].sort(),
    );
    expect(await layerDigest(again)).toBe(await layerDigest(amd64));
    expect(await layerDigest(arm64)).not.toBe(await layerDigest(amd64));
  });

  it('gives a layer the base-path scanner reads back (gzip)', async () => {
    const layer = await buildLayer(amd64.entries, { epoch: 0, compression: 'gzip', tmpDir: work });
    try {
      const paths = await basePythonPaths([layer]);
      expect(paths).toEqual(['usr/local/lib/python3.11']);
      expect(targetPythonFromBase({ paths })).toMatchObject({
        version: '3.11',
        interpreter: '/usr/local/bin/python3',
      });
    } finally {
      await layer.dispose();
    }
  });

  it('reads a PEP 503 HTML-only index too, and does not download a cached file again', async () => {
    const htmlOnly = await serveStaticIndex(fixture.indexRoot, { json: false });
    try {
      const cache = cacheDir();
      const [viaHtml] = await resolve(fixture.projectDir, htmlOnly.url, cache, [targets[1]]);
      expect(fingerprint(viaHtml)).toEqual(fingerprint(arm64));
      expect(
        htmlOnly.requests.filter((r) => r.path.startsWith('/simple/')).map((r) => r.served),
      ).toEqual(['html', 'html']);
      const downloads = htmlOnly.requests.filter((r) => r.path.startsWith('/files/')).length;
      await resolve(fixture.projectDir, htmlOnly.url, cache, [targets[1]]);
      expect(htmlOnly.requests.filter((r) => r.path.startsWith('/files/')).length).toBe(downloads);
    } finally {
      await htmlOnly.stop();
    }
  });
});

describe('in the cache folder', () => {
  const DAY = 24 * 60 * 60 * 1000;
  /** Every entry of the keyed folders under `root`, as "folder/name". */
  const entries = (root: string): string[] =>
    KEYED_FOLDERS.flatMap((f) =>
      fs.existsSync(path.join(root, f))
        ? fs.readdirSync(path.join(root, f)).map((name) => `${f}/${name}`)
        : [],
    );

  it('keeps downloads and unpacked wheels only in keyed folders, which a hit keeps from pruning', async () => {
    const root = fs.mkdtempSync(path.join(work, 'slipway-cache-'));
    const cache = path.join(root, 'python', 'wheels'); // as assemble/python-deps.ts lays it out
    await resolve(fixture.projectDir, server.url, cache, [targets[0]]);
    // Nothing lives beside the keyed folders, so pruning them reaches every entry.
    expect(fs.readdirSync(cache).sort()).toEqual(['sha256', 'stage']);
    expect(fs.readdirSync(path.join(cache, 'stage')).sort()).toEqual(['generated', 'wheels']);
    const used = entries(root);
    expect(used.filter((e) => e.startsWith('python/wheels/sha256/'))).toHaveLength(2);
    expect(used.filter((e) => e.startsWith('python/wheels/stage/wheels/'))).toHaveLength(2);
    expect(used.filter((e) => e.startsWith('python/wheels/stage/generated/'))).not.toHaveLength(0);
    const old = new Date(Date.now() - 40 * DAY);
    for (const e of used) fs.utimesSync(path.join(root, e), old, old);
    const unused = path.join(cache, 'sha256', 'f'.repeat(64));
    fs.writeFileSync(unused, 'a wheel no lock pins any more');
    fs.utimesSync(unused, old, old);

    const downloads = server.requests.filter((r) => r.path.startsWith('/files/')).length;
    const [again] = await resolve(fixture.projectDir, server.url, cache, [targets[0]]);
    pruneCache({ SLIPWAY_CACHE_DIR: root }, Date.now(), { compileDir: undefined });
    expect(entries(root).sort()).toEqual(used.sort());
    expect(fs.existsSync(unused)).toBe(false);
    for (const f of again.entries.files) expect(fs.existsSync(f.source)).toBe(true);
    expect(server.requests.filter((r) => r.path.startsWith('/files/')).length).toBe(downloads);
  });
});

describe('bad input (exit 2, naming package and file)', () => {
  async function brokenIndex(change: (root: string) => Promise<void>): Promise<IndexServer> {
    const root = await fsp.mkdtemp(path.join(work, 'index-'));
    await writeStaticIndex(root, fixture.projects);
    await change(root);
    return serveStaticIndex(root);
  }

  async function expectInputError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(pattern);
  }

  it('refuses a download whose sha256 is not the lock’s', async () => {
    const index = await brokenIndex((root) =>
      fsp.writeFile(path.join(root, 'files', fixture.pure.filename), 'other bytes'),
    );
    try {
      await expectInputError(
        resolve(fixture.projectDir, index.url),
        /purepkg-1\.0-py3-none-any\.whl of purepkg 1\.0 .*has sha256 .* but the lock pins/,
      );
    } finally {
      await index.stop();
    }
  });

  it('refuses a locked file the index answers 404 for', async () => {
    const index = await brokenIndex((root) =>
      fsp.rm(path.join(root, 'files', fixture.ext.x86_64.filename)),
    );
    try {
      await expectInputError(
        resolve(fixture.projectDir, index.url),
        new RegExp(
          `answered 404 for ${fixture.ext.x86_64.filename.replace(/\./g, '\\.')}, the file the lock pins for extpkg 2\\.0`,
        ),
      );
    } finally {
      await index.stop();
    }
  });

  it('refuses a wheel whose contents do not match its RECORD', async () => {
    const dir = await fsp.mkdtemp(path.join(work, 'tampered-'));
    const tampered = await makePurePkg(dir, {
      tamper: { path: 'purepkg/__init__.py', content: 'import os\n' },
    });
    const unrecorded = await makePurePkg(await fsp.mkdtemp(path.join(work, 'unrecorded-')), {
      unrecorded: 'purepkg-1.0.data/headers/purepkg.h',
    });
    for (const [wheel, pattern] of [
      [
        tampered,
        /The wheel purepkg-1\.0-py3-none-any\.whl of purepkg 1\.0 holds purepkg\/__init__\.py, whose content does not match its RECORD/,
      ],
      [unrecorded, /holds purepkg-1\.0\.data\/headers\/purepkg\.h, which its RECORD does not list/],
    ] as const) {
      const root = await fsp.mkdtemp(path.join(work, 'index-'));
      await writeStaticIndex(root, [{ project: 'purepkg', files: [wheel] }]);
      const project = await fsp.mkdtemp(path.join(work, 'project-'));
      await writePoetryProject(project, [{ name: 'purepkg', version: '1.0', files: [wheel] }]);
      const index = await serveStaticIndex(root);
      try {
        await expectInputError(resolve(project, index.url, cacheDir(), [targets[0]]), pattern);
      } finally {
        await index.stop();
      }
    }
  });

  it('names the package, the platform and the fix when no wheel fits and there is no sdist', async () => {
    const project = await fsp.mkdtemp(path.join(work, 'project-'));
    await writePoetryProject(project, [
      { name: 'extpkg', version: '2.0', files: [fixture.ext.x86_64] },
    ]);
    await expectInputError(
      resolve(project, server.url),
      /extpkg 2\.0 has no wheel for linux\/arm64 with Python 3\.11 \(glibc\).*platforms: linux\/amd64.*builder: docker/,
    );
  });
});

describe('a pure sdist without a wheel', () => {
  it('is built with the runner’s pip wheel and installed on every platform', async () => {
    const dir = await fsp.mkdtemp(path.join(work, 'sdist-'));
    const sdist = await makePureSdist(dir, 'lazypkg', '0.3', 'lazypkg', 'VALUE = 42\n');
    const root = await fsp.mkdtemp(path.join(work, 'index-'));
    await writeStaticIndex(root, [{ project: 'lazypkg', files: [sdist] }]);
    const project = await fsp.mkdtemp(path.join(work, 'project-'));
    await writePoetryProject(project, [{ name: 'lazypkg', version: '0.3', files: [sdist] }]);
    const index = await serveStaticIndex(root);
    try {
      const cache = cacheDir();
      const [amd, arm] = await resolve(project, index.url, cache);
      expect(amd.packages).toEqual([
        expect.objectContaining({
          name: 'lazypkg',
          from: 'sdist',
          filename: 'lazypkg-0.3-py3-none-any.whl',
        }),
      ]);
      expect(file(arm, `${SITE}/lazypkg/__init__.py`).bytes.toString()).toBe('VALUE = 42\n');
      expect(file(amd, `${SITE}/lazypkg-0.3.dist-info/INSTALLER`).bytes.toString()).toBe(
        'slipway\n',
      );
      // The next run takes the built wheel from the cache, which marks it used (for pruning).
      const [built] = fs
        .readdirSync(path.join(cache, 'built'))
        .map((n) => path.join(cache, 'built', n));
      const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
      fs.utimesSync(built, old, old);
      const inside = fs.readdirSync(built);
      await resolve(project, index.url, cache, [targets[0]]);
      expect(fs.readdirSync(built)).toEqual(inside);
      expect(fs.statSync(built).mtimeMs).toBeGreaterThan(Date.now() - 60 * 60 * 1000);
    } finally {
      await index.stop();
    }
  });
});

describe('requirements.txt with hashes only', () => {
  it('finds the files on the index by their hashes', async () => {
    const project = await fsp.mkdtemp(path.join(work, 'reqs-'));
    const reqs = [
      `purepkg==1.0 --hash=sha256:${fixture.pure.sha256}`,
      `extpkg==2.0 --hash=sha256:${fixture.ext.x86_64.sha256} --hash=sha256:${fixture.ext.aarch64.sha256}`,
      `--index-url ${server.url}`,
    ].join('\n');
    await fsp.writeFile(path.join(project, 'requirements.txt'), reqs);
    const lock = readPythonLock(path.join(project, 'requirements.txt'), { env: {} });
    const [, arm] = await resolvePythonDependencies({ lock, targets, cacheDir: cacheDir() });
    expect(arm.packages.map((p) => p.filename)).toEqual([
      fixture.ext.aarch64.filename,
      fixture.pure.filename,
    ]);
  });
});

describe('pylock.toml (PEP 751)', () => {
  it('downloads the locked wheels from their own URLs and picks each platform’s', async () => {
    const project = await fsp.mkdtemp(path.join(work, 'pylock-'));
    const files = server.url.replace(/\/simple$/, '/files');
    const wheel = (f: { filename: string; sha256: string }): string =>
      `{name = "${f.filename}", url = "${files}/${f.filename}", hashes = {sha256 = "${f.sha256}"}}`;
    const text = [
      'lock-version = "1.0"',
      'created-by = "slipway-test"',
      '[[packages]]',
      'name = "extpkg"',
      'version = "2.0"',
      `wheels = [${wheel(fixture.ext.x86_64)}, ${wheel(fixture.ext.aarch64)}]`,
      '[[packages]]',
      'name = "purepkg"',
      'version = "1.0"',
      `wheels = [${wheel(fixture.pure)}]`,
      '',
    ].join('\n');
    await fsp.writeFile(path.join(project, 'pylock.toml'), text);
    const lock = readPythonLock(path.join(project, 'pylock.toml'), {
      env: { PIP_INDEX_URL: 'http://127.0.0.1:9/unused' },
    });
    const before = server.requests.filter((r) => r.path.startsWith('/simple/')).length;
    const [amd, arm] = await resolvePythonDependencies({ lock, targets, cacheDir: cacheDir() });
    expect(amd.packages.map((p) => p.filename)).toEqual([
      fixture.ext.x86_64.filename,
      fixture.pure.filename,
    ]);
    expect(fingerprint(arm)).toEqual(fingerprint(arm64Reference));
    // no index page was read: the lock names the files' URLs
    expect(server.requests.filter((r) => r.path.startsWith('/simple/')).length).toBe(before);
  });
});
