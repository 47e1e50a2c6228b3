/**
 * Issue 3, "one plan, two renderings": for every connector kind that needs no RUN, the CLI's
 * native build and `podman build` of the Dockerfile the same CLI run rendered (with the build
 * context kept by SLIPWAY_KEEP_CONTEXT) hold the same files, owners, modes and bytes, and the same
 * run config (Env, Entrypoint, Cmd, User, WorkingDir, Labels, ExposedPorts). Both are pushed to
 * the same registry and read back with podman and skopeo.
 */
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { podmanBuild, podmanPush, podmanRun } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import {
  copyExample,
  goFunctionBinary,
  listImage,
  runConfig,
  slipway,
  statInImage,
} from '../fixtures/kinds';
import type { ComparableConfig } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { narEntries, writeZip } from '../unit/connector-fixtures';

let reg: TestRegistry;
let work: string;
let runner: string;
let busybox: string;

beforeAll(async () => {
  work = await makeTempDir('kinds-parity');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  await seedBusyboxBase(reg, 'base/busybox:1');
  runner = `${reg.host}/base/runner:x`;
  busybox = `${reg.host}/base/busybox:1`;
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Both {
  native: { files: string[]; config: ComparableConfig };
  docker: { files: string[]; config: ComparableConfig };
  dockerfile: string;
}

/**
 * Builds `args` natively through the CLI, then builds the Dockerfile that run rendered with
 * podman and pushes it beside; returns what each image holds.
 */
async function buildBoth(name: string, args: string[]): Promise<Both> {
  const repo = `${reg.host}/parity/${name}`;
  const res = await slipway(
    work,
    reg,
    ['build', ...args, '--image', repo, '--tags', 'native', '--json'],
    { SLIPWAY_KEEP_CONTEXT: 'true' },
  );
  if (res.code !== 0) throw new Error(`slipway failed (${res.code}):\n${res.stderr}`);
  const dockerfile = String(res.json?.dockerfile);
  await podmanBuild(join(dirname(dockerfile), 'context'), dockerfile, `${repo}:docker`);
  await podmanPush(`${repo}:docker`);
  const nativeRef = `${repo}@${String(res.json?.digest)}`;
  return {
    native: { files: await listImage(nativeRef), config: await runConfig(nativeRef) },
    docker: { files: await listImage(`${repo}:docker`), config: await runConfig(`${repo}:docker`) },
    dockerfile,
  };
}

/** The parity itself, plus a check that the listing holds what the kind puts there. */
function expectSame(both: Both, expectedLines: RegExp[]): void {
  expect(both.docker.files).toEqual(both.native.files);
  expect(both.docker.config).toEqual(both.native.config);
  for (const line of expectedLines) {
    expect(both.native.files).toContainEqual(expect.stringMatching(line));
  }
}

const SHA = '[a-f0-9]{64}';

it('pulsar sink uber JAR', async () => {
  const dir = project('uber-jar');
  await writeZip(join(dir, 'my-sink-1.4.0.jar'), {
    'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n\r\n',
    'com/acme/MySink.class': Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  });
  const both = await buildBoth('uber-jar', [
    '--working-directory',
    dir,
    '--artifact',
    'my-sink-1.4.0.jar',
    '--connector-type',
    'pulsar-sink',
    '--class-name',
    'com.acme.MySink',
    '--base-image',
    runner,
  ]);
  expectSame(both, [
    /^\/pulsar\|directory\|10000:10001\|775\|\|$/,
    /^\/pulsar\/connectors\|directory\|10000:10001\|775\|\|$/,
    new RegExp(
      `^/pulsar/connectors/my-sink-1\\.4\\.0\\.jar\\|regular file\\|10000:10001\\|644\\|\\d+\\|${SHA}$`,
    ),
  ]);
  expect(both.native.config.User).toBe('10000');
});

it('pulsar source NAR', async () => {
  const dir = project('nar');
  await writeZip(
    join(dir, 'kafka-source-3.0.0.nar'),
    await narEntries({
      ioYaml: 'name: kafka\nsourceClass: com.acme.KafkaSource\n',
      rootClasses: ['com.acme.KafkaSource'],
    }),
  );
  const both = await buildBoth('nar', [
    '--working-directory',
    dir,
    '--artifact',
    'kafka-source-3.0.0.nar',
    '--base-image',
    runner,
  ]);
  expectSame(both, [
    new RegExp(
      `^/pulsar/connectors/kafka-source-3\\.0\\.0\\.nar\\|regular file\\|10000:10001\\|644\\|\\d+\\|${SHA}$`,
    ),
  ]);
});

it('java function JAR', async () => {
  const dir = project('java-fn');
  await writeZip(join(dir, 'fn-0.2.0.jar'), {
    'com/acme/Fn.class': Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  });
  const both = await buildBoth('java-fn', [
    '--working-directory',
    dir,
    '--artifact',
    'fn-0.2.0.jar',
    '--connector-type',
    'pulsar-function',
    '--base-image',
    runner,
  ]);
  expectSame(both, [
    new RegExp(`^/pulsar/fn-0\\.2\\.0\\.jar\\|regular file\\|10000:10001\\|644\\|`),
  ]);
});

it('python function', async () => {
  const dir = project('python-fn');
  copyFileSync(
    join(__dirname, '../../examples/python-function/exclamation.py'),
    join(dir, 'exclamation.py'),
  );
  const both = await buildBoth('python-fn', [
    '--working-directory',
    dir,
    '--artifact',
    'exclamation.py',
    '--base-image',
    runner,
  ]);
  expectSame(both, [/^\/pulsar\/exclamation\.py\|regular file\|10000:10001\|644\|/]);
});

it('go function', async () => {
  const dir = project('go-fn');
  copyFileSync(await goFunctionBinary('amd64'), join(dir, 'exclamation'));
  const both = await buildBoth('go-fn', [
    '--working-directory',
    dir,
    '--artifact',
    'exclamation',
    '--base-image',
    runner,
  ]);
  expectSame(both, [/^\/pulsar\/exclamation\|regular file\|10000:10001\|755\|/]);
});

it('airbyte declarative source', async () => {
  const dir = copyExample(work, 'airbyte-declarative-source');
  const both = await buildBoth('airbyte', ['--working-directory', dir, '--base-image', busybox]);
  expectSame(both, [
    /^\/airbyte\|directory\|1000:1000\|755\|\|$/,
    /^\/airbyte\/integration_code\/source_declarative_manifest\/manifest\.yaml\|regular file\|1000:1000\|644\|/,
  ]);
  expect(both.native.config).toMatchObject({
    Entrypoint: ['python', '/airbyte/integration_code/main.py'],
    WorkingDir: '/airbyte/integration_code',
  });
  expect(both.native.config.Cmd).toBeUndefined();
});

it('generic file', async () => {
  const dir = project('file');
  writeFileSync(join(dir, 'settings.conf'), 'a = 1\n');
  const both = await buildBoth('file', [
    '--working-directory',
    dir,
    '--artifact',
    'settings.conf',
    '--artifact-path',
    '/opt/acme/conf/',
    '--base-image',
    busybox,
  ]);
  expectSame(both, [
    /^\/opt\|directory\|0:0\|755\|\|$/,
    /^\/opt\/acme\/conf\/settings\.conf\|regular file\|0:0\|644\|6\|/,
  ]);
});

it('generic file into a directory the base has: /tmp keeps its 1777 (rendered Dockerfile too)', async () => {
  const dir = project('file-tmp');
  writeFileSync(join(dir, 'note.txt'), 'n\n');
  const both = await buildBoth('file-tmp', [
    '--working-directory',
    dir,
    '--artifact',
    'note.txt',
    '--artifact-path',
    '/tmp/',
    '--base-image',
    busybox,
  ]);
  expectSame(both, [
    /^\/tmp\|directory\|0:0\|1777\|\|$/,
    /^\/tmp\/note\.txt\|regular file\|0:0\|644\|/,
  ]);
});

it('a user Dockerfile COPY into directories the base has leaves their owner and mode, as podman build does', async () => {
  const dir = project('existing-dirs');
  writeFileSync(join(dir, 'note.txt'), 'n\n');
  writeFileSync(join(dir, 'sink.nar'), 'not really a nar\n');
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${runner}`,
      'COPY note.txt /tmp/note.txt',
      'COPY --chown=10000:10001 sink.nar /pulsar/connectors/',
      // missing in the base: made as 0:0 0755 by both
      'COPY note.txt /opt/acme/note.txt',
      '',
    ].join('\n'),
  );
  const repo = `${reg.host}/parity/existing-dirs`;
  const res = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
    '--image',
    repo,
    '--tags',
    'native',
    '--json',
    '--verbose',
  ]);
  if (res.code !== 0) throw new Error(`slipway failed (${res.code}):\n${res.stderr}`);
  // The runner-like base has /pulsar and no /opt: the small base is read before the layer is
  // made, so it is made once (no guess to correct), and a dry run gives the same image.
  expect(res.stderr).not.toContain('making the layer again');
  const dry = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
    '--image',
    repo,
    '--output',
    'none',
    '--json',
  ]);
  expect(dry.json?.digest).toBe(res.json?.digest);
  const native = `${repo}@${String(res.json?.digest)}`;
  await podmanBuild(dir, join(dir, 'Dockerfile'), `${repo}:own`);
  await podmanPush(`${repo}:own`);
  const paths = ['/tmp', '/pulsar', '/pulsar/connectors', '/opt', '/opt/acme'];
  // "uid:gid mode size name" without the size, which for a directory depends on the file system.
  const modes = async (ref: string): Promise<string[]> =>
    (await statInImage(ref, paths)).map((l) =>
      l
        .split(' ')
        .filter((_, i) => i !== 2)
        .join(' '),
    );
  const expected = [
    '0:0 1777 /tmp',
    '10000:10001 755 /pulsar',
    '10000:10001 755 /pulsar/connectors',
    '0:0 755 /opt',
    '0:0 755 /opt/acme',
  ];
  expect(await modes(native)).toEqual(expected);
  expect(await modes(`${repo}:own`)).toEqual(expected);
  // Directories included: nothing the base had was changed by either build.
  expect(await listImage(native)).toEqual(await listImage(`${repo}:own`));
});

it('a user Dockerfile without RUN (built natively)', async () => {
  const dir = project('user-dockerfile');
  mkdirSync(join(dir, 'app/lib'), { recursive: true });
  writeFileSync(join(dir, 'app/run.sh'), '#!/bin/sh\necho run\n');
  chmodSync(join(dir, 'app/run.sh'), 0o750);
  writeFileSync(join(dir, 'app/lib/a.txt'), 'a\n');
  chmodSync(join(dir, 'app/lib/a.txt'), 0o640);
  writeFileSync(join(dir, 'secret.txt'), 's\n');
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `ARG BASE=${busybox}`,
      'FROM ${BASE}',
      'ENV APP_HOME=/srv/app MODE="a b"',
      'WORKDIR $APP_HOME',
      'COPY --chown=1234:2345 app/ ./',
      'COPY --chmod=0600 secret.txt /etc/acme/secret.txt',
      'LABEL org.acme.team=data "org.acme.note"="two words"',
      'EXPOSE 8080 9090/udp',
      'USER 1234',
      'ENTRYPOINT ["/srv/app/run.sh"]',
      'CMD ["--serve"]',
      '',
    ].join('\n'),
  );
  const both = await buildBoth('user-dockerfile', [
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
  ]);
  expectSame(both, [
    /^\/srv\/app\/run\.sh\|regular file\|1234:2345\|750\|/,
    /^\/srv\/app\/lib\|directory\|1234:2345\|755\|\|$/,
    /^\/srv\/app\/lib\/a\.txt\|regular file\|1234:2345\|640\|/,
    /^\/etc\/acme\/secret\.txt\|regular file\|0:0\|600\|/,
  ]);
  expect(both.native.config).toMatchObject({
    Entrypoint: ['/srv/app/run.sh'],
    Cmd: ['--serve'],
    User: '1234',
    WorkingDir: '/srv/app',
    ExposedPorts: ['8080/tcp', '9090/udp'],
  });
  expect(both.native.config.Env).toContain('MODE=a b');
  expect(both.native.config.Labels).toMatchObject({
    'org.acme.team': 'data',
    'org.acme.note': 'two words',
  });

  // The user's own Dockerfile built by podman reads the same: files with their owners, modes
  // and bytes, and the config. Directories are left out: buildah gives the folders a COPY
  // creates (/srv, /srv/app here) the --chown owner, while Docker's WORKDIR creates them as
  // root before the COPY, which is what the native build follows.
  const own = `${reg.host}/parity/user-dockerfile:own`;
  await podmanBuild(dir, join(dir, 'Dockerfile'), own);
  await podmanPush(own);
  const notDirectory = (line: string): boolean => !line.split('|')[1].startsWith('directory');
  expect((await listImage(own)).filter(notDirectory)).toEqual(
    both.native.files.filter(notDirectory),
  );
  // Slipway adds the creation time label the user's Dockerfile does not have.
  const { 'org.opencontainers.image.created': created, ...userLabels } =
    both.native.config.Labels ?? {};
  expect(created).toBe('2023-11-14T22:13:20Z');
  expect(await runConfig(own)).toEqual({ ...both.native.config, Labels: userLabels });
});

it('a user Dockerfile COPY --chown makes the folders it needs with that owner, nested ones too, and leaves existing ones (native, its rendered Dockerfile and the Dockerfile itself under podman)', async () => {
  const dir = project('chown-parents');
  writeFileSync(join(dir, 'note.txt'), 'n\n');
  writeFileSync(join(dir, 'sink.nar'), 'not really a nar\n');
  mkdirSync(join(dir, 'tree/inner'), { recursive: true });
  writeFileSync(join(dir, 'tree/g'), 'g\n');
  writeFileSync(join(dir, 'tree/inner/h'), 'h\n');
  for (const f of ['note.txt', 'sink.nar', 'tree/g', 'tree/inner/h'])
    chmodSync(join(dir, f), 0o644);
  chmodSync(join(dir, 'tree'), 0o750);
  chmodSync(join(dir, 'tree/inner'), 0o700);
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${runner}`,
      'COPY --chown=10000:10001 sink.nar /new/dir/',
      'COPY --chown=5:6 --chmod=0640 note.txt /deep/a/b/note.txt',
      'COPY --chown=7:8 tree/ /deep/a/c/',
      'COPY --chown=9:9 note.txt /deep/a/b/e/',
      // the base has /tmp (1777), /etc and /pulsar/connectors (10000:10001): left as they are
      'COPY --chown=5:6 note.txt /tmp/t/',
      'COPY --chown=5:6 note.txt /etc/acme/',
      'COPY --chown=5:6 sink.nar /pulsar/connectors/more/',
      'COPY note.txt /plain/x/',
      'COPY --chown=3:4 note.txt /plain/x/y/',
      '',
    ].join('\n'),
  );
  const both = await buildBoth('chown-parents', [
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
  ]);
  const repo = `${reg.host}/parity/chown-parents`;
  await podmanBuild(dir, join(dir, 'Dockerfile'), `${repo}:own`);
  await podmanPush(`${repo}:own`);

  const paths = [
    ...['/new', '/new/dir', '/deep', '/deep/a', '/deep/a/b', '/deep/a/b/e', '/deep/a/c'],
    ...['/deep/a/c/inner', '/tmp', '/tmp/t', '/etc', '/etc/acme', '/pulsar'],
    ...['/pulsar/connectors', '/pulsar/connectors/more', '/plain', '/plain/x', '/plain/x/y'],
  ];
  // "uid:gid mode name": the size of a directory depends on the file system.
  const modes = async (ref: string): Promise<string[]> =>
    (await statInImage(ref, paths)).map((l) =>
      l
        .split(' ')
        .filter((_, i) => i !== 2)
        .join(' '),
    );
  const expected = [
    '10000:10001 755 /new',
    '10000:10001 755 /new/dir',
    '5:6 755 /deep',
    '5:6 755 /deep/a',
    '5:6 755 /deep/a/b',
    '9:9 755 /deep/a/b/e',
    '7:8 755 /deep/a/c',
    '7:8 700 /deep/a/c/inner',
    '0:0 1777 /tmp',
    '5:6 755 /tmp/t',
    '0:0 755 /etc',
    '5:6 755 /etc/acme',
    '10000:10001 755 /pulsar',
    '10000:10001 755 /pulsar/connectors',
    '5:6 755 /pulsar/connectors/more',
    '0:0 755 /plain',
    '0:0 755 /plain/x',
    '3:4 755 /plain/x/y',
  ];
  const native = `${repo}:native`;
  expect(await modes(`${repo}:own`)).toEqual(expected);
  expect(await modes(native)).toEqual(expected);
  expect(await modes(`${repo}:docker`)).toEqual(expected);
  // Everything else too, files with their owners, modes and bytes.
  expect(both.docker.files).toEqual(both.native.files);
  expect(await listImage(`${repo}:own`)).toEqual(both.native.files);
  expect(both.native.files).toContainEqual(
    expect.stringMatching(/^\/deep\/a\/b\/note\.txt\|regular file\|5:6\|640\|2\|/),
  );
  expect(readFileSync(both.dockerfile, 'utf8')).toContain(
    'COPY --chown=5:6 --chmod=0755 dirs/empty/ /pulsar/connectors/more/',
  );
});

/** `path -> target` of each link inside the image (run as root). */
async function linksIn(ref: string, paths: string[]): Promise<string[]> {
  const result = await podmanRun(
    ref,
    ['-c', 'for p in "$@"; do echo "$p -> $(readlink "$p")"; done', 'links', ...paths],
    { entrypoint: '/bin/sh', user: '0' },
  );
  if (result.code !== 0) throw new Error(`readlink in ${ref} failed:\n${result.stderr}`);
  return result.stdout.trim().split('\n');
}

function put(dir: string, rel: string, text: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
  chmodSync(join(dir, rel), 0o644);
}

it('an Airbyte Python folder: links inside it stay links, secrets and .dockerignore-d paths are left out (native and podman)', async () => {
  const dir = project('airbyte-python-links');
  put(
    dir,
    'metadata.yaml',
    'data:\n  connectorType: source\n  dockerRepository: acme/source-links\n  dockerImageTag: 0.1.0\n',
  );
  put(dir, 'main.py', 'print("spec")\n');
  // Like airbyte-ci, only main.py and the package go into the image; the package folder is copied
  // with the folder rules (links, secrets, its .dockerignore).
  put(
    dir,
    'pyproject.toml',
    '[tool.poetry]\nname = "source-links"\nversion = "0.1.0"\npackages = [{ include = "source_links" }]\n',
  );
  const pkg = 'source_links';
  put(dir, `${pkg}/__init__.py`, '');
  put(dir, `${pkg}/schemas/a.json`, '{}\n');
  symlinkSync('schemas/a.json', join(dir, `${pkg}/current.json`));
  symlinkSync('__init__.py', join(dir, `${pkg}/main_link.py`));
  // Secrets, always left out; a key comes in only when a "!" line names it.
  put(dir, `${pkg}/.env`, 'TOKEN=x\n');
  put(dir, `${pkg}/.env.local`, 'TOKEN=y\n');
  put(dir, `${pkg}/.git/config`, '[core]\n');
  put(dir, `${pkg}/.npmrc`, '//registry/:_authToken=x\n');
  put(dir, `${pkg}/gha-creds-0123abcd.json`, '{"private_key":"x"}\n');
  put(dir, `${pkg}/certs/server.key`, 'KEY\n');
  put(dir, `${pkg}/certs/server.pem`, 'PEM\n');
  put(dir, `${pkg}/certs/ca.pem`, 'CA\n');
  put(dir, `${pkg}/docs/notes.md`, 'n\n');
  put(dir, `${pkg}/docs/keep.md`, 'k\n');
  put(dir, `${pkg}/.dockerignore`, 'docs\n!docs/keep.md\n!certs/ca.pem\n');
  const both = await buildBoth('airbyte-python-links', [
    '--working-directory',
    dir,
    '--base-image',
    busybox,
    '--verbose',
  ]);
  const code = '/airbyte/integration_code';
  expectSame(both, [
    new RegExp(`^${code}/source_links/current\\.json\\|symbolic link\\|1000:1000\\|777\\|`),
    new RegExp(`^${code}/source_links/main_link\\.py\\|symbolic link\\|1000:1000\\|777\\|`),
    new RegExp(`^${code}/source_links/certs/ca\\.pem\\|regular file\\|1000:1000\\|644\\|`),
    new RegExp(`^${code}/source_links/docs/keep\\.md\\|regular file\\|1000:1000\\|644\\|`),
  ]);
  const leftOut = ['.env', '.env.local', '.git', '.npmrc', 'gha-creds-0123abcd.json'];
  for (const name of [...leftOut, 'certs/server.key', 'certs/server.pem', 'docs/notes.md'])
    expect(both.native.files.join('\n')).not.toContain(`${code}/source_links/${name}|`);
  const links = [`${code}/source_links/current.json`, `${code}/source_links/main_link.py`];
  const want = [`${links[0]} -> schemas/a.json`, `${links[1]} -> __init__.py`];
  const repo = `${reg.host}/parity/airbyte-python-links`;
  expect(await linksIn(`${repo}:native`, links)).toEqual(want);
  expect(await linksIn(`${repo}:docker`, links)).toEqual(want);
});

it('a user Dockerfile: a link inside a copied folder stays a link, a source through a linked folder inside the context is copied (native, rendered and own Dockerfile under podman)', async () => {
  const dir = project('dockerfile-links');
  put(dir, 'app/lib/a.txt', 'a\n');
  put(dir, 'app/run.sh', '#!/bin/sh\n');
  symlinkSync('lib/a.txt', join(dir, 'app/current.txt'));
  symlinkSync('app/lib', join(dir, 'via'));
  writeFileSync(
    join(dir, 'Dockerfile'),
    [`FROM ${busybox}`, 'COPY app/ /srv/app/', 'COPY via/a.txt /srv/b.txt', ''].join('\n'),
  );
  const both = await buildBoth('dockerfile-links', [
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
  ]);
  expectSame(both, [
    /^\/srv\/app\/current\.txt\|symbolic link\|0:0\|777\|/,
    /^\/srv\/b\.txt\|regular file\|0:0\|644\|2\|/,
  ]);
  const repo = `${reg.host}/parity/dockerfile-links`;
  const own = `${repo}:own`;
  await podmanBuild(dir, join(dir, 'Dockerfile'), own);
  await podmanPush(own);
  const notDirectory = (line: string): boolean => !line.split('|')[1].startsWith('directory');
  expect((await listImage(own)).filter(notDirectory)).toEqual(
    both.native.files.filter(notDirectory),
  );
  expect(await linksIn(`${repo}:native`, ['/srv/app/current.txt'])).toEqual([
    '/srv/app/current.txt -> lib/a.txt',
  ]);
  expect(await linksIn(own, ['/srv/app/current.txt'])).toEqual([
    '/srv/app/current.txt -> lib/a.txt',
  ]);
});

it('an Airbyte manifest whose components.py is a relative link inside the project builds (native and podman)', async () => {
  const repoDir = project('manifest-linked-components');
  const dir = join(repoDir, 'connectors', 'source-x');
  mkdirSync(dir, { recursive: true });
  copyFileSync(
    join(__dirname, '../../examples/airbyte-declarative-source/manifest.yaml'),
    join(dir, 'manifest.yaml'),
  );
  copyFileSync(
    join(__dirname, '../../examples/airbyte-declarative-source/metadata.yaml'),
    join(dir, 'metadata.yaml'),
  );
  put(repoDir, 'shared/components.py', 'class Custom:\n    pass\n');
  symlinkSync('../../shared/components.py', join(dir, 'components.py'));
  const both = await buildBoth('manifest-linked-components', [
    '--working-directory',
    repoDir,
    '--artifact',
    'connectors/source-x',
    '--base-image',
    busybox,
  ]);
  expectSame(both, [
    /^\/airbyte\/integration_code\/source_declarative_manifest\/components\.py\|regular file\|1000:1000\|644\|23\|/,
  ]);
});
