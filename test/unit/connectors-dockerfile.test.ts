import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import {
  directoryCopies,
  impliedDirectories,
  layerDirectories,
  parentCopies,
  parseDockerfile,
  prepareBuildContext,
  renderDockerfile,
} from '../../src/connectors/dockerfile';
import type { ImagePlan } from '../../src/connectors/plan';
import { processWord, processWords } from '../../src/connectors/shell-words';
import { tempDir } from './connector-fixtures';

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function source(name: string, content = name): string {
  const path = join(tmp.dir, 'src', name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function pulsarPlan(): ImagePlan {
  return {
    base: 'streamnative/pulsar-functions-java-runner:4.0.4',
    files: [
      {
        path: '/pulsar/connectors/my-sink.nar',
        source: source('my-sink.nar'),
        mode: 0o644,
        uid: 10000,
        gid: 10001,
      },
    ],
    directories: [
      { path: '/pulsar', mode: 0o775, uid: 10000, gid: 10001 },
      { path: '/pulsar/connectors', mode: 0o775, uid: 10000, gid: 10001 },
    ],
    env: {},
    labels: { 'org.opencontainers.image.title': 'my-sink' },
    run: [],
  };
}

describe('renderDockerfile', () => {
  it('renders a Pulsar connector plan', async () => {
    const ctx = join(tmp.dir, 'ctx');
    const plan = await prepareBuildContext(pulsarPlan(), ctx);
    expect(plan.files[0].source).toBe(join(ctx, 'files/0/my-sink.nar'));
    expect(readFileSync(plan.files[0].source, 'utf8')).toBe('my-sink.nar');
    expect(statSync(join(ctx, 'dirs/0/pulsar/connectors')).isDirectory()).toBe(true);
    expect(renderDockerfile(plan, ctx)).toBe(
      [
        '# Rendered by Slipway from its image plan; the native builder produces the same image.',
        'FROM streamnative/pulsar-functions-java-runner:4.0.4',
        'COPY --chown=10000:10001 --chmod=0775 dirs/0/ /',
        'COPY --chown=10000:10001 --chmod=0644 files/0/my-sink.nar /pulsar/connectors/my-sink.nar',
        'LABEL "org.opencontainers.image.title"="my-sink"',
        '',
      ].join('\n'),
    );
  });

  it('renders env, labels, workdir, user, run, entrypoint and cmd with quoting', async () => {
    const ctx = join(tmp.dir, 'ctx');
    const plan = await prepareBuildContext(
      {
        base: 'base:1',
        files: [
          { path: '/app/a b.txt', source: source('a'), mode: 0o600, uid: 0, gid: 0 },
          { path: '/app/x.jar', source: source('x'), mode: 0o644, uid: 1, gid: 2 },
          { path: '/app/y.jar', source: source('y'), mode: 0o644, uid: 1, gid: 2 },
        ],
        directories: [],
        env: { AIRBYTE_ENTRYPOINT: 'python /x/main.py', Q: 'say "hi" $HOME \\ ok' },
        labels: { 'io.airbyte.name': 'acme/source-x' },
        user: 'airbyte',
        workdir: '/app',
        entrypoint: ['python', '/x/main.py'],
        cmd: ['spec'],
        exposedPorts: ['8080/tcp'],
        run: ['pip install --no-cache-dir .'],
      },
      ctx,
    );
    const text = renderDockerfile(plan, ctx);
    expect(text.split('\n').slice(1)).toEqual([
      'FROM base:1',
      // /app is not listed: made as 0:0 0755 where the base lacks it, left as it is elsewhere.
      'COPY --chown=0:0 --chmod=0755 dirs/empty/ /app/',
      'COPY --chown=0:0 --chmod=0600 ["files/0/file","/app/a b.txt"]',
      'COPY --chown=1:2 --chmod=0644 files/1/x.jar files/2/y.jar /app/',
      'WORKDIR /app',
      'ENV AIRBYTE_ENTRYPOINT="python /x/main.py"',
      'ENV Q="say \\"hi\\" \\$HOME \\\\ ok"',
      'LABEL "io.airbyte.name"="acme/source-x"',
      'RUN pip install --no-cache-dir .',
      'USER airbyte',
      'EXPOSE 8080/tcp',
      'ENTRYPOINT ["python","/x/main.py"]',
      'CMD ["spec"]',
      '',
    ]);
  });

  it('refuses values a Dockerfile cannot hold', async () => {
    const ctx = join(tmp.dir, 'ctx');
    const plan = await prepareBuildContext({ ...pulsarPlan(), labels: { a: 'two\nlines' } }, ctx);
    expect(() => renderDockerfile(plan, ctx)).toThrow(InputError);
    expect(() => renderDockerfile(pulsarPlan(), ctx)).toThrow(/outside the build context/);
  });
});

describe('directory metadata', () => {
  it('adds every parent the layer writes, as 0:0 0755 unless listed', () => {
    const plan: ImagePlan = {
      ...pulsarPlan(),
      files: [{ path: '/opt/a/b/f', source: '/x', mode: 0o644, uid: 5, gid: 5 }],
    };
    expect(
      layerDirectories(plan).map((d) => `${d.path} ${d.uid}:${d.gid} ${d.mode.toString(8)}`),
    ).toEqual([
      '/opt 0:0 755',
      '/opt/a 0:0 755',
      '/opt/a/b 0:0 755',
      '/pulsar 10000:10001 775',
      '/pulsar/connectors 10000:10001 775',
    ]);
  });

  it('with mixed owners, copies each tree into its parent, deepest first', () => {
    const plan: ImagePlan = {
      ...pulsarPlan(),
      directories: [
        { path: '/pulsar', mode: 0o775, uid: 10000, gid: 10001 },
        { path: '/pulsar/connectors', mode: 0o700, uid: 1, gid: 1 },
        { path: '/pulsar/connectors/a', mode: 0o700, uid: 1, gid: 1 },
        { path: '/pulsar/lib', mode: 0o775, uid: 10000, gid: 10001 },
      ],
    };
    const copies = directoryCopies(plan);
    expect(copies.map((c) => [c.dest, c.paths, `${c.uid}:${c.gid}`, c.mode.toString(8)])).toEqual([
      ['/pulsar', ['/pulsar/connectors', '/pulsar/connectors/a'], '1:1', '700'],
      ['/', ['/pulsar', '/pulsar/lib'], '10000:10001', '775'],
    ]);
    expect(impliedDirectories(plan)).toEqual([]);
  });

  it('never puts an unlisted parent into a copied tree: an empty folder is copied into the deepest', async () => {
    const plan: ImagePlan = {
      ...pulsarPlan(),
      files: [
        { path: '/tmp/x', source: source('x'), mode: 0o644, uid: 5, gid: 6 },
        { path: '/opt/acme/conf/c', source: source('c'), mode: 0o600, uid: 5, gid: 6 },
      ],
      directories: [{ path: '/opt/acme/conf', mode: 0o750, uid: 5, gid: 6 }],
    };
    expect(impliedDirectories(plan)).toEqual(['/opt', '/opt/acme', '/tmp']);
    expect(parentCopies(plan)).toEqual(['/opt/acme', '/tmp']);
    const ctx = join(tmp.dir, 'ctx');
    const prepared = await prepareBuildContext(plan, ctx);
    expect(statSync(join(ctx, 'dirs/0/conf')).isDirectory()).toBe(true);
    expect(readdirSync(join(ctx, 'dirs/empty'))).toEqual([]);
    expect(renderDockerfile(prepared, ctx).split('\n').slice(2, 6)).toEqual([
      'COPY --chown=0:0 --chmod=0755 dirs/empty/ /opt/acme/',
      'COPY --chown=0:0 --chmod=0755 dirs/empty/ /tmp/',
      'COPY --chown=5:6 --chmod=0750 dirs/0/ /opt/acme/',
      'COPY --chown=5:6 --chmod=0600 files/0/c /opt/acme/conf/c',
    ]);
  });
});

describe('parseDockerfile', () => {
  it('round trip: render then parse gives the same plan (unlisted parents stay unlisted)', async () => {
    const ctx = join(tmp.dir, 'ctx');
    const original: ImagePlan = {
      ...pulsarPlan(),
      env: { A: 'x y', B: '$literal' },
      labels: { 'org.opencontainers.image.title': 'my sink', 'io.airbyte.version': '1' },
      workdir: '/pulsar',
      user: '10000',
      entrypoint: ['/bin/sh', '-c', 'echo hi'],
      cmd: ['a'],
    };
    const plan = await prepareBuildContext(original, ctx);
    const parsed = await parseDockerfile(renderDockerfile(plan, ctx), ctx);
    expect(parsed.kind).toBe('plan');
    if (parsed.kind !== 'plan') return;
    expect(parsed.plan).toEqual(plan);
    // The same with parents the plan does not list: the parse lists only what the plan lists.
    const ctx2 = join(tmp.dir, 'ctx2');
    const nested = await prepareBuildContext(
      {
        ...original,
        files: [{ path: '/opt/a/b/f', source: source('f'), mode: 0o640, uid: 5, gid: 6 }],
        directories: [{ path: '/opt/a', mode: 0o700, uid: 5, gid: 6 }],
      },
      ctx2,
    );
    const reparsed = await parseDockerfile(renderDockerfile(nested, ctx2), ctx2);
    expect(reparsed.kind === 'plan' && reparsed.plan).toEqual(nested);
  });

  it('reads FROM with ARG substitution, ENV expansion, COPY of files and folders', async () => {
    const ctx = join(tmp.dir, 'c');
    mkdirSync(join(ctx, 'target'), { recursive: true });
    mkdirSync(join(ctx, 'conf/sub'), { recursive: true });
    writeFileSync(join(ctx, 'target/app-1.0.jar'), 'jar');
    writeFileSync(join(ctx, 'conf/a.yaml'), 'a');
    writeFileSync(join(ctx, 'conf/sub/run.sh'), 'sh');
    chmodSync(join(ctx, 'conf/sub/run.sh'), 0o755);
    chmodSync(join(ctx, 'conf/sub'), 0o750);
    const text = [
      'ARG RUNNER=streamnative/pulsar-functions-java-runner',
      'ARG VERSION=3.0.0',
      'FROM ${RUNNER}:${VERSION:-latest} AS final',
      'ARG VERSION',
      'ENV HOME_DIR=/pulsar APP="my app"',
      'LABEL org.opencontainers.image.version=$VERSION "x y"=\'$z\'',
      'WORKDIR ${HOME_DIR}',
      'COPY --chown=10000:10001 target/*.jar connectors/',
      'ADD --chmod=0640 conf /etc/app/',
      'USER 10000',
      'EXPOSE 8080 9090/udp',
      'ENTRYPOINT exec java -jar app.jar',
    ].join('\n');
    const parsed = await parseDockerfile(text, ctx, { buildArgs: { VERSION: '4.0.1' } });
    if (parsed.kind !== 'plan') throw new Error(parsed.reason);
    const p = parsed.plan;
    expect(p.base).toBe('streamnative/pulsar-functions-java-runner:4.0.1');
    expect(p.env).toEqual({ HOME_DIR: '/pulsar', APP: 'my app' });
    expect(p.labels).toEqual({ 'org.opencontainers.image.version': '4.0.1', 'x y': '$z' });
    expect(p.workdir).toBe('/pulsar');
    expect(p.user).toBe('10000');
    expect(p.exposedPorts).toEqual(['8080', '9090/udp']);
    expect(p.entrypoint).toEqual(['/bin/sh', '-c', 'exec java -jar app.jar']);
    expect(p.files.map((f) => [f.path, f.mode.toString(8), f.uid, f.gid])).toEqual([
      ['/etc/app/a.yaml', '640', 0, 0],
      ['/etc/app/sub/run.sh', '640', 0, 0],
      ['/pulsar/connectors/app-1.0.jar', '644', 10000, 10001],
    ]);
    expect(p.directories).toEqual([{ path: '/etc/app/sub', mode: 0o640, uid: 0, gid: 0 }]);
  });

  it.each([
    ['FROM a\nRUN echo hi\n', 'RUN at Dockerfile:2'],
    ['FROM a AS b\nFROM b\n', 'a second FROM (multi-stage build) at Dockerfile:2'],
    ['FROM a\nCOPY --from=b /x /y\n', 'COPY --from at Dockerfile:2'],
    ['FROM --platform=linux/amd64 a\n', 'FROM --platform at Dockerfile:1'],
    ['FROM a\nADD https://example.com/x /x\n', 'ADD of a remote source at Dockerfile:2'],
    [
      'FROM a\nCOPY --chown=app:app f /f\n',
      '--chown=app:app with user or group names at Dockerfile:2',
    ],
    ['FROM a\nONBUILD RUN x\n', 'ONBUILD at Dockerfile:2'],
    ['FROM a\nCOPY <<EOF /x\nhi\nEOF\n', 'COPY with a here-document at Dockerfile:2'],
  ])('needs the docker builder: %j', async (text, reason) => {
    writeFileSync(join(tmp.dir, 'f'), 'x');
    const parsed = await parseDockerfile(text, tmp.dir);
    expect(parsed).toMatchObject({ kind: 'docker', reason });
  });

  it('names the bases of a Dockerfile the docker builder builds (stages and scratch left out)', async () => {
    const text = [
      'ARG GO=golang:1.22',
      'ARG RUNNER',
      'FROM ${GO} AS build',
      'RUN go build -o /fn .',
      'FROM scratch AS empty',
      'FROM build AS again',
      'FROM ${RUNNER:-streamnative/pulsar-functions-go-runner}:4.0.4',
      'COPY --from=build /fn /pulsar/fn',
    ].join('\n');
    const parsed = await parseDockerfile(text, tmp.dir, { buildArgs: { GO: 'golang:1.23' } });
    expect(parsed).toEqual({
      kind: 'docker',
      reason: 'RUN at Dockerfile:4',
      line: 4,
      bases: ['golang:1.23', 'streamnative/pulsar-functions-go-runner:4.0.4'],
    });
  });

  it('ADD of a local tar archive needs the docker builder (ADD unpacks it)', async () => {
    writeFileSync(join(tmp.dir, 'x.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0]));
    const parsed = await parseDockerfile('FROM a\nADD x.tar.gz /opt/\n', tmp.dir);
    expect(parsed).toMatchObject({
      kind: 'docker',
      reason: 'ADD of a local archive (unpacked by ADD) at Dockerfile:2',
    });
  });

  it('errors name the Dockerfile and the line', async () => {
    await expect(
      parseDockerfile('FROM a\n\nCOPY missing.jar /x\n', tmp.dir, { label: 'docker/Dockerfile' }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^docker\/Dockerfile:3: source missing.jar does not exist/),
      location: { file: 'docker/Dockerfile', line: 3 },
      exitCode: 2,
    });
    await expect(parseDockerfile('FROM a\nCOPY ../x /x\n', tmp.dir)).rejects.toThrow(
      /Dockerfile:2: source \.\.\/x is outside the build context/,
    );
    await expect(parseDockerfile('ENV A=1\n', tmp.dir)).rejects.toThrow(
      /Dockerfile:1: ENV before FROM/,
    );
    await expect(parseDockerfile('# only a comment\n', tmp.dir)).rejects.toThrow(
      /no FROM instruction/,
    );
  });
});

describe('Dockerfile words', () => {
  const vars: Record<string, string> = { A: 'a', EMPTY: '' };
  const lookup = (n: string): string | undefined => vars[n];
  it.each([
    ['$A', 'a'],
    ['${A}b', 'ab'],
    ['${MISSING:-x y}', 'x y'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${A:+set}', 'set'],
    ['${MISSING:+set}', ''],
    ["'$A'", '$A'],
    ['"$A \\$A \\x"', 'a $A \\x'],
    ['\\$A', '$A'],
    ['$', '$'],
  ])('%s → %s', (text, expected) => {
    expect(processWord(text, lookup)).toBe(expected);
  });

  it('splits on unquoted whitespace', () => {
    expect(processWords('a "b c" d\\ e ${A}', lookup)).toEqual(['a', 'b c', 'd e', 'a']);
    expect(processWords('a`$A', lookup, '`')).toEqual(['a$A']);
  });
});
