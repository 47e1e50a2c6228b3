/**
 * The bundled action under Node 24 on a bad connector: the run fails with the one-line error as
 * an annotation on the file it concerns, and nothing is pushed.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { recordOutput } from '../fixtures/leaks';
import { node24 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { narEntries, writeZip } from '../unit/connector-fixtures';

const root = path.resolve(__dirname, '../..');

describe('the action on a NAR whose pulsar-io.yaml lacks its class', () => {
  let registry: TestRegistry;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    dir = await makeTempDir('action-errors');
    await runOk(process.execPath, [path.join(root, 'scripts/build.mjs'), path.join(dir, 'dist')], {
      cwd: root,
    });
  });
  afterAll(async () => {
    await registry.stop();
    await removeTempDir(dir);
  });

  it('fails with an ::error annotation naming the archive entry, and pushes nothing', async () => {
    const project = path.join(dir, 'project');
    await fsp.mkdir(path.join(project, 'target'), { recursive: true });
    await writeZip(
      path.join(project, 'target/acme-sink-1.0.nar'),
      await narEntries({
        ioYaml: 'name: acme\ndescription: test sink\n',
        rootClasses: ['com.acme.AcmeSink'],
      }),
    );
    const result = await run(node24(), [path.join(dir, 'dist/index.js')], {
      cwd: project,
      timeoutMs: 120_000,
      env: {
        GITHUB_ACTIONS: 'true',
        'INPUT_CONNECTOR-TYPE': 'pulsar-sink',
        INPUT_BUILD: 'none',
        INPUT_IMAGE: `${registry.host}/acme/sink`,
        'INPUT_BASE-IMAGE': `${registry.host}/base/none:1`,
      },
    });
    recordOutput(result.stdout + result.stderr, 'action log (bad NAR)');
    expect(result.code).toBe(1);
    const annotation = result.stdout.split('\n').find((line) => line.startsWith('::error file='));
    expect(annotation).toBeDefined();
    // The annotation sits on the repository file; the message names the entry inside it.
    expect(annotation).toMatch(/^::error file=target\/acme-sink-1\.0\.nar::/);
    expect(annotation).toContain('acme-sink-1.0.nar!/META-INF/services/pulsar-io.yaml');
    expect(annotation).toMatch(/sinkClass/);
    const catalog = await fetch(`http://${registry.host}/v2/_catalog`);
    expect(((await catalog.json()) as { repositories: string[] }).repositories).toEqual([]);
  });
});
