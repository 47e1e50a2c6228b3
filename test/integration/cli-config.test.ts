/**
 * slipway.yaml in the working directory: any input under its name, between the defaults and the
 * environment; flags win; `slipway config` reports each value with its source, secrets masked.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = resolve(__dirname, '../..');

interface ConfigRow {
  name: string;
  value: string;
  source: string;
  from?: string;
}

let reg: TestRegistry;
let work: string;
beforeAll(async () => {
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
  work = await makeTempDir('cli-config');
  cpSync(join(root, 'examples/python-function/exclamation.py'), join(work, 'exclamation.py'));
});
afterAll(async () => {
  await reg.stop();
  await removeTempDir(work);
});

function writeConfig(name: string): void {
  writeFileSync(
    join(work, name),
    [
      `image: ${reg.host}/fn/from-file`,
      'tags: [1.0.0, stable]',
      'platforms: linux/arm64',
      `base-image: ${reg.host}/base/multi:1`,
      'artifact: exclamation.py',
      'pulsar-version: 4.0.5',
      '',
    ].join('\n'),
  );
}

it('a slipway.yaml setting image, tags and platforms is honoured', async () => {
  writeConfig('slipway.yaml');
  const res = await runCli(['build', '--json'], { cwd: work });
  expect(res.stderr).not.toMatch(/error/);
  expect(res.code).toBe(0);
  expect(res.json?.tags).toEqual(['1.0.0', 'stable']);
  expect(res.json?.platforms).toEqual(['linux/arm64']);
  const info = (await skopeoInspect(`${reg.host}/fn/from-file:stable`)) as {
    Architecture: string;
    Digest: string;
  };
  expect(info.Architecture).toBe('arm64');
  expect(info.Digest).toBe(res.json?.digest);
});

it('a flag overrides the file, and the environment sits between them', async () => {
  writeConfig('slipway.yaml');
  const res = await runCli(
    ['build', '--json', '--image', `${reg.host}/fn/from-flag`, '--tags', '2.0.0'],
    { cwd: work, env: { SLIPWAY_PLATFORMS: 'linux/amd64' } },
  );
  expect(res.code).toBe(0);
  expect(res.json?.image).toBe(`${reg.host}/fn/from-flag:2.0.0`);
  // SLIPWAY_PLATFORMS is not read: a dotenv report of an earlier job sets it as an output.
  expect(res.json?.platforms).toEqual(['linux/arm64']);
  const config = await runCli(['config', '--json', '--tags', '3.0.0'], {
    cwd: work,
    env: {
      SLIPWAY_ARTIFACT_PATH: '/opt/fn',
      SLIPWAY_PULSAR_VERSION: '4.0.9',
      SLIPWAY_PASSWORD: 'hunter2-not-shown',
    },
  });
  expect(config.code).toBe(0);
  const rows = (config.json as { inputs: ConfigRow[] }).inputs;
  const row = (name: string): ConfigRow | undefined => rows.find((r) => r.name === name);
  expect(row('image')).toEqual({
    name: 'image',
    value: `${reg.host}/fn/from-file`,
    source: 'file',
    from: 'slipway.yaml',
  });
  expect(row('platforms')).toMatchObject({ value: 'linux/arm64', source: 'file' });
  expect(row('tags')).toEqual({ name: 'tags', value: '3.0.0', source: 'flag', from: '--tags' });
  expect(row('artifact-path')).toEqual({
    name: 'artifact-path',
    value: '/opt/fn',
    source: 'environment',
    from: 'SLIPWAY_ARTIFACT_PATH',
  });
  expect(row('password')).toMatchObject({ value: '***', source: 'environment' });
  expect(config.stdout).not.toContain('hunter2');
  // The environment wins over the file.
  expect(row('pulsar-version')).toEqual({
    name: 'pulsar-version',
    value: '4.0.9',
    source: 'environment',
    from: 'SLIPWAY_PULSAR_VERSION',
  });
  expect(row('class-name')).toEqual({ name: 'class-name', value: '', source: 'default' });

  const text = await runCli(['config'], { cwd: work });
  expect(text.stdout).toMatch(/^image +\S+\/fn\/from-file +\(file: slipway\.yaml\)$/m);
});

it('.slipway.yaml works the same, and a bad entry names the file, the key and the fix', async () => {
  rmSync(join(work, 'slipway.yaml'));
  writeConfig('.slipway.yaml');
  const ok = await runCli(['config', '--json'], { cwd: work });
  expect(ok.code).toBe(0);
  const rows = (ok.json as { inputs: ConfigRow[] }).inputs;
  expect(rows.find((r) => r.name === 'tags')).toMatchObject({
    value: '1.0.0,stable',
    from: '.slipway.yaml',
  });
  writeFileSync(join(work, '.slipway.yaml'), 'imagee: x\n');
  const bad = await runCli(['config'], { cwd: work });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/\.slipway\.yaml.*unknown key "imagee"/);
  writeFileSync(join(work, '.slipway.yaml'), 'password: hunter2\n');
  const secret = await runCli(['config'], { cwd: work });
  expect(secret.code).toBe(2);
  expect(secret.stderr).toMatch(/password is a secret/);
  rmSync(join(work, '.slipway.yaml'));
});
