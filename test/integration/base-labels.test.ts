/**
 * Issue 12 item 6: labels written into a base image are checked before they reach the built image,
 * `slipway inspect` and the log. A real base on a real registry carries a label whose value is a
 * line break followed by Markdown (a heading and a link) and one whose key is; both are left out
 * with one warning line each that names them, and the well-formed labels are kept.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

jest.setTimeout(120_000);

const FORGED = '### [Approved](https://evil.example/steal)';
const HOSTILE_LABELS = {
  'org.example.kept': 'an ordinary value: [docs](https://example.com) stays',
  'org.example.evil': `innocent\n${FORGED}`,
  'org.example.bell': 'ring\u0007',
  [`bad\n${FORGED}`]: 'value',
};

let reg: TestRegistry;
let work: string;
let base: string;

beforeAll(async () => {
  work = await makeTempDir('base-labels');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/hostile:1', { labels: HOSTILE_LABELS, marker: 'hostile' });
  base = `${reg.host}/base/hostile:1`;
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

/** No output line is (or starts) what a label tried to forge. */
function expectNoForgedLine(text: string): void {
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('###')).toBe(false);
  expect(text).not.toContain('\u0007');
}

test('a base with hostile labels builds; the hostile labels are left out with one line each', async () => {
  const dir = join(work, 'app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'payload.bin'), 'payload');
  const res = await runCli([
    'build',
    '--working-directory',
    dir,
    '--artifact',
    'payload.bin',
    '--artifact-path',
    '/data/',
    '--base-image',
    base,
    '--image',
    `${reg.host}/acme/app`,
    '--tags',
    '1',
    '--json',
  ]);
  expect(res.stderr).not.toContain('error');
  expect(res.code).toBe(0);
  const warnings = res.stderr.split('\n').filter((l) => l.includes('which is left out'));
  expect(warnings).toHaveLength(3);
  expect(warnings).toEqual(
    expect.arrayContaining([
      expect.stringContaining(
        `The base image ${base} has the label "org.example.evil", which is left out: its value holds a line break or control character; fix the label in the base image.`,
      ),
      expect.stringContaining('the label "org.example.bell", which is left out'),
      expect.stringContaining('the label "bad\\n### [Approved]'),
    ]),
  );
  expectNoForgedLine(res.stderr);
  expectNoForgedLine(res.stdout);

  const config = (await skopeoInspect(`${reg.host}/acme/app:1`, { config: true })) as {
    config: { Labels?: Record<string, string> };
  };
  const labels = config.config.Labels ?? {};
  expect(labels['org.example.kept']).toBe(HOSTILE_LABELS['org.example.kept']);
  expect(Object.keys(labels)).not.toContain('org.example.evil');
  expect(Object.keys(labels)).not.toContain('org.example.bell');
  expect(Object.keys(labels).some((k) => k.includes('\n'))).toBe(false);
  // The CI's labels are still written next to the base's.
  expect(Object.keys(labels).some((k) => k.startsWith('org.opencontainers.image.'))).toBe(true);
});

test('slipway inspect of the base prints no line a label wrote', async () => {
  const res = await runCli(['inspect', base]);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain(`org.example.kept=${HOSTILE_LABELS['org.example.kept']}`);
  expect(res.stdout).not.toContain('org.example.evil');
  expectNoForgedLine(res.stdout);
  expect(res.stderr).toContain('the label "org.example.evil", which is left out');
  expectNoForgedLine(res.stderr);
});

test('the raw base really carries the hostile labels (the control)', async () => {
  const config = (await skopeoInspect(base, { config: true })) as {
    config: { Labels?: Record<string, string> };
  };
  expect(config.config.Labels?.['org.example.evil']).toBe(HOSTILE_LABELS['org.example.evil']);
  expect(Object.keys(config.config.Labels ?? {})).toContain(`bad\n${FORGED}`);
});
