import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/core/errors';
import { targetPythonFromBase } from '../../src/toolchain/python/base-python';
import {
  findLock,
  readProjectPackage,
  readPythonLock,
  poetryConstraintHolds,
} from '../../src/toolchain/python/lock';
import { evaluateMarker } from '../../src/toolchain/python/markers';
import {
  markerEnvironment,
  parseWheelName,
  platformTags,
  supportedTags,
  wheelRank,
} from '../../src/toolchain/python/tags';
import type { TargetPython } from '../../src/toolchain/python/tags';

const H = (c: string): string => c.repeat(64);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-pylock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const py311: TargetPython = targetPythonFromBase({
  env: ['PATH=/usr/bin', 'PYTHON_VERSION=3.11.7'],
});
const amd64 = markerEnvironment(py311, 'x86_64');
const arm64 = markerEnvironment(py311, 'aarch64');
const py39 = markerEnvironment(targetPythonFromBase({ env: ['PYTHON_VERSION=3.9.18'] }), 'x86_64');

const PYPROJECT = `
[tool.poetry]
name = "source-acme"
version = "0.1.0"
packages = [{include = "source_acme"}]

[tool.poetry.dependencies]
python = "^3.9"
airbyte-cdk = "^0.50"
uvloop = {version = "^0.19", markers = "sys_platform == 'linux' and platform_machine == 'x86_64'"}
tomli = {version = "^2", python = "<3.11"}
fancy = {version = "1", optional = true}

[tool.poetry.group.dev.dependencies]
pytest = "^8"

[tool.poetry.scripts]
source-acme = "source_acme.run:run"
`;

function pkg(name: string, version: string, extra = ''): string {
  return `[[package]]\nname = "${name}"\nversion = "${version}"\noptional = false\npython-versions = "*"\nfiles = [\n  {file = "${name}-${version}-py3-none-any.whl", hash = "sha256:${H('a')}"},\n]\n${extra}\n`;
}

const POETRY_LOCK = [
  pkg(
    'airbyte-cdk',
    '0.50.1',
    '[package.dependencies]\nPyYAML = ">=6"\nrequests = "*"\nwin-only = {version = "*", markers = "sys_platform == \\"win32\\""}\nsecurity = {version = "*", optional = true}\n\n[package.extras]\nsec = ["security (>=1)"]\n',
  ),
  pkg('PyYAML', '6.0.1'),
  pkg(
    'requests',
    '2.31.0',
    '[package.dependencies]\nidna = [\n  {version = ">=2", markers = "python_version >= \\"3.10\\""},\n  {version = "<3", markers = "python_version < \\"3.10\\""},\n]\n',
  ),
  pkg('idna', '3.6'),
  pkg('uvloop', '0.19.0'),
  pkg('tomli', '2.0.1'),
  pkg('win-only', '1.0'),
  pkg('security', '1.0'),
  pkg('fancy', '1'),
  pkg('pytest', '8.0.0'),
  '[metadata]\nlock-version = "2.0"\npython-versions = "^3.9"\ncontent-hash = "x"\n',
].join('\n');

describe('poetry.lock', () => {
  it('takes the main group reachable from pyproject.toml, following edges whose markers hold for the target', () => {
    write('pyproject.toml', PYPROJECT);
    const lock = readPythonLock(write('poetry.lock', POETRY_LOCK), { env: {} });
    const names = (env: typeof amd64): string[] => lock.packagesFor(env).map((p) => p.key);
    expect(names(amd64)).toEqual(['airbyte-cdk', 'idna', 'pyyaml', 'requests', 'uvloop']);
    // platform_machine: no uvloop on arm64
    expect(names(arm64)).toEqual(['airbyte-cdk', 'idna', 'pyyaml', 'requests']);
    // python = "<3.11" holds on 3.9
    expect(names(py39)).toContain('tomli');
    const first = lock.packagesFor(amd64)[0];
    expect(first).toEqual({
      name: 'airbyte-cdk',
      key: 'airbyte-cdk',
      version: '0.50.1',
      files: [{ filename: 'airbyte-cdk-0.50.1-py3-none-any.whl', sha256: H('a') }],
      indexes: ['https://pypi.org/simple'],
    });
  });

  it('uses PIP_INDEX_URL / PIP_EXTRA_INDEX_URL and a package source of type legacy', () => {
    write(
      'pyproject.toml',
      '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nprivate = "*"\nidna = "*"\n',
    );
    const file = write(
      'poetry.lock',
      pkg('idna', '3.6') +
        pkg(
          'private',
          '1.0',
          '[package.source]\ntype = "legacy"\nurl = "https://pkgs.example/simple/"\nreference = "corp"\n',
        ),
    );
    const lock = readPythonLock(file, {
      env: {
        PIP_INDEX_URL: 'http://127.0.0.1:1/simple/',
        PIP_EXTRA_INDEX_URL: 'http://a/simple http://b/simple',
      },
    });
    const [idna, priv] = lock.packagesFor(amd64);
    expect(idna.indexes).toEqual([
      'http://127.0.0.1:1/simple',
      'http://a/simple',
      'http://b/simple',
    ]);
    expect(priv.indexes).toEqual(['https://pkgs.example/simple']);
  });

  it('refuses a git source naming the package and the fix', () => {
    write(
      'pyproject.toml',
      '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nfromgit = "*"\n',
    );
    const file = write(
      'poetry.lock',
      pkg('fromgit', '1.0', '[package.source]\ntype = "git"\nurl = "https://github.com/a/b"\n'),
    );
    expect(() => readPythonLock(file)).toThrow(/fromgit 1\.0 .*git source.*builder: docker/);
  });

  it('follows an optional dependency only when a requested extra enables it', () => {
    write(
      'pyproject.toml',
      '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nairbyte-cdk = {version = "*", extras = ["sec"]}\n',
    );
    const lock = readPythonLock(write('poetry.lock', POETRY_LOCK), { env: {} });
    expect(lock.packagesFor(amd64).map((p) => p.key)).toEqual([
      'airbyte-cdk',
      'idna',
      'pyyaml',
      'requests',
      'security',
    ]);
  });

  it('uses the groups and per-group markers of a Poetry 2 lock', () => {
    const file = write(
      'poetry.lock',
      pkg('six', '1.16.0', 'groups = ["main"]') +
        pkg(
          'uvloop',
          '0.19.0',
          'groups = ["main"]\nmarkers = {main = "platform_machine == \\"x86_64\\""}',
        ) +
        pkg('pytest', '8.0.0', 'groups = ["dev"]') +
        '[metadata]\nlock-version = "2.1"\n',
    );
    const lock = readPythonLock(file);
    expect(lock.packagesFor(amd64).map((p) => p.key)).toEqual(['six', 'uvloop']);
    expect(lock.packagesFor(arm64).map((p) => p.key)).toEqual(['six']);
  });

  it('uses category = "main" of a lock-version 1.1 lock when there is no pyproject.toml', () => {
    const file = write(
      'poetry.lock',
      `${pkg('six', '1.16.0', 'category = "main"')}${pkg('pytest', '8.0.0', 'category = "dev"')}[metadata]\nlock-version = "1.1"\n`,
    );
    expect(
      readPythonLock(file)
        .packagesFor(amd64)
        .map((p) => p.name),
    ).toEqual(['six']);
  });

  it('refuses a file without a sha256 hash', () => {
    const file = write(
      'poetry.lock',
      '[[package]]\nname = "a"\nversion = "1"\nfiles = [{file = "a-1.tar.gz", hash = "md5:abc"}]\n',
    );
    expect(() => readPythonLock(file)).toThrow(InputError);
  });
});

describe('requirements.txt', () => {
  it('reads pins, hashes, markers, continuation lines, -r includes and index options', () => {
    write('base.txt', `idna==3.6 --hash=sha256:${H('c')}\n`);
    const file = write(
      'requirements.txt',
      [
        '# generated by pip-compile',
        '--index-url http://127.0.0.1:9/simple',
        '--extra-index-url=http://127.0.0.1:10/simple',
        '-r base.txt',
        `requests==2.31.0 \\`,
        `    --hash=sha256:${H('a')} \\`,
        `    --hash=sha256:${H('b')}`,
        `uvloop==0.19.0 ; platform_machine == "x86_64" --hash=sha256:${H('d')}`,
      ].join('\n'),
    );
    const lock = readPythonLock(file, { env: { PIP_INDEX_URL: 'http://ignored/simple' } });
    const onAmd = lock.packagesFor(amd64);
    expect(onAmd.map((p) => `${p.name}==${p.version}`)).toEqual([
      'idna==3.6',
      'requests==2.31.0',
      'uvloop==0.19.0',
    ]);
    expect(onAmd[1].files).toEqual([{ sha256: H('a') }, { sha256: H('b') }]);
    expect(onAmd[1].indexes).toEqual(['http://127.0.0.1:9/simple', 'http://127.0.0.1:10/simple']);
    expect(lock.packagesFor(arm64).map((p) => p.name)).toEqual(['idna', 'requests']);
  });

  it('refuses an unpinned requirement, naming the line and the fix', () => {
    const file = write('requirements.txt', 'requests>=2\n');
    expect(() => readPythonLock(file)).toThrow(
      /requirements\.txt line 1: "requests>=2" is not pinned.*pip-compile/,
    );
  });

  it('refuses a pin without hashes and an option only pip understands', () => {
    expect(() => readPythonLock(write('requirements.txt', 'requests==2.31.0\n'))).toThrow(
      /has no --hash=sha256/,
    );
    expect(() => readPythonLock(write('requirements.txt', '-e ./local\n'))).toThrow(
      /option -e needs pip itself/,
    );
  });
});

describe('pylock.toml', () => {
  it('reads wheels with URLs and hashes and applies package markers', () => {
    const file = write(
      'pylock.toml',
      [
        'lock-version = "1.0"',
        'created-by = "uv"',
        '[[packages]]',
        'name = "attrs"',
        'version = "23.2.0"',
        'index = "https://pypi.org/simple"',
        `wheels = [{url = "https://files.example/attrs-23.2.0-py3-none-any.whl", hashes = {sha256 = "${H('e')}"}}]`,
        '[[packages]]',
        'name = "winreg-helper"',
        'version = "1.0"',
        'marker = "sys_platform == \'win32\'"',
        `wheels = [{name = "winreg_helper-1.0-py3-none-any.whl", url = "https://f/w.whl", hashes = {sha256 = "${H('f')}"}}]`,
      ].join('\n'),
    );
    const pkgs = readPythonLock(file).packagesFor(amd64);
    expect(pkgs).toHaveLength(1);
    expect(pkgs[0].files).toEqual([
      {
        filename: 'attrs-23.2.0-py3-none-any.whl',
        sha256: H('e'),
        url: 'https://files.example/attrs-23.2.0-py3-none-any.whl',
      },
    ]);
  });
});

describe('pyproject.toml project package', () => {
  it('reads the Poetry name, packages and scripts', () => {
    write('pyproject.toml', PYPROJECT);
    expect(readProjectPackage(dir)).toEqual({
      name: 'source-acme',
      version: '0.1.0',
      packages: ['source_acme'],
      scripts: { 'source-acme': 'source_acme.run:run' },
    });
    expect(findLock(dir)).toBeUndefined();
    write('poetry.lock', POETRY_LOCK);
    expect(findLock(dir)).toBe(path.join(dir, 'poetry.lock'));
  });

  it('finds a PEP 621 project package in src/', () => {
    write(
      'pyproject.toml',
      '[project]\nname = "my-fn"\nversion = "2.0"\ndependencies = ["requests>=2"]\n[project.scripts]\nrun-fn = "my_fn:main"\n',
    );
    fs.mkdirSync(path.join(dir, 'src', 'my_fn'), { recursive: true });
    expect(readProjectPackage(dir)).toEqual({
      name: 'my-fn',
      version: '2.0',
      packages: ['src/my_fn'],
      scripts: { 'run-fn': 'my_fn:main' },
    });
  });
});

describe('markers', () => {
  it('evaluates versions, strings, and/or with parentheses, extras', () => {
    const env = amd64;
    expect(evaluateMarker('python_version >= "3.10" and python_version < "3.12"', env, 't')).toBe(
      true,
    );
    expect(evaluateMarker('python_full_version < "3.11.7"', env, 't')).toBe(false);
    expect(
      evaluateMarker(
        '(sys_platform == "win32" or platform_machine == "x86_64") and os_name == "posix"',
        env,
        't',
      ),
    ).toBe(true);
    expect(evaluateMarker("platform_machine in 'x86_64 aarch64'", arm64, 't')).toBe(true);
    expect(evaluateMarker('extra == "socks"', { ...env, extras: ['socks'] }, 't')).toBe(true);
    expect(evaluateMarker('extra == "socks"', env, 't')).toBe(false);
    expect(evaluateMarker('python_version == "3.*"', env, 't')).toBe(true);
    expect(() => evaluateMarker('python_version >=', env, 'the lock')).toThrow(
      /in the lock cannot be read \(it ends too early\)/,
    );
    expect(() => evaluateMarker('cpu == "x"', env, 't')).toThrow(InputError);
  });

  it('checks Poetry constraints', () => {
    expect(poetryConstraintHolds('3.11.7', '^3.9')).toBe(true);
    expect(poetryConstraintHolds('4.0.0', '^3.9')).toBe(false);
    expect(poetryConstraintHolds('3.9.1', '>=3.8,<3.10')).toBe(true);
    expect(poetryConstraintHolds('3.11.0', '~3.10 || ~3.11')).toBe(true);
    expect(poetryConstraintHolds('3.12.0', '~3.10 || ~3.11')).toBe(false);
  });
});

describe('wheel tags', () => {
  it('expands compressed tag sets and parses build tags', () => {
    expect(
      parseWheelName('numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'),
    ).toEqual({
      name: 'numpy',
      version: '1.26.4',
      tags: ['cp311-cp311-manylinux_2_17_x86_64', 'cp311-cp311-manylinux2014_x86_64'],
    });
    expect(parseWheelName('Foo_Bar-1.0-1b-py2.py3-none-any.whl')).toEqual({
      name: 'foo-bar',
      version: '1.0',
      build: '1b',
      tags: ['py2-none-any', 'py3-none-any'],
    });
    expect(parseWheelName('foo-1.0.tar.gz')).toBeUndefined();
  });

  it('orders platform tags from the newest libc down, with the legacy aliases', () => {
    const glibc = { ...py311, libcVersion: '2.17' };
    expect(platformTags(glibc, 'aarch64')).toEqual([
      'manylinux_2_17_aarch64',
      'manylinux2014_aarch64',
      'linux_aarch64',
    ]);
    const x86 = platformTags({ ...py311, libcVersion: '2.31' }, 'x86_64');
    expect(x86[0]).toBe('manylinux_2_31_x86_64');
    expect(x86).toContain('manylinux2010_x86_64');
    expect(x86.indexOf('manylinux1_x86_64')).toBe(x86.length - 2);
    expect(platformTags({ ...py311, libc: 'musl', libcVersion: '1.2' }, 'x86_64')).toEqual([
      'musllinux_1_2_x86_64',
      'musllinux_1_1_x86_64',
      'musllinux_1_0_x86_64',
      'linux_x86_64',
    ]);
  });

  it('prefers the exact ABI, then abi3, then pure wheels, and rejects other machines and newer glibc', () => {
    const ranks = new Map(supportedTags(py311, 'x86_64').map((t, i) => [t, i]));
    const rank = (f: string): number | undefined =>
      wheelRank(parseWheelName(f) ?? { name: '', version: '', tags: [] }, ranks);
    const exact = rank('a-1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
    const abi3 = rank('a-1-cp38-abi3-manylinux2014_x86_64.whl');
    const pure = rank('a-1-py3-none-any.whl');
    expect(exact).toBeDefined();
    expect(exact).toBeLessThan(abi3 as number);
    expect(abi3).toBeLessThan(pure as number);
    expect(rank('a-1-cp311-cp311-manylinux_2_17_aarch64.whl')).toBeUndefined();
    expect(rank('a-1-cp312-cp312-manylinux_2_17_x86_64.whl')).toBeUndefined();
    expect(rank('a-1-cp311-cp311-manylinux_2_35_x86_64.whl')).toBeUndefined();
    expect(rank('a-1-cp311-cp311-musllinux_1_1_x86_64.whl')).toBeUndefined();
  });
});

describe('the base image Python', () => {
  it('reads PYTHON_VERSION (python:* images) and Debian paths', () => {
    expect(py311).toMatchObject({
      version: '3.11',
      fullVersion: '3.11.7',
      abi: 'cp311',
      sitePackages: '/usr/local/lib/python3.11/site-packages',
      interpreter: '/usr/local/bin/python3',
      libc: 'glibc',
    });
    const debian = targetPythonFromBase({
      paths: [
        'usr/lib/python3.11',
        'usr/lib/python3/dist-packages',
        '/lib/x86_64-linux-gnu/libc-2.31.so',
      ],
    });
    expect(debian).toMatchObject({
      version: '3.11',
      sitePackages: '/usr/local/lib/python3.11/dist-packages',
      interpreter: '/usr/bin/python3',
      libcVersion: '2.31',
    });
    const alpine = targetPythonFromBase({
      paths: ['/usr/local/lib/python3.12/site-packages', '/lib/ld-musl-aarch64.so.1'],
    });
    expect(alpine).toMatchObject({
      version: '3.12',
      abi: 'cp312',
      libc: 'musl',
      sitePackages: '/usr/local/lib/python3.12/site-packages',
    });
  });

  it('refuses a base without Python, naming it', () => {
    expect(() =>
      targetPythonFromBase({ env: ['PATH=/bin'], paths: ['/bin/sh'], label: 'busybox:1' }),
    ).toThrow(/busybox:1 shows no Python 3/);
  });
});
