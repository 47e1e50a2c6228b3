import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import {
  directoryCopies,
  impliedDirectories,
  layerDirectories,
  parentCopies,
  prepareBuildContext,
  renderDockerfile,
} from '../../src/connectors/dockerfile';
import { parseDockerfile } from '../../src/connectors/dockerfile-parse';
import type { ImagePlan, PlanDirectory } from '../../src/connectors/plan';
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
  it('renders files of the base to be made executable as COPY --from the base', async () => {
    const ctx = join(tmp.dir, 'ctx');
    const plan = await prepareBuildContext(
      {
        ...pulsarPlan(),
        base: 'docker.io/airbyte/java-connector-base:2.0.1',
        baseExecutables: [{ path: '/airbyte/base.sh', mode: 0o755, uid: 1000, gid: 1000 }],
      },
      ctx,
    );
    expect(renderDockerfile(plan, ctx).split('\n')).toContain(
      'COPY --from=docker.io/airbyte/java-connector-base:2.0.1 --chown=1000:1000 --chmod=0755 /airbyte/base.sh /airbyte/base.sh',
    );
  });

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
    expect(parentCopies(plan).map((d) => d.path)).toEqual(['/opt/acme', '/tmp']);
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

describe('directories a COPY --chown creates (made only where the base lacks them)', () => {
  const ifMissing = (path: string, uid: number, gid: number): PlanDirectory => ({
    path,
    mode: 0o755,
    uid,
    gid,
    ifMissing: true,
  });

  it('renders one empty-folder copy per run of same-owner folders, shallowest run first', async () => {
    const plan: ImagePlan = {
      ...pulsarPlan(),
      files: [
        { path: '/a/b/f', source: source('f'), mode: 0o644, uid: 2, gid: 2 },
        { path: '/a/c/d/g', source: source('g'), mode: 0o644, uid: 0, gid: 0 },
      ],
      directories: [ifMissing('/a', 1, 1), ifMissing('/a/b', 2, 2), ifMissing('/a/c', 1, 1)],
    };
    expect(impliedDirectories(plan)).toEqual(['/a/c/d']);
    expect(
      layerDirectories(plan).map((d) => `${d.path} ${d.uid}:${d.gid} ${d.mode.toString(8)}`),
    ).toEqual(['/a 1:1 755', '/a/b 2:2 755', '/a/c 1:1 755', '/a/c/d 0:0 755']);
    // /a is made by the copy into /a/c (same owner), before /a/b's copy could make it 2:2.
    expect(parentCopies(plan).map((d) => `${d.path} ${d.uid}:${d.gid}`)).toEqual([
      '/a/c 1:1',
      '/a/b 2:2',
      '/a/c/d 0:0',
    ]);
    const ctx = join(tmp.dir, 'ctx');
    const prepared = await prepareBuildContext(plan, ctx);
    const text = renderDockerfile(prepared, ctx);
    expect(text.split('\n').slice(2, 7)).toEqual([
      'COPY --chown=1:1 --chmod=0755 dirs/empty/ /a/c/',
      'COPY --chown=2:2 --chmod=0755 dirs/empty/ /a/b/',
      'COPY --chown=0:0 --chmod=0755 dirs/empty/ /a/c/d/',
      'COPY --chown=2:2 --chmod=0644 files/0/f /a/b/f',
      'COPY --chown=0:0 --chmod=0644 files/1/g /a/c/d/g',
    ]);
    // Parsed back, the Dockerfile gives the same plan.
    const parsed = await parseDockerfile(text, ctx);
    expect(parsed.kind === 'plan' && parsed.plan).toEqual({
      ...prepared,
      baseSource: 'FROM at Dockerfile:2',
    });
  });

  it('a listed directory between two of a run does not split it; it is set afterwards', async () => {
    const plan: ImagePlan = {
      ...pulsarPlan(),
      files: [{ path: '/a/l/b/f', source: source('f'), mode: 0o644, uid: 1, gid: 1 }],
      directories: [
        ifMissing('/a', 1, 1),
        { path: '/a/l', mode: 0o700, uid: 3, gid: 3 },
        ifMissing('/a/l/b', 1, 1),
      ],
    };
    const ctx = join(tmp.dir, 'ctx');
    const prepared = await prepareBuildContext(plan, ctx);
    expect(renderDockerfile(prepared, ctx).split('\n').slice(2, 5)).toEqual([
      'COPY --chown=1:1 --chmod=0755 dirs/empty/ /a/l/b/',
      'COPY --chown=3:3 --chmod=0700 dirs/0/ /a/',
      'COPY --chown=1:1 --chmod=0644 files/0/f /a/l/b/f',
    ]);
  });

  it('refuses to render a mode no COPY gives a folder it creates', async () => {
    const plan: ImagePlan = {
      ...pulsarPlan(),
      directories: [{ ...ifMissing('/pulsar', 1, 1), mode: 0o700 }],
    };
    const ctx = join(tmp.dir, 'ctx');
    const prepared = await prepareBuildContext(plan, ctx);
    expect(() => renderDockerfile(prepared, ctx)).toThrow(/mode 0700 .* only 0755/);
  });

  it('parses the folders each COPY creates: the --chown owner, 0755 whatever --chmod, the first COPY to need one decides', async () => {
    const ctx = join(tmp.dir, 'c');
    mkdirSync(join(ctx, 'tree/inner'), { recursive: true });
    mkdirSync(join(ctx, 'empty'), { recursive: true });
    writeFileSync(join(ctx, 'f'), 'f');
    writeFileSync(join(ctx, 'tree/g'), 'g');
    writeFileSync(join(ctx, 'tree/inner/h'), 'h');
    chmodSync(join(ctx, 'tree'), 0o750);
    chmodSync(join(ctx, 'tree/inner'), 0o700);
    const text = [
      'FROM a',
      'COPY --chown=10000:10001 f /new/dir/',
      'COPY --chown=5:6 --chmod=0640 f /deep/a/b/file',
      // /deep/a exists by now: only /deep/a/c is made, with 7:8; the copied folder's root gets
      // 0755 too (not tree's 0750), its inner folder is set exactly
      'COPY --chown=7:8 tree/ /deep/a/c/',
      'COPY --chown=9 f /deep/a/b/e/',
      'COPY f /plain/x/',
      'COPY --chown=3:4 f /plain/x/y/',
      'COPY --chown=5:6 empty /e/',
      // WORKDIR makes its folder as Docker does (0:0 0755) before the COPY into it
      'WORKDIR /w/app',
      'COPY --chown=5:6 f ./',
      'COPY --chown=5:6 --chmod=0700 tree/inner /deep/a/c/inner/',
    ].join('\n');
    const parsed = await parseDockerfile(text, ctx);
    if (parsed.kind !== 'plan') throw new Error(parsed.reason);
    const dirs = parsed.plan.directories.map(
      (d) => `${d.path} ${d.uid}:${d.gid} ${d.mode.toString(8)}${d.ifMissing ? ' if missing' : ''}`,
    );
    expect(dirs).toEqual([
      '/deep 5:6 755 if missing',
      '/deep/a 5:6 755 if missing',
      '/deep/a/b 5:6 755 if missing',
      '/deep/a/b/e 9:9 755 if missing',
      '/deep/a/c 7:8 755 if missing',
      // set exactly by the first folder copy; the later copy into it leaves it as it is
      '/deep/a/c/inner 7:8 700',
      '/e 5:6 755 if missing',
      '/new 10000:10001 755 if missing',
      '/new/dir 10000:10001 755 if missing',
      '/plain/x/y 3:4 755 if missing',
    ]);
    expect(
      parsed.plan.files.map((f) => `${f.path} ${f.uid}:${f.gid} ${f.mode.toString(8)}`),
    ).toEqual([
      '/deep/a/b/e/f 9:9 644',
      '/deep/a/b/file 5:6 640',
      '/deep/a/c/g 7:8 644',
      '/deep/a/c/inner/h 5:6 700',
      '/new/dir/f 10000:10001 644',
      '/plain/x/f 0:0 644',
      '/plain/x/y/f 3:4 644',
      '/w/app/f 5:6 644',
    ]);
    // /plain, /plain/x, /w and /w/app are made 0:0 0755 where missing: unlisted, as before.
    expect(impliedDirectories(parsed.plan)).toEqual(['/plain', '/plain/x', '/w', '/w/app']);
  });

  it('a Dockerfile without --chown gives the plan it gave before (no directory listed)', async () => {
    writeFileSync(join(tmp.dir, 'f'), 'f');
    const parsed = await parseDockerfile('FROM a\nCOPY f /opt/acme/conf/\n', tmp.dir);
    expect(parsed.kind === 'plan' && parsed.plan.directories).toEqual([]);
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
    expect(parsed.plan).toEqual({ ...plan, baseSource: 'FROM at Dockerfile:2' });
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
    expect(reparsed.kind === 'plan' && reparsed.plan).toEqual({
      ...nested,
      baseSource: 'FROM at Dockerfile:2',
    });
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
    // WORKDIR made /pulsar (0:0, unlisted); the COPY --chown makes connectors/ where missing.
    expect(p.directories).toEqual([
      { path: '/etc/app/sub', mode: 0o640, uid: 0, gid: 0 },
      { path: '/pulsar/connectors', mode: 0o755, uid: 10000, gid: 10001, ifMissing: true },
    ]);
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
