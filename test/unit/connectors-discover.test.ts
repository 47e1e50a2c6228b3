import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  allowedRoots,
  discoverArtifact,
  findOptionalArtifact,
  pickShadedJar,
} from '../../src/connectors/discover';
import { tempDir } from './connector-fixtures';

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function touch(...paths: string[]): void {
  for (const p of paths) {
    mkdirSync(join(tmp.dir, p, '..'), { recursive: true });
    writeFileSync(join(tmp.dir, p), 'x');
  }
}

async function error(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).message;
}

describe('discoverArtifact', () => {
  it('finds the NAR before jars', async () => {
    touch('target/x-1.0.nar', 'target/x-1.0.jar');
    expect(await discoverArtifact('', tmp.dir)).toBe(join(tmp.dir, 'target/x-1.0.nar'));
  });

  it('finds the shaded jar, not original-*, sources or javadoc', async () => {
    touch(
      'target/my-sink-1.0.jar',
      'target/original-my-sink-1.0.jar',
      'target/my-sink-1.0-sources.jar',
      'target/my-sink-1.0-javadoc.jar',
    );
    expect(await discoverArtifact('', tmp.dir)).toBe(join(tmp.dir, 'target/my-sink-1.0.jar'));
  });

  it('prefers the jar with an original-* twin, then an attached shaded jar', () => {
    expect(pickShadedJar(['a-1.jar', 'b-1.jar', 'original-b-1.jar'])).toEqual(['b-1.jar']);
    expect(pickShadedJar(['a-1.jar', 'a-1-shaded.jar'])).toEqual(['a-1-shaded.jar']);
    expect(pickShadedJar(['a.jar', 'b.jar'])).toEqual(['a.jar', 'b.jar']);
  });

  it('finds build/libs/*-all.jar before other Gradle jars', async () => {
    touch('build/libs/fn-1.0.jar', 'build/libs/fn-1.0-all.jar');
    expect(await discoverArtifact('', tmp.dir)).toBe(join(tmp.dir, 'build/libs/fn-1.0-all.jar'));
  });

  it('finds an Airbyte folder by its metadata.yaml', async () => {
    touch('metadata.yaml', 'build/libs/x-all.jar');
    expect(await discoverArtifact('', tmp.dir)).toBe(tmp.dir);
  });

  it('lists several matches and says how to choose', async () => {
    touch('target/a.nar', 'target/b.nar');
    expect(await error(discoverArtifact('', tmp.dir))).toBe(
      'Several artifacts match target/*.nar: target/a.nar, target/b.nar; choose one with artifact, e.g. artifact: target/a.nar.',
    );
  });

  it('says what it looked for when nothing matches', async () => {
    const message = await error(discoverArtifact('', tmp.dir));
    expect(message).toContain('No artifact found');
    expect(message).toContain('target/*.nar');
    expect(message).toContain('build/libs/*-all.jar');
    expect(message).toContain('metadata.yaml');
  });

  it('takes the artifact input as a path or a glob', async () => {
    touch('dist/fn.py', 'out/fn-1.2.whl', 'out/g-1.whl');
    expect(await discoverArtifact('dist/fn.py', tmp.dir)).toBe(join(tmp.dir, 'dist/fn.py'));
    expect(await discoverArtifact('out/fn-*.whl', tmp.dir)).toBe(join(tmp.dir, 'out/fn-1.2.whl'));
    expect(await error(discoverArtifact('out/*.whl', tmp.dir))).toContain(
      'Several artifacts match the pattern out/*.whl: out/fn-1.2.whl, out/g-1.whl',
    );
    expect(await error(discoverArtifact('out/*.nar', tmp.dir))).toContain('matches nothing');
    expect(await error(discoverArtifact('missing.jar', tmp.dir))).toContain(
      'missing.jar does not exist',
    );
  });

  it('refuses a working directory that is not one', async () => {
    expect(await error(discoverArtifact('', join(tmp.dir, 'nope')))).toContain(
      'Input "working-directory"',
    );
  });
});

describe('findOptionalArtifact', () => {
  it('finds what discoverArtifact finds, and says nothing found as undefined', async () => {
    expect(await findOptionalArtifact(tmp.dir)).toBeUndefined();
    touch('target/x-1.0.nar');
    expect(await findOptionalArtifact(tmp.dir)).toBe(join(tmp.dir, 'target/x-1.0.nar'));
  });

  it('still refuses several matches', async () => {
    touch('target/a.nar', 'target/b.nar');
    expect(await error(findOptionalArtifact(tmp.dir))).toContain('Several artifacts match');
  });
});

describe('allowedRoots: the project, and a temp folder only when the user named a path in it', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('the working directory and the CI checkout; not the temp folders or the CI builds folder', async () => {
    const builds = join(tmp.dir, 'builds');
    const project = join(builds, 'group', 'project');
    const runnerTemp = join(tmp.dir, 'runner-temp');
    mkdirSync(project, { recursive: true });
    mkdirSync(runnerTemp, { recursive: true });
    process.env.CI_PROJECT_DIR = project;
    process.env.CI_BUILDS_DIR = builds;
    process.env.RUNNER_TEMP = runnerTemp;
    delete process.env.GITHUB_WORKSPACE;
    const wd = join(project, 'connector');
    mkdirSync(wd);
    expect(await allowedRoots(wd)).toEqual([realpathSync(wd), realpathSync(project)]);
    const tmp0 = realpathSync(tmpdir());
    const named = await allowedRoots(wd, [join(runnerTemp, 'x.nar')]);
    expect(named).toContain(realpathSync(runnerTemp));
    expect(named).not.toContain(realpathSync(builds));
    // The system temp folder holds RUNNER_TEMP here: a path named in it opens it too.
    expect(named.includes(tmp0)).toBe(runnerTemp.startsWith(tmpdir()));
  });
});
