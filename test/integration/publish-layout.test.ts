/**
 * Issue 13: outputs are honest per publisher. With `output: oci:DIR` the CLI's JSON says
 * `"pushed": false` and gives the layout's references, never a registry image-ref, even for an
 * Airbyte connector whose metadata.yaml names a registry repository; the layout is what skopeo
 * reads there, and the registry received nothing. A dry run (`output: none`) gives no reference.
 */
import { join } from 'node:path';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { catalog, copyExample, slipway } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let work: string;
let base: string;

beforeAll(async () => {
  work = await makeTempDir('publish-layout');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/busybox:1');
  base = `${reg.host}/base/busybox:1`;
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

it('output oci:DIR reports pushed false and the layout reference, for an Airbyte connector with a registry repository', async () => {
  const dir = copyExample(work, 'airbyte-declarative-source');
  const layout = join(work, 'layout');
  const res = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--base-image',
    base,
    '--output',
    `oci:${layout}`,
    '--json',
  ]);
  expect(res.code).toBe(0);
  const digest = String(res.json?.digest);
  expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  expect(res.json?.pushed).toBe(false);
  expect(res.json?.image).toBe(`oci:${layout}:latest`); // outside CI the default tag is latest
  expect(res.json?.['image-ref']).toBe(`oci:${layout}@${digest}`);
  // No output names the registry repository of metadata.yaml (acme/source-pokeapi-example).
  expect(JSON.stringify(res.json)).not.toContain('acme/source-pokeapi-example');
  expect(await catalog(reg)).toEqual(['base/busybox']);
  // What the layout reference names is there, with that digest.
  const inspected = (await skopeoInspect(`oci:${layout}:latest`, { raw: true })) as {
    mediaType: string;
  };
  expect(inspected.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  const config = (await skopeoInspect(`oci:${layout}:latest`)) as { Digest: string };
  expect(config.Digest).toBe(digest);
});

it('a dry run reports pushed false and no reference at all', async () => {
  const dir = copyExample(work, 'airbyte-declarative-source');
  const res = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--base-image',
    base,
    '--output',
    'none',
    '--json',
  ]);
  expect(res.code).toBe(0);
  expect(res.json?.pushed).toBe(false);
  expect(res.json?.image).toBe('');
  expect(res.json?.['image-ref']).toBe('');
  expect(String(res.json?.digest)).toMatch(/^sha256:[a-f0-9]{64}$/);
  expect(await catalog(reg)).toEqual(['base/busybox']);
});
