/**
 * `slipway discover` as a user runs it: a list, --json, --changed-since and the GitLab child
 * pipeline; bad input is one line and exit 2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { AIRBYTE_CONNECTORS, PULSAR_MODULES, createMonorepo } from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { removeTempDir } from '../fixtures/process';

let repo: Monorepo;
beforeAll(async () => {
  repo = await createMonorepo();
});
afterAll(async () => {
  await removeTempDir(repo.root);
});

const total = PULSAR_MODULES.length + 1 + AIRBYTE_CONNECTORS.length + 1;

it('lists every project, as lines or as JSON', async () => {
  const text = await runCli(['discover'], { cwd: repo.root });
  expect(text.code).toBe(0);
  expect(text.stdout.trim().split('\n')).toHaveLength(total);
  expect(text.stdout).toMatch(
    /^pulsar-io-kafka\tpulsar-sink\tpulsar-io\/kafka\tregistry\.example\.com\/connectors\/pulsar-io-kafka\t/m,
  );
  const json = await runCli(['discover', '--json', '--image-prefix', 'ghcr.io/acme'], {
    cwd: repo.root,
  });
  expect(json.code).toBe(0);
  const projects = (json.json as { projects: Array<{ name: string; image: string }> }).projects;
  expect(projects).toHaveLength(total);
  expect(projects.find((p) => p.name === 'pulsar-io-kafka')?.image).toBe(
    'ghcr.io/acme/pulsar-io-kafka',
  );
});

it('--changed-since selects what changed and writes a child pipeline for it', async () => {
  await repo.commit('touch alpha', { 'airbyte/source-alpha/README.md': 'alpha\n' });
  const file = join(repo.root, 'child.yml');
  const res = await runCli(
    [
      'discover',
      '--changed-since',
      'HEAD~1',
      '--json',
      '--gitlab-pipeline',
      file,
      '--gitlab-include',
      'local:gitlab/templates/slipway.yml',
    ],
    { cwd: repo.root },
  );
  expect(res.code).toBe(0);
  const projects = (res.json as { projects: Array<{ name: string; reasons: unknown[] }> }).projects;
  expect(projects.map((p) => p.name)).toEqual(['source-alpha']);
  const pipeline = readFileSync(file, 'utf8');
  expect(pipeline).toContain('local: "gitlab/templates/slipway.yml"');
  expect(pipeline).toContain('slipway-source-alpha:');
  expect(pipeline).toContain('slipway-summary:');
});

it('bad input: a missing include for the pipeline, an unknown ref', async () => {
  const noInclude = await runCli(['discover', '--gitlab-pipeline', 'x.yml'], { cwd: repo.root });
  expect(noInclude.code).toBe(2);
  expect(noInclude.stderr).toMatch(/--gitlab-include must say how/);
  const badRef = await runCli(['discover', '--changed-since', 'no-such-ref'], { cwd: repo.root });
  expect(badRef.code).toBe(2);
  expect(badRef.stderr.trim().split('\n')).toHaveLength(1);
  expect(badRef.stderr).toMatch(/no-such-ref/);
});
