import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  changedFiles,
  discoverProjects,
  discoveryJson,
  mavenReactorBuilds,
  projectJson,
  selectAll,
  selectChanged,
} from '../../src/connectors/projects';
import type { Project, Selection } from '../../src/connectors/projects';
import { InputError } from '../../src/core/errors';
import {
  AIRBYTE_CONNECTORS,
  IMAGE_PREFIX,
  PULSAR_MODULES,
  artifactIdOf,
  classOf,
  createMonorepo,
  monorepoFiles,
} from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { makeTempDir, runOk } from '../fixtures/process';

/**
 * Discovery and change selection on a real git repository (test/fixtures/monorepo.ts): a Maven
 * reactor of Pulsar IO modules, Airbyte manifest connectors and functions.
 */

let repo: Monorepo;
let base: string;
let projects: Project[];

beforeAll(async () => {
  repo = await createMonorepo();
  base = await repo.git('rev-parse', 'HEAD');
  projects = await discoverProjects(repo.root);
});

const byName = (name: string): Project => {
  const found = projects.find((p) => p.name === name);
  if (!found) throw new Error(`no project ${name} in ${projects.map((p) => p.name).join(', ')}`);
  return found;
};
const names = (selections: Selection[]): string[] => selections.map((s) => s.project.name).sort();

/** Commits `files` on a branch from the base commit and selects against the base. */
async function changeAndSelect(
  branch: string,
  files: Record<string, string>,
): Promise<Selection[]> {
  await repo.git('checkout', '-q', '-b', branch, base);
  await repo.commit(`change on ${branch}`, files);
  return selectChanged(projects, repo.root, base);
}

describe('discoverProjects', () => {
  test('lists every connector and function with its type, format and image', () => {
    expect(projects.map((p) => p.name).sort()).toEqual(
      [
        ...PULSAR_MODULES.map((m) => artifactIdOf(m.folder)),
        ...AIRBYTE_CONNECTORS.map((a) => a.folder),
        'exclaim',
        'wordcount-function',
      ].sort(),
    );
    for (const m of PULSAR_MODULES) {
      const p = byName(artifactIdOf(m.folder));
      expect(p.workingDirectory).toBe(`pulsar-io/${m.folder}`);
      expect(p.connectorType).toBe(`pulsar-${m.kind}`);
      expect(p.artifactFormat).toBe(m.packaging);
      expect(p.image).toBe(`${IMAGE_PREFIX}/${artifactIdOf(m.folder)}`);
      expect(p.maven).toEqual({
        groupId: 'com.example.connectors',
        artifactId: artifactIdOf(m.folder),
        reactor: '.',
        module: `pulsar-io/${m.folder}`,
      });
      // An uber JAR has no pulsar-io.yaml at run time: the class travels as an input.
      expect(p.inputs['class-name']).toBe(m.packaging === 'uber-jar' ? classOf(m) : undefined);
    }
    for (const a of AIRBYTE_CONNECTORS) {
      const p = byName(a.folder);
      expect(p.connectorType).toBe(`airbyte-${a.type}`);
      expect(p.artifactFormat).toBe('airbyte-manifest');
      // image-prefix + the last part of dockerRepository.
      expect(p.image).toBe(`${IMAGE_PREFIX}/${a.folder}`);
    }
    expect(byName('exclaim')).toMatchObject({
      workingDirectory: 'functions/exclaim',
      connectorType: 'pulsar-function',
      artifactFormat: 'python',
      inputs: { artifact: 'exclaim.py', 'class-name': 'exclaim.ExclamationFunction' },
      sharedFolders: ['schemas'],
    });
    expect(byName('wordcount-function')).toMatchObject({
      connectorType: 'pulsar-function',
      artifactFormat: 'uber-jar',
    });
  });

  test('the library module is no project, but the two connectors using it depend on it', () => {
    expect(projects.some((p) => p.workingDirectory === 'pulsar-io/common')).toBe(false);
    const dependents = projects.filter((p) => p.dependsOn.includes('pulsar-io/common'));
    expect(dependents.map((p) => p.name).sort()).toEqual(['pulsar-io-jdbc', 'pulsar-io-kafka']);
    expect(byName('pulsar-io-kafka').parentPoms).toEqual(['pulsar-io/pom.xml', 'pom.xml']);
    // Built alone by the action, such a module is built from the reactor with what it needs.
    expect(byName('pulsar-io-kafka').inputs['build-args']).toBe(
      '-f,../../pom.xml,-pl,:pulsar-io-kafka,-am',
    );
    expect(byName('pulsar-io-elastic').inputs['build-args']).toBeUndefined();
  });

  test('JSON entries carry the action input names', () => {
    const json = projectJson(byName('pulsar-io-jdbc'));
    expect(json).toMatchObject({
      name: 'pulsar-io-jdbc',
      'working-directory': 'pulsar-io/jdbc',
      'connector-type': 'pulsar-source',
      'artifact-format': 'uber-jar',
      image: `${IMAGE_PREFIX}/pulsar-io-jdbc`,
      'depends-on': ['pulsar-io/common'],
      inputs: {
        'working-directory': 'pulsar-io/jdbc',
        'class-name': 'com.example.jdbc.JdbcSource',
      },
      maven: { reactor: '.', module: 'pulsar-io/jdbc', 'artifact-id': 'pulsar-io-jdbc' },
    });
  });

  test('one Maven invocation per reactor builds the selected modules and what they need', () => {
    const selected = [byName('pulsar-io-kafka'), byName('pulsar-io-http'), byName('exclaim')];
    expect(mavenReactorBuilds(selected)).toEqual([
      {
        reactor: '.',
        modules: ['pulsar-io/http', 'pulsar-io/kafka'],
        args: ['-pl', 'pulsar-io/http,pulsar-io/kafka', '-am'],
      },
    ]);
  });
});

describe('with real Maven (validate only, offline)', () => {
  const mvn = (cwd: string, args: string[]): Promise<{ stdout: string }> =>
    runOk('mvn', ['-o', '-B', '-Dmaven.repo.local=/usr/share/maven-repo', 'validate', ...args], {
      cwd,
      timeoutMs: 120_000,
    });

  test('the reactor accepts the -pl list and adds the library with -am', async () => {
    const [build] = mavenReactorBuilds([byName('pulsar-io-kafka'), byName('wordcount-function')]);
    const { stdout } = await mvn(path.join(repo.root, build.reactor), build.args);
    const built = [...stdout.matchAll(/Building (\S+) 1\.0\.0/g)].map((m) => m[1]);
    expect(built.sort()).toEqual(
      [
        'connectors-parent',
        'pulsar-io-common',
        'pulsar-io-kafka',
        'pulsar-io-parent',
        'wordcount-function',
      ].sort(),
    );
  });

  test("a module's own build-args build it from the reactor with what it needs", async () => {
    const jdbc = byName('pulsar-io-jdbc');
    const args = (jdbc.inputs['build-args'] ?? '').split(',');
    const { stdout } = await mvn(path.join(repo.root, jdbc.workingDirectory), args);
    expect(stdout).toMatch(/Building pulsar-io-common 1\.0\.0/);
    expect(stdout).toMatch(/Building pulsar-io-jdbc 1\.0\.0/);
    expect(stdout).not.toMatch(/Building pulsar-io-kafka/);
  });
});

describe('selectChanged', () => {
  test('a commit touching one module selects that module alone', async () => {
    const selected = await changeAndSelect('touch-elastic', {
      'pulsar-io/elastic/src/main/java/com/example/elastic/ElasticSink.java':
        'package com.example.elastic;\npublic class ElasticSink { int retries; }\n',
    });
    expect(names(selected)).toEqual(['pulsar-io-elastic']);
    expect(selected[0].reasons).toEqual([
      { kind: 'own', file: 'pulsar-io/elastic/src/main/java/com/example/elastic/ElasticSink.java' },
    ]);
  });

  test('a commit touching the shared library selects the connectors built from it', async () => {
    const file = 'pulsar-io/common/src/main/java/com/example/common/Retry.java';
    const selected = await changeAndSelect('touch-common', {
      [file]: 'package com.example.common;\npublic final class Retry { int times; }\n',
    });
    expect(names(selected)).toEqual(['pulsar-io-jdbc', 'pulsar-io-kafka']);
    for (const s of selected) {
      expect(s.reasons).toEqual([{ kind: 'dependency', file, via: 'pulsar-io/common' }]);
    }
    // build --all then runs the reactor for those two; -am adds pulsar-io/common.
    expect(mavenReactorBuilds(selected.map((s) => s.project))[0].args).toEqual([
      '-pl',
      'pulsar-io/jdbc,pulsar-io/kafka',
      '-am',
    ]);
  });

  test('a commit to the root POM selects every project', async () => {
    const pom = monorepoFiles()['pom.xml'].replace(
      '<modelVersion>',
      '<!-- bump -->\n  <modelVersion>',
    );
    const selected = await changeAndSelect('touch-root-pom', { 'pom.xml': pom });
    expect(selected).toHaveLength(projects.length);
    expect(selected.every((s) => s.reasons[0].kind === 'root-build')).toBe(true);
  });

  test('a commit to the pulsar-io parent POM selects its modules, not the Airbyte connectors', async () => {
    const pom = monorepoFiles()['pulsar-io/pom.xml'].replace(
      '<packaging>',
      '<!-- x -->\n  <packaging>',
    );
    const selected = await changeAndSelect('touch-parent-pom', { 'pulsar-io/pom.xml': pom });
    expect(names(selected)).toEqual(PULSAR_MODULES.map((m) => artifactIdOf(m.folder)).sort());
    expect(selected[0].reasons).toEqual([{ kind: 'parent-pom', file: 'pulsar-io/pom.xml' }]);
  });

  test('a shared folder from slipway.yaml selects the projects declared as using it', async () => {
    const selected = await changeAndSelect('touch-schemas', {
      'schemas/events.avsc':
        '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "string"}]}\n',
      'README.md': '# Connectors, all of them\n',
    });
    expect(names(selected)).toEqual(['exclaim', 'source-alpha']);
    expect(selected[0].reasons).toEqual([
      { kind: 'shared', file: 'schemas/events.avsc', via: 'schemas' },
    ]);
  });

  test('a ref that does not exist is an InputError saying how to fetch it', async () => {
    const err = await selectChanged(projects, repo.root, 'v9.9.9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^Input "changed-since": v9\.9\.9 is not a commit/);
    expect((err as Error).message).toContain('git fetch origin v9.9.9');
  });

  test('in a shallow clone the error shows the actions/checkout setting', async () => {
    const clone = path.join(await makeTempDir('shallow'), 'clone');
    await runOk('git', [
      'clone',
      '-q',
      '--depth',
      '1',
      '--branch',
      'touch-elastic',
      `file://${repo.root}`,
      clone,
    ]);
    const err = await changedFiles(clone, base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('this clone is shallow');
    expect((err as Error).message).toContain('fetch-depth: 0 on actions/checkout');
  });

  test('outside a git clone the error says changed-since needs one', async () => {
    const plain = await makeTempDir('not-git');
    await expect(changedFiles(plain, 'main')).rejects.toThrow(
      /^Input "changed-since" needs a git clone, but .* is not inside one/,
    );
  });

  test("the discover JSON carries each selection's reasons and the Maven builds", async () => {
    await repo.git('checkout', '-q', 'touch-common');
    const json = discoveryJson(await selectChanged(projects, repo.root, base));
    expect(json.projects.map((p) => p.name)).toEqual(['pulsar-io-jdbc', 'pulsar-io-kafka']);
    expect(json.projects[0].reasons).toEqual([
      {
        kind: 'dependency',
        file: 'pulsar-io/common/src/main/java/com/example/common/Retry.java',
        via: 'pulsar-io/common',
        text: 'pulsar-io/common/src/main/java/com/example/common/Retry.java changed in pulsar-io/common, which it is built from',
      },
    ]);
    expect(json['maven-builds']).toEqual([
      {
        reactor: '.',
        modules: ['pulsar-io/jdbc', 'pulsar-io/kafka'],
        args: ['-pl', 'pulsar-io/jdbc,pulsar-io/kafka', '-am'],
      },
    ]);
    expect(discoveryJson(selectAll(projects)).projects[0].reasons).toBeUndefined();
  });

  test('an option-like ref is refused before git sees it', async () => {
    await expect(changedFiles(repo.root, '--output=/tmp/x')).rejects.toThrow(/is not a git ref/);
  });
});

describe('slipway.yaml', () => {
  /** A small repository: two Airbyte folders and a Python function, plus the given slipway.yaml. */
  async function smallRepo(config: string, extra: Record<string, string> = {}): Promise<string> {
    const root = await makeTempDir('slipway-yaml');
    const files: Record<string, string> = {
      'a/source-one/metadata.yaml':
        'data:\n  connectorType: source\n  dockerRepository: acme/source-one\n  dockerImageTag: 1.0.0\n',
      'b/source-one/metadata.yaml':
        'data:\n  connectorType: source\n  dockerRepository: other/source-one\n  dockerImageTag: 1.0.0\n',
      'fn/go.mod':
        'module example.com/fn\n\nrequire github.com/apache/pulsar/pulsar-function-go v0.0.0\n',
      'legacy/old/metadata.yaml':
        'data:\n  connectorType: destination\n  dockerRepository: acme/old\n',
      'tools/notes/readme.txt': 'not a project\n',
      'slipway.yaml': config,
      ...extra,
    };
    for (const [file, content] of Object.entries(files)) {
      await fsp.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fsp.writeFile(path.join(root, file), content);
    }
    return root;
  }

  test('excludes, declares projects, sets inputs and tells same-named folders apart', async () => {
    const root = await smallRepo(
      [
        'image-prefix: reg.example.com/team/',
        'inputs: { pulsar-version: 4.0.5 }',
        'exclude: ["legacy/*"]',
        'projects:',
        '  - path: tools/notes',
        '    name: notes',
        '    inputs: { connector-type: pulsar-function, artifact: readme.txt, tags: [a, b], verify: true }',
        '  - path: a/source-one',
        '    inputs: { image: reg.example.com/special/source-one }',
      ].join('\n'),
    );
    const found = await discoverProjects(root);
    expect(found.map((p) => [p.name, p.image])).toEqual([
      ['a-source-one', 'reg.example.com/special/source-one'],
      ['b-source-one', 'reg.example.com/team/source-one'],
      ['fn', 'reg.example.com/team/fn'],
      ['notes', 'reg.example.com/team/notes'],
    ]);
    const notes = found.find((p) => p.name === 'notes');
    expect(notes).toMatchObject({
      source: 'declared',
      connectorType: 'pulsar-function',
      inputs: { artifact: 'readme.txt', tags: 'a,b', verify: 'true', 'pulsar-version': '4.0.5' },
    });
    expect(found.find((p) => p.name === 'fn')).toMatchObject({
      connectorType: 'pulsar-function',
      artifactFormat: 'go',
    });
  });

  test.each([
    [
      'a missing folder',
      'projects:\n  - path: nowhere/else\n',
      /^slipway\.yaml: projects\.0\.path "nowhere\/else" is not a folder of the repository; fix the path or remove the entry\.$/,
    ],
    [
      'two projects with one image',
      'image-prefix: reg.example.com/team\n',
      /^Projects a-source-one \(a\/source-one\) and b-source-one \(b\/source-one\) would both push to image reg\.example\.com\/team\/source-one; set inputs\.image/,
    ],
    [
      'an unknown input',
      'projects:\n  - path: fn\n    inputs: { colour: blue }\n',
      /^slipway\.yaml: projects\.0\.inputs\.colour is not a per-project input/,
    ],
    [
      'a secret',
      'inputs:\n  password: hunter2\n',
      /^slipway\.yaml: inputs\.password is a secret and does not belong in a committed file/,
    ],
    [
      'a bad choice',
      'projects:\n  - path: fn\n    inputs: { connector-type: pulsar-thing }\n',
      /connector-type is "pulsar-thing"; use one of auto, pulsar-source/,
    ],
    [
      'a shared folder used by nobody known',
      'shared:\n  - path: tools\n    used-by: [ghost]\n',
      /^slipway\.yaml: shared\[0\]\.used-by names "ghost", which is no project/,
    ],
    ['a typo at the top', 'image_prefix: x\n', /^slipway\.yaml: unknown key "image_prefix"/],
  ])('%s is an InputError naming the entry and the fix', async (_what, config, message) => {
    const root = await smallRepo(config);
    const err = await discoverProjects(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  test('the error points at the line of the entry', async () => {
    const root = await smallRepo(
      'image-prefix: r.example.com\nprojects:\n  - path: fn\n  - path: missing\n',
    );
    const err = (await discoverProjects(root).catch((e: unknown) => e)) as InputError;
    expect(err.location).toEqual({ file: 'slipway.yaml', line: 4 });
  });
});

describe('other build layouts', () => {
  test('a NAR packaging with a source and a sink gives two projects; Gradle includes are read', async () => {
    const root = await makeTempDir('layouts');
    const files: Record<string, string> = {
      'nar/pom.xml': `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>both-ways</artifactId><version>1</version><packaging>nar</packaging></project>`,
      'nar/src/main/resources/META-INF/services/pulsar-io.yaml':
        'name: both\nsourceClass: a.BothSource\nsinkClass: a.BothSink\n',
      'gradle/settings.gradle.kts':
        'rootProject.name = "g"\ninclude(":lib", ":connectors:mqtt-sink") // comment\n// include("ignored")\n',
      'gradle/lib/build.gradle.kts': 'plugins { `java-library` }\n',
      'gradle/connectors/mqtt-sink/build.gradle.kts':
        'plugins { id("com.gradleup.shadow") version "8.3.0" }\ndependencies { implementation(project(":lib")) }\n',
      'gradle/connectors/mqtt-sink/src/main/resources/META-INF/services/pulsar-io.yaml':
        'name: mqtt\nsinkClass: m.MqttSink\n',
    };
    for (const [file, content] of Object.entries(files)) {
      await fsp.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fsp.writeFile(path.join(root, file), content);
    }
    const found = await discoverProjects(root, { imagePrefix: 'r.example.com/x' });
    expect(found.map((p) => [p.name, p.connectorType, p.artifactFormat, p.image])).toEqual([
      ['mqtt-sink', 'pulsar-sink', 'uber-jar', 'r.example.com/x/mqtt-sink'],
      ['both-ways-sink', 'pulsar-sink', 'nar', 'r.example.com/x/both-ways-sink'],
      ['both-ways-source', 'pulsar-source', 'nar', 'r.example.com/x/both-ways-source'],
    ]);
    expect(found[0]).toMatchObject({
      dependsOn: ['gradle/lib'],
      parentPoms: ['gradle/settings.gradle.kts'],
      inputs: { 'class-name': 'm.MqttSink' },
    });
  });
});
